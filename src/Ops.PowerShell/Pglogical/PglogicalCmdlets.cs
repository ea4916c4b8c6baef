using System.Collections;
using System.Management.Automation;
using Ops.Pglogical;
using Ops.Pglogical.Connection;
using Ops.Pglogical.Inventory;
using Ops.Pglogical.Model;
using Ops.Pglogical.Output;
using Ops.Pglogical.Planning;
using Ops.PowerShell.Domains;
using Ops.Domain;

namespace Ops.PowerShell.Pglogical;

/// <summary>What the pglogical cmdlets share, over the generic adapter of a staged domain
/// (<see cref="StagedDomainCmdlet{TConfig,TObserved,TReport}"/>): New- makes the plan, Test- checks it, Invoke- applies it.
/// Here only pglogical's words: its errors as PowerShell errors that carry the fix (ErrorDetails.RecommendedAction) and
/// the CLI's exit code (<see cref="PglogicalDomain.ExitCodes"/>), every password masked.</summary>
public abstract class PglogicalCmdletBase : StagedDomainCmdlet<PlanOptions, ReplicationPlan, PglogicalReport>
{
    /// <summary><c>ops pglogical</c>'s exit codes: 1 a failure, 2 a usage error (a bad pattern or option), 12 a divergence.</summary>
    public static readonly int FailedExitCode = PglogicalDomain.ExitCodes.Failure, UsageExitCode = PglogicalDomain.ExitCodes.Usage,
        DivergentExitCode = (int)Ops.Tla.ExitStatus.SafetyViolation;

    protected override DomainWords Words => PglogicalDomain.Words;

    protected override bool IsFailure(Exception e) => PglogicalDomain.IsFailure(e);

    /// <summary>A terminating error for <paramref name="e"/>: the message is the masked problem, the recommended
    /// action its fix; <paramref name="target"/> must hold no secret (a connection is passed as its
    /// <see cref="PgConnectionSettings.Display"/> or masked text). A long report (the check's divergences) goes to the
    /// host first.</summary>
    protected override void FailWith(Exception e, object target, string report = null)
    {
        var p = e as PglogicalException ?? new PglogicalException(e is Npgsql.NpgsqlException ? "postgres" : "io", e.Message, (e as MissingFileException)?.Fix, e);
        if (e is MissingFileException missing) target ??= missing.Path;
        var category = e is MissingFileException ? ErrorCategory.ObjectNotFound : p.Code switch
        {
            "connection" => ErrorCategory.ConnectionError,
            "usage" or "pattern" or "rules" => ErrorCategory.InvalidArgument,
            "plan" => ErrorCategory.InvalidData,
            "divergence" => ErrorCategory.InvalidResult,
            _ => ErrorCategory.InvalidOperation,
        };
        Fail(new OpsCommandException(PgConnectionSettings.MaskText(p.Problem), PglogicalDomain.ExitCodeOf(p), p), "Pglogical." + p.Code, category,
            target is string text ? PgConnectionSettings.MaskText(text) : target,
            report: report == null ? null : PgConnectionSettings.MaskText(report), recommendedAction: p.Fix ?? "");
    }

    /// <summary>The fix a divergence's error recommends.</summary>
    protected virtual string DivergenceFix => "follow the fixes in the report above";

    /// <summary>A plan with problems stops an apply before it connects; a divergence stops it (and, asked for, a test).</summary>
    protected override StageRefusal Refusal(PglogicalReport check, bool forApply)
    {
        var plan = check.Replication;
        if (forApply && check.FindingsBeforeModel.Any(f => f.IsError) || check.ModelCheck == null)
        {
            var problem = new PglogicalException("plan", $"the plan has {plan.Problems.Count} problem(s): {string.Join("; ", plan.Problems.Select(p => p.Problem))}", "fix them and plan again");
            return new StageRefusal(problem, $"The apply would stop here, before connecting: {problem.Problem}");
        }
        var divergence = new PglogicalException("divergence", DivergenceReason(check.ModelCheck), DivergenceFix);
        return new StageRefusal(divergence, $"The apply would stop here, before connecting, unless -AllowDivergence: {divergence.Problem}. Test-PglogicalReplicationPlan shows how.",
            PlanText.Check(check.ModelCheck));
    }

