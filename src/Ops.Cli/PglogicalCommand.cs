using System.CommandLine;
using Ops.Pglogical;
using Ops.Pglogical.Connection;
using Ops.Pglogical.Inventory;
using Ops.Pglogical.Model;
using Ops.Pglogical.Output;
using Ops.Pglogical.Planning;

namespace Ops.Cli;

/// <summary>`ops pglogical inventory|plan|check|apply`: thin over Ops.Pglogical.</summary>
public static class PglogicalCommand
{
    public const int Ok = 0, Failed = 1, UsageError = 2, Divergent = 12;

    public const string Usage = """
        usage: ops pglogical inventory [--connection CONN] [--json FILE|-]
               ops pglogical plan      [--connection CONN | --inventory FILE] [selection] [--sql FILE|-] [--json FILE|-] [--html FILE]
               ops pglogical check     [--connection CONN | --inventory FILE] [selection] [--keep-model DIR] [--html FILE]
               ops pglogical apply     [--connection CONN] [selection] [--dry-run] [--allow-divergence]

          inventory  what the provider holds: tables, partitions, keys, sequences, replication sets
          plan       every table and sequence assigned to a replication set or excluded with the reason,
                     and the SQL (one transaction) that does it
          check      model-check the plan: does the subscriber end up equal to the provider?
          apply      plan, check and run the SQL on the provider in one transaction (all or nothing);
                     a second apply changes nothing

        report (plan, check):
          --html FILE            also write a self-contained HTML page: the plan table, its problems and
                                 warnings, and for check the model check's divergences (passwords masked)

        connection:
          --connection CONN      libpq "host=... port=... dbname=... user=...", a postgresql:// URI or
                                 an Npgsql string; missing parts come from PGHOST, PGPORT, PGDATABASE,
                                 PGUSER, PGPASSWORD (passwords are never printed)
          --inventory FILE       plan or check from a saved inventory (ops pglogical inventory --json FILE)
        selection (patterns as psql's: schema.table, unquoted parts fold to lower case, * and ?
        wildcards, "Quoted" parts exact; a pattern without a dot names a schema):
          --include PATTERN      only these (repeatable); partitions follow their partitioned table
          --exclude PATTERN      never these (repeatable)
          --set PATTERN=SET      put these tables in SET
          --row-filter PATTERN=EXPR   replicate only rows where EXPR holds (checked against the catalog)
          --columns PATTERN=a,b  replicate only these columns (must keep the replica identity columns)
          --writes PATTERN=OPS   what happens to these tables on the provider (insert,update,delete,truncate)
          --insert-only PATTERN  these tables are only ever inserted into (same as --writes P=insert)
          --rules FILE           per-table rules, CSV: schema,table,set,row_filter,columns,synchronize_data,writes
          --strict               a table without a primary key is an error, not default_insert_only
          --no-sync              synchronize_data := false (no initial copy)
          --no-sequences         do not add sequences
          --default-set NAME     set for tables with a key (default: default)
          --insert-only-set NAME set for tables without a key (default: default_insert_only)
          --sequence-set NAME    set for sequences (default: default)
          --create-set NAME[=OPS]  create a replication set with the plan
          --create-node NAME     create the pglogical extension and node with the plan...
          --node-dsn DSN         ...with this DSN for the subscribers to reach the provider
          --model-ops N          provider operations per behaviour in the model (default 3)
        apply:
          --dry-run              print what would run; change nothing
          --allow-divergence     apply even when the check finds a divergence

        Exit codes: 0 ok, 1 error (connection, plan problem, failed apply: nothing applied),
        2 usage, 12 the check found a way for the subscriber to differ.
        """;

