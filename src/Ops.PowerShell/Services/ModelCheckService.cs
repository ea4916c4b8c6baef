using System.Collections;
using System.Collections.Concurrent;
using Ops.Tla.Checking;
using Ops.Tla.Checking.Storage;
using Ops.Tla.Output;
using Ops.Tla.Output.Html;

namespace Ops.PowerShell;

/// <summary>What Invoke-ModelCheck was asked to do, with paths already resolved to file-system paths.</summary>
public sealed class ModelCheckRequest
{
    public string Path { get; set; }
    public string ConfigPath { get; set; }
    /// <summary>Constant name to PowerShell value (rendered by <see cref="ConstantRenderer"/>).</summary>
    public IDictionary Constants { get; set; }
    public int Workers { get; set; } = 1;
    /// <summary>TLC's -deadlock: true turns deadlock checking off.</summary>
    public bool NoDeadlock { get; set; }
    public TimeSpan? TimeLimit { get; set; }
    /// <summary>The check's memory budget in MB (null: 85% of the memory available), as <c>ops check -memory</c>.</summary>
    public long? MemoryMB { get; set; }
    /// <summary><c>ops check -diskstates</c>: the fingerprints and the states on disk from the start (otherwise in
    /// memory, moved to disk once half the memory budget is in use).</summary>
    public bool DiskStates { get; set; }
    /// <summary>TLC's -fpmem: the fingerprint set's memory once on disk, a fraction of the memory budget when below 1,
    /// else megabytes (null: a quarter of the budget).</summary>
    public double? FingerprintMemory { get; set; }
    /// <summary>TLC's -metadir: the folder under which a search on disk makes its own directory of files, removed when
    /// the check ends (null: the temporary folder).</summary>
    public string MetaDirectory { get; set; }
    /// <summary>Where to write the ITF trace (when there is a counterexample): a file, or a folder that gets one
    /// SPEC.itf.json per specification (for a pipeline of specifications).</summary>
    public string TracePath { get; set; }
    public string JUnitPath { get; set; }
    public string JsonPath { get; set; }
    /// <summary>TLC's -dump: the state graph, in TLC's DOT layout with colours and action labels when the file ends
    /// in .dot, TLC's plain list of states otherwise (the check then runs on one worker).</summary>
    public string DumpPath { get; set; }
    /// <summary>TLC's -dumpTrace: the counterexample, if any, as TLC writes it, in JSON (.json) or as a TLA+ module
    /// (.tla).</summary>
    public string DumpTracePath { get; set; }
    /// <summary>The HTML report (<c>ops check -html</c>): a file, or a folder that gets one SPEC.html per
    /// specification (for a pipeline of specifications).</summary>
    public string ReportPath { get; set; }
    /// <summary>TLC's -simulate: random behaviours instead of the breadth-first search.</summary>
    public bool Simulate { get; set; }
    /// <summary>TLC's -simulate num=N: the number of behaviours (null: until a violation or the time limit).</summary>
    public long? Behaviors { get; set; }
    /// <summary>TLC's -depth: the number of steps of a behaviour (null: TLC's 100).</summary>
    public int? Depth { get; set; }
    /// <summary>TLC's -seed: the seed of the simulation and of RandomElement and the other random choices.</summary>
    public long? Seed { get; set; }
    /// <summary>TLC's -coverage: collect the coverage statistics (the result's Coverage; at the end of the run).</summary>
    public bool Coverage { get; set; }
    /// <summary>How often progress is reported.</summary>
    public TimeSpan ProgressInterval { get; set; } = TimeSpan.FromMilliseconds(500);
    /// <summary>Unwraps host wrappers (PSObject) around -Constant values.</summary>
    public Func<object, object> Unwrap { get; set; }
    /// <summary>Turns each trace state into the object the host shows (a PSObject with one property per variable).</summary>
    public Func<ModelCheckTraceState, object> DecorateState { get; set; }

