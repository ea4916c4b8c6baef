using System.CommandLine;
using System.CommandLine.Parsing;
using Ops.Domain;
using Ops.Pglogical;
using Ops.Pglogical.Connection;
using Ops.Pglogical.Inventory;
using Ops.Pglogical.Output;
using Ops.Pglogical.Planning;

namespace Ops.Cli;

/// <summary><c>ops pglogical inventory|plan|check|apply</c>: the generic domain command (<see cref="DomainCommand"/>) over
/// <see cref="PglogicalDomain"/>, a staged domain: <c>plan</c> is its first stage (the replication plan, no model),
/// <c>check</c> model-checks that plan, <c>apply</c> checks and runs it; <c>inventory</c> is what it observes, saved for
/// <c>--inventory FILE</c>. The configuration is the options (the selection and the rules), not a file.</summary>
public static class PglogicalCommand
{
    public const string Details = """
        inventory  what the provider holds: tables, partitions, keys, sequences, replication sets
                   (--json FILE saves it for plan and check --inventory FILE, offline)
        plan       every table and sequence assigned to a replication set or excluded with the reason,
                   and the SQL (one transaction) that does it
        check      model-check the plan: does the subscriber end up equal to the provider?
        apply      plan, check and run the SQL on the provider in one transaction (all or nothing);
                   a second apply changes nothing
        plan --save FILE keeps the plan (inventory, options, items; no password) for check --plan FILE and
        apply --plan FILE, which continue from it instead of planning again.

        --connection takes libpq "host=... port=... dbname=... user=...", a postgresql:// URI or an Npgsql
        string; missing parts come from PGHOST, PGPORT, PGDATABASE, PGUSER, PGPASSWORD (passwords are never
        printed). Patterns read as psql's: schema.table, unquoted parts fold to lower case, * and ? wildcards,
        "Quoted" parts exact; a pattern without a dot names a schema. Rules given by --set, --row-filter,
        --columns, --writes, --insert-only and --rules apply in the order given (the later wins).

        Exit codes: 0 ok, 1 error (connection, plan problem, failed apply: nothing applied),
        2 usage, 12 the check found a way for the subscriber to differ.
        """;

    /// <summary><c>ops pglogical inventory|plan|check|apply</c>.</summary>
    public static OpsCommand Create(CliContext ctx)
    {
        var options = new Dictionary<Command, VerbOptions>();
        VerbOptions Of(ParseResult r) => options[r.CommandResult.Command];
        return DomainCommand.Create(ctx, new DomainCommandSpec<PlanOptions, ReplicationPlan, PglogicalReport>
        {
            Name = "pglogical",
            Description = "Plan, check and apply pglogical replication sets for a whole database.",
            Details = Details,
            Words = PglogicalDomain.Words,
            PlanDescription = "Every table and sequence assigned to a replication set or excluded with the reason, and the SQL that does it.",
            CheckDescription = "Model-check the plan: does the subscriber end up equal to the provider?",
            ApplyDescription = "Plan, check and run the SQL on the provider in one transaction (all or nothing); a second apply changes nothing.",
            DryRunAliases = new[] { "--whatif" },
            AcceptModelFindings = ("allow-divergence", "apply even when the check finds a divergence"),
            MoreVerbs = c => new[] { InventoryVerb(c) },
            AddOptions = (verb, _) => options[verb] = VerbOptions.Add(verb),
            Configure = r => Of(r).Configure(r),
            Validate = (r, _) => Of(r).Validate(r),
            Open = (r, _, _, _) => Of(r).Open(r),
            SaveStage = PlanFile.Save,
            LoadStage = PlanFile.Load,
            OpenStage = (r, _, plan) => Of(r).Open(r, plan),
            IsFailure = PglogicalDomain.IsFailure,
            PlanText = PlanText.Plan,
            PlanJson = plan => PlanText.ToJson(new
            {
                plan.Items, plan.Problems, plan.Warnings, plan.CreateExtension, plan.CreateNodeName, NodeDsn = plan.CreateNodeDsnDisplay, plan.CreateSets,
                Summary = plan.Summary(),
            }),
            PlanTextToStderr = r => r.GetValue<string>("--sql") == "-",
            FinishPlan = (r, plan, text, stdout, _) =>
            {
                var sql = PglogicalService.Sql(plan);
                if (r.GetValue<string>("--sql") is { } target) DomainCommand.Write(target, sql, stdout);
                else if (r.GetValue<string>("--json") == null)
                {
                    stdout.WriteLine();
                    stdout.Write(sql);
                }
                WriteHtml(r, plan, null, text);
                return null;
            },
            Finish = (r, report, text, _) =>
            {
                if (r.CommandResult.Command.Name == "check") WriteHtml(r, report.Replication, report.ModelCheck, text);
                return null;
            },
        });
    }

