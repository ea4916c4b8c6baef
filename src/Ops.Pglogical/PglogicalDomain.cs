using Npgsql;
using Ops.Domain;
using Ops.Pglogical.Connection;
using Ops.Pglogical.Inventory;
using Ops.Pglogical.Model;
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
    /// <summary>The model check of the plan, when the plan had no problem.</summary>
    public ModelCheckReport ModelCheck { get; internal set; }

    public override string Title => $"the replication sets of database {Replication?.Inventory?.Database}";
}

/// <summary>
/// The pglogical domain (<see cref="IDomain{TConfig,TObserved,TReport}"/>): its configuration is the rules (a rules
/// file, or options built by the CLI and the cmdlets); it observes the provider's catalog, live or from an inventory
/// saved earlier, and makes the replication plan from it (the plan's problems and warnings are its findings); it binds
/// the plan to specs/ops/pglogical_replication.tla and tells each way the subscriber can differ in the plan's words;
/// its one plan step runs the plan's SQL on the provider in one transaction (all or nothing).
/// </summary>
public sealed class PglogicalDomain : IDomain<PlanOptions, ReplicationPlan, PglogicalReport>
{
    /// <summary>How the pglogical reports name things; passwords in connection strings are masked.</summary>
    public static readonly DomainWords Words = new("pglogical", "the replication rules",
        "model: invariant {0} of specs/ops/pglogical_replication.tla is violated by this behaviour:") { Redact = PgConnectionSettings.MaskText };

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
        report.Replication = plan;
        report.Findings.AddRange(plan.Problems.Select(p => p.ToFinding()));
        report.Findings.AddRange(plan.Warnings.Select(w => new Finding { Severity = Severity.Warning, Code = "PlanWarning", Message = w }));
        return Task.FromResult(plan);
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
            connection == null ? null : _ => Task.FromResult(PglogicalService.Apply(connection, plan, dryRun: false).Message)));
    }

    public ApplyResult<PglogicalReport> NewApplyResult(PglogicalReport check) => new() { Check = check };

    public string FailureCode(Exception e) => e switch
    {
        PglogicalException p => p.Code,
        NpgsqlException => "postgres",
        _ => null,
    };
}