    /// <summary>The checker's options for this request; throws ArgumentException for a bad -Constant.</summary>
    public CheckOptions ToOptions()
    {
        if (string.IsNullOrWhiteSpace(Path)) throw new ArgumentException("-Path: no specification given.");
        if (Workers < 1) throw new ArgumentException("-Workers must be 1 or more (or auto).");
        if (MemoryMB is < 1) throw new ArgumentException("-MemoryMB must be 1 or more.");
        if (FingerprintMemory is { } fpmem && (double.IsNaN(fpmem) || fpmem <= 0))
            throw new ArgumentException($"-FingerprintMemory {fpmem}: give a fraction of the memory budget (0.25) or a number of megabytes (512).");
        if (!string.IsNullOrEmpty(MetaDirectory) && File.Exists(MetaDirectory))
            throw new ArgumentException($"-MetaDirectory {MetaDirectory} is a file: give a folder (created if it does not exist).");
        if (!string.IsNullOrEmpty(DumpTracePath) && !DumpTracePath.EndsWith(".json", StringComparison.OrdinalIgnoreCase) && !DumpTracePath.EndsWith(".tla", StringComparison.OrdinalIgnoreCase))
            throw new ArgumentException($"-DumpTracePath {DumpTracePath}: give a .json or a .tla file (TLC's two formats).");
        foreach (var (parameter, file) in new[] { ("-TracePath", TracePath), ("-JUnitPath", JUnitPath), ("-JsonPath", JsonPath), ("-DumpPath", DumpPath), ("-DumpTracePath", DumpTracePath), ("-ReportPath", ReportPath) })
        {
            if (string.IsNullOrEmpty(file)) continue;
            if (parameter is "-TracePath" or "-ReportPath" && ModelCheckReportFiles.IsFolder(file)) continue;
            var problem = OutputFiles.Problem(file);
            if (problem != null) throw new ArgumentException($"{parameter} {file} cannot be written: {problem}.");
        }
        if (!Simulate && (Behaviors != null || Depth != null))
            throw new ArgumentException("-Behaviors and -Depth describe a simulation: give -Simulate with them.");
        if (Behaviors is < 1) throw new ArgumentException("-Behaviors must be 1 or more.");
        if (Depth is < 0) throw new ArgumentException("-Depth must be 0 or more.");
        return new CheckOptions
        {
            Simulation = Simulate ? new SimulationOptions { Behaviors = Behaviors } : null,
            Depth = Depth ?? 100,
            Seed = Seed,
            ConfigPath = string.IsNullOrEmpty(ConfigPath) ? null : ConfigPath,
            Workers = Workers,
            CheckDeadlock = !NoDeadlock,
            ConstantValues = ConstantRenderer.ValuesOf(Constants, Unwrap),
            TimeLimit = TimeLimit,
            MemoryBudgetMB = MemoryMB,
            Storage = DiskStates ? StorageMode.Disk : StorageMode.Auto,
            FingerprintMemory = FingerprintMemory,
            StorageDirectory = string.IsNullOrEmpty(MetaDirectory) ? null : MetaDirectory,
            ProgressInterval = ProgressInterval,
            CoverageMinutes = Coverage ? 0 : null,
        }.FromEnvironment();
    }
}

/// <summary>Progress of a running check, as Write-Progress shows it.</summary>
public sealed record ModelCheckProgress(string Spec, int Depth, long StatesGenerated, long DistinctStates, long StatesLeftOnQueue,
    TimeSpan Elapsed, long StatesPerMinute, long DistinctStatesPerMinute)
{
    public string Activity => $"Model checking {Spec}";

    /// <summary>"12,345 states generated (600,000/min), 3,096 distinct (90,000/min), 2,767 on queue, depth 5".</summary>
    public string Status =>
        $"{StatesGenerated:N0} states generated ({StatesPerMinute:N0}/min), {DistinctStates:N0} distinct ({DistinctStatesPerMinute:N0}/min), {StatesLeftOnQueue:N0} on queue, depth {Depth}";

    /// <summary>TLC's progress line.</summary>
    public string TlcLine(DateTime now) => ProgressReport.Line(new CheckProgress(Depth, StatesGenerated, DistinctStates, StatesLeftOnQueue, Elapsed), now);
}