    /// <summary>A plan problem as the error New-PglogicalReplicationPlan writes: the problem, its fix as the recommended
    /// action, the object it is about.</summary>
    protected override ErrorRecord FindingError(Finding f, int exitCode) =>
        new(new OpsCommandException(PgConnectionSettings.MaskText(f.Message), exitCode, new PglogicalException(f.Code, PgConnectionSettings.MaskText(f.Message), f.Fix)),
            "Pglogical.plan." + f.Code, ErrorCategory.InvalidData, f.Subject)
        {
            ErrorDetails = new ErrorDetails(f.Message) { RecommendedAction = f.Fix },
        };

    /// <summary>A plan warning as it is.</summary>
    protected override string FindingWarning(Finding f) => f.Message;

    /// <summary>The plan as <c>ops pglogical plan --save FILE</c> writes it (<see cref="PlanFile"/>: no password).</summary>
    protected override string SaveText(ReplicationPlan plan) => PlanFile.Save(plan);

    /// <summary>A plan saved by New-PglogicalReplicationPlan -SavePath or <c>ops pglogical plan --save</c>.</summary>
    protected override ReplicationPlan LoadText(string text, string source)
    {
        CheckJson(text, source, "PlanPath", "plan-file", "a saved plan", "fix the file, or save the plan again with New-PglogicalReplicationPlan -SavePath");
        return PlanFile.Load(text, source);
    }

    /// <summary>A file given to -<paramref name="parameter"/> whose JSON is malformed is an error that names the place,
    /// PATH:LINE:COLUMN (<see cref="PlanText.RequireJson"/>, shared with the CLI).</summary>
    internal static void CheckJson(string text, string path, string parameter, string code, string what, string fix) =>
        PlanText.RequireJson(text, path, $"-{parameter} is not {what}", code, fix);

    /// <summary>The parameter sets of the cmdlets that take a plan: as an object (-Plan), or as a saved file (-PlanPath).</summary>
    protected const string PlanSet = "Plan", PlanPathSet = "PlanPath";

    /// <summary>The plan given as an object (-Plan) or as a saved file (-PlanPath).</summary>
    protected ReplicationPlan PlanFrom(ReplicationPlan plan, string planPath) =>
        planPath == null ? plan : LoadStageFile(FilePath(planPath), "PlanPath");

    /// <summary>Writes the plan's HTML page (<see cref="PlanHtml"/>) to <paramref name="reportPath"/>; a failure is a
    /// non-terminating error (the plan or report object is still returned).</summary>
    protected void WriteReport(string reportPath, ReplicationPlan plan, ModelCheckReport check = null)
    {
        if (string.IsNullOrEmpty(reportPath)) return;
        var target = GetUnresolvedProviderPathFromPSPath(reportPath);
        try
        {
            var problem = Ops.Tla.Output.OutputFiles.Problem(target);
            if (problem != null) throw new IOException($"-ReportPath {reportPath} cannot be written: {problem}.");
            PlanHtml.WriteFile(target, plan, check);
            WriteVerbose($"The report was written to {target} (HTML).");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            WriteError(new ErrorRecord(new IOException(PgConnectionSettings.MaskText(e.Message), e), "Pglogical.ReportNotWritten", ErrorCategory.WriteError, target));
        }
    }

    /// <summary>One line for a failed check: how many ways, and the objects of the first few.</summary>
    protected static string DivergenceReason(ModelCheckReport report)
    {
        var objects = report.Divergences.Select(d => d.Object).Where(o => o != null).Distinct().ToList();
        var named = objects.Count == 0 ? "" : ": " + string.Join(", ", objects.Take(5)) + (objects.Count > 5 ? ", ..." : "");
        var errors = report.Errors.Count > 0 ? $" ({report.Errors.Count} check error(s))" : "";
        return $"the plan lets the subscriber differ from the provider in {report.Divergences.Count} way(s){named}{errors}";
    }
}