    /// <summary><c>ops pglogical inventory|plan|check|apply</c>. Its arguments are still read by <see cref="Run"/>; the
    /// options declared here serve help and completion.</summary>
    public static OpsCommand Create(CliContext ctx)
    {
        var command = new OpsCommand("pglogical", "Plan, check and apply pglogical replication sets for a whole database.")
        {
            Details = Usage,
            UsageExitCode = UsageError,
            PassThrough = args => Run(args, ctx.Out, ctx.Err),
        };
        static Option<string> V(string name, string value, string help, params string[] aliases)
        {
            var o = CliOptions.Make<string>(name, value, help, aliases);
            return o;
        }
        Option[] Connection() => new Option[]
        {
            V("connection", "CONN", "libpq \"host=... dbname=...\", a postgresql:// URI or an Npgsql string; missing parts from PGHOST, PGPORT, ...", "-c"),
        };
        Option[] Saved() => new Option[] { V("inventory", "FILE", "plan or check from a saved inventory (ops pglogical inventory --json FILE)") };
        Option[] Selection() => new Option[]
        {
            V("include", "PATTERN", "only these (repeatable); partitions follow their partitioned table"),
            V("exclude", "PATTERN", "never these (repeatable)"),
            V("set", "PATTERN=SET", "put these tables in SET"),
            V("row-filter", "PATTERN=EXPR", "replicate only rows where EXPR holds"),
            V("columns", "PATTERN=a,b", "replicate only these columns"),
            V("writes", "PATTERN=OPS", "what happens to these tables on the provider (insert,update,delete,truncate)"),
            V("insert-only", "PATTERN", "these tables are only ever inserted into"),
            V("rules", "FILE", "per-table rules, CSV: schema,table,set,row_filter,columns,synchronize_data,writes"),
            CliOptions.Flag("strict", "a table without a primary key is an error, not default_insert_only"),
            CliOptions.Flag("no-sync", "synchronize_data := false (no initial copy)"),
            CliOptions.Flag("no-sequences", "do not add sequences"),
            V("default-set", "NAME", "set for tables with a key (default: default)"),
            V("insert-only-set", "NAME", "set for tables without a key (default: default_insert_only)"),
            V("sequence-set", "NAME", "set for sequences (default: default)"),
            V("create-set", "NAME[=OPS]", "create a replication set with the plan"),
            V("create-node", "NAME", "create the pglogical extension and node with the plan"),
            V("node-dsn", "DSN", "the DSN for the subscribers to reach the provider (with --create-node)"),
            V("model-ops", "N", "provider operations per behaviour in the model (default 3)"),
        };
        Option Html() => V("html", "FILE", "also write a self-contained HTML report");
        void Verb(string name, string description, params Option[][] groups)
        {
            var verb = new OpsCommand(name, description);
            foreach (var o in groups.SelectMany(g => g)) verb.Add(o);
            command.Add(verb);
        }
        Verb("inventory", "What the provider holds: tables, partitions, keys, sequences, replication sets.",
            Connection(), new Option[] { V("json", "FILE|-", "write the inventory as JSON (- for stdout)") });
        Verb("plan", "Every table and sequence assigned to a replication set or excluded with the reason, and the SQL that does it.",
            Connection(), Saved(), Selection(), new[] { V("sql", "FILE|-", "write the SQL to FILE (- for stdout)"), V("json", "FILE|-", "write the plan as JSON"), Html() });
        Verb("check", "Model-check the plan: does the subscriber end up equal to the provider?",
            Connection(), Saved(), Selection(), new[] { V("keep-model", "DIR", "keep the generated model in DIR"), Html() });
        Verb("apply", "Plan, check and run the SQL on the provider in one transaction (all or nothing); a second apply changes nothing.",
            Connection(), Selection(), new Option[]
            {
                CliOptions.Flag("dry-run", "print what would run; change nothing", "--whatif"),
                CliOptions.Flag("allow-divergence", "apply even when the check finds a divergence"),
            });
        return command;
    }

    private sealed class Args
    {
        public string Verb;
        public string Connection;
        public string InventoryFile;
        public string Sql;
        public string Json;
        public string KeepModel;
        public string Html;
        public bool DryRun;
        public bool AllowDivergence;
        public PlanOptions Options = new();
    }

