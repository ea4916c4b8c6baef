using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Ops.Tla;
using Ops.Tla.Checking;
using Ops.Tla.Differential;

namespace Ops.Cli;

public enum ConformanceVerdict { Matched, Mismatched, Unsupported, Deviation }

public sealed record ConformanceOutcome(ConformanceCase Case, ConformanceVerdict Verdict, string Detail, CheckResult Result, long Ms)
{
    /// <summary>For a row listed as a deliberate deviation: the reason given in the deviations file.</summary>
    public string DeviationReason { get; init; }
}

/// <summary>
/// Runs a conformance corpus against the checker, in-process: the TLA+ Examples corpus (shared/conformance/
/// tlaplus-examples: verdict names, distinct/generated counts) or TLC's regression suite (tlc-test-model: each row
/// with TLC's options, exit code and counts). A regression-suite row matches when `ops check` with the row's options
/// and one worker exits with TLC's code and, for a verdict (exit 0, 10-14) where TLC printed counts, finds TLC's
/// generated and distinct counts. Each row runs on its own thread with a time limit: a row that crashes or does not
/// finish in time is a mismatch, and the run goes on.
/// </summary>
public static class Conformance
{
    /// <summary>Checks one row with <paramref name="workers"/> search threads (one for the regression suite, whose
    /// counts are one worker's). Never throws: a crash is a mismatch, a run past the limit is unsupported (Examples
    /// layout) or a mismatch (regression suite).</summary>
    public static ConformanceOutcome Run(string corpus, ConformanceCase c, TimeSpan limit, int workers = 1)
    {
        var sw = Stopwatch.StartNew();
        CheckResult result = null;
        Exception crash = null;
        using var cts = new CancellationTokenSource();
        var options = new CheckOptions().FromEnvironment(null);
        try
        {
            TlcOptions.ParseAll(TlcOptions.Split(c.Args), options);
        }
        catch (ArgumentException e)
        {
            return new ConformanceOutcome(c, ConformanceVerdict.Unsupported, "options: " + e.Message, null, 0);
        }
        options.ConfigPath = Path.Combine(corpus, c.Cfg);
        options.TimeLimit = limit;
        options.Cancellation = cts.Token;
        options.Workers = c.Exit.HasValue ? 1 : workers;
        var thread = new Thread(() =>
        {
            try { result = ModelChecker.Check(Path.Combine(corpus, c.Tla), options); }
            catch (Exception e) { crash = e; }
        }, 256 * 1024 * 1024) { IsBackground = true, Name = "conformance " + c.Name };
        thread.Start();
        if (!thread.Join(limit + TimeSpan.FromSeconds(5)))
        {
            cts.Cancel();
            thread.Join(TimeSpan.FromSeconds(5));
            return new ConformanceOutcome(c, c.Exit.HasValue ? ConformanceVerdict.Mismatched : ConformanceVerdict.Unsupported,
                $"time limit {limit.TotalSeconds:0}s exceeded", null, sw.ElapsedMilliseconds);
        }
        if (crash != null)
            return new ConformanceOutcome(c, ConformanceVerdict.Mismatched, "crash: " + crash.GetType().Name + ": " + crash.Message.Split('\n')[0], null, sw.ElapsedMilliseconds);
        return Compare(c, result, sw.ElapsedMilliseconds);
    }

    private static bool IsVerdict(int exit) => exit is 0 or (>= 10 and <= 14);

    public static ConformanceOutcome Compare(ConformanceCase c, CheckResult r, long ms)
    {
        if (c.Exit.HasValue) return CompareExit(c, r, ms);
        if (r.Violation?.Kind == ViolationKind.Unsupported)
            return new ConformanceOutcome(c, ConformanceVerdict.Unsupported, r.Violation.Message, r, ms);
        if (r.Outcome == CheckOutcome.Error && r.Violation?.Message?.Contains("time limit", StringComparison.OrdinalIgnoreCase) == true)
            return new ConformanceOutcome(c, ConformanceVerdict.Unsupported, r.Violation.Message, r, ms);
        var got = r.OutcomeText;
        if (got != c.Result)
        {
            var why = r.Violation != null ? $" ({r.Violation.Message.Split('\n')[0]}{(r.Violation.Location != null ? " at " + r.Violation.Location : "")})" : "";
            return new ConformanceOutcome(c, ConformanceVerdict.Mismatched, $"expected {c.Result}, got {got}{why}", r, ms);
        }
        if (c.Distinct.HasValue && c.Total.HasValue && c.Result == "success")
        {
            if (r.DistinctStates != c.Distinct || r.StatesGenerated != c.Total)
                return new ConformanceOutcome(c, ConformanceVerdict.Mismatched,
                    $"expected {c.Distinct} distinct / {c.Total} generated, got {r.DistinctStates} / {r.StatesGenerated}", r, ms);
        }
        return new ConformanceOutcome(c, ConformanceVerdict.Matched, $"{r.DistinctStates} distinct / {r.StatesGenerated} generated", r, ms);
    }

