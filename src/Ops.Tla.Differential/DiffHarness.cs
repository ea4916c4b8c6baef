using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using CsCheck;
using Ops.Tla.Checking;
using Ops.Tla.Output;

namespace Ops.Tla.Differential;

/// <summary>What one checker said about one case: the figures the harness compares.</summary>
public sealed class RunOutcome
{
    public int Exit;
    /// <summary><see cref="Exit"/> in TLC's catalogue (-1, a run that timed out, is none of its statuses).</summary>
    public ExitStatus Status => (ExitStatus)Exit;
    public long? Generated;
    public long? Distinct;
    /// <summary>The violated invariant or property name, "deadlock", "temporal", or null.</summary>
    public string Property;
    /// <summary>Every property TLC names when one counterexample violates several ("Temporal properties A and B were
    /// violated."); null otherwise. Ops names the first of them.</summary>
    public HashSet<string> Properties;
    /// <summary>The number of states of the counterexample (without TLC's "Stuttering"/"Back to state" lines).</summary>
    public int? TraceLength;
    public bool TimedOut;
    /// <summary>TLC found the violation in a liveness check of the partial state graph ("Checking temporal properties
    /// for the current state space"), which it runs when enough time has passed: its counts then depend on the
    /// machine's speed (finding 006).</summary>
    public bool LivenessMidSearch;
    public string Output = "";

    /// <summary>For an error (not a verdict): the first line of the error message, without TLC's framing of a
    /// RuntimeException ("TLC threw an unexpected exception. ... The exception was a java.lang.RuntimeException").</summary>
    public string ErrorLine => ErrorSignature(Output).Line;
    /// <summary>For an error: where it is, as the user reads it: the places the message names ("line 6, col 22 to
    /// line 6, col 52 of module Gen") and the innermost position of TLC's nested expressions list.</summary>
    public string ErrorPlace => ErrorSignature(Output).Place;

    private static readonly Regex SpanText = new(@"line \d+, col \d+ to line \d+, col \d+ of module \w+", RegexOptions.Compiled);
    private static readonly Regex OpsConfigError = new(@"^\S+:\d+:\d+: (?:configuration error|error): (.*)$", RegexOptions.Compiled);
    private static readonly Regex NestedLine = new(@"^\d+\. (Line \d+, column \d+ to line \d+, column \d+ in \w+)", RegexOptions.Compiled);

    /// <summary>The first line of the first error message in TEXT and its places (see <see cref="ErrorLine"/>).</summary>
    public static (string Line, string Place) ErrorSignature(string text)
    {
        var lines = (text ?? "").Replace("\r", "").Split('\n');
        string first = null;
        var places = new List<string>();
        string innermost = null;
        var inMessage = false;
        var inNested = false;
        for (var i = 0; i < lines.Length; i++)
        {
            var l = lines[i];
            // Ops's form of a configuration or parse error ("FILE:LINE:COL: configuration error: MESSAGE"; open in the
            // doc's round 4): the message is compared, not the place (TLC names none).
            var cfg = OpsConfigError.Match(l);
            if (first == null && cfg.Success)
            {
                first = cfg.Groups[1].Value.Trim();
                inMessage = false;
                continue;
            }
            // TLC's FingerprintException (an error in a value that knows its source, e.g. RecordValue.apply): its
            // stack takes the place of the nested expressions list.
            if (l.StartsWith("Fingerprint Stack Trace:", StringComparison.Ordinal))
            {
                inNested = true;
                inMessage = false;
                continue;
            }
            if (l.StartsWith("Error: ", StringComparison.Ordinal))
            {
                inNested = l.StartsWith("Error: The error occurred when TLC was evaluating the nested", StringComparison.Ordinal);
                if (first != null || inNested || l.StartsWith("Error: The behavior up to this point", StringComparison.Ordinal)
                    || l.StartsWith("Error: The following behavior", StringComparison.Ordinal))
                {
                    inMessage = false;
                    continue;
                }
                var msg = l["Error: ".Length..];
                if (msg.StartsWith("TLC threw an unexpected exception", StringComparison.Ordinal))
                {
                    // The message follows the framing, on the line that starts with ": ".
                    var j = i + 1;
                    while (j < lines.Length && !lines[j].StartsWith(": ", StringComparison.Ordinal) && !lines[j].StartsWith("Error: ", StringComparison.Ordinal)) j++;
                    if (j < lines.Length && lines[j].StartsWith(": ", StringComparison.Ordinal)) { msg = lines[j][2..]; i = j; }
                }
                first = msg.Trim();
                foreach (Match m in SpanText.Matches(msg)) places.Add(m.Value);
                inMessage = true;
                continue;
            }
            if (inMessage)
            {
                if (l.Length == 0 || l.StartsWith("Warning: ", StringComparison.Ordinal)) { inMessage = false; continue; }
                foreach (Match m in SpanText.Matches(l)) places.Add(m.Value);
            }
            else if (inNested)
            {
                var m = NestedLine.Match(l);
                if (m.Success) innermost = m.Groups[1].Value;
                else if (l.Length > 0 && !l.StartsWith("expressions at the following positions", StringComparison.Ordinal)) inNested = false;
            }
        }
        if (innermost != null) places.Add("innermost " + innermost);
        return (first, string.Join("; ", places));
    }

