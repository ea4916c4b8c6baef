using System.Text.Json;
using Npgsql;
using Ops.Domain;
using Ops.Pglogical.Connection;
using Ops.Pglogical.Inventory;
using Ops.Pglogical.Model;
using Ops.Pglogical.Output;
using Ops.Pglogical.Planning;
using Ops.Pglogical.Sql;

namespace Ops.Pglogical;

/// <summary>The outcome of the pglogical domain's check: the replication plan (every table and sequence in a set or
/// excluded, with the reason) and the model check of it, with the shared findings (the plan's problems and warnings,
/// each divergence the model found) and the plan step that runs the SQL in one transaction.</summary>
public sealed class PglogicalReport() : Report(PglogicalDomain.Words)
{
    /// <summary>The plan made from the database (or the saved inventory) and the rules.</summary>
    public ReplicationPlan Replication { get; internal set; }
    /// <summary>The model check of the plan, once it ran.</summary>
    public ModelCheckReport ModelCheck { get; internal set; }

    /// <summary>What the apply's step did (the statements run and the fresh plan's verdict), once it ran.</summary>
    public ApplyResult Outcome { get; internal set; }

    public override string Title => $"the replication sets of database {Replication?.Inventory?.Database}";

    /// <summary>The check as <c>ops pglogical check</c> first published it: the plan's summary, its problems
    /// (<c>error: </c>, on stderr in the CLI) and the model check's verdict with each divergence.</summary>
    public override string ToText()
    {
        var sb = new StringWriter();
        WriteText(sb, sb);
        return sb.ToString();
    }

    public override void WriteText(TextWriter output, TextWriter diagnostics)
    {
        if (Replication == null) { output.Write(ReportText.Format(this)); return; }
        output.WriteLine(Replication.Summary());
        foreach (var p in Replication.Problems) diagnostics.WriteLine("error: " + p);
        if (ModelCheck != null) output.Write(PlanText.Check(ModelCheck));
    }

    /// <summary>The database and the plan's one-line summary before the shared fields.</summary>
    public override void WriteJsonFacts(Utf8JsonWriter w)
    {
        w.WriteString("database", Replication?.Inventory?.Database);
        w.WriteString("summary", Replication?.Summary());
    }
}

/// <summary>An apply of a replication plan, as <c>ops pglogical apply</c> first published it: the plan, the check when
/// the plan changes something, then what was run (or, for a dry run, the SQL that would run) and the fresh plan's
/// verdict; a plan with problems or a divergence says on stderr that nothing was applied.</summary>
public sealed class PglogicalApplyResult : ApplyResult<PglogicalReport>
{
    /// <summary>What the apply did: the statements and the verdict of a fresh plan; for a dry run, or a plan that changes
    /// nothing, what would run (nothing connects); null when the apply's step was declined (ShouldProcess).</summary>
    public ApplyResult Outcome => Check.Outcome ?? (Check.Passed && Check.Replication is { } plan && (DryRun || !plan.HasChanges)
        ? PglogicalService.Apply(null, plan, dryRun: DryRun)
        : null);

    public override string ToText()
    {
        var sb = new StringWriter();
        WriteText(sb, sb);
        return sb.ToString();
    }

    public override void WriteText(TextWriter output, TextWriter diagnostics)
    {
        var plan = Check.Replication;
        if (plan == null) { output.Write(ReportText.Format(Check, Applied, Skipped)); return; }
        output.Write(PlanText.Plan(plan));
        if (!plan.IsValid)
        {
            diagnostics.WriteLine($"ops pglogical apply: the plan has {plan.Problems.Count} problem(s); nothing was applied");
            return;
        }
        if (plan.HasChanges && Check.ModelCheck != null)
        {
            output.Write(PlanText.Check(Check.ModelCheck));
            if (!Check.Passed)
            {
                diagnostics.WriteLine("ops pglogical apply: the check found a way for the subscriber to differ; nothing was applied");
                diagnostics.WriteLine($"  fix: follow the fixes above, or pass {Flags.AllowDivergence} to apply anyway");
                return;
            }
        }
        if (DryRun)
        {
            output.WriteLine();
            output.Write(PglogicalService.Sql(plan));
        }
        if (Outcome is { } outcome) output.WriteLine(outcome.Message);
    }
}