    private static void WriteHtml(ParseResult r, ReplicationPlan plan, Ops.Pglogical.Model.ModelCheckReport check, TextWriter text)
    {
        if (r.GetValue<string>("--html") is not { } html || plan == null) return;
        PlanHtml.WriteFile(html, plan, check);
        text.WriteLine($"The report was written to {html} (HTML).");
    }

    /// <summary>The provider: <c>--connection</c> (and the PG* variables).</summary>
    private static Option<string> Connection() =>
        CliOptions.Value("connection", "CONN", "libpq \"host=... dbname=...\", a postgresql:// URI or an Npgsql string; missing parts from PGHOST, PGPORT, ...",
            false, "-c");

    private static PgConnectionSettings Settings(string connection) => PgConnectionSettings.Parse(connection, EnvironmentOptions.VariablesTable());

    /// <summary><c>ops pglogical inventory</c>: what the provider holds, as text or (<c>--json</c>) the JSON that
    /// <c>--inventory FILE</c> reads back.</summary>
    private static OpsCommand InventoryVerb(CliContext ctx)
    {
        var verb = new OpsCommand("inventory", "What the provider holds: tables, partitions, keys, sequences, replication sets.");
        var connection = Connection();
        var json = CliOptions.Json("write the inventory as JSON to FILE (- for stdout: the text is then left out)");
        verb.Add(connection);
        verb.Add(json);
        verb.SetAction(r =>
        {
            try
            {
                var inventory = PglogicalService.ReadInventory(Settings(r.GetValue(connection)));
                var target = r.GetValue(json);
                if (target != null) DomainCommand.Write(target, PlanText.ToJson(inventory), ctx.Out);
                if (target != "-") ctx.Out.Write(PlanText.Inventory(inventory));
                return (int)Ops.Tla.ExitStatus.Success;
            }
            catch (Exception e) when (PglogicalDomain.IsFailure(e))
            {
                ctx.Err.WriteLine($"ops pglogical inventory: {PglogicalDomain.Words.Redact(e.Message)}");
                return PglogicalDomain.ExitCodes.Failure;
            }
        });
        return verb;
    }

    /// <summary>A pglogical rule option's value as given: its token (for the order of the rules across options) and the
    /// rules it makes.</summary>
    private sealed record Given(Token Token, TableRule[] Rules);

    /// <summary>The options of one of plan, check and apply: the provider (or a saved inventory), the selection and the
    /// rules, and the verb's own.</summary>
    private sealed class VerbOptions
    {
        private Option<string> _connection, _inventory, _keepModel, _html;
        private Option<NamePattern[]> _include, _exclude;
        private Option<Given[]>[] _rules;
        private Option<bool> _strict, _noSync, _noSequences;
        private Option<string> _defaultSet, _insertOnlySet, _sequenceSet, _createNode, _nodeDsn;
        private Option<SetDefinition[]> _createSets;
        private Option<int> _modelOps;
        private string _verb;