    public string Summary => TimedOut ? "timeout" :
        $"exit {Exit}, {Generated?.ToString() ?? "?"} generated, {Distinct?.ToString() ?? "?"} distinct" +
        (!Status.IsVerdict() && ErrorLine != null ? $", \"{ErrorLine}\"" + (ErrorPlace.Length > 0 ? $" at {ErrorPlace}" : "") : "") +
        (Property != null ? $", violated {Property}" : "") + (TraceLength != null ? $", trace {TraceLength}" : "");
}

/// <summary>Runs TLC (a separate JVM per case) and parses what it printed.</summary>
public sealed class TlcRunner
{
    public string TlcPath;
    public TimeSpan Timeout = TimeSpan.FromSeconds(120);
    /// <summary>The JVM's options: a small heap, C1 only and a class-data archive (made on the first run) cut TLC's
    /// start-up from about 1.2 s to about 0.5 s.</summary>
    public string JavaOptions;

    public TlcRunner(string tlcPath, string workDir)
    {
        TlcPath = tlcPath;
        var archive = Path.Combine(workDir, "tlc-cds.jsa");
        JavaOptions = "-Xmx1g -Xss16m -XX:TieredStopAtLevel=1 " +
            (File.Exists(archive) ? $"-XX:SharedArchiveFile={archive}" : $"-XX:ArchiveClassesAtExit={archive}");
    }

    /// <summary>Where TLC is for a repository at ROOT: ../shared/tools/tlc, or null when it or java is missing.</summary>
    public static string Locate(string start)
    {
        for (var dir = new DirectoryInfo(start); dir != null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "tools", "tlc");
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }

    /// <summary>Is there a java in one of the folders of <paramref name="searchPath"/> (the caller's PATH; the
    /// library reads no environment of its own)?</summary>
    public static bool JavaAvailable(string searchPath) =>
        (searchPath ?? "").Split(Path.PathSeparator).Any(p => p.Length > 0 && File.Exists(Path.Combine(p, "java")));

    public RunOutcome Run(string dir, bool noDeadlock) => Run(dir, noDeadlock, 1, false);