/// <summary>Something a running check reports to its host: progress, or a line printed by Print/PrintT.</summary>
public abstract record ModelCheckEvent;
public sealed record ModelCheckProgressEvent(ModelCheckProgress Progress) : ModelCheckEvent;
public sealed record ModelCheckOutputEvent(string Line) : ModelCheckEvent;

/// <summary>
/// A check running on its own thread, so that the host's thread stays free to show progress (PowerShell's
/// Write-Progress must be called on the pipeline thread) and to notice Ctrl+C. The host loops on
/// <see cref="Wait"/> and <see cref="Drain"/>, calls <see cref="Cancel"/> to stop, and reads <see cref="Result"/>.
/// </summary>
public sealed class ModelCheckSession : IDisposable
{
    private readonly ConcurrentQueue<ModelCheckEvent> _events = new();
    private readonly CancellationTokenSource _cts = new();
    private readonly CancellationToken _token;
    private readonly Thread _thread;
    private readonly ModelCheckRequest _request;
    private readonly ManualResetEventSlim _done = new(false);
    private CheckResult _raw;
    private Exception _crash;
    private readonly StateGraphRecorder _graph;

    /// <summary>The checker's deep recursion needs more than the default stack.</summary>
    private const int StackSize = 256 * 1024 * 1024;

    private ModelCheckSession(ModelCheckRequest request, CheckOptions options)
    {
        _request = request;
        var spec = System.IO.Path.GetFileName(request.Path);
        _token = _cts.Token;
        options.Cancellation = _token;
        options.Log = line => _events.Enqueue(new ModelCheckOutputEvent(line));
        options.Progress = p => _events.Enqueue(new ModelCheckProgressEvent(new ModelCheckProgress(spec, p.Depth, p.StatesGenerated,
            p.DistinctStates, p.StatesLeftOnQueue, p.Elapsed, ProgressReport.StatesPerMinute(p), ProgressReport.DistinctPerMinute(p))));
        IDisposable dumpFile = null;
        if (!string.IsNullOrEmpty(request.DumpPath))
        {
            try
            {
                var dump = request.DumpPath.EndsWith(".dot", StringComparison.OrdinalIgnoreCase)
                    ? (IStateDump)new DotStateGraph(request.DumpPath, colorize: true, actionLabels: true, snapshot: false)
                    : new StateDumpFile(request.DumpPath);
                options.Dump = dump;
                dumpFile = (IDisposable)dump;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
            {
                throw new ArgumentException($"-DumpPath {request.DumpPath} cannot be written: {e.Message}", e);
            }
        }
        // -ReportPath: the state graph of a small check, recorded when the search runs on one worker anyway.
        if (!string.IsNullOrEmpty(request.ReportPath)) _graph = CheckReportHtml.Attach(options);
        _thread = new Thread(() =>
        {
            try { _raw = ModelChecker.Check(request.Path, options); }
            catch (Exception e) { _crash = e; }
            finally
            {
                dumpFile?.Dispose();
                _done.Set();
            }
        }, StackSize)
        { IsBackground = true, Name = "Ops model check " + spec };
    }

    /// <summary>Validates the request (ArgumentException for a bad one) and starts the check.</summary>
    public static ModelCheckSession Start(ModelCheckRequest request)
    {
        var options = request.ToOptions();
        var s = new ModelCheckSession(request, options);
        s._thread.Start();
        return s;
    }

    /// <summary>Waits up to <paramref name="timeout"/>; true when the check has finished.</summary>
    public bool Wait(TimeSpan timeout) => _done.Wait(timeout);

    public bool IsCompleted => _done.IsSet;

    /// <summary>Stops the check; it ends at its next cancellation point with the figures so far.</summary>
    public void Cancel()
    {
        try { _cts.Cancel(); }
        catch (ObjectDisposedException) { /* the session is over: nothing to stop */ }
    }

    public bool CancellationRequested => _token.IsCancellationRequested;

    /// <summary>The events reported since the last call.</summary>
    public List<ModelCheckEvent> Drain()
    {
        var list = new List<ModelCheckEvent>();
        while (_events.TryDequeue(out var e)) list.Add(e);
        return list;
    }

    /// <summary>The result (after the check finished; the files the request asks for are written by
    /// <see cref="ModelCheckService.WriteOutputs"/>). Throws <see cref="ModelCheckInternalException"/> when the
    /// checker itself failed.</summary>
    public ModelCheckResult Result
    {
        get
        {
            _done.Wait();
            if (_crash != null) throw new ModelCheckInternalException(_crash);
            return _result ??= new ModelCheckResult(_raw, _request.DecorateState) { Graph = _graph };
        }
    }

    private ModelCheckResult _result;

    public void Dispose()
    {
        Cancel();
        if (_done.Wait(TimeSpan.FromSeconds(10))) _cts.Dispose();
    }
}

/// <summary>The checker failed in a way that is a bug of Ops, not of the specification.</summary>
public sealed class ModelCheckInternalException : OpsCommandException
{
    public ModelCheckInternalException(Exception inner)
        : base($"Internal error of the model checker: {inner.GetType().Name}: {(inner.Message ?? "").Split('\n')[0]}", OtherFailure, inner) { }
}

/// <summary>Thrown (as a terminating error) by Invoke-ModelCheck -ErrorOnViolation when the check did not succeed;
/// carries the result and TLC's exit code so a pipeline can <c>exit $_.Exception.ExitCode</c>.</summary>
public sealed class ModelCheckFailedException : OpsCommandException
{
    public ModelCheckFailedException(ModelCheckResult result)
        : base(Describe(result), result.ExitCode == 0 ? OtherFailure : result.ExitCode)
    {
        Result = result;
    }