        public static VerbOptions Add(Command verb)
        {
            var o = new VerbOptions { _verb = verb.Name };
            verb.Add(o._connection = Connection());
            verb.Add(o._inventory = CliOptions.Value("inventory", "FILE", o._verb == "apply"
                ? "(plan and check only: apply needs the live database)"
                : "plan or check from a saved inventory (ops pglogical inventory --json FILE)"));
            verb.Add(o._include = Patterns("include", "only these (repeatable); partitions follow their partitioned table"));
            verb.Add(o._exclude = Patterns("exclude", "never these (repeatable)"));
            o._rules = new[]
            {
                Rule("set", "PATTERN=SET", "put these tables in SET", (text, flag) =>
                {
                    var (pattern, value) = SplitRule(text, flag);
                    return new TableRule { Pattern = NamePattern.Parse(pattern), Set = value.Trim(), Source = flag };
                }),
                Rule("row-filter", "PATTERN=EXPR", "replicate only rows where EXPR holds (checked against the catalog)", (text, flag) =>
                {
                    var (pattern, value) = SplitRule(text, flag);
                    return new TableRule { Pattern = NamePattern.Parse(pattern), RowFilter = value, Source = flag };
                }),
                Rule("columns", "PATTERN=a,b", "replicate only these columns (must keep the replica identity columns)", (text, flag) =>
                {
                    var (pattern, value) = SplitRule(text, flag);
                    return new TableRule { Pattern = NamePattern.Parse(pattern), Columns = PlanOptions.ParseColumnList(value, flag), Source = flag };
                }),
                Rule("writes", "PATTERN=OPS", "what happens to these tables on the provider (insert,update,delete,truncate)", (text, flag) =>
                {
                    var (pattern, value) = SplitRule(text, flag);
                    return new TableRule { Pattern = NamePattern.Parse(pattern), Writes = PlanOptions.ParseOperations(value, flag), Source = flag };
                }),
                Rule("insert-only", "PATTERN", "these tables are only ever inserted into (same as --writes PATTERN=insert)", (text, flag) =>
                    new TableRule { Pattern = NamePattern.Parse(text), Writes = new HashSet<string> { "INSERT" }, Source = flag }),
                RuleFile(),
            };
            foreach (var r in o._rules) verb.Add(r);
            verb.Add(o._strict = CliOptions.Flag("strict", "a table without a primary key is an error, not default_insert_only"));
            verb.Add(o._noSync = CliOptions.Flag("no-sync", "synchronize_data := false (no initial copy)"));
            verb.Add(o._noSequences = CliOptions.Flag("no-sequences", "do not add sequences"));
            verb.Add(o._defaultSet = CliOptions.Value("default-set", "NAME", "set for tables with a key (default: default)"));
            verb.Add(o._insertOnlySet = CliOptions.Value("insert-only-set", "NAME", "set for tables without a key (default: default_insert_only)"));
            verb.Add(o._sequenceSet = CliOptions.Value("sequence-set", "NAME", "set for sequences (default: default)"));
            verb.Add(o._createSets = CreateSets());
            verb.Add(o._createNode = CliOptions.Value("create-node", "NAME", "create the pglogical extension and node with the plan"));
            verb.Add(o._nodeDsn = CliOptions.Value("node-dsn", "DSN", "the DSN for the subscribers to reach the provider (with --create-node)"));
            verb.Add(o._modelOps = ModelOperations());
            switch (o._verb)
            {
                case "plan":
                    verb.Add(CliOptions.Value("sql", "FILE|-", "write the SQL to FILE (- for stdout; the plan's text then goes to stderr)", dashForStdout: true));
                    verb.Add(o._html = CliOptions.OutputFile("html", "also write a self-contained HTML report: the plan table, its problems and warnings (passwords masked)"));
                    break;
                case "check":
                    verb.Add(o._keepModel = CliOptions.Value("keep-model", "DIR", "keep the generated models (one .tla/.cfg per kind of table) in DIR"));
                    verb.Add(o._html = CliOptions.OutputFile("html", "also write a self-contained HTML report: the plan table and the check's divergences (passwords masked)"));
                    break;
            }
            return o;
        }