/// <summary>
/// The pglogical domain (<see cref="IDomain{TConfig,TObserved,TReport}"/>): its configuration is the rules (a rules
/// file, or options built by the CLI and the cmdlets); it observes the provider's catalog, live or from an inventory
/// saved earlier, and makes the replication plan from it (the plan's problems and warnings are its findings); it binds
/// the plan to specs/ops/pglogical_replication.tla and tells each way the subscriber can differ in the plan's words;
/// its one plan step runs the plan's SQL on the provider in one transaction (all or nothing).
/// </summary>
public sealed class PglogicalDomain : IStagedDomain<PlanOptions, ReplicationPlan, PglogicalReport>
{
    /// <summary>pglogical's published exit codes (<c>ops pglogical</c>, and the cmdlets' <c>ExitCode</c>): 0 ok, 1 an
    /// error (a connection, a plan problem, a failed apply: nothing applied; a rules file the cmdlets cannot read), 2
    /// usage (a bad option or pattern; on the command line a bad <c>--rules</c> file too, as a bad option's value), 12
    /// the check found a way for the subscriber to differ.</summary>
    public static readonly DomainExitCodes ExitCodes = new() { Usage = 2, ConfigError = 1, Failure = 1, Invalid = 1 };

    /// <summary>How the pglogical reports name things; passwords in connection strings are masked.</summary>
    public static readonly DomainWords Words = new("pglogical", "the replication rules",
        "model: invariant {0} of specs/ops/pglogical_replication.tla is violated by this behaviour:") { Redact = PgConnectionSettings.MaskText, ExitCodes = ExitCodes };

    /// <summary>The exit code of a <see cref="PglogicalException"/> (its <see cref="PglogicalException.Code"/>): a
    /// usage error for a bad option or pattern, a configuration error for a rules file, 12 for a divergence, else a
    /// failure.</summary>
    public static int ExitCodeOf(PglogicalException e) => e.Code switch
    {
        "usage" or "pattern" => ExitCodes.Usage,
        "rules" => ExitCodes.ConfigError,
        "divergence" => (int)Ops.Tla.ExitStatus.SafetyViolation,
        _ => ExitCodes.Failure,
    };

    private readonly PgConnectionSettings _connection;
    private readonly DatabaseInventory _inventory;
    private readonly string _keepModelDirectory;

    /// <summary>On the live provider: the catalog is read, row filters are validated against it, and the plan can be applied.</summary>
    public PglogicalDomain(PgConnectionSettings connection, string keepModelDirectory = null)
    {
        _connection = connection ?? throw new ArgumentNullException(nameof(connection));
        _keepModelDirectory = keepModelDirectory;
    }

    /// <summary>On an inventory saved earlier: checks and plans only (nothing can be applied, row filters are not validated).</summary>
    public PglogicalDomain(DatabaseInventory inventory, string keepModelDirectory = null)
    {
        _inventory = inventory ?? throw new ArgumentNullException(nameof(inventory));
        _keepModelDirectory = keepModelDirectory;
    }

    DomainWords IDomain<PlanOptions, ReplicationPlan, PglogicalReport>.Words => Words;
    public Action<string> Log => null;

    /// <summary>A rules file (CSV: schema,table,set,row_filter,columns,synchronize_data,writes) as plan options.</summary>
    public PlanOptions Read(string path)
    {
        try
        {
            var options = new PlanOptions();
            options.Rules.AddRange(RulesFile.Read(path));
            return options;
        }
        catch (PglogicalException e)
        {
            throw new ConfigException(e.Message, e);
        }
    }

    public PglogicalReport NewReport(PlanOptions options) => new();