    public ModelCheckResult Result { get; }

    private static string Describe(ModelCheckResult r)
    {
        var what = r.Violation?.Message?.Split('\n')[0].TrimEnd() ?? r.Result;
        var where = r.Violation?.Location != null && !what.StartsWith(r.Violation.Location, StringComparison.Ordinal) ? $" at {r.Violation.Location}" : "";
        return $"Model check of {r.Spec} failed: {what}{where} ({r.Result}, exit code {r.ExitCode}).";
    }
}

/// <summary>The operations behind Invoke-ModelCheck, callable without PowerShell.</summary>
public static class ModelCheckService
{
    /// <summary>Runs a check to the end on the calling thread's behalf, reporting events as they come.</summary>
    /// <param name="reports">The report files of the pipeline this check is part of (null: this check alone).</param>
    public static ModelCheckResult Run(ModelCheckRequest request, Action<ModelCheckEvent> onEvent = null, CancellationToken cancellation = default,
        ModelCheckReportFiles reports = null)
    {
        using var session = ModelCheckSession.Start(request);
        using var reg = cancellation.Register(session.Cancel);
        while (!session.Wait(TimeSpan.FromMilliseconds(50)))
            foreach (var e in session.Drain()) onEvent?.Invoke(e);
        foreach (var e in session.Drain()) onEvent?.Invoke(e);
        var result = session.Result;
        (reports ?? new ModelCheckReportFiles()).Write(result, request);
        return result;
    }

    /// <summary>Writes the ITF trace, JUnit report and JSON the request asks for (the trace only when there is one).</summary>
    public static void WriteOutputs(ModelCheckResult result, ModelCheckRequest request) => new ModelCheckReportFiles().Write(result, request);

    /// <summary>-Workers: a positive number, or "auto" (one per processor).</summary>
    public static int ParseWorkers(object value)
    {
        switch (value)
        {
            case null: return 1;
            case int i when i > 0: return i;
            case long l when l > 0 && l <= 4096: return (int)l;
            case string s when s.Trim().Equals("auto", StringComparison.OrdinalIgnoreCase): return Environment.ProcessorCount;
            case string s when int.TryParse(s.Trim(), out var n) && n > 0: return n;
            default: throw new ArgumentException($"-Workers expects a positive number or 'auto', not '{value}'.");
        }
    }