/// <summary>The pglogical cmdlets that connect to the provider: -Connection and -Credential. (Their
/// [Parameter] properties are parameters of every derived cmdlet; the metadata test counts them.)</summary>
public abstract class PglogicalConnectionCmdletBase : PglogicalCmdletBase
{
    /// <summary>
    /// <para type="description">The provider: libpq "host=... port=... dbname=... user=...", a postgresql:// URI or an
    /// Npgsql string. Missing parts come from PGHOST, PGPORT, PGDATABASE, PGUSER and PGPASSWORD. The password is
    /// never written to the output.</para>
    /// </summary>
    [Parameter(Position = 0)]
    public string Connection { get; set; }

    /// <summary>
    /// <para type="description">User and password for the connection (overrides the string's).</para>
    /// </summary>
    [Parameter]
    [Credential]
    public PSCredential Credential { get; set; }

    /// <summary>The -Connection as errors may show it (their TargetObject): no secret in it. See <see cref="SafeDisplay"/>.</summary>
    protected string ConnectionDisplay => SafeDisplay(Connection);

    /// <summary>
    /// A connection string as an error may show it. One that parses shows as the settings it names (libpq form, the
    /// password as ********): masking the text as given missed the password of Npgsql's aliases (PWD=, PSW=), which
    /// Npgsql connects with. One that does not parse (a misspelt keyword such as passwd= or pwd=) keeps only the
    /// values of the keywords that never hold a secret; every other value is masked.
    /// </summary>
    internal static string SafeDisplay(string connection)
    {
        if (string.IsNullOrWhiteSpace(connection)) return connection;
        try
        {
            return PgConnectionSettings.Parse(connection, EnvironmentOptions.VariablesTable()).Display;
        }
        catch (Exception e) when (e is PglogicalException or ArgumentException or FormatException)
        {
            return AnyValue.Replace(PgConnectionSettings.MaskText(connection), m =>
                PublicKeywords.Contains(m.Groups["key"].Value.Trim()) ? m.Value : m.Groups["key"].Value + m.Groups["eq"].Value + PgConnectionSettings.Masked);
        }
    }

    /// <summary>The keywords (libpq's, Npgsql's, a URI's query) whose values are never secret.</summary>
    private static readonly HashSet<string> PublicKeywords = new(StringComparer.OrdinalIgnoreCase)
    {
        "host", "hostaddr", "server", "port", "dbname", "database", "user", "username", "user id", "userid", "sslmode", "ssl mode",
        "application_name", "application name", "connect_timeout", "timeout",
    };

