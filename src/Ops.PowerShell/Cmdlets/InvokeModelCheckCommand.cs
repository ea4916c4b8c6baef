using System.Collections;
using System.Management.Automation;

namespace Ops.PowerShell.Cmdlets;

/// <summary>
/// Invoke-ModelCheck: checks a TLA+ specification the way TLC does and returns one result object. A thin shell over
/// <see cref="ModelCheckService"/> / <see cref="ModelCheckSession"/>; see the MAML help for the parameters.
/// </summary>
[Cmdlet(VerbsLifecycle.Invoke, "ModelCheck", DefaultParameterSetName = PathSet)]
[OutputType(typeof(ModelCheckResult))]
public sealed class InvokeModelCheckCommand : OpsCmdlet
{
    /// <summary>The variable that also holds the last result (the only way to reach it after the pipeline stopped).</summary>
    public const string LastResultVariable = "OpsLastModelCheckResult";

    private const string PathSet = "Path", LiteralPathSet = "LiteralPath";

    /// <summary>The specification: a path that may hold wildcards (one file must match; a file whose name holds
    /// wildcard characters, as bank[1].tla, is taken as named when no file matches the pattern).</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true, ParameterSetName = PathSet)]
    [Alias("Spec")]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(SpecPathCompleter))]
    public string Path { get; set; }

    /// <summary>The specification, exactly as named (no wildcards): what Get-ChildItem's files bind to (their
    /// PSPath).</summary>
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, ParameterSetName = LiteralPathSet)]
    [Alias("PSPath", "LP", "FullName")]
    [ValidateNotNullOrEmpty]
    public string LiteralPath { get; set; }

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
        FailsTheStep = ErrorOnViolation;
        if (ParameterSetName == LiteralPathSet)
        {
            if (ResolveLiteralPath(LiteralPath) is { } literal) Check(literal);
            return;
        }
        // A wildcard that matches several files (./models/*.tla) checks each, in the order the provider lists them, as
        // if they had been piped in: one result each, the report files holding them all.
        var specs = ResolveInputPaths(Path, "Path");
        if (specs == null) return;
        foreach (var spec in specs)
        {
            if (Stopping) return;
            Check(spec);
        }
    }

    /// <summary>Checks one specification: writes its result (and its errors) to the pipeline.</summary>
    private void Check(string spec)
    {
        WriteVerbose($"Checking {spec}" + (string.IsNullOrEmpty(ConfigPath) ? "" : $" with {OutputPath(ConfigPath)}") +
            $": {Workers} worker(s), deadlock {(Deadlock ? "not checked" : "checked")}" + (Simulate ? ", random simulation" : "") +
            (TimeoutSeconds > 0 ? $", time limit {TimeoutSeconds} s" : "") + (MemoryMB > 0 ? $", memory budget {MemoryMB} MB" : "") + ".");
        // A -ConfigPath that names no file: the same error as a missing specification, naming the parameter given (the
        // checker's own message would ask for a -ConfigPath the caller already gave). Exit code 255, as ops check -config.
        var config = OutputPath(ConfigPath);
        if (config != null && !File.Exists(config))
        {
            Error(FileNotFoundRecord("-ConfigPath", ConfigPath, config, "ConfigNotFound", OpsCommandException.OtherFailure,
                "give the model configuration (.cfg) file, or leave -ConfigPath out to use the .cfg named as the specification."), OpsCommandException.OtherFailure);
            return;
        }
        var request = new ModelCheckRequest
        {
            Path = spec,
            ConfigPath = config,
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
            Error(new ErrorRecord(e, "InvalidArgument", ErrorCategory.InvalidArgument, e.Message.StartsWith("-Constant", StringComparison.Ordinal) && Constant != null ? Constant : spec),
                OpsCommandException.OtherFailure);
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

        // One error per report file not written (before: only the first; a -ReportPath page lost after a -TracePath
        // clash went unsaid). Under -ErrorOnViolation a report the pipeline asked for and did not get fails the step
        // (after the result).
        foreach (var e in _reports.WriteAll(result, request))
        {
            _unwritten ??= e;
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
        foreach (var line in TlcSummary(result)) WriteVerbose(line);
        WriteObject(result);
        if (ErrorOnViolation && _unwritten != null && result.Succeeded)
        {
            var failure = new OpsCommandException($"Model check of {result.Spec} succeeded, but a report file was not written: {_unwritten.Message}", OpsCommandException.OtherFailure, _unwritten);
            Fail(failure, "OutputNotWritten", ErrorCategory.WriteError, spec);
        }

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

    /// <summary>The first report file of this record that could not be written.</summary>
    private Exception _unwritten;

    /// <summary>An error that stops this specification before its check: non-terminating (the pipeline goes on with the
    /// next specification), but under -ErrorOnViolation terminating, as a failed check is, so that a CI step whose
    /// specification is missing or misnamed fails (with the <c>ops</c> CLI's exit code) instead of passing unchecked.</summary>
    private void Error(ErrorRecord record, int exitCode)
    {
        record = WithExitCode(record, exitCode);
        if (!ErrorOnViolation)
        {
            WriteError(record);
            return;
        }
        Fail((OpsCommandException)record.Exception, record.FullyQualifiedErrorId, record.CategoryInfo.Category, record.TargetObject,
            recommendedAction: record.ErrorDetails?.RecommendedAction);
    }

    /// <summary>The lines the <c>ops</c> CLI prints after a check (TLC's), for -Verbose.</summary>
    private static IEnumerable<string> TlcSummary(ModelCheckResult r)
    {
        if (r.ConfigPath != null) yield return $"Configuration: {r.ConfigPath}";
        var s = r.ExitCode == 0 ? "Model checking completed. No error has been found." : $"{r.Violation?.Message?.Split('\n')[0].TrimEnd()} ({r.Result}, exit code {r.ExitCode})";
        yield return s;
        yield return $"{r.StatesGenerated} states generated, {r.DistinctStates} distinct states found, {r.StatesLeftOnQueue} states left on queue.";
        yield return $"The depth of the complete state graph search is {r.Depth}.";
        yield return $"Finished in {r.Duration.TotalMilliseconds:0} ms.";
    }

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

    /// <summary>The specification files <paramref name="path"/> names: one file, or every file a wildcard matches
    /// (folders among the matches left out); null after writing the error when there is none to check.</summary>
    private List<string> ResolveInputPaths(string path, string parameter)
    {
        try
        {
            var resolved = GetResolvedProviderPathFromPSPath(path, out var provider);
            if (provider.Name != "FileSystem")
            {
                Error(new ErrorRecord(new ArgumentException($"-{parameter} {path} is not a file-system path."), "NotFileSystemPath", ErrorCategory.InvalidArgument, path), SpecNotFoundExitCode);
                return null;
            }
            if (resolved.Count == 0 && LiteralFile(path) is { } literal) return [literal];
            if (resolved.Count == 0)
            {
                Error(new ErrorRecord(new ItemNotFoundException($"-{parameter} {path} matches no file."), "SpecNotFound", ErrorCategory.ObjectNotFound, path), SpecNotFoundExitCode);
                return null;
            }
            if (resolved.Count > 1)
            {
                var files = resolved.Where(File.Exists).ToList();
                if (files.Count == 0)
                {
                    Error(FileNotFoundRecord("-" + parameter, path, resolved[0], "SpecNotFound", SpecNotFoundExitCode, FolderFix(path)), SpecNotFoundExitCode);
                    return null;
                }
                // One -ConfigPath for several specifications would check each against a model written for one.
                if (!string.IsNullOrEmpty(ConfigPath) && files.Count > 1)
                {
                    Error(new ErrorRecord(new ArgumentException($"-{parameter} {path} matches {files.Count} files, and -ConfigPath names one configuration for all of them: " +
                        "give one specification with -ConfigPath, or leave -ConfigPath out to check each with the .cfg named as it."), "AmbiguousPath",
                        ErrorCategory.InvalidArgument, path), OpsCommandException.OtherFailure);
                    return null;
                }
                return files;
            }
            // A folder (Invoke-ModelCheck ./models): before, the checker ran on it and returned an "error" result
            // "Cannot find the specification file ./models".
            if (Directory.Exists(resolved[0]))
            {
                Error(FileNotFoundRecord("-" + parameter, path, resolved[0], "SpecNotFound", SpecNotFoundExitCode, FolderFix(path)), SpecNotFoundExitCode);
                return null;
            }
            return [resolved[0]];
        }
        catch (Exception e) when (e is SessionStateException or ArgumentException or NotSupportedException or IOException)
        {
            // SPEC without .tla, as TLC accepts it.
            if (!path.EndsWith(".tla", StringComparison.OrdinalIgnoreCase))
            {
                var withExt = TryUnresolved(path + ".tla");
                if (withExt != null && File.Exists(withExt)) return [withExt];
            }
            if (LiteralFile(path) is { } literal) return [literal];
            var unresolved = TryUnresolved(path);
            Error(e is ItemNotFoundException && unresolved != null
                    ? FileNotFoundRecord("-" + parameter, path, unresolved, "SpecNotFound", SpecNotFoundExitCode, MissingFix)
                    : new ErrorRecord(e, "SpecNotFound", ErrorCategory.ObjectNotFound, path), SpecNotFoundExitCode);
            return null;
        }
    }

    private const string MissingFix = "check the name and the current folder (Get-ChildItem *.tla lists the specifications here; Get-ModelCheckSpec lists the models shipped with the module).";
    private static string FolderFix(string folder) => $"give a .tla file, or pipe the folder's specifications: Get-ChildItem -Path {folder} -Filter *.tla | Invoke-ModelCheck.";

    /// <summary>The <c>ops</c> CLI's exit code for a specification it cannot find (TLC's 150).</summary>
    private const int SpecNotFoundExitCode = (int)Ops.Tla.ExitStatus.ParseError;

    /// <summary>The file <paramref name="path"/> names when taken literally (a name with [ ] * ?), or null.</summary>
    private string LiteralFile(string path)
    {
        if (!WildcardPattern.ContainsWildcardCharacters(path)) return null;
        var literal = TryUnresolved(path);
        if (literal != null && File.Exists(literal)) return literal;
        literal = TryUnresolved(path + ".tla");
        return literal != null && !path.EndsWith(".tla", StringComparison.OrdinalIgnoreCase) && File.Exists(literal) ? literal : null;
    }

    /// <summary>-LiteralPath (or a piped file's PSPath) as a file-system path, taken as named.</summary>
    private string ResolveLiteralPath(string path)
    {
        string resolved;
        try
        {
            resolved = SessionState.Path.GetUnresolvedProviderPathFromPSPath(path, out var provider, out _);
            if (provider.Name != "FileSystem")
            {
                Error(new ErrorRecord(new ArgumentException($"-LiteralPath {path} is not a file-system path."), "NotFileSystemPath", ErrorCategory.InvalidArgument, path), SpecNotFoundExitCode);
                return null;
            }
        }
        catch (Exception e) when (e is SessionStateException or ArgumentException or NotSupportedException)
        {
            Error(new ErrorRecord(e, "SpecNotFound", ErrorCategory.ObjectNotFound, path), SpecNotFoundExitCode);
            return null;
        }
        if (File.Exists(resolved)) return resolved;
        if (!resolved.EndsWith(".tla", StringComparison.OrdinalIgnoreCase) && File.Exists(resolved + ".tla")) return resolved + ".tla";
        Error(FileNotFoundRecord("-LiteralPath", path, resolved, "SpecNotFound", SpecNotFoundExitCode, Directory.Exists(resolved) ? FolderFix(path) : MissingFix), SpecNotFoundExitCode);
        return null;
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