    /// <summary>The options are checked as they are read (patterns, operations, column lists).</summary>
    public IEnumerable<Finding> Validate(PlanOptions options) => Array.Empty<Finding>();

    public Task<ReplicationPlan> ObserveAsync(PlanOptions options, PglogicalReport report, CancellationToken ct)
    {
        var plan = _connection != null ? PglogicalService.Plan(_connection, options) : PglogicalService.Plan(_inventory, options);
        Record(plan, report);
        return Task.FromResult(plan);
    }

    /// <summary>A plan carries the options it was made with.</summary>
    public PlanOptions ConfigOf(ReplicationPlan plan) => plan.Options;

    /// <summary>A plan changes something when it adds a table or sequence or creates the node or a set.</summary>
    public bool Changes(ReplicationPlan plan) => plan.HasChanges;

    /// <summary>The plan, its warnings as warnings and its problems as error findings.</summary>
    public void Record(ReplicationPlan plan, PglogicalReport report)
    {
        report.Replication = plan;
        report.Findings.AddRange(plan.Warnings.Select(w => new Finding { Severity = Severity.Warning, Code = "PlanWarning", Message = w }));
        report.Findings.AddRange(plan.Problems.Select(p => p.ToFinding()));
    }

    public void CheckModel(PlanOptions options, ReplicationPlan plan, PglogicalReport report, CancellationToken ct)
    {
        var check = PglogicalService.Check(plan, _keepModelDirectory);
        report.ModelCheck = check;
        report.ModelRuns.Add(check.Summary);
        foreach (var d in check.Divergences) report.Findings.Add(ToFinding(d));
        foreach (var e in check.Errors) report.Findings.Add(new Finding { Code = "ModelFailure", Message = e, Fix = "this is a bug in Ops, not in the plan: report it with the plan's JSON" });
    }

    /// <summary>A divergence as a finding: the table, the invariant, the counterexample step by step, what each side
    /// holds at the end and the tables like it.</summary>
    public static Finding ToFinding(Divergence d)
    {
        var trace = d.Steps.Select((s, i) => $"{i + 1}. {s}").ToList();
        if (d.Outcome != null) trace.Add("then: " + d.Outcome);
        if (d.LikeIt.Count > 0) trace.Add($"the same holds for {d.LikeIt.Count} more like it: {string.Join(", ", d.LikeIt)}");
        return new Finding { Code = "SubscriberDiffers", Subject = d.Object, Message = d.Problem, Fix = d.Fix, Property = d.Invariant, Trace = trace };
    }

    /// <summary>One step: the plan's SQL in one transaction (advice only on a saved inventory).</summary>
    public void Plan(PlanOptions options, ReplicationPlan plan, PglogicalReport report)
    {
        var statements = SqlGenerator.Statements(plan);
        if (statements.Count == 0) return;
        var connection = _connection;
        report.Plan.Add(new PlanStep("ApplyInOneTransaction", plan.Inventory.Database,
            $"run {statements.Count} statement(s) in one transaction: " + string.Join("; ", statements.Select(s => s.Description)),
            connection == null ? null : _ =>
            {
                report.Outcome = PglogicalService.Apply(connection, plan, dryRun: false);
                return Task.FromResult(report.Outcome.Message);
            }));
    }

    public ApplyResult<PglogicalReport> NewApplyResult(PglogicalReport check) => new PglogicalApplyResult { Check = check };

    /// <summary>None: the plan's one step is all or nothing (a failure rolls the transaction back, so nothing was applied
    /// before it), and its <see cref="PglogicalException"/> already names the statement and the fix; it reaches the
    /// front ends as it is (<see cref="IsFailure"/>).</summary>
    public string FailureCode(Exception e) => null;

    /// <summary>The failures of the database or of the files the domain reads (exit code 1): a connection refused, a
    /// statement that failed, an inventory that cannot be read.</summary>
    public static bool IsFailure(Exception e) => e is PglogicalException or NpgsqlException or IOException or UnauthorizedAccessException;
}