    /// <summary>key=value in libpq's form (a value bare or quoted), Npgsql's (up to ;) or a URI's query (up to &amp;).</summary>
    private static readonly System.Text.RegularExpressions.Regex AnyValue = new(
        @"(?<key>[A-Za-z_][A-Za-z0-9_ ]*?)(?<eq>\s*=\s*)(?:'(?:[^'\\]|\\.)*'?|[^\s;&]*)", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    protected PgConnectionSettings Settings()
    {
        var s = PgConnectionSettings.Parse(Connection, EnvironmentOptions.VariablesTable());
        if (Credential != null)
        {
            s.User = Credential.UserName;
            s.Password = Credential.GetNetworkCredential().Password;
        }
        return s;
    }
}

/// <summary>
/// <para type="synopsis">Reads what a pglogical provider database holds.</para>
/// <para type="description">Tables, partitioned tables and their partitions, primary keys and replica identity,
/// UNLOGGED and TEMP tables, views, sequences with their owning serial or identity columns, and what is already in
/// which pglogical replication set. Read-only.</para>
/// </summary>
/// <example><code>Get-PglogicalInventory 'host=db1 dbname=app user=ops'</code></example>
[Cmdlet(VerbsCommon.Get, "PglogicalInventory")]
[OutputType(typeof(DatabaseInventory))]
public sealed class GetPglogicalInventoryCommand : PglogicalConnectionCmdletBase
{
    protected override void ProcessRecord() => WriteObject(Run(() => PglogicalService.ReadInventory(Settings()), ConnectionDisplay));
}

/// <summary>
/// <para type="synopsis">Plans pglogical replication sets for a whole database.</para>
/// <para type="description">Every table and sequence is assigned to a replication set or excluded with the reason:
/// a primary key or replica identity index goes to 'default', a table without one to 'default_insert_only' (an
/// error with -Strict), partitions leaf by leaf, UNLOGGED/TEMP tables and views excluded, sequences added, tables
/// already in their set skipped. Patterns read like psql's: schema.table, * and ?, "Quoted" parts exact; a pattern
/// without a dot names a schema. The plan's Problems must be empty before it can be applied.</para>
/// <para type="description">Planning changes nothing on the server (it reads the catalog; row filters are checked in a
/// transaction that is rolled back). ShouldProcess guards only the creation of the plan object, at
/// ConfirmImpact Low: -WhatIf says what would be planned and returns no plan, -Confirm asks first.</para>
/// </summary>
/// <example><code>$plan = New-PglogicalReplicationPlan 'host=db1 dbname=app' -Exclude audit -InsertOnly public.events -RowFilter @{ 'public.customers' = "region = 'eu'" }</code></example>
/// <example><code>New-PglogicalReplicationPlan -InventoryPath inventory.json -RulesPath rules.csv -Exclude ref | Test-PglogicalReplicationPlan</code></example>
/// <example><code>New-PglogicalReplicationPlan 'host=db1 dbname=app user=ops' -Exclude audit -SavePath plan.json</code></example>
[Cmdlet(VerbsCommon.New, "PglogicalReplicationPlan", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(ReplicationPlan))]
public sealed class NewPglogicalReplicationPlanCommand : PglogicalConnectionCmdletBase
{
    /// <summary><para type="description">Plan from an inventory read earlier (Get-PglogicalInventory) instead of connecting.</para></summary>
    [Parameter(ValueFromPipeline = true)]
    public DatabaseInventory Inventory { get; set; }

    /// <summary><para type="description">Plan from an inventory saved to a file (ops pglogical inventory --json FILE) instead of
    /// connecting, as ops pglogical plan --inventory FILE.</para></summary>
    [Parameter]
    public string InventoryPath { get; set; }

    /// <summary><para type="description">Only tables and sequences matching these patterns (partitions follow their partitioned table).</para></summary>
    [Parameter] public string[] Include { get; set; }

    /// <summary><para type="description">Never tables and sequences matching these patterns.</para></summary>
    [Parameter] public string[] Exclude { get; set; }

    /// <summary><para type="description">Pattern to replication set, e.g. @{ 'archive.*' = 'archive' }.</para></summary>
    [Parameter] public Hashtable Set { get; set; }

    /// <summary><para type="description">Pattern to row filter (an SQL boolean expression), checked against the catalog.</para></summary>
    [Parameter] public Hashtable RowFilter { get; set; }

    /// <summary><para type="description">Pattern to column list (array or comma-separated string); must keep the replica identity columns.</para></summary>
    [Parameter] public Hashtable Columns { get; set; }

    /// <summary><para type="description">Pattern to what happens to the table on the provider (insert,update,delete,truncate), for the check.</para></summary>
    [Parameter] public Hashtable Writes { get; set; }

    /// <summary><para type="description">Tables that are only ever inserted into.</para></summary>
    [Parameter] public string[] InsertOnly { get; set; }

    /// <summary><para type="description">Per-table rules from a CSV file: schema,table,set,row_filter,columns,synchronize_data,writes.</para></summary>
    [Parameter] public string RulesPath { get; set; }

    /// <summary><para type="description">A table without a primary key is an error instead of going to default_insert_only.</para></summary>
    [Parameter] public SwitchParameter Strict { get; set; }

    /// <summary><para type="description">synchronize_data := false: no initial copy.</para></summary>
    [Parameter] public SwitchParameter NoSync { get; set; }

    /// <summary><para type="description">Do not add sequences.</para></summary>
    [Parameter] public SwitchParameter NoSequences { get; set; }

    /// <summary><para type="description">Create the pglogical extension and this node with the plan when the database has none.</para></summary>
    [Parameter] public string CreateNode { get; set; }

    /// <summary><para type="description">The DSN subscribers use to reach the provider (with -CreateNode).</para></summary>
    [Parameter] public string NodeDsn { get; set; }

