using System.Diagnostics;
using Ops.Tla;
using Ops.Tla.Checking;

namespace Ops.Cli;

/// <summary>One model of the conformance corpus (a line of expected.tsv).</summary>
public sealed record ConformanceCase(string Cfg, string Tla, string Result, long? Distinct, long? Total, bool Temporal, string Features,
    TimeSpan? TlcRuntime = null)
{
    public string Name => Cfg;
}

public enum ConformanceVerdict { Matched, Mismatched, Unsupported }

public sealed record ConformanceOutcome(ConformanceCase Case, ConformanceVerdict Verdict, string Detail, CheckResult Result, long Ms);

/// <summary>
/// Runs the TLA+ Examples corpus (shared/conformance/tlaplus-examples) against the checker and compares the verdict
/// and TLC's distinct/generated counts.
/// </summary>
public static class Conformance
{
    /// <summary>Finds shared/conformance/tlaplus-examples by walking up from <paramref name="start"/>.</summary>
    public static string FindCorpus(string start)
    {
        for (var d = new DirectoryInfo(start); d != null; d = d.Parent)
        {
            var c = Path.Combine(d.FullName, "shared", "conformance", "tlaplus-examples");
            if (File.Exists(Path.Combine(c, "expected.tsv"))) return c;
            var c2 = Path.Combine(d.FullName, "..", "shared", "conformance", "tlaplus-examples");
            if (File.Exists(Path.Combine(c2, "expected.tsv"))) return Path.GetFullPath(c2);
        }
        return null;
    }

    public static List<ConformanceCase> ReadExpected(string corpus)
    {
        var lines = File.ReadAllLines(Path.Combine(corpus, "expected.tsv"));
        var header = lines[0].Split('\t');
        int Col(string n) => Array.IndexOf(header, n);
        var cases = new List<ConformanceCase>();
        foreach (var line in lines.Skip(1))
        {
            if (string.IsNullOrWhiteSpace(line)) continue;
            var f = line.Split('\t');
            string Get(string n) => Col(n) >= 0 && Col(n) < f.Length ? f[Col(n)].Trim() : "";
            long? Num(string n) => long.TryParse(Get(n), out var v) ? v : null;
            TimeSpan? runtime = TimeSpan.TryParseExact(Get("tlc_runtime"), @"hh\:mm\:ss", System.Globalization.CultureInfo.InvariantCulture, out var t) ? t : null;
            cases.Add(new ConformanceCase(Get("cfg"), Get("tla"), Get("result"), Num("distinct"), Num("total"), Get("temporal") == "yes", Get("features"), runtime));
        }
        return cases;
    }

    /// <summary>Checks one model with <paramref name="workers"/> search threads. Several workers find the same states
    /// (TLC's counts); only where a failing model stops may vary, and failing models are compared by verdict only.</summary>
    public static ConformanceOutcome Run(string corpus, ConformanceCase c, TimeSpan limit, int workers = 1)
    {
        var sw = Stopwatch.StartNew();
        CheckResult result = null;
        Exception crash = null;
        using var cts = new CancellationTokenSource();
        var options = new CheckOptions
        {
            ConfigPath = Path.Combine(corpus, c.Cfg),
            TimeLimit = limit,
            Cancellation = cts.Token,
            Workers = workers,
        };
        var thread = new Thread(() =>
        {
            try { result = ModelChecker.Check(Path.Combine(corpus, c.Tla), options); }
            catch (Exception e) { crash = e; }
        }, 256 * 1024 * 1024) { IsBackground = true };
        thread.Start();
        if (!thread.Join(limit + TimeSpan.FromSeconds(5)))
        {
            cts.Cancel();
            thread.Join(TimeSpan.FromSeconds(5));
            return new ConformanceOutcome(c, ConformanceVerdict.Unsupported, $"time limit {limit.TotalSeconds:0}s exceeded", null, sw.ElapsedMilliseconds);
        }
        if (crash != null)
            return new ConformanceOutcome(c, ConformanceVerdict.Mismatched, "crash: " + crash.GetType().Name + ": " + crash.Message, null, sw.ElapsedMilliseconds);
        return Compare(c, result, sw.ElapsedMilliseconds);
    }

    public static ConformanceOutcome Compare(ConformanceCase c, CheckResult r, long ms)
    {
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

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        string corpus = null, filter = null;
        int seconds = 60, workers = 1;
        for (int i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : null;
            switch (args[i])
            {
                case "-corpus": corpus = Value(); break;
                case "-filter": filter = Value(); break;
                case "-timeout" or "-workers":
                    var name = args[i];
                    var text = Value();
                    if (name == "-workers" && text == "auto") text = Environment.ProcessorCount.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    if (!int.TryParse(text, out var n) || n < 1)
                    {
                        stderr.WriteLine($"ops conformance: {name} needs a whole number of at least 1{(name == "-workers" ? " or auto" : "")}");
                        return ExitCodes.SystemError;
                    }
                    if (name == "-timeout") seconds = n; else workers = n;
                    break;
                default:
                    stderr.WriteLine($"ops conformance: unknown option {args[i]} (options: -corpus DIR, -timeout SECONDS, -filter TEXT, -workers N|auto)");
                    return ExitCodes.SystemError;
            }
        }
        corpus ??= FindCorpus(Directory.GetCurrentDirectory()) ?? FindCorpus(AppContext.BaseDirectory);
        if (corpus == null)
        {
            stderr.WriteLine("ops conformance: cannot find shared/conformance/tlaplus-examples (pass -corpus DIR)");
            return ExitCodes.SystemError;
        }
        int matched = 0, mismatched = 0, unsupported = 0;
        foreach (var c in ReadExpected(corpus))
        {
            if (filter != null && !c.Cfg.Contains(filter, StringComparison.OrdinalIgnoreCase)) continue;
            var o = Run(corpus, c, TimeSpan.FromSeconds(seconds), workers);
            switch (o.Verdict)
            {
                case ConformanceVerdict.Matched: matched++; break;
                case ConformanceVerdict.Mismatched: mismatched++; break;
                default: unsupported++; break;
            }
            stdout.WriteLine($"{o.Verdict.ToString().ToLowerInvariant(),-11} {c.Cfg}  [{o.Ms} ms] {o.Detail}");
        }
        stdout.WriteLine($"conformance: {matched} matched, {mismatched} mismatched, {unsupported} unsupported");
        return mismatched == 0 ? 0 : 1;
    }
}