    /// <summary>A regression-suite row: TLC's exit code, and TLC's counts for a verdict where TLC printed them. A run
    /// that stopped for a reason of Ops's own (unsupported feature, time, memory) never matches, whatever its code.</summary>
    private static ConformanceOutcome CompareExit(ConformanceCase c, CheckResult r, long ms)
    {
        var why = r.Violation != null ? $" ({r.Violation.Message.Split('\n')[0]}{(r.Violation.Location != null ? " at " + r.Violation.Location : "")})" : "";
        if (r.Violation?.Kind is ViolationKind.Unsupported or ViolationKind.TimeLimit or ViolationKind.Cancelled or ViolationKind.MemoryBudget)
            return new ConformanceOutcome(c, ConformanceVerdict.Mismatched, $"expected exit {c.Exit}, stopped: {r.Violation.Message.Split('\n')[0]}", r, ms);
        if (r.ExitCode != c.Exit)
            return new ConformanceOutcome(c, ConformanceVerdict.Mismatched, $"expected exit {c.Exit} ({c.Result}), got {r.ExitCode}{why}", r, ms);
        if (IsVerdict(c.Exit.Value) && c.Distinct.HasValue && c.Total.HasValue
            && (r.DistinctStates != c.Distinct || r.StatesGenerated != c.Total))
            return new ConformanceOutcome(c, ConformanceVerdict.Mismatched,
                $"exit {r.ExitCode} as TLC, but expected {c.Distinct} distinct / {c.Total} generated, got {r.DistinctStates} / {r.StatesGenerated}", r, ms);
        return new ConformanceOutcome(c, ConformanceVerdict.Matched, $"exit {r.ExitCode}, {r.DistinctStates} distinct / {r.StatesGenerated} generated", r, ms);
    }