    /// <summary><para type="description">Replication sets to create: NAME or NAME=insert,update,...</para></summary>
    [Parameter] public string[] CreateSet { get; set; }

    /// <summary><para type="description">Also write the plan as a self-contained HTML page (the plan table, problems, warnings; passwords masked).</para></summary>
    [Parameter]
    [Alias("HtmlPath")]
    [ValidateNotNullOrEmpty]
    public string ReportPath { get; set; }

    /// <summary><para type="description">Also save the plan to this file (inventory, options, items; never a password), as
    /// ops pglogical plan --save FILE: Test-PglogicalReplicationPlan -PlanPath and Invoke-PglogicalReplicationPlan -PlanPath
    /// continue from it, as do ops pglogical check|apply --plan FILE.</para></summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string SavePath { get; set; }

    protected override void ProcessRecord() => Run(() =>
    {
        var options = Configure();
        var savePath = SavePath == null ? null : FilePath(SavePath);
        if (savePath != null && Unwritable(savePath, nameof(SavePath)) is { } unwritable) throw unwritable;
        var domain = Open(out var target, out var action);
        // New- is a state-changing verb, but the only thing created is the plan object in this session: nothing on
        // the server changes, whatever the answer. So ShouldProcess (ConfirmImpact Low: it asks only under -Confirm)
        // decides whether the catalog is read and a plan returned; -WhatIf returns none.
        var stage = NewStage(() => new DomainSession<PlanOptions, ReplicationPlan, PglogicalReport>(domain), options, target, action, ConnectionDisplay);
        if (stage == null) return true;
        if (savePath != null) SaveStageFile(savePath, nameof(SavePath), "PlanPath", stage.Observed);
        WriteReport(ReportPath, stage.Observed);
        WriteObject(stage.Observed);
        return true;
    }, ConnectionDisplay);

    /// <summary>The plan options the parameters give (a bad pattern, operation or rules file: a terminating error).</summary>
    private PlanOptions Configure()
    {
        var o = new PlanOptions { Strict = Strict, SynchronizeData = !NoSync, IncludeSequences = !NoSequences, CreateNodeName = CreateNode, NodeDsn = NodeDsn };
        foreach (var p in Include ?? Array.Empty<string>()) o.Include.Add(NamePattern.Parse(p));
        foreach (var p in Exclude ?? Array.Empty<string>()) o.Exclude.Add(NamePattern.Parse(p));
        if (RulesPath != null) o.Rules.AddRange(RulesFile.Read(RequireFile(GetUnresolvedProviderPathFromPSPath(RulesPath), nameof(RulesPath))));
        void Rules(Hashtable table, string source, Action<TableRule, object> apply)
        {
            if (table == null) return;
            foreach (DictionaryEntry kv in table)
            {
                var rule = new TableRule { Pattern = NamePattern.Parse(kv.Key.ToString()), Source = source };
                apply(rule, kv.Value is PSObject ps ? ps.BaseObject : kv.Value);
                o.Rules.Add(rule);
            }
        }
        static string Text(object v) => v is IEnumerable e and not string ? string.Join(",", e.Cast<object>()) : v?.ToString();
        Rules(Set, "-Set", (r, v) => r.Set = Text(v));
        Rules(RowFilter, "-RowFilter", (r, v) => r.RowFilter = Text(v));
        Rules(Columns, "-Columns", (r, v) => r.Columns = PlanOptions.ParseColumnList(Text(v), "-Columns"));
        Rules(Writes, "-Writes", (r, v) => r.Writes = PlanOptions.ParseOperations(Text(v), "-Writes"));
        foreach (var p in InsertOnly ?? Array.Empty<string>())
            o.Rules.Add(new TableRule { Pattern = NamePattern.Parse(p), Writes = new HashSet<string> { "INSERT" }, Source = "-InsertOnly" });
        foreach (var s in CreateSet ?? Array.Empty<string>())
        {
            var eq = s.IndexOf('=');
            o.CreateSets.Add(eq < 0 ? new SetDefinition { Name = s } : new SetDefinition { Name = s[..eq], Operations = PlanOptions.ParseOperations(s[(eq + 1)..], "-CreateSet") });
        }
        return o;
    }