    /// <summary>Whether Invoke-ModelCheck should report the result as an error record even without
    /// -ErrorOnViolation: when the check could not run or finish (parse, configuration, evaluation errors).</summary>
    public static bool IsError(ModelCheckResult r) => r.Result == "error";
}

/// <summary>
/// The report files of one Invoke-ModelCheck pipeline (<c>Get-ChildItem *.tla | Invoke-ModelCheck -JUnitPath x.xml</c>):
/// each file holds every specification checked so far, rewritten after each one, so a pipeline stopped half-way
/// still leaves a complete report of what ran.
/// <list type="bullet">
/// <item>-JUnitPath: one <c>testsuites</c> document, a <c>testsuite</c> per specification;</item>
/// <item>-JsonPath: the result object for one specification, an array of them for several;</item>
/// <item>-ReportPath: a folder gets one SPEC.html per specification (SPEC_CFG.html for a second configuration); a file
/// holds the page of one check, so a second specification is refused as for -TracePath;</item>
/// <item>-TracePath: a folder gets one SPEC.itf.json per counterexample (SPEC_CFG.itf.json for a second
/// configuration of the same specification); a file holds one counterexample (ITF has one trace per document), so a
/// second one is refused with an IOException that says to give a folder.</item>
/// </list>
/// </summary>
public sealed class ModelCheckReportFiles
{
    private static readonly StringComparer PathComparer = OperatingSystem.IsWindows() ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;
    private readonly Dictionary<string, List<CheckResult>> _junit = new(PathComparer);
    private readonly Dictionary<string, List<CheckResult>> _json = new(PathComparer);
    private readonly Dictionary<string, string> _traceOwner = new(PathComparer);
    private readonly Dictionary<string, string> _reportOwner = new(PathComparer);

    /// <summary>Writes <paramref name="result"/> into the files <paramref name="request"/> names (IOException,
    /// UnauthorizedAccessException when one cannot be written: the first; the others are still written).</summary>
    public void Write(ModelCheckResult result, ModelCheckRequest request)
    {
        var failures = WriteAll(result, request);
        if (failures.Count > 0) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(failures[0]).Throw();
    }