    /// <summary>Runs rows, <paramref name="parallel"/> at a time, and returns their outcomes in the rows' order; rows
    /// listed in <paramref name="deviations"/> that do not match are deviations. <paramref name="onOutcome"/> is
    /// called as each row finishes (from the worker threads, one at a time).</summary>
    public static List<ConformanceOutcome> RunAll(string corpus, IReadOnlyList<ConformanceCase> rows, TimeSpan limit, int workers, int parallel,
        IReadOnlyDictionary<string, string> deviations = null, Action<ConformanceOutcome> onOutcome = null)
    {
        var outcomes = new ConformanceOutcome[rows.Count];
        var gate = new object();
        // The longest rows (by TLC's time) first, so that the parallel runs end together.
        var order = Enumerable.Range(0, rows.Count).OrderByDescending(i => rows[i].TlcRuntime ?? TimeSpan.Zero).ToArray();
        Parallel.ForEach(order, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallel) }, i =>
        {
            var o = Run(corpus, rows[i], limit, workers);
            if (deviations != null && deviations.TryGetValue(rows[i].Key, out var reason))
                o = o.Verdict == ConformanceVerdict.Matched ? o with { DeviationReason = reason }
                    // A violation TLC finds and Ops misses is a bug, whatever the deviations file says.
                    : MissesTlcViolation(o) ? o with { Detail = o.Detail + " (listed as a deviation, but TLC's violation is missed: never a deviation)" }
                    : o with { Verdict = ConformanceVerdict.Deviation, DeviationReason = reason };
            outcomes[i] = o;
            if (onOutcome != null) lock (gate) onOutcome(o);
        });
        return outcomes.ToList();
    }

    /// <summary>TLC reports a violation (exit 10-14) and Ops exits otherwise.</summary>
    private static bool MissesTlcViolation(ConformanceOutcome o) =>
        o.Case.Exit is >= 10 and <= 14 && o.Result?.ExitCode != o.Case.Exit;

    /// <summary>The deviations file the project keeps for a corpus: tests/conformance/deviations-NAME.tsv in the
    /// repository above <paramref name="start"/> (NAME: the corpus folder's name), or null.</summary>
    public static string FindDeviations(string start, string corpus)
    {
        var name = new DirectoryInfo(corpus).Name;
        for (var d = new DirectoryInfo(start); d != null; d = d.Parent)
        {
            var f = Path.Combine(d.FullName, "tests", "conformance", $"deviations-{name}.tsv");
            if (File.Exists(f)) return f;
        }
        return null;
    }

    /// <summary><c>ops conformance</c>: runs a corpus and compares with TLC's results.</summary>
    public static OpsCommand Create(CliContext ctx)
    {
        var command = new OpsCommand("conformance", "Check a corpus of models and compare verdicts, exit codes and counts with TLC's.")
        {
            Details = """
                Runs a corpus of TLC results (the TLA+ Examples corpus by default, or TLC's regression suite with
                -corpus .../tlc-test-model) in this process, each model on its own thread with a time limit.
                Exit codes: 0 nothing mismatched, 1 a mismatch, 255 a bad option or an unreadable corpus.
                """,
        };
        var corpus = CliOptions.Value("corpus", "DIR", "the corpus: a folder with expected.tsv (default: shared/conformance/tlaplus-examples above this folder)");
        var timeout = CliOptions.Timeout("the time limit of each model", 60);
        var filter = CliOptions.Value("filter", "TEXT", "only the rows whose model path contains TEXT");
        var workers = CliOptions.Workers("worker threads of each check (the regression suite's rows run on one, as TLC's counts)");
        var parallel = CliOptions.CountOrAuto("parallel", "models checked at the same time", 1);
        var json = CliOptions.Json("write every row's outcome as a JSON array to FILE (- for stdout)");
        var tsv = CliOptions.Value("tsv", "FILE|-", "write every row's outcome as TSV to FILE (- for stdout)", dashForStdout: true);
        var deviations = CliOptions.Value("deviations", "FILE", "the deliberate deviations (default: tests/conformance/deviations-CORPUS.tsv)");
        foreach (var o in new Option[] { corpus, timeout, filter, workers, parallel, json, tsv, deviations }) command.Add(o);
        command.SetAction(r => Run(r.GetValue(corpus), r.GetValue(filter), r.GetValue(json), r.GetValue(tsv), r.GetValue(deviations),
            r.GetValue(timeout), r.GetValue(workers), r.GetValue(parallel), ctx.Out, ctx.Err));
        return command;
    }

    private static int Run(string corpus, string filter, string json, string tsv, string deviationsPath, int seconds, int workers, int parallel,
        TextWriter stdout, TextWriter stderr)
    {
        if ((json == "-" ? 1 : 0) + (tsv == "-" ? 1 : 0) > 1)
        {
            stderr.WriteLine("ops conformance: only one of -json and -tsv can write to stdout");
            return (int)ExitStatus.SystemError;
        }
        corpus ??= ConformanceCorpus.FindCorpus(Directory.GetCurrentDirectory()) ?? ConformanceCorpus.FindCorpus(AppContext.BaseDirectory);
        if (corpus == null || !File.Exists(Path.Combine(corpus, "expected.tsv")))
        {
            stderr.WriteLine(corpus == null ? "ops conformance: cannot find shared/conformance/tlaplus-examples (pass -corpus DIR)" : $"ops conformance: {corpus} has no expected.tsv");
            return (int)ExitStatus.SystemError;
        }
        deviationsPath ??= FindDeviations(Directory.GetCurrentDirectory(), corpus) ?? FindDeviations(AppContext.BaseDirectory, corpus);
        Dictionary<string, string> deviations;
        try
        {
            deviations = ConformanceCorpus.ReadDeviations(deviationsPath);
        }
        catch (FormatException e)
        {
            stderr.WriteLine("ops conformance: " + e.Message);
            return (int)ExitStatus.SystemError;
        }
        var rows = ConformanceCorpus.ReadExpected(corpus).Where(c => filter == null || c.Name.Contains(filter, StringComparison.OrdinalIgnoreCase)).ToList();
        // Machine-readable output on stdout replaces the per-row lines there (they go to stderr).
        var lines = json == "-" || tsv == "-" ? stderr : stdout;
        var outcomes = RunAll(corpus, rows, TimeSpan.FromSeconds(seconds), workers, parallel, deviations,
            o => lines.WriteLine($"{o.Verdict.ToString().ToLowerInvariant(),-11} {o.Case.Name}  [{o.Ms} ms] {o.Detail}"
                + (o.DeviationReason == null ? "" : o.Verdict == ConformanceVerdict.Deviation ? $" -- deviation: {o.DeviationReason}" : " -- listed as a deviation but matches: remove it from the deviations file")));
        int matched = outcomes.Count(o => o.Verdict == ConformanceVerdict.Matched);
        int mismatched = outcomes.Count(o => o.Verdict == ConformanceVerdict.Mismatched);
        int deviation = outcomes.Count(o => o.Verdict == ConformanceVerdict.Deviation);
        int unsupported = outcomes.Count(o => o.Verdict == ConformanceVerdict.Unsupported);
        if (deviation > 0)
        {
            lines.WriteLine($"deliberate deviations ({deviation}, listed in {deviationsPath}):");
            foreach (var o in outcomes.Where(o => o.Verdict == ConformanceVerdict.Deviation))
                lines.WriteLine($"  {o.Case.Name}: {o.DeviationReason} ({o.Detail})");
        }
        lines.WriteLine($"conformance: {matched} matched, {mismatched} mismatched, {unsupported} unsupported"
            + (deviations.Count > 0 || deviation > 0 ? $", {deviation} deviations" : "") + $" (of {outcomes.Count})");
        try
        {
            if (json != null) Write(json, ToJson(outcomes), stdout);
            if (tsv != null) Write(tsv, ToTsv(outcomes), stdout);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"ops conformance: cannot write the report: {e.Message}");
            return (int)ExitStatus.SystemError;
        }
        return mismatched == 0 ? 0 : 1;
    }

    private static void Write(string target, string text, TextWriter stdout)
    {
        if (target == "-") stdout.Write(text);
        else File.WriteAllText(target, text);
    }

    /// <summary>One JSON array, a row an object: cfg, args, tla, verdict, detail, deviation (reason or null), tlcExit,
    /// exit, tlcGenerated, generated, tlcDistinct, distinct, ms.</summary>
    public static string ToJson(IEnumerable<ConformanceOutcome> outcomes)
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartArray();
            foreach (var o in outcomes)
            {
                w.WriteStartObject();
                w.WriteString("cfg", o.Case.Cfg);
                w.WriteString("args", o.Case.Args);
                w.WriteString("tla", o.Case.Tla);
                w.WriteString("verdict", o.Verdict.ToString().ToLowerInvariant());
                w.WriteString("detail", o.Detail);
                if (o.DeviationReason != null) w.WriteString("deviation", o.DeviationReason); else w.WriteNull("deviation");
                Num(w, "tlcExit", o.Case.Exit);
                Num(w, "exit", o.Result?.ExitCode);
                Num(w, "tlcGenerated", o.Case.Total);
                Num(w, "generated", o.Result?.StatesGenerated);
                Num(w, "tlcDistinct", o.Case.Distinct);
                Num(w, "distinct", o.Result?.DistinctStates);
                w.WriteNumber("ms", o.Ms);
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        return Encoding.UTF8.GetString(ms.ToArray()) + "\n";

        static void Num(Utf8JsonWriter w, string name, long? v)
        {
            if (v.HasValue) w.WriteNumber(name, v.Value); else w.WriteNull(name);
        }
    }

    /// <summary>A header line, then a row a line: cfg, tla, args, verdict, tlc_exit, exit, tlc_generated, generated,
    /// tlc_distinct, distinct, ms, detail, deviation, model (the first column of ratchet and deviation files).</summary>
    public static string ToTsv(IEnumerable<ConformanceOutcome> outcomes)
    {
        var sb = new StringBuilder("cfg\ttla\targs\tverdict\ttlc_exit\texit\ttlc_generated\tgenerated\ttlc_distinct\tdistinct\tms\tdetail\tdeviation\tmodel\n");
        static string S(object v) => v == null ? "" : Convert.ToString(v, CultureInfo.InvariantCulture).Replace('\t', ' ').Replace('\n', ' ');
        foreach (var o in outcomes)
            sb.AppendJoin('\t', S(o.Case.Cfg), S(o.Case.Tla), S(o.Case.Args), S(o.Verdict.ToString().ToLowerInvariant()), S(o.Case.Exit), S(o.Result?.ExitCode),
                S(o.Case.Total), S(o.Result?.StatesGenerated), S(o.Case.Distinct), S(o.Result?.DistinctStates), S(o.Ms), S(o.Detail), S(o.DeviationReason), S(o.Case.Model)).Append('\n');
        return sb.ToString();
    }
}