    public static int Run(string[] argv, TextWriter stdout, TextWriter stderr)
    {
        if (argv.Length == 0 || argv[0] is "-h" or "--help" or "help")
        {
            stdout.WriteLine(Usage);
            return argv.Length == 0 ? UsageError : Ok;
        }
        Args a;
        try
        {
            a = Parse(argv);
        }
        catch (PglogicalException e)
        {
            stderr.WriteLine($"ops pglogical: {e.Problem}");
            if (e.Fix != null) stderr.WriteLine($"  fix: {e.Fix}");
            return UsageError;
        }
        try
        {
            return a.Verb switch
            {
                "inventory" => Inventory(a, stdout),
                "plan" => PlanCmd(a, stdout, stderr),
                "check" => CheckCmd(a, stdout, stderr),
                "apply" => ApplyCmd(a, stdout, stderr),
                _ => throw new InvalidOperationException(),
            };
        }
        catch (PglogicalException e)
        {
            stderr.WriteLine($"ops pglogical {a.Verb}: {PgConnectionSettings.MaskText(e.Problem)}");
            if (e.Fix != null) stderr.WriteLine($"  fix: {e.Fix}");
            return Failed;
        }
        catch (Exception e) when (e is Npgsql.NpgsqlException or IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"ops pglogical {a.Verb}: {PgConnectionSettings.MaskText(e.Message)}");
            return Failed;
        }
    }

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

    private static Args Parse(string[] argv)
    {
        var a = new Args { Verb = argv[0] };
        if (a.Verb is not ("inventory" or "plan" or "check" or "apply"))
            throw new PglogicalException("usage", $"unknown command '{a.Verb}'", "use one of: inventory, plan, check, apply (ops pglogical --help)");
        var o = a.Options;
        for (int i = 1; i < argv.Length; i++)
        {
            var flag = argv[i];
            string Value()
            {
                if (i + 1 >= argv.Length) throw new PglogicalException("usage", $"{flag} needs a value", "see ops pglogical --help");
                return argv[++i];
            }
            TableRule Rule(string pattern, string source) => new() { Pattern = NamePattern.Parse(pattern), Source = source };
            switch (flag)
            {
                case "--connection": case "-c": a.Connection = Value(); break;
                case "--inventory": a.InventoryFile = Value(); break;
                case "--include": o.Include.Add(NamePattern.Parse(Value())); break;
                case "--exclude": o.Exclude.Add(NamePattern.Parse(Value())); break;
                case "--set":
                {
                    var (p, v) = SplitRule(Value(), flag);
                    var r = Rule(p, flag);
                    r.Set = v.Trim();
                    o.Rules.Add(r);
                    break;
                }
                case "--row-filter":
                {
                    var (p, v) = SplitRule(Value(), flag);
                    var r = Rule(p, flag);
                    r.RowFilter = v;
                    o.Rules.Add(r);
                    break;
                }
                case "--columns":
                {
                    var (p, v) = SplitRule(Value(), flag);
                    var r = Rule(p, flag);
                    r.Columns = PlanOptions.ParseColumnList(v, flag);
                    o.Rules.Add(r);
                    break;
                }
                case "--writes":
                {
                    var (p, v) = SplitRule(Value(), flag);
                    var r = Rule(p, flag);
                    r.Writes = PlanOptions.ParseOperations(v, flag);
                    o.Rules.Add(r);
                    break;
                }
                case "--insert-only":
                {
                    var r = Rule(Value(), flag);
                    r.Writes = new HashSet<string> { "INSERT" };
                    o.Rules.Add(r);
                    break;
                }
                case "--rules": o.Rules.AddRange(RulesFile.Read(Value())); break;
                case "--strict": o.Strict = true; break;
                case "--no-sync": o.SynchronizeData = false; break;
                case "--no-sequences": o.IncludeSequences = false; break;
                case "--default-set": o.DefaultSet = Value(); break;
                case "--insert-only-set": o.InsertOnlySet = Value(); break;
                case "--sequence-set": o.SequenceSet = Value(); break;
                case "--create-set":
                {
                    var v = Value();
                    var eq = v.IndexOf('=');
                    o.CreateSets.Add(eq < 0
                        ? new SetDefinition { Name = v }
                        : new SetDefinition { Name = v[..eq], Operations = PlanOptions.ParseOperations(v[(eq + 1)..], flag) });
                    break;
                }
                case "--create-node": o.CreateNodeName = Value(); break;
                case "--node-dsn": o.NodeDsn = Value(); break;
                case "--model-ops":
                {
                    var v = Value();
                    o.ModelOperations = int.TryParse(v, out var n) && n is > 0 and <= 8 ? n : throw new PglogicalException("usage", $"--model-ops '{v}' is not a number from 1 to 8", "e.g. --model-ops 3");
                    break;
                }
                case "--sql": a.Sql = Value(); break;
                case "--json": a.Json = Value(); break;
                case "--keep-model": a.KeepModel = Value(); break;
                case "--html": case "-html": a.Html = Value(); break;
                case "--dry-run": case "--whatif": a.DryRun = true; break;
                case "--allow-divergence": a.AllowDivergence = true; break;
                default:
                    throw new PglogicalException("usage", $"unknown option {flag}", "see ops pglogical --help");
            }
        }
        if (a.Html != null && a.Verb is not ("plan" or "check"))
            throw new PglogicalException("usage", $"--html is for plan and check, not {a.Verb}", "run ops pglogical plan --html FILE or ops pglogical check --html FILE");
        if (a.Html != null && Ops.Tla.Output.OutputFiles.Problem(a.Html) is { } problem)
            throw new PglogicalException("usage", $"cannot write --html {a.Html}: {problem}", "give a file in a folder that exists");
        if (a.InventoryFile != null && a.Verb is "apply" or "inventory")
            throw new PglogicalException("usage", $"--inventory cannot be used with {a.Verb}: it needs the live database", "pass --connection instead");
        return a;
    }

    private static PgConnectionSettings Settings(Args a) => PgConnectionSettings.Parse(a.Connection, EnvironmentOptions.VariablesTable());

    private static void Write(string target, string text, TextWriter stdout)
    {
        if (target == "-") stdout.WriteLine(text);
        else File.WriteAllText(target, text);
    }

    private static int Inventory(Args a, TextWriter stdout)
    {
        var inv = PglogicalService.ReadInventory(Settings(a));
        if (a.Json != null) Write(a.Json, PlanText.ToJson(inv), stdout);
        if (a.Json != "-") stdout.Write(PlanText.Inventory(inv));
        return Ok;
    }

    private static ReplicationPlan MakePlan(Args a)
    {
        if (a.InventoryFile == null) return PglogicalService.Plan(Settings(a), a.Options);
        string text;
        try { text = File.ReadAllText(a.InventoryFile); }
        catch (IOException e) { throw new PglogicalException("inventory", $"cannot read {a.InventoryFile}: {e.Message}", "check the path given to --inventory"); }
        return PglogicalService.Plan(PlanText.InventoryFromJson(text), a.Options);
    }

    private static int PlanCmd(Args a, TextWriter stdout, TextWriter stderr)
    {
        var plan = MakePlan(a);
        var text = a.Json == "-" || a.Sql == "-" ? stderr : stdout;
        text.Write(PlanText.Plan(plan));
        if (a.Json != null) Write(a.Json, PlanText.ToJson(new { plan.Items, plan.Problems, plan.Warnings, plan.CreateExtension, plan.CreateNodeName, NodeDsn = plan.CreateNodeDsnDisplay, plan.CreateSets, Summary = plan.Summary() }), stdout);
        var sql = PglogicalService.Sql(plan);
        if (a.Sql != null) Write(a.Sql, sql, stdout);
        else if (a.Json == null) { stdout.WriteLine(); stdout.Write(sql); }
        if (a.Html != null)
        {
            PlanHtml.WriteFile(a.Html, plan);
            text.WriteLine($"The report was written to {a.Html} (HTML).");
        }
        return plan.IsValid ? Ok : Failed;
    }

    private static int CheckCmd(Args a, TextWriter stdout, TextWriter stderr)
    {
        var plan = MakePlan(a);
        stdout.WriteLine(plan.Summary());
        foreach (var p in plan.Problems) stderr.WriteLine("error: " + p);
        var report = PglogicalService.Check(plan, a.KeepModel);
        stdout.Write(PlanText.Check(report));
        if (a.Html != null)
        {
            PlanHtml.WriteFile(a.Html, plan, report);
            stdout.WriteLine($"The report was written to {a.Html} (HTML).");
        }
        if (!plan.IsValid) return Failed;
        return report.Passed ? Ok : Divergent;
    }

    private static int ApplyCmd(Args a, TextWriter stdout, TextWriter stderr)
    {
        var settings = Settings(a);
        var plan = PglogicalService.Plan(settings, a.Options);
        stdout.Write(PlanText.Plan(plan));
        if (!plan.IsValid)
        {
            stderr.WriteLine($"ops pglogical apply: the plan has {plan.Problems.Count} problem(s); nothing was applied");
            return Failed;
        }
        ModelCheckReport report = null;
        if (plan.HasChanges)
        {
            report = PglogicalService.Check(plan);
            stdout.Write(PlanText.Check(report));
            if (!report.Passed && !a.AllowDivergence)
            {
                stderr.WriteLine("ops pglogical apply: the check found a way for the subscriber to differ; nothing was applied");
                stderr.WriteLine("  fix: follow the fixes above, or pass --allow-divergence to apply anyway");
                return Divergent;
            }
        }
        var result = PglogicalService.Apply(settings, plan, a.DryRun);
        if (a.DryRun)
        {
            stdout.WriteLine();
            stdout.Write(PglogicalService.Sql(plan));
        }
        stdout.WriteLine(result.Message);
        return Ok;
    }
}