    /// <summary>The domain on the inventory given (-Inventory, -InventoryPath) or on the provider (-Connection), and
    /// what ShouldProcess names.</summary>
    private PglogicalDomain Open(out string target, out string action)
    {
        if (InventoryPath != null)
        {
            if (Inventory != null || Connection != null)
                throw new PglogicalException("usage", "-InventoryPath plans from a saved inventory: give it without -Inventory or -Connection", "give one of -InventoryPath, -Inventory, -Connection");
            var path = RequireFile(GetUnresolvedProviderPathFromPSPath(InventoryPath), nameof(InventoryPath),
                "check the name, or save the inventory first (ops pglogical inventory --json FILE).");
            string json;
            try { json = System.IO.File.ReadAllText(path); }
            catch (Exception e) when (e is System.IO.IOException or UnauthorizedAccessException)
            {
                throw new PglogicalException("inventory", $"cannot read {path}: {e.Message}", "check the path given to -InventoryPath");
            }
            Inventory = PlanText.InventoryFromJson(json, path, "-" + nameof(InventoryPath));
        }
        if (Inventory != null)
        {
            target = $"database \"{Inventory.Database}\" (the inventory given with " + (InventoryPath != null ? $"-InventoryPath {InventoryPath})" : "-Inventory)");
            action = "Create a pglogical replication plan from the inventory (connects to nothing)";
            return new PglogicalDomain(Inventory);
        }
        var settings = Settings();
        target = settings.Display;
        action = "Create a pglogical replication plan (reads the catalog; changes nothing on the server)";
        return new PglogicalDomain(settings);
    }
}

/// <summary>
/// <para type="synopsis">Model-checks a replication plan: does the subscriber end up equal to the provider?</para>
/// <para type="description">Binds the plan to the pglogical replication model (specs/ops/pglogical_replication.tla,
/// embedded) and runs the embedded checker. Each way the subscriber can differ comes back as a Divergence in plain
/// words with the fix (for example a table without a primary key whose rows are updated, or a partitioned table
/// whose partitions are not all replicated). With -ErrorOnDivergence, a divergence is a terminating error.</para>
/// </summary>
/// <example><code>New-PglogicalReplicationPlan 'dbname=app' | Test-PglogicalReplicationPlan</code></example>
/// <example><code>Test-PglogicalReplicationPlan -PlanPath plan.json -ErrorOnDivergence</code></example>
[Cmdlet(VerbsDiagnostic.Test, "PglogicalReplicationPlan", DefaultParameterSetName = PlanSet)]
[OutputType(typeof(ModelCheckReport))]
public sealed class TestPglogicalReplicationPlanCommand : PglogicalCmdletBase
{
    /// <summary><para type="description">The plan (New-PglogicalReplicationPlan).</para></summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = PlanSet)]
    public ReplicationPlan Plan { get; set; }

    /// <summary><para type="description">The plan saved to a file by New-PglogicalReplicationPlan -SavePath (or ops
    /// pglogical plan --save FILE), as ops pglogical check --plan FILE: checked as it was made, with the options it was
    /// made with. Binds the FullName of Get-ChildItem's files.</para></summary>
    [Parameter(Mandatory = true, ParameterSetName = PlanPathSet, ValueFromPipelineByPropertyName = true)]
    [Alias("FullName")]
    [ValidateNotNullOrEmpty]
    public string PlanPath { get; set; }

    /// <summary><para type="description">Keep the bound models (one .tla/.cfg per kind of table) in this folder.</para></summary>
    [Parameter] public string KeepModelPath { get; set; }

    /// <summary><para type="description">Throw a terminating error (after writing the report) when the check finds a divergence.</para></summary>
    [Parameter] public SwitchParameter ErrorOnDivergence { get; set; }

    /// <summary><para type="description">Also write the plan and the check's verdict as a self-contained HTML page (passwords masked).</para></summary>
    [Parameter]
    [Alias("HtmlPath")]
    [ValidateNotNullOrEmpty]
    public string ReportPath { get; set; }