        /// <summary>The plan options: the selection, the rules in the order given across their options, the sets.</summary>
        public PlanOptions Configure(ParseResult r)
        {
            var o = new PlanOptions
            {
                Strict = r.GetValue(_strict), SynchronizeData = !r.GetValue(_noSync), IncludeSequences = !r.GetValue(_noSequences),
                CreateNodeName = r.GetValue(_createNode), NodeDsn = r.GetValue(_nodeDsn), ModelOperations = r.GetValue(_modelOps),
            };
            if (r.GetValue(_defaultSet) is { } defaultSet) o.DefaultSet = defaultSet;
            if (r.GetValue(_insertOnlySet) is { } insertOnlySet) o.InsertOnlySet = insertOnlySet;
            if (r.GetValue(_sequenceSet) is { } sequenceSet) o.SequenceSet = sequenceSet;
            o.Include.AddRange(r.GetValue(_include) ?? Array.Empty<NamePattern>());
            o.Exclude.AddRange(r.GetValue(_exclude) ?? Array.Empty<NamePattern>());
            o.CreateSets.AddRange(r.GetValue(_createSets) ?? Array.Empty<SetDefinition>());
            // Among rules naming the same table the later wins, so they keep the command line's order across options.
            var tokens = r.Tokens;
            int Position(Token t)
            {
                for (int i = 0; i < tokens.Count; i++)
                    if (ReferenceEquals(tokens[i], t)) return i;
                return int.MaxValue;
            }
            o.Rules.AddRange(_rules.SelectMany(option => r.GetValue(option) ?? Array.Empty<Given>()).OrderBy(g => Position(g.Token)).SelectMany(g => g.Rules));
            return o;
        }

        /// <summary>What the parser cannot see: a saved inventory given to apply, an HTML file that cannot be written.</summary>
        public string Validate(ParseResult r)
        {
            if (_verb == "apply" && r.GetValue(_inventory) != null)
                return "--inventory cannot be used with apply: it needs the live database" + Environment.NewLine + "  fix: pass --connection instead";
            if (_html != null && r.GetValue(_html) is { } html && Ops.Tla.Output.OutputFiles.Problem(html) is { } problem)
                return $"cannot write --html {html}: {problem}" + Environment.NewLine + "  fix: give a file in a folder that exists";
            return null;
        }

        /// <summary>The domain for a plan saved earlier (<c>--plan FILE</c>): check needs only the plan's inventory, apply
        /// the live provider.</summary>
        public IDomainSession<PlanOptions, ReplicationPlan, PglogicalReport> Open(ParseResult r, ReplicationPlan plan) =>
            new DomainSession<PlanOptions, ReplicationPlan, PglogicalReport>(_verb == "apply"
                ? new PglogicalDomain(Settings(r.GetValue(_connection)))
                : new PglogicalDomain(plan.Inventory, _keepModel == null ? null : r.GetValue(_keepModel)));

        /// <summary>The domain on the live provider, or on the saved inventory <c>--inventory</c> names.</summary>
        public IDomainSession<PlanOptions, ReplicationPlan, PglogicalReport> Open(ParseResult r)
        {
            var keepModel = _keepModel == null ? null : r.GetValue(_keepModel);
            PglogicalDomain domain;
            if (r.GetValue(_inventory) is { } file)
            {
                string text;
                try { text = File.ReadAllText(file); }
                catch (IOException e) { throw new PglogicalException("inventory", $"cannot read {file}: {e.Message}", "check the path given to --inventory"); }
                domain = new PglogicalDomain(PlanText.InventoryFromJson(text, file, "--inventory"), keepModel);
            }
            else domain = new PglogicalDomain(Settings(r.GetValue(_connection)), keepModel);
            return new DomainSession<PlanOptions, ReplicationPlan, PglogicalReport>(domain);
        }

        private static string Error(PglogicalException e) => e.Fix == null ? e.Problem : e.Problem + Environment.NewLine + "  fix: " + e.Fix;

