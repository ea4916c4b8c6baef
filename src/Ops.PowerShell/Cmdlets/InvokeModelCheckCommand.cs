using System.Collections;
using System.Management.Automation;

namespace Ops.PowerShell.Cmdlets;

/// <summary>
/// Invoke-ModelCheck: checks a TLA+ specification the way TLC does and returns one result object. A thin shell over
/// <see cref="ModelCheckService"/> / <see cref="ModelCheckSession"/>; see the MAML help for the parameters.
/// </summary>
[Cmdlet(VerbsLifecycle.Invoke, "ModelCheck", DefaultParameterSetName = "Path")]
[OutputType(typeof(ModelCheckResult))]
public sealed class InvokeModelCheckCommand : OpsCmdlet
{
    /// <summary>The variable that also holds the last result (the only way to reach it after the pipeline stopped).</summary>
    public const string LastResultVariable = "OpsLastModelCheckResult";

    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("FullName", "Spec")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(SpecPathCompleter))]
    public string Path { get; set; }

    [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
    [Alias("Config", "Cfg")]
    [ArgumentCompleter(typeof(ConfigPathCompleter))]
    public string ConfigPath { get; set; }

    [Parameter]
    [ArgumentCompleter(typeof(ConstantNameCompleter))]
    public IDictionary Constant { get; set; }

    [Parameter]
    [WorkersTransformation]
    [ValidateRange(1, 4096)]
    [ArgumentCompleter(typeof(WorkersCompleter))]
    public int Workers { get; set; } = 1;

    [Parameter]
    public SwitchParameter Deadlock { get; set; }

    [Parameter]
    public SwitchParameter ErrorOnViolation { get; set; }

    [Parameter]
    [Alias("ItfPath")]
    [ValidateNotNullOrEmpty]
    public string TracePath { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string JUnitPath { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string JsonPath { get; set; }

    /// <summary>TLC's -dump: the state graph (TLC's DOT layout with colours and action labels for a .dot file, TLC's
    /// list of states otherwise).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string DumpPath { get; set; }

    /// <summary>TLC's -dumpTrace: the counterexample as TLC writes it (.json or .tla).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string DumpTracePath { get; set; }

    /// <summary>The HTML report (ops check -html): a file, or a folder that gets one SPEC.html per specification.</summary>
    [Parameter]
    [Alias("HtmlPath")]
    [ValidateNotNullOrEmpty]
    public string ReportPath { get; set; }

    /// <summary>TLC's -simulate: random behaviours from the initial states (with -Behaviors, -Depth, -Seed).</summary>
    [Parameter]
    public SwitchParameter Simulate { get; set; }

    /// <summary>TLC's -simulate num=N: how many behaviours (without it: until a violation or -TimeoutSeconds).</summary>
    [Parameter]
    [ValidateRange(1, long.MaxValue)]
    public long Behaviors { get; set; }

    /// <summary>TLC's -depth: the number of steps of each simulated behaviour (TLC's default 100).</summary>
    [Parameter]
    [ValidateRange(0, int.MaxValue)]
    public int Depth { get; set; }

    /// <summary>TLC's -seed: the seed of the simulation and of the spec's random choices (RandomElement...).</summary>
    [Parameter]
    public long Seed { get; set; }

    /// <summary>TLC's -coverage: collect TLC's coverage statistics (per action: states found and distinct; per
    /// sub-expression: evaluations) into the result's Coverage property.</summary>
    [Parameter]
    public SwitchParameter Coverage { get; set; }

    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int TimeoutSeconds { get; set; }

    [Parameter]
    [ValidateRange(1, long.MaxValue)]
    public long MemoryMB { get; set; }

    /// <summary>ops check -diskstates: the fingerprints and the states on disk from the start.</summary>
    [Parameter]
    public SwitchParameter DiskStates { get; set; }

    /// <summary>TLC's -fpmem: the fingerprint set's memory once on disk, a fraction of the budget below 1, else MB.</summary>
    [Parameter]
    [Alias("FpMem")]
    [ValidateRange(double.Epsilon, double.MaxValue)]
    public double FingerprintMemory { get; set; }

    /// <summary>TLC's -metadir: where a search on disk makes its folder of files (removed at the end).</summary>
    [Parameter]
    [Alias("MetaDir")]
    [ValidateNotNullOrEmpty]
    public string MetaDirectory { get; set; }

    private ModelCheckSession _session;

    /// <summary>The -JUnitPath/-JsonPath/-TracePath files of this pipeline: each holds every specification checked.</summary>
    private readonly ModelCheckReportFiles _reports = new();

    protected override void ProcessRecord()
    {
        var spec = ResolveInputPath(Path, "Path");
        if (spec == null) return;
        var request = new ModelCheckRequest
        {
            Path = spec,
            ConfigPath = OutputPath(ConfigPath),
            Constants = Constant,
            Workers = Workers,
            NoDeadlock = Deadlock.IsPresent,
            Simulate = Simulate.IsPresent,
            Behaviors = MyInvocation.BoundParameters.ContainsKey(nameof(Behaviors)) ? Behaviors : null,
            Depth = MyInvocation.BoundParameters.ContainsKey(nameof(Depth)) ? Depth : null,
            Seed = MyInvocation.BoundParameters.ContainsKey(nameof(Seed)) ? Seed : null,
            TimeLimit = TimeoutSeconds > 0 ? TimeSpan.FromSeconds(TimeoutSeconds) : null,
            MemoryMB = MemoryMB > 0 ? MemoryMB : null,
            DiskStates = DiskStates.IsPresent,
            FingerprintMemory = MyInvocation.BoundParameters.ContainsKey(nameof(FingerprintMemory)) ? FingerprintMemory : null,
            MetaDirectory = OutputPath(MetaDirectory),
            TracePath = OutputPath(TracePath),
            JUnitPath = OutputPath(JUnitPath),
            JsonPath = OutputPath(JsonPath),
            DumpPath = OutputPath(DumpPath),
            DumpTracePath = OutputPath(DumpTracePath),
            ReportPath = OutputPath(ReportPath),
            Coverage = Coverage.IsPresent,
            Unwrap = o => o is PSObject p ? p.BaseObject : o,
            DecorateState = ToPSObject,
        };

        try
        {
            _session = ModelCheckSession.Start(request);
        }
        catch (ArgumentException e)
        {
            WriteError(new ErrorRecord(e, "InvalidArgument", ErrorCategory.InvalidArgument, Constant ?? (object)Path));
            return;
        }

        ModelCheckResult result;
        var progressId = Math.Abs(spec.GetHashCode() % 10000) + 1;
        using (var interrupt = Host?.Name == "ConsoleHost" ? ConsoleInterrupt.TryStart() : null)
        {
            try
            {
                while (!_session.Wait(TimeSpan.FromMilliseconds(200)))
                {
                    Report(_session.Drain(), progressId);
                    if (interrupt != null && interrupt.Pressed())
                    {
                        WriteWarning("Stopping the check (Ctrl+C): the partial result follows.");
                        _session.Cancel();
                    }
                }
                Report(_session.Drain(), progressId);
                result = _session.Result;
            }
            catch (ModelCheckInternalException e)
            {
                Fail(e, "ModelCheckInternalError", ErrorCategory.NotSpecified, spec);
                return;
            }
            finally
            {
                _session.Dispose();
                _session = null;
            }
        }
        if (!Stopping)
        {
            var done = new ProgressRecord(progressId, $"Model checking {System.IO.Path.GetFileName(spec)}", "Done") { RecordType = ProgressRecordType.Completed };
            WriteProgress(done);
        }

        try
        {
            _reports.Write(result, request);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            WriteError(new ErrorRecord(e, "OutputNotWritten", ErrorCategory.WriteError, spec));
        }
        SessionState.PSVariable.Set("global:" + LastResultVariable, result);
        if (Stopping)
        {
            // PowerShell stopped the pipeline (Ctrl+C in a host we could not watch, Stop-Job...): nothing can be written
            // to it any more. Say what was found and where the partial result is.
            Host?.UI?.WriteWarningLine($"{result} The partial result is in ${LastResultVariable}.");
            return;
        }

        foreach (var w in result.Warnings) WriteWarning(w);
        WriteObject(result);

        if (!result.Succeeded)
        {
            if (ErrorOnViolation)
            {
                // The counterexample (as TLC prints it) to the CI log, then the error: ExitCode TLC's, message one line.
                Fail(new ModelCheckFailedException(result), "ModelCheckFailed:" + result.ExitCode, Category(result), result,
                    report: result.ToTlcText(), recommendedAction: Recommendation(result));
            }
            else if (ModelCheckService.IsError(result))
            {
                var failed = new ModelCheckFailedException(result);
                WriteError(new ErrorRecord(failed, "ModelCheckError:" + result.ExitCode, Category(result), result));
            }
        }
    }

    protected override void StopProcessing() => _session?.Cancel();

    private void Report(List<ModelCheckEvent> events, int progressId)
    {
        ModelCheckProgress last = null;
        foreach (var e in events)
        {
            switch (e)
            {
                case ModelCheckProgressEvent p: last = p.Progress; break;
                case ModelCheckOutputEvent o: WriteVerbose(o.Line); break;
            }
        }
        if (last != null) WriteProgress(new ProgressRecord(progressId, last.Activity, last.Status));
    }

    /// <summary>A trace state as PowerShell shows it: the state object with one note property per variable.</summary>
    internal static object ToPSObject(ModelCheckTraceState state)
    {
        var o = new PSObject(state);
        foreach (var (name, value) in state.VariableProperties())
            o.Properties.Add(new PSNoteProperty(name, value));
        return o;
    }

    private string ResolveInputPath(string path, string parameter)
    {
        try
        {
            var resolved = GetResolvedProviderPathFromPSPath(path, out var provider);
            if (provider.Name != "FileSystem")
            {
                WriteError(new ErrorRecord(new ArgumentException($"-{parameter} {path} is not a file-system path."), "NotFileSystemPath", ErrorCategory.InvalidArgument, path));
                return null;
            }
            if (resolved.Count != 1)
            {
                WriteError(new ErrorRecord(new ArgumentException($"-{parameter} {path} matches {resolved.Count} files; give one (or pipe them: Get-ChildItem *.tla | Invoke-ModelCheck)."), "AmbiguousPath", ErrorCategory.InvalidArgument, path));
                return null;
            }
            return resolved[0];
        }
        catch (Exception e) when (e is SessionStateException or ArgumentException or NotSupportedException or IOException)
        {
            // SPEC without .tla, as TLC accepts it.
            if (!path.EndsWith(".tla", StringComparison.OrdinalIgnoreCase))
            {
                var withExt = TryUnresolved(path + ".tla");
                if (withExt != null && File.Exists(withExt)) return withExt;
            }
            WriteError(new ErrorRecord(e, "SpecNotFound", ErrorCategory.ObjectNotFound, path));
            return null;
        }
    }

    private string TryUnresolved(string path)
    {
        try { return GetUnresolvedProviderPathFromPSPath(path); }
        catch (Exception e) when (e is SessionStateException or ArgumentException or NotSupportedException) { return null; }
    }

    /// <summary>A -ConfigPath/-TracePath/... value as a file-system path; a path PowerShell cannot resolve is kept
    /// as given (the request's validation then says what is wrong with it).</summary>
    private string OutputPath(string path) => string.IsNullOrEmpty(path) ? null : TryUnresolved(path) ?? path;

    private static ErrorCategory Category(ModelCheckResult r) => r.Violation?.Kind switch
    {
        "parse error" => ErrorCategory.ParserError,
        "config error" => ErrorCategory.InvalidData,
        "cancelled" => ErrorCategory.OperationStopped,
        "time limit" => ErrorCategory.OperationTimeout,
        "unsupported" => ErrorCategory.NotImplemented,
        "evaluation error" => ErrorCategory.InvalidOperation,
        _ => ErrorCategory.InvalidResult,
    };

    private static string Recommendation(ModelCheckResult r) => r.Trace.Length > 0
        ? "Read the counterexample in the result's Trace (or the -TracePath ITF file)."
        : r.Violation?.Location != null ? $"Fix the specification or configuration at {r.Violation.Location}." : "See the result's Violation.";
}