    protected override void ProcessRecord()
    {
        var plan = Run(() => PlanFrom(Plan, PlanPath), PlanPath);
        var keepModel = KeepModelPath == null ? null : GetUnresolvedProviderPathFromPSPath(KeepModelPath);
        TestStage(new PglogicalDomain(plan.Inventory, keepModel), plan, ErrorOnDivergence, report =>
        {
            WriteReport(ReportPath, plan, report.ModelCheck);
            WriteObject(report.ModelCheck);
        }, plan.Inventory?.Database);
    }
}

/// <summary>
/// <para type="synopsis">Writes a replication plan as SQL.</para>
/// <para type="description">One transaction, named arguments, every identifier and literal quoted, and a header that
/// says what was excluded and why. Secrets (a node DSN's password) are masked.</para>
/// </summary>
/// <example><code>$plan | ConvertTo-PglogicalSql | Set-Content replication.sql</code></example>
[Cmdlet(VerbsData.ConvertTo, "PglogicalSql")]
[OutputType(typeof(string))]
public sealed class ConvertToPglogicalSqlCommand : OpsCmdlet
{
    /// <summary><para type="description">The plan (New-PglogicalReplicationPlan).</para></summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true, Position = 0)]
    public ReplicationPlan Plan { get; set; }

    protected override void ProcessRecord() => WriteObject(PglogicalService.Sql(Plan));
}

/// <summary>
/// <para type="synopsis">Applies a replication plan on the provider, in one transaction.</para>
/// <para type="description">All or nothing: any failing statement rolls everything back. Refuses a plan with
/// problems, and (unless -AllowDivergence) a plan the model check finds a divergence in. -WhatIf shows the
/// statements without running them. A second apply of the same options changes nothing.</para>
/// </summary>
/// <example><code>$plan | Invoke-PglogicalReplicationPlan 'host=db1 dbname=app' -WhatIf</code></example>
/// <example><code>Invoke-PglogicalReplicationPlan 'host=db1 dbname=app user=ops' -PlanPath plan.json</code></example>
[Cmdlet(VerbsLifecycle.Invoke, "PglogicalReplicationPlan", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High,
    DefaultParameterSetName = PlanSet)]
[OutputType(typeof(ApplyResult))]
public sealed class InvokePglogicalReplicationPlanCommand : PglogicalConnectionCmdletBase
{
    /// <summary><para type="description">The plan (New-PglogicalReplicationPlan) for the database -Connection names.</para></summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = PlanSet)]
    public ReplicationPlan Plan { get; set; }

    /// <summary><para type="description">The plan saved to a file by New-PglogicalReplicationPlan -SavePath (or ops
    /// pglogical plan --save FILE), as ops pglogical apply --plan FILE: applied as it was made, after the same check.
    /// The file holds no password: give the connection's with -Connection, -Credential or PGPASSWORD.</para></summary>
    [Parameter(Mandatory = true, ParameterSetName = PlanPathSet, ValueFromPipelineByPropertyName = true)]
    [Alias("FullName")]
    [ValidateNotNullOrEmpty]
    public string PlanPath { get; set; }

    /// <summary><para type="description">Apply even when the model check finds a way for the subscriber to differ.</para></summary>
    [Parameter] public SwitchParameter AllowDivergence { get; set; }

    private string _display;

    protected override string DivergenceFix => "follow the fixes in the report above, or pass -AllowDivergence";

    /// <summary>What ShouldProcess names: the database and where it is (no password).</summary>
    protected override string StepTarget(Ops.Domain.PlanStep step) => $"database \"{step.Target}\" ({_display})";

    protected override string NothingToApply(PglogicalReport check) =>
        $"Nothing to apply to database \"{check.Replication.Inventory.Database}\" ({_display}): the plan is already in place.";

    protected override void ProcessRecord()
    {
        var settings = Run(Settings, ConnectionDisplay);
        _display = settings.Display;
        var plan = Run(() => PlanFrom(Plan, PlanPath), PlanPath);
        if (InvokeStage(new PglogicalDomain(settings), plan, AllowDivergence, settings.Display, ConnectionDisplay) is PglogicalApplyResult { Outcome: { } outcome })
            WriteObject(outcome);
    }
}