        /// <summary>A repeatable option whose every value is a pattern.</summary>
        private static Option<NamePattern[]> Patterns(string name, string description)
        {
            var o = CliOptions.Make<NamePattern[]>(name, "PATTERN", description);
            o.CustomParser = r =>
            {
                var patterns = new List<NamePattern>();
                foreach (var t in r.Tokens)
                {
                    try { patterns.Add(NamePattern.Parse(t.Value)); }
                    catch (PglogicalException e) { r.AddError(Error(e)); }
                }
                return patterns.ToArray();
            };
            return o;
        }

        /// <summary>A repeatable option whose every value makes a rule.</summary>
        private static Option<Given[]> Rule(string name, string helpName, string description, Func<string, string, TableRule> parse) =>
            Rules(name, helpName, description, (text, flag) => new[] { parse(text, flag) });

        private static Option<Given[]> Rules(string name, string helpName, string description, Func<string, string, TableRule[]> parse)
        {
            var o = CliOptions.Make<Given[]>(name, helpName, description);
            o.CustomParser = r =>
            {
                var given = new List<Given>();
                foreach (var t in r.Tokens)
                {
                    try { given.Add(new Given(t, parse(t.Value, "--" + name))); }
                    catch (PglogicalException e) { r.AddError(Error(e)); }
                }
                return given.ToArray();
            };
            return o;
        }

        /// <summary><c>--rules FILE</c>: the rules of a CSV file (a file that cannot be read is a usage error, exit 2).</summary>
        private static Option<Given[]> RuleFile() =>
            Rules("rules", "FILE", "per-table rules, CSV: schema,table,set,row_filter,columns,synchronize_data,writes",
                (path, _) => RulesFile.Read(path).ToArray());

        /// <summary><c>--create-set NAME[=OPS]</c>.</summary>
        private static Option<SetDefinition[]> CreateSets()
        {
            var o = CliOptions.Make<SetDefinition[]>("create-set", "NAME[=OPS]", "create a replication set with the plan (OPS: insert,update,delete,truncate; default all)");
            o.CustomParser = r =>
            {
                var sets = new List<SetDefinition>();
                foreach (var t in r.Tokens)
                {
                    var eq = t.Value.IndexOf('=');
                    try
                    {
                        sets.Add(eq < 0
                            ? new SetDefinition { Name = t.Value }
                            : new SetDefinition { Name = t.Value[..eq], Operations = PlanOptions.ParseOperations(t.Value[(eq + 1)..], "--create-set") });
                    }
                    catch (PglogicalException e) { r.AddError(Error(e)); }
                }
                return sets.ToArray();
            };
            return o;
        }

        /// <summary><c>--model-ops N</c>: provider operations per behaviour in the model, 1 to 8.</summary>
        private static Option<int> ModelOperations()
        {
            var o = CliOptions.Make<int>("model-ops", "N", "provider operations per behaviour in the model, 1 to 8");
            o.DefaultValueFactory = _ => new PlanOptions().ModelOperations;
            o.CustomParser = r =>
            {
                var v = r.Tokens.Count > 0 ? r.Tokens[^1].Value : "";
                if (int.TryParse(v, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var n) && n is > 0 and <= 8)
                    return n;
                r.AddError($"{CliOptions.Spelling(r)} '{v}' is not a number from 1 to 8" + Environment.NewLine + "  fix: e.g. --model-ops 3");
                return 0;
            };
            return o;
        }
    }

    /// <summary>PATTERN=VALUE (an <c>=</c> inside a "quoted" part belongs to the pattern).</summary>
    private static (string Pattern, string Value) SplitRule(string text, string flag)
    {
        bool quoted = false;
        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] == '"') quoted = !quoted;
            else if (text[i] == '=' && !quoted) return (text[..i], text[(i + 1)..]);
        }
        throw new PglogicalException("usage", $"{flag} '{text}' has no '='", $"write {flag} PATTERN=VALUE, e.g. {flag} public.orders=...");
    }
}