    /// <summary>Writes <paramref name="result"/> into every file <paramref name="request"/> names that can be written;
    /// returns why each of the others was not (IOException, UnauthorizedAccessException), one per file.</summary>
    public List<Exception> WriteAll(ModelCheckResult result, ModelCheckRequest request)
    {
        var raw = result.GetCheckResult();
        var failures = new List<Exception>();
        void Try(Action write)
        {
            try { write(); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { failures.Add(e); }
        }
        if (!string.IsNullOrEmpty(request.JUnitPath))
            Try(() =>
            {
                var all = Add(_junit, request.JUnitPath, raw);
                JUnitReport.WriteFile(all, request.JUnitPath);
                result.JUnitPath = request.JUnitPath;
            });
        if (!string.IsNullOrEmpty(request.JsonPath))
            Try(() =>
            {
                var all = Add(_json, request.JsonPath, raw);
                var text = all.Count == 1 ? JsonReport.Serialize(raw) : "[\n" + string.Join(",\n", all.Select(JsonReport.Serialize)) + "\n]";
                File.WriteAllText(request.JsonPath, text + "\n");
                result.JsonPath = request.JsonPath;
            });
        if (!string.IsNullOrEmpty(request.TracePath) && raw.Trace.Count > 0)
            Try(() =>
            {
                var path = TraceFile(request.TracePath, raw);
                var full = System.IO.Path.GetFullPath(path);
                var who = Describe(raw);
                if (_traceOwner.TryGetValue(full, out var owner) && owner != who)
                    throw new IOException($"-TracePath {request.TracePath} already holds the counterexample of {owner}, so the one of {who} was not written: " +
                        "an ITF file holds one trace; give -TracePath a folder to keep one SPEC.itf.json per specification.");
                if (ItfTrace.WriteFile(raw, path))
                {
                    _traceOwner[full] = who;
                    result.TracePath = path;
                }
            });
        if (!string.IsNullOrEmpty(request.DumpTracePath) && raw.Trace.Count > 0)
            Try(() =>
            {
                if (request.DumpTracePath.EndsWith(".json", StringComparison.OrdinalIgnoreCase)) CounterExampleJson.WriteFile(raw, request.DumpTracePath);
                else CounterExampleModule.WriteFile(raw, request.DumpTracePath);
            });
        if (!string.IsNullOrEmpty(request.ReportPath))
            Try(() =>
            {
                var path = OneFilePer(request.ReportPath, raw, ".html");
                var full = System.IO.Path.GetFullPath(path);
                var who = Describe(raw);
                if (_reportOwner.TryGetValue(full, out var owner) && owner != who)
                    throw new IOException($"-ReportPath {request.ReportPath} already holds the report of {owner}, so the one of {who} was not written: " +
                        "a page reports one check; give -ReportPath a folder to keep one SPEC.html per specification.");
                CheckReportHtml.WriteFile(path, raw, result.Graph);
                _reportOwner[full] = who;
                result.ReportPath = path;
            });
        return failures;
    }

    private static List<CheckResult> Add(Dictionary<string, List<CheckResult>> files, string path, CheckResult r)
    {
        var key = System.IO.Path.GetFullPath(path);
        if (!files.TryGetValue(key, out var list)) files[key] = list = new List<CheckResult>();
        list.Add(r);
        return list;
    }

    private static string Describe(CheckResult r) =>
        System.IO.Path.GetFileName(r.SpecPath) + (r.ConfigPath != null && !IsDefaultConfig(r) ? $" ({System.IO.Path.GetFileName(r.ConfigPath)})" : "");

    private static bool IsDefaultConfig(CheckResult r) =>
        System.IO.Path.GetFileNameWithoutExtension(r.ConfigPath) == System.IO.Path.GetFileNameWithoutExtension(r.SpecPath);

    /// <summary>
    /// Whether a -TracePath or -ReportPath names a folder (one file per specification in it, the folder made when
    /// missing): an existing folder, a path that ends with a separator (./reports/), or one that does not exist and has
    /// no extension (./reports). Before, a missing ./reports became a file named "reports" holding the first page, and
    /// the second specification of <c>Get-ChildItem *.tla | Invoke-ModelCheck -ReportPath ./reports</c> was refused.
    /// </summary>
    public static bool IsFolder(string path)
    {
        if (string.IsNullOrEmpty(path)) return false;
        if (Directory.Exists(path)) return true;
        if (File.Exists(path)) return false;
        return path.EndsWith(System.IO.Path.DirectorySeparatorChar) || path.EndsWith(System.IO.Path.AltDirectorySeparatorChar) ||
            System.IO.Path.GetExtension(path.TrimEnd('.')).Length == 0;
    }

    /// <summary>The trace file: the path itself, or SPEC.itf.json (SPEC_CFG.itf.json for another configuration of
    /// the same specification) in it when it is a folder.</summary>
    private static string TraceFile(string tracePath, CheckResult r) => OneFilePer(tracePath, r, ".itf.json");

    /// <summary>The path itself, or SPEC+extension (SPEC_CFG+extension for another configuration of the same
    /// specification) in it when it is a folder.</summary>
    private static string OneFilePer(string tracePath, CheckResult r, string extension)
    {
        if (!IsFolder(tracePath)) return tracePath;
        Directory.CreateDirectory(tracePath);
        var spec = System.IO.Path.GetFileNameWithoutExtension(r.SpecPath ?? "model");
        var cfg = r.ConfigPath != null ? System.IO.Path.GetFileNameWithoutExtension(r.ConfigPath) : spec;
        var name = cfg == spec || cfg.StartsWith(spec + "_", StringComparison.Ordinal) ? cfg : spec + "_" + cfg;
        return System.IO.Path.Combine(tracePath, name + extension);
    }
}