    public RunOutcome Run(string dir, bool noDeadlock, int workers, bool cont)
    {
        var psi = new ProcessStartInfo(TlcPath)
        {
            WorkingDirectory = dir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add("-workers");
        psi.ArgumentList.Add(workers.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (noDeadlock) psi.ArgumentList.Add("-deadlock");
        if (cont) psi.ArgumentList.Add("-continue");
        psi.ArgumentList.Add("-metadir");
        psi.ArgumentList.Add(Path.Combine(dir, ".tlc-meta"));
        psi.ArgumentList.Add("-noTE");
        psi.ArgumentList.Add("-config");
        psi.ArgumentList.Add(SpecCase.ModuleName + ".cfg");
        psi.ArgumentList.Add(SpecCase.ModuleName + ".tla");
        psi.Environment["TLC_JAVA_OPTS"] = JavaOptions;
        var (exit, text, timedOut) = RunProcess(psi, Timeout);
        if (timedOut) return new RunOutcome { TimedOut = true, Exit = -1, Output = text };
        if (JavaOptions.Contains("ArchiveClassesAtExit"))
        {
            var archive = JavaOptions.Split("ArchiveClassesAtExit=")[1].Split(' ')[0];
            if (File.Exists(archive)) JavaOptions = JavaOptions.Replace("ArchiveClassesAtExit", "SharedArchiveFile");
        }
        return Parse(exit, text);
    }

    /// <summary>Runs a process to its end or to <paramref name="timeout"/> (then killed with its children): its exit
    /// code (-1 when it timed out), its standard output then its standard error.</summary>
    internal static (int Exit, string Output, bool TimedOut) RunProcess(ProcessStartInfo psi, TimeSpan timeout)
    {
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        bool timedOut = !p.WaitForExit((int)timeout.TotalMilliseconds);
        if (timedOut)
        {
            try { p.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
        }
        p.WaitForExit();
        return (timedOut ? -1 : p.ExitCode, stdout.Result + stderr.Result, timedOut);
    }

    private static readonly Regex Counts = new(@"([\d,]+) states generated, ([\d,]+) distinct states found", RegexOptions.Compiled);
    private static readonly Regex Invariant = new(@"^Error: Invariant (\S+) is violated", RegexOptions.Compiled | RegexOptions.Multiline);
    private static readonly Regex ActionProp = new(@"^Error: Action property (\S+) is violated", RegexOptions.Compiled | RegexOptions.Multiline);
    private static readonly Regex Temporal = new(@"^Error: Temporal property (\S+) was violated", RegexOptions.Compiled | RegexOptions.Multiline);
    private static readonly Regex TemporalMany = new(@"^Error: Temporal properties (.+) were violated", RegexOptions.Compiled | RegexOptions.Multiline);
    // The states of a counterexample; TLC's "State N: Stuttering" and "State N: Back to state M" close a lasso and are
    // not states of it.
    private static readonly Regex StateLine = new(@"^State (\d+): (?!Stuttering|Back to state)", RegexOptions.Compiled | RegexOptions.Multiline);

    public static RunOutcome Parse(int exit, string text)
    {
        var o = new RunOutcome { Exit = exit, Output = text, LivenessMidSearch = text.Contains("Checking temporal properties for the current state space") };
        var counts = Counts.Matches(text);
        if (counts.Count > 0)
        {
            var m = counts[^1];
            o.Generated = long.Parse(m.Groups[1].Value.Replace(",", ""));
            o.Distinct = long.Parse(m.Groups[2].Value.Replace(",", ""));
        }
        Match pm;
        if ((pm = Invariant.Match(text)).Success) o.Property = pm.Groups[1].Value;
        else if ((pm = ActionProp.Match(text)).Success) o.Property = pm.Groups[1].Value;
        else if (text.Contains("Error: Deadlock reached.")) o.Property = "deadlock";
        else if ((pm = Temporal.Match(text)).Success) o.Property = pm.Groups[1].Value;
        else if ((pm = TemporalMany.Match(text)).Success)
        {
            o.Properties = pm.Groups[1].Value.Replace(" and ", ", ").Split(", ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet();
            o.Property = o.Properties.First();
        }
        else if (text.Contains("Error: Temporal properties were violated.")) o.Property = "temporal";
        var states = StateLine.Matches(text);
        if (states.Count > 0 && o.Property != null) o.TraceLength = states.Count;
        return o;
    }
}

/// <summary>Runs Ops in this process (ModelChecker.Check, one worker).</summary>
public static class OpsRunner
{
    private static readonly object Gate = new();

    public static RunOutcome Run(string dir, bool noDeadlock, TimeSpan timeout) => Run(dir, noDeadlock, timeout, 1, false);

    public static RunOutcome Run(string dir, bool noDeadlock, TimeSpan timeout, int workers, bool cont)
    {
        var spec = Path.Combine(dir, SpecCase.ModuleName + ".tla");
        var options = new CheckOptions
        {
            ConfigPath = Path.Combine(dir, SpecCase.ModuleName + ".cfg"),
            Workers = workers,
            Continue = cont,
            CheckDeadlock = !noDeadlock,
            TimeLimit = timeout,
            MemoryBudgetMB = 4096,
        };
        CheckResult result;
        lock (Gate) result = ModelChecker.Check(spec, options);
        var o = new RunOutcome
        {
            Exit = result.ExitCode,
            Generated = result.StatesGenerated,
            Distinct = result.DistinctStates,
            TimedOut = result.Violation?.Kind is ViolationKind.TimeLimit or ViolationKind.MemoryBudget,
            Output = TlcText.Format(result),
        };
        if (result.Violation != null)
        {
            o.Property = result.Violation.Kind switch
            {
                ViolationKind.Invariant or ViolationKind.ActionProperty => result.Violation.Property,
                ViolationKind.Deadlock => "deadlock",
                ViolationKind.Temporal => result.Violation.Property ?? "temporal",
                _ => null,
            };
            if (o.Property != null) o.TraceLength = result.Trace.Count;
        }
        if (cont)
        {
            // -continue: several violations, each with its trace; read as TLC's output is read.
            var parsed = TlcRunner.Parse(o.Exit, o.Output);
            o.Property = parsed.Property;
            o.Properties = parsed.Properties;
            o.TraceLength = parsed.TraceLength;
        }
        return o;
    }

    private static bool IsSafetyProperty(CheckResult r) => r.Violation.Message?.StartsWith("Invariant ") == true
        || r.Violation.Message?.StartsWith("Action property ") == true;
}

/// <summary>A disagreement between TLC and Ops on one case.</summary>
public sealed class Disagreement
{
    public SpecCase Case;
    /// <summary>What differs: "exit", "generated", "distinct", "property", "trace" (first is the primary kind).</summary>
    public List<string> Kinds = new();
    public RunOutcome Tlc;
    public RunOutcome Ops;
    public string Directory;

    public string Kind => Kinds.Count > 0 ? Kinds[0] : "none";

    public string Describe() => $"{string.Join("+", Kinds)}: TLC {Tlc.Summary}; Ops {Ops.Summary}";
}

/// <summary>The running totals of a batch.</summary>
public sealed class DiffSummary
{
    public int Run;
    public int Agreements;
    public int Skipped;   // a timeout on either side
    public Dictionary<string, int> ByKind = new();
    public Dictionary<int, int> TlcExits = new();
    public List<Disagreement> Disagreements = new();
    public TimeSpan Elapsed;

    public string Format()
    {
        var sb = new StringBuilder();
        sb.AppendLine($"specs run: {Run}; agreements: {Agreements}; disagreements: {Disagreements.Count}; skipped (timeout): {Skipped}; time: {Elapsed.TotalSeconds:F0}s");
        sb.AppendLine("TLC verdicts: " + string.Join(", ", TlcExits.OrderBy(k => k.Key).Select(k => $"exit {k.Key}: {k.Value}")));
        if (ByKind.Count > 0) sb.AppendLine("disagreements by kind: " + string.Join(", ", ByKind.OrderByDescending(k => k.Value).Select(k => $"{k.Key}: {k.Value}")));
        foreach (var d in Disagreements) sb.AppendLine($"  {d.Directory ?? "(not written)"}: {d.Describe()}");
        return sb.ToString();
    }
}

/// <summary>
/// Differential testing: generates cases (<see cref="SpecGen"/>), runs Ops and TLC on each, compares verdict (exit
/// code), generated and distinct counts, and for violations the property and the trace length; a disagreement is
/// shrunk (CsCheck's seed-based shrinking, then leaving components out and lowering the depth) and written out.
/// </summary>
public sealed class DiffHarness
{
    public string TlcPath;
    public string OutDir;
    public int Jobs = 2;
    public TimeSpan Timeout = TimeSpan.FromSeconds(60);
    /// <summary>How many shrinking candidates CsCheck may try (each costs a TLC run).</summary>
    public int ShrinkIterations = 25;
    public TimeSpan ShrinkTime = TimeSpan.FromSeconds(30);
    public bool Shrink = true;
    /// <summary>Only the first few disagreements of each kind are shrunk (each shrink costs many TLC runs); later
    /// ones of a kind already seen are written as they are.</summary>
    public int ShrinkPerKind = 2;
    private readonly Dictionary<string, int> shrunkByKind = new();
    /// <summary>Also write the cases that agree (OutDir/all/caseN), to look at what the generator makes.</summary>
    public bool KeepAll;
    public Action<string> Log = _ => { };

    private readonly string workDir;
    private TlcRunner tlc;
    private int caseCounter;

    public DiffHarness(string tlcPath, string outDir)
    {
        TlcPath = tlcPath;
        OutDir = outDir;
        workDir = Path.Combine(Path.GetTempPath(), $"ops-difftest-{Environment.ProcessId}-{Guid.NewGuid():N}"[..40]);
        Directory.CreateDirectory(workDir);
    }

    private readonly object tlcGate = new();

    /// <summary>The TLC runner, made once: its first run (a trivial spec) writes the JVM's class-data archive.</summary>
    private TlcRunner Tlc
    {
        get
        {
            lock (tlcGate)
            {
                if (tlc != null) return tlc;
                var runner = new TlcRunner(TlcPath, workDir) { Timeout = Timeout };
                var warm = Path.Combine(workDir, "warmup");
                Directory.CreateDirectory(warm);
                File.WriteAllText(Path.Combine(warm, SpecCase.ModuleName + ".tla"),
                    $"---- MODULE {SpecCase.ModuleName} ----\nEXTENDS Naturals, Sequences, FiniteSets, TLC\nVARIABLE x\nInit == x = 0\nNext == x < 2 /\\ x' = x + 1\n====\n");
                File.WriteAllText(Path.Combine(warm, SpecCase.ModuleName + ".cfg"), "INIT Init\nNEXT Next\n");
                runner.Run(warm, true);
                return tlc = runner;
            }
        }
    }

    /// <summary>
    /// Several temporal properties violated, each checker naming another (TLC searches its behaviour graph in its own
    /// order and names the properties its counterexample violates): the two agree when TLC, checking the property Ops
    /// names on its own, finds it violated with the same exit code.
    /// </summary>
    private static bool TlcConfirmsProperty(TlcRunner runner, string dir, SpecCase c, RunOutcome tlc, RunOutcome ops)
    {
        if (ops.Property == null || tlc.Status is not (ExitStatus.SafetyViolation or ExitStatus.LivenessViolation) || !tlc.Output.Contains("Temporal propert")) return false;
        var cfgPath = Path.Combine(dir, SpecCase.ModuleName + ".cfg");
        var lines = File.ReadAllLines(cfgPath);
        if (!lines.Any(l => l.Trim() == "PROPERTY " + ops.Property)) return false;
        var alone = Path.Combine(dir, "alone");
        Directory.CreateDirectory(alone);
        foreach (var f in Directory.EnumerateFiles(dir, "*.tla")) File.Copy(f, Path.Combine(alone, Path.GetFileName(f)), true);
        File.WriteAllLines(Path.Combine(alone, SpecCase.ModuleName + ".cfg"),
            lines.Where(l => !l.TrimStart().StartsWith("PROPERTY ", StringComparison.Ordinal) || l.Trim() == "PROPERTY " + ops.Property));
        var check = runner.Run(alone, c.NoDeadlock);
        return !check.TimedOut && check.Exit == ops.Exit && (check.Property == ops.Property || (check.Properties?.Contains(ops.Property) ?? false));
    }

    /// <summary>The case numbered I of a batch with seed SEED (the same on every machine).</summary>
    public static SpecCase CaseFor(ulong seed, int i, long baseMask = 0)
    {
        var pcg = new PCG((uint)(i % 1_000_003) + 7, seed ^ ((ulong)i * 0x9E3779B97F4A7C15UL));
        return new SpecGen(baseMask).Generate(pcg, null, out _);
    }

    /// <summary>Components left out of every case of a batch (see <see cref="SpecGen.BaseMask"/>).</summary>
    public long BaseMask;

    /// <summary>Runs both checkers on a case; null when they agree (or one timed out: skipped is set).</summary>
    public Disagreement RunCase(SpecCase c, out bool skipped) => RunCase(c, out skipped, out _);

    public Disagreement RunCase(SpecCase c, out bool skipped, out int? tlcExit)
    {
        tlcExit = null;
        var dir = Path.Combine(workDir, $"c{Interlocked.Increment(ref caseCounter)}");
        if (Directory.Exists(dir)) Directory.Delete(dir, true);
        c.WriteTo(dir);
        try
        {
            var runner = Tlc;
            var translated = false;
            if (c.PlusCal && TranslatePlusCal(dir, c, out translated) is { } pcal)
            {
                // The translators disagree, or one of them refused the algorithm: compared no further.
                skipped = false;
                return pcal;
            }
            else if (c.PlusCal && !translated)
            {
                // Both refused the algorithm (pcal's error and Ops's): nothing to check.
                skipped = false;
                return null;
            }
            var tlcTask = Task.Run(() => runner.Run(dir, c.NoDeadlock, c.Workers, c.Continue));
            var opsOut = OpsRunner.Run(dir, c.NoDeadlock, Timeout, c.Workers, c.Continue);
            var tlcOut = tlcTask.Result;
            tlcExit = tlcOut.TimedOut ? null : tlcOut.Exit;
            skipped = tlcOut.TimedOut || opsOut.TimedOut;
            if (skipped) return null;
            var kinds = Compare(tlcOut, opsOut, c);
            if (kinds.Count == 1 && kinds[0] == "property" && TlcConfirmsProperty(runner, dir, c, tlcOut, opsOut)) kinds.Clear();
            return kinds.Count == 0 ? null : new Disagreement { Case = c, Kinds = kinds, Tlc = tlcOut, Ops = opsOut };
        }
        finally
        {
            try { Directory.Delete(dir, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    /// <summary>
    /// A PlusCal case: TLC's translator (<c>java -cp tla2tools.jar pcal.trans Gen.tla</c>, which writes the translation
    /// into the file) and Ops's (<see cref="Ops.Tla.PlusCal.PlusCalTranslator"/>) translate the algorithm; the two
    /// modules must be the same byte for byte, and both translators must accept or refuse the algorithm alike. The
    /// checkers then check the module TLC's translator wrote (the configuration written again: pcal.trans writes its
    /// own). Returns the disagreement, or null; <paramref name="translated"/> says whether there is a module to check.
    /// </summary>
    private Disagreement TranslatePlusCal(string dir, SpecCase c, out bool translated)
    {
        translated = false;
        var jar = Path.Combine(Path.GetDirectoryName(Tlc.TlcPath) ?? ".", "tla2tools.jar");
        var spec = Path.Combine(dir, SpecCase.ModuleName + ".tla");
        var psi = new ProcessStartInfo("java") { WorkingDirectory = dir, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "-cp", jar, "pcal.trans", SpecCase.ModuleName + ".tla" }) psi.ArgumentList.Add(a);
        var (pcalExit, pcalOut, _) = TlcRunner.RunProcess(psi, Timeout);
        string opsText = null, opsError = null;
        try { opsText = Ops.Tla.PlusCal.PlusCalTranslator.Translate(c.Tla, spec).ModuleText; }
        catch (Ops.Tla.TlaException e) { opsError = e.Message; }
        var tlcText = File.ReadAllText(spec);
        File.WriteAllText(Path.Combine(dir, SpecCase.ModuleName + ".cfg"), c.Cfg);
        var tlcOk = pcalExit == 0 && tlcText != c.Tla;
        if (!tlcOk && opsText == null) return null;
        if (tlcOk && opsText == tlcText)
        {
            translated = true;
            return null;
        }
        var detail = !tlcOk ? "pcal.trans refused the algorithm, Ops translated it"
            : opsText == null ? $"Ops refused the algorithm ({opsError}), pcal.trans translated it"
            : "the translations differ (first difference at line " + FirstDifference(tlcText, opsText) + ")";
        return new Disagreement
        {
            Case = c,
            Kinds = { "pcal-translation" },
            Tlc = new RunOutcome { Exit = pcalExit, Output = pcalOut + "\n---- module written by pcal.trans\n" + tlcText },
            Ops = new RunOutcome { Exit = opsText == null ? 1 : 0, Output = detail + "\n---- module written by Ops\n" + (opsText ?? opsError) },
        };
    }

    private static int FirstDifference(string a, string b)
    {
        var la = a.Split('\n');
        var lb = b.Split('\n');
        for (var i = 0; i < Math.Min(la.Length, lb.Length); i++)
            if (la[i] != lb[i]) return i + 1;
        return Math.Min(la.Length, lb.Length) + 1;
    }

    /// <summary>What differs between TLC's and Ops's outcome.</summary>
    public static List<string> Compare(RunOutcome tlc, RunOutcome ops, SpecCase c = null)
    {
        var kinds = new List<string>();
        // Several workers: a complete search's counts are the state graph's, but where a violation or an error stops
        // the search, which one it meets first (an Assert or a deadlock, -seed 101 case 108: TLC exit 11 or 14 from run
        // to run) and which state it names are the threads' (TLC is not deterministic there either): only whether
        // the search ends clean is compared, and a clean search's counts.
        // A liveness violation (exit 13) is reported only after the complete search (when TLC's liveness check did not
        // run while it searched: its clock's): no safety violation or error was met, in any thread. So with several
        // workers, exit 13 on either side is compared as with one worker: the verdict, the property and the counts.
        // Not when the spec keeps TLCSet registers: each TLC worker has its own (seed 342 case 62, a CONSTRAINT on
        // TLCGet(1) counting steps: the states it keeps are the threads').
        // Not for an action property ([][A]_v, also exit 13): TLC checks it on each step during the search, so which
        // violating step a thread meets first, and the counts then, are the threads' (batch seed 400, case 114).
        var completeLiveness = c is { Workers: > 1 } && !tlc.LivenessMidSearch && !(c.Tla ?? "").Contains("TLCSet(", StringComparison.Ordinal)
            && (tlc.Status == ExitStatus.LivenessViolation || ops.Status == ExitStatus.LivenessViolation)
            && !tlc.Output.Contains("Error: Action property ", StringComparison.Ordinal)
            && !ops.Output.Contains("Error: Action property ", StringComparison.Ordinal);
        if (c is { Workers: > 1 } && tlc.Exit != 0 && ops.Exit != 0 && !completeLiveness) return kinds;
        if (tlc.Exit != ops.Exit)
        {
            // TLC failing in its own code ("Failed to recover the initial state from its fingerprint. ... This is
            // probably a TLC bug(5)", exit 1 after an unfingerprintable successor): kept apart from Ops's disagreements.
            kinds.Add(tlc.Output.Contains("This is probably a TLC bug") ? $"tlc-bug {tlc.Exit}/{ops.Exit}" : $"exit {tlc.Exit}/{ops.Exit}");
            return kinds;
        }
        // Errors: the exit code is the verdict; the figures at an error depend on where each evaluator stopped.
        var verdict = tlc.Status.IsVerdict();
        if (!verdict)
        {
            // Errors: users read the message, so its first line and its place must be TLC's.
            var (tl, tp) = RunOutcome.ErrorSignature(tlc.Output);
            var (ol, op) = RunOutcome.ErrorSignature(ops.Output);
            if (tl != ol) kinds.Add("message");
            if (tp != op) kinds.Add("location");
            return kinds;
        }
        if (tlc.Property != ops.Property && !(tlc.Properties?.Contains(ops.Property ?? "") ?? false)) kinds.Add("property");
        // A false ASSUME or POSTCONDITION: which one, and where, is in the message.
        if (tlc.Status == ExitStatus.AssumptionViolated)
        {
            var (tl, tp) = RunOutcome.ErrorSignature(tlc.Output);
            var (ol, op) = RunOutcome.ErrorSignature(ops.Output);
            if (tl != ol) kinds.Add("message");
            if (tp != op) kinds.Add("location");
        }
        // A violation TLC found in a liveness check during the search: where it stopped depends on the clock.
        var timed = tlc.LivenessMidSearch && tlc.Status is ExitStatus.SafetyViolation or ExitStatus.LivenessViolation;
        if (!timed && tlc.Generated != null && tlc.Generated != ops.Generated) kinds.Add("generated");
        if (!timed && tlc.Distinct != null && tlc.Distinct != ops.Distinct) kinds.Add("distinct");
        // A safety counterexample is a shortest path in both checkers; a liveness lasso's shape comes from the order
        // each one searches the behaviour graph (finding 005), so only its verdict, property and counts are compared.
        // With several workers (and -continue, which goes on past each violation) which state each thread reaches
        // first, and so the traces TLC prints and their order, are its threads'; the complete search's counts and the
        // violations found are not.
        var threads = c is { Workers: > 1 };
        if (!threads && tlc.Status != ExitStatus.LivenessViolation && tlc.TraceLength != null && tlc.TraceLength != ops.TraceLength) kinds.Add("trace");
        // -continue: every violation TLC reports, in its order (in any order with several workers).
        if (c is { Continue: true })
        {
            var tv = ViolationLines(tlc.Output);
            var ov = ViolationLines(ops.Output);
            if (threads) { tv.Sort(StringComparer.Ordinal); ov.Sort(StringComparer.Ordinal); }
            if (!tv.SequenceEqual(ov)) kinds.Add("violations");
        }
        // An ALIAS: the trace is what the user reads, line by line (a safety trace, one worker).
        if (c is { HasAlias: true, Workers: 1 } && tlc.Status is ExitStatus.SafetyViolation or ExitStatus.Deadlock
            && !TraceText(tlc.Output).SequenceEqual(TraceText(ops.Output))) kinds.Add("alias-trace");
        // A POSTCONDITION's verdict.
        if (c != null && tlc.Output.Contains("Error: Postcondition") != ops.Output.Contains("Error: Postcondition")) kinds.Add("postcondition");
        return kinds;
    }

    /// <summary>The "Error: ..." lines of a run (-continue: each violation in turn), without TLC's trace headers.</summary>
    public static List<string> ViolationLines(string text) => (text ?? "").Replace("\r", "").Split('\n')
        .Where(l => l.StartsWith("Error: ", StringComparison.Ordinal) && !l.StartsWith("Error: The behavior up to this point", StringComparison.Ordinal))
        .ToList();

    /// <summary>The lines of the first trace: from "Error: The behavior up to this point is:" to the next blank line
    /// after the last state (the figures and anything after them excluded).</summary>
    public static List<string> TraceText(string text)
    {
        var lines = (text ?? "").Replace("\r", "").Split('\n');
        var start = Array.FindIndex(lines, l => l.StartsWith("Error: The behavior up to this point is:", StringComparison.Ordinal));
        if (start < 0) return new List<string>();
        var trace = new List<string>();
        for (var i = start + 1; i < lines.Length; i++)
        {
            var l = lines[i];
            if (l.StartsWith("Error: ", StringComparison.Ordinal) || l.Contains(" states generated", StringComparison.Ordinal)) break;
            trace.Add(l);
        }
        while (trace.Count > 0 && trace[^1].Length == 0) trace.RemoveAt(trace.Count - 1);
        return trace;
    }

    /// <summary>Runs COUNT cases of the batch SEED; writes each (shrunk) disagreement under OutDir.</summary>
    public DiffSummary RunBatch(int count, ulong seed, Action<DiffSummary, int> progress = null, CancellationToken cancel = default)
    {
        var summary = new DiffSummary();
        var sw = Stopwatch.StartNew();
        var gate = new object();
        var next = -1;
        var threads = Enumerable.Range(0, Math.Max(1, Jobs)).Select(_ => new Thread(() =>
        {
            while (true)
            {
                // Ctrl+C: the cases under way finish, no new one starts, and the summary covers those run.
                if (cancel.IsCancellationRequested) return;
                var i = Interlocked.Increment(ref next);
                if (i >= count) return;
                var c = CaseFor(seed, i, BaseMask);
                Disagreement d;
                bool skipped;
                int? tlcExit = null;
                try
                {
                    d = RunCase(c, out skipped, out tlcExit);
                }
                catch (Exception e)
                {
                    d = new Disagreement { Case = c, Kinds = { "harness" }, Tlc = new RunOutcome(), Ops = new RunOutcome { Output = e.ToString() } };
                    skipped = false;
                }
                if (KeepAll && OutDir != null && d == null)
                {
                    var kept = Path.Combine(OutDir, "all", $"case{i}");
                    c.WriteTo(kept);
                    File.WriteAllText(Path.Combine(kept, "tlc-exit.txt"), $"{tlcExit}\n");
                }
                if (d != null)
                {
                    Log($"case {i}: {d.Describe()}");
                    bool shrinkThis;
                    lock (shrunkByKind)
                    {
                        var n = shrunkByKind.GetValueOrDefault(KindKey(d));
                        shrinkThis = Shrink && n < ShrinkPerKind;
                        shrunkByKind[KindKey(d)] = n + 1;
                    }
                    if (shrinkThis) d = ShrinkDisagreement(d);
                    d.Directory = Write(d, $"case{i}");
                    Log($"case {i}: reproducer in {d.Directory}: {d.Describe()}");
                }
                lock (gate)
                {
                    summary.Run++;
                    if (tlcExit != null) summary.TlcExits[tlcExit.Value] = summary.TlcExits.GetValueOrDefault(tlcExit.Value) + 1;
                    if (skipped) summary.Skipped++;
                    else if (d == null) summary.Agreements++;
                    else
                    {
                        summary.Disagreements.Add(d);
                        summary.ByKind[KindKey(d)] = summary.ByKind.GetValueOrDefault(KindKey(d)) + 1;
                    }
                    summary.Elapsed = sw.Elapsed;
                    progress?.Invoke(summary, i);
                }
            }
        }, 64 * 1024 * 1024) { IsBackground = true }).ToList();
        foreach (var t in threads) t.Start();
        foreach (var t in threads) t.Join();
        summary.Elapsed = sw.Elapsed;
        return summary;
    }

    private static string KindKey(Disagreement d) => d.Kind.StartsWith("exit ") || d.Kind.StartsWith("tlc-bug ") ? d.Kind : string.Join("+", d.Kinds);

    /// <summary>Same failure (for shrinking): the same primary kind.</summary>
    private bool SameFailure(Disagreement original, SpecCase candidate, out Disagreement found)
    {
        found = null;
        try
        {
            found = RunCase(candidate, out var skipped);
            if (skipped || found == null) return false;
        }
        catch (Exception)
        {
            return false;
        }
        return KindKey(found) == KindKey(original) || found.Kind == original.Kind;
    }

    /// <summary>
    /// Shrinks a disagreement: CsCheck searches for smaller cases (by <see cref="SpecCase.Complexity"/>) that fail the
    /// same way, then components are left out one at a time and the expression depth lowered while the failure stays.
    /// </summary>
    public Disagreement ShrinkDisagreement(Disagreement d)
    {
        var best = d;
        // 1. CsCheck: random cases smaller than the best failing one, kept when they fail the same way.
        var gen = new SpecGen(BaseMask);
        try
        {
            gen.Sample(candidate =>
            {
                if (candidate.Complexity >= best.Case.Complexity) return true;
                if (SameFailure(d, candidate, out var found)) { best = found; return false; }
                return true;
            }, iter: ShrinkIterations, time: (int)ShrinkTime.TotalSeconds, threads: 1);
        }
        catch (Exception e) when (e.GetType().Name == "CsCheckException")
        {
            // CsCheck reports the smallest failing sample: it is in best.
        }
        // 2. Leave components out, lower the depth.
        var changed = true;
        var rounds = 0;
        while (changed && rounds++ < 2)
        {
            changed = false;
            for (var comp = 0; comp < Component.Count; comp++)
            {
                var bit = 1L << comp;
                if ((best.Case.Mask & bit) != 0) continue;
                var c = SpecGen.Build(best.Case.Seed, best.Case.Mask | bit, best.Case.MaxDepth);
                if (c.Tla == best.Case.Tla && c.Cfg == best.Case.Cfg) continue;
                if (SameFailure(d, c, out var found)) { best = found; changed = true; }
            }
            for (var depth = 1; depth < best.Case.MaxDepth; depth++)
            {
                var c = SpecGen.Build(best.Case.Seed, best.Case.Mask, depth);
                if (SameFailure(d, c, out var found)) { best = found; changed = true; break; }
            }
        }
        return best;
    }

    /// <summary>Writes the reproducer (spec, modules, cfg, both outputs, a summary) into OutDir/NAME.</summary>
    public string Write(Disagreement d, string name)
    {
        if (OutDir == null) return null;
        var dir = Path.Combine(OutDir, name);
        d.Case.WriteTo(dir);
        File.WriteAllText(Path.Combine(dir, "tlc.out"), d.Tlc.Output);
        File.WriteAllText(Path.Combine(dir, "ops.out"), d.Ops.Output);
        File.WriteAllText(Path.Combine(dir, "summary.txt"),
            $"{d.Describe()}\nrun: tlc -workers {d.Case.Workers}{(d.Case.NoDeadlock ? " -deadlock" : "")}{(d.Case.Continue ? " -continue" : "")} -config Gen.cfg Gen.tla\n" +
            $"regenerate: seed {d.Case.Seed:X16} mask {d.Case.Mask:X} depth {d.Case.MaxDepth}\n");
        return dir;
    }

    public void Cleanup()
    {
        try { Directory.Delete(workDir, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
