using Ops.Tla.Differential;
using Xunit;
using Xunit.Abstractions;

namespace Ops.Tla.Differential.Tests;

/// <summary>
/// A fixed-seed batch of generated specs checked by Ops and by TLC (../shared/tools/tlc): any disagreement fails the
/// test and prints the shrunk reproducer. Skipped, with a note, where java or TLC is missing.
/// </summary>
public class DifferentialBatchTests
{
    /// <summary>The CI batch: seed and size (about a second per spec with TLC's JVM start-up, two at a time).</summary>
    public const ulong Seed = 20261206;
    public const int Count = 30;

    private readonly ITestOutputHelper output;

    public DifferentialBatchTests(ITestOutputHelper output) => this.output = output;

    private static string FindTlc() => TlcRunner.Locate(AppContext.BaseDirectory) ?? TlcRunner.Locate(Directory.GetCurrentDirectory());

    [Fact]
    public void Fixed_seed_batch_agrees_with_TLC()
    {
        var tlc = FindTlc();
        if (tlc == null || !TlcRunner.JavaAvailable(Environment.GetEnvironmentVariable("PATH")))
        {
            output.WriteLine(tlc == null
                ? "skipped: TLC not found (../shared/tools/tlc beside the repository)"
                : "skipped: java not found (apt-get install -y openjdk-17-jre-headless)");
            return;
        }
        var outDir = Path.Combine(Path.GetTempPath(), $"ops-difftest-ci-{Guid.NewGuid():N}");
        var harness = new DiffHarness(tlc, outDir)
        {
            // Every component, the second round's (in since stop 35, their findings fixed) and the third round's
            // (several workers with liveness, PlusCal) included (docs/differential-testing.md, "The generator, round 3").
            BaseMask = 0,
            Jobs = 2,
            Timeout = TimeSpan.FromSeconds(60),
            ShrinkIterations = 15,
            ShrinkTime = TimeSpan.FromSeconds(60),
            Log = line => output.WriteLine(line),
        };
        var summary = harness.RunBatch(Count, Seed);
        harness.Cleanup();
        output.WriteLine(summary.Format());
        if (summary.Disagreements.Count == 0)
        {
            Assert.Equal(Count, summary.Run);
            return;
        }
        var report = string.Join("\n\n", summary.Disagreements.Select(d =>
            $"{d.Describe()}\n{d.Case}\n---- TLC\n{Tail(d.Tlc.Output)}\n---- Ops\n{Tail(d.Ops.Output)}"));
        Assert.Fail($"{summary.Disagreements.Count} disagreement(s) with TLC:\n{report}");
    }

    [Fact]
    public void Generation_is_deterministic_and_varied()
    {
        var a = DiffHarness.CaseFor(7, 3);
        var b = DiffHarness.CaseFor(7, 3);
        Assert.Equal(a.Tla, b.Tla);
        Assert.Equal(a.Cfg, b.Cfg);
        var texts = Enumerable.Range(0, 200).Select(i => DiffHarness.CaseFor(7, i)).ToList();
        Assert.True(texts.Select(t => t.Tla).Distinct().Count() > 190);
        // The generator covers the language broadly: every construct appears somewhere in 200 specs.
        var all = string.Join("\n", texts.Select(t => t.Tla + t.Cfg + string.Concat(t.Modules.Values)));
        foreach (var construct in new[] { "EXCEPT", "@", "LET", "CHOOSE", "CASE", "IF", "\\A <<", "\\E", "LAMBDA", "RECURSIVE",
                     "SUBSET", "UNION", "\\X", "DOMAIN", "Append", "SelectSeq", "SubSeq", "INSTANCE", "WITH", "WF_vars", "SF_vars",
                     "CONSTRAINT", "ACTION_CONSTRAINT", "SYMMETRY", "VIEW", "PROPERTY", "~>", "[]<>", ":>", "NoVal" })
            Assert.Contains(construct, all);
    }

    [Fact]
    public void The_newer_components_are_generated_and_each_can_be_left_out()
    {
        var cases = Enumerable.Range(0, 300).Select(i => DiffHarness.CaseFor(7, i)).ToList();
        var all = string.Join("\n", cases.Select(t => t.Tla + t.Cfg));
        // Errors on purpose, values beyond the base domains, TLC's and the community modules, recursive functions.
        foreach (var construct in new[] { "AErr ==", "InvErr ==", "HErr(", "Head(<<>>)", "\\div 0", "2147483647", "CHOOSE c", "\\in Nat",
                     "\\in Int", "STRING", "Seq(", "(-", "ASSUME", "Assert(", "PrintT(", "TLCGet(\"level\")", "FSE!", "SQE!", "BAG!", "FUN!",
                     "RF[", "[n", "\\in Nat |->" })
            Assert.Contains(construct, all);
        // -exclude new: the generator as it was before them (none of their constructs, and the other draws unchanged).
        var newMask = Component.MaskOf("new");
        var old = string.Join("\n", Enumerable.Range(0, 300).Select(i => DiffHarness.CaseFor(7, i, newMask)).Select(t => t.Tla + t.Cfg));
        foreach (var construct in new[] { "AErr", "InvErr", "ASSUME", "Assert(", "FSE!", "RF[", "TLCGet", "STRING" })
            Assert.DoesNotContain(construct, old);
        Assert.Contains(cases, c => c.Workers == 2);
        Assert.Contains(cases, c => c.Continue);
        Assert.Contains(cases, c => c.HasAlias && c.Cfg.Contains("ALIAS Alias"));
        Assert.Contains("POSTCONDITION Post", all);
        // workers-liveness (the third round) gives -workers 2 too: left out with it.
        var runOptionsOff = Enumerable.Range(0, 300).Select(i => DiffHarness.CaseFor(7, i, Component.MaskOf("run-options") | Component.MaskOf("workers-liveness"))).ToList();
        Assert.DoesNotContain(runOptionsOff, c => c.Workers != 1 || c.Continue);
        foreach (var (name, marker) in new[] { ("errors", "AErr"), ("tlc-ops", "ASSUME"), ("recursive-functions", "RF["), ("values", "STRING"),
                     ("alias-postcondition", "POSTCONDITION") })
        {
            // The second and fourth rounds' components write ASSUMEs, STRING and the like too: left out here.
            var without = string.Join("\n", Enumerable.Range(0, 300).Select(i => DiffHarness.CaseFor(7, i, Component.MaskOf(name) | Component.MaskOf("round2") | Component.MaskOf("round4"))).Select(t => t.Tla + t.Cfg));
            Assert.DoesNotContain(marker, without);
        }
    }

    [Fact]
    public void The_second_round_components_are_generated_and_each_can_be_left_out()
    {
        var cases = Enumerable.Range(0, 300).Select(i => DiffHarness.CaseFor(7, i)).ToList();
        var all = string.Join("\n", cases.Select(t => t.Tla + t.Cfg));
        foreach (var construct in new[] { "InvC ==", "Lim = ", "Cap <- CapDef", "ConstrErr ==", "PropErr ==", "TLCGet(\"distinct\")", "TLCSet(1, 0)",
                     "AVal ==", "\\in Nat |-> n]", "PropAct ==", "ENABLED", "<<A", "lbl", "\n    /\\ ", "\n    \\/ ", "InvInfix ==" })
            Assert.Contains(construct, all);
        // Liveness with a VIEW or SYMMETRY.
        Assert.Contains(cases, c => c.Cfg.Contains("PROPERTY") && (c.Cfg.Contains("SYMMETRY") || c.Cfg.Contains("VIEW")));
        foreach (var (name, marker) in new[] { ("constant-level", "InvC =="), ("error-sites", "PropErr =="), ("tlc-get", "TLCGet(\"distinct\")"),
                     ("lazy-values", "AVal"), ("action-temporal", "PropAct"), ("syntax-forms", "InvInfix") })
        {
            var without = string.Join("\n", Enumerable.Range(0, 300).Select(i => DiffHarness.CaseFor(7, i, Component.MaskOf(name))).Select(t => t.Tla + t.Cfg));
            Assert.DoesNotContain(marker, without);
        }
        // Left out, none of the seven's constructs is written.
        var round2 = string.Join("\n", Enumerable.Range(0, 300).Select(i => DiffHarness.CaseFor(7, i, Component.MaskOf("round2"))).Select(t => t.Tla + t.Cfg));
        foreach (var marker in new[] { "InvC", "Lim", "ConstrErr", "PropErr", "ViewErr", "TLCSet(1", "AVal", "PropAct", "ENABLED", "lbl", "InvInfix", "\\union", "/=" })
            Assert.DoesNotContain(marker, round2);
    }

    [Fact]
    public void The_fourth_round_components_are_generated_and_each_can_be_left_out()
    {
        var all = string.Join("\n", Enumerable.Range(0, 300).Select(i => DiffHarness.CaseFor(7, i)).Select(t => t.Tla + t.Cfg + string.Concat(t.Modules.Values)));
        foreach (var construct in new[] { "InvEdge ==", "AEdge ==", "PI(kp) == INSTANCE Inner WITH K <- kp", ")!Step(" })
            Assert.Contains(construct, all);
        foreach (var (name, marker) in new[] { ("edge-args", "Edge"), ("param-instance", "PI(") })
        {
            var without = string.Join("\n", Enumerable.Range(0, 300).Select(i => DiffHarness.CaseFor(7, i, Component.MaskOf(name))).Select(t => t.Tla + t.Cfg));
            Assert.DoesNotContain(marker, without);
        }
        // Left out, the other components' draws are unchanged: the specs without round 4 are those of the third round.
        var round4 = Component.MaskOf("round4");
        Assert.Equal(round4, Component.MaskOf("edge-args") | Component.MaskOf("param-instance"));
        Assert.NotEqual(0, Component.MaskOf("new") & round4);
    }

    [Fact]
    public void The_third_round_components_are_generated_and_each_can_be_left_out()
    {
        // Several workers given to specs that check liveness (run-options left out, so that only this component
        // gives -workers 2), never with TLCSet registers (each TLC worker keeps its own).
        var runOff = Component.MaskOf("run-options");
        var cases = Enumerable.Range(0, 300).Select(i => DiffHarness.CaseFor(7, i, runOff)).ToList();
        var two = cases.Where(c => c.Workers == 2).ToList();
        Assert.NotEmpty(two);
        Assert.All(two, c => Assert.True(c.Cfg.Contains("PROPERTY") || c.Tla.Contains("WF_") || c.Tla.Contains("SF_"), c.ToString()));
        Assert.All(two, c => Assert.DoesNotContain("TLCSet(", c.Tla));
        Assert.DoesNotContain(Enumerable.Range(0, 300).Select(i => DiffHarness.CaseFor(7, i, runOff | Component.MaskOf("workers-liveness"))), c => c.Workers == 2);
        // PlusCal: an algorithm without its translation, every statement labeled.
        var pcal = cases.Where(c => c.PlusCal).ToList();
        Assert.NotEmpty(pcal);
        var all = string.Join("\n", pcal.Select(c => c.Tla));
        foreach (var construct in new[] { "(* --algorithm Gen", "process P \\in 1..", "while ", "either ", "with v \\in", "await ", "macro Set(v)", "call Bump(", "goto l", "end algorithm; *)" })
            Assert.Contains(construct, all);
        Assert.All(pcal, c => Assert.DoesNotContain("BEGIN TRANSLATION", c.Tla));
        Assert.DoesNotContain(Enumerable.Range(0, 300).Select(i => DiffHarness.CaseFor(7, i, Component.MaskOf("pluscal"))), c => c.PlusCal);
        // "round3" is both; "new" holds them too (the generator before the newer components).
        Assert.Equal(Component.MaskOf("workers-liveness") | Component.MaskOf("pluscal"), Component.MaskOf("round3"));
        Assert.Equal(Component.MaskOf("round3"), Component.MaskOf("new") & Component.MaskOf("round3"));
    }

    [Fact]
    public void Several_workers_compare_a_verdict_that_needs_the_complete_search()
    {
        // Exit 13 comes after the complete search (no safety violation or error in any thread): with -workers 2 the
        // verdict, the property and the counts are compared as with one worker; other violations only by whether the
        // search ends clean.
        var two = new SpecCase { Workers = 2, Tla = "" };
        var tlc = TlcRunner.Parse(13, "Error: Temporal property Prop0 was violated.\nState 1: <Initial predicate>\nx = 0\n\n9 states generated, 3 distinct states found, 0 states left on queue.");
        Assert.Empty(DiffHarness.Compare(tlc, new RunOutcome { Exit = 13, Generated = 9, Distinct = 3, Property = "Prop0", TraceLength = 4 }, two));
        Assert.Equal(new[] { "property", "generated" }, DiffHarness.Compare(tlc, new RunOutcome { Exit = 13, Generated = 8, Distinct = 3, Property = "Prop1" }, two));
        Assert.Equal(new[] { "exit 13/12" }, DiffHarness.Compare(tlc, new RunOutcome { Exit = 12, Property = "Inv0" }, two));
        // With TLCSet registers (each TLC worker has its own) only whether the search ends clean.
        Assert.Empty(DiffHarness.Compare(tlc, new RunOutcome { Exit = 12, Property = "Inv0" }, new SpecCase { Workers = 2, Tla = "Init == TLCSet(1, 0)" }));
    }

    [Fact]
    public void An_error_is_compared_by_its_first_line_and_place()
    {
        const string tlc = """
            Error: TLC threw an unexpected exception.
            This was probably caused by an error in the spec or model.
            See the User Output or TLC Console for clues to what happened.
            The exception was a java.lang.RuntimeException
            : Attempted to compute the value of an expression of form
            CHOOSE x \in S: P, but no element of S satisfied P.
            line 6, col 22 to line 6, col 52 of module Gen
            Error: The behavior up to this point is:
            State 1: <Initial predicate>
            x = 0

            Error: The error occurred when TLC was evaluating the nested
            expressions at the following positions:
            0. Line 6, column 7 to line 6, column 53 in Gen
            3. Line 6, column 22 to line 6, column 52 in Gen


            3 states generated, 3 distinct states found, 1 states left on queue.
            """;
        var (line, place) = RunOutcome.ErrorSignature(tlc);
        Assert.Equal("Attempted to compute the value of an expression of form", line);
        Assert.Equal("line 6, col 22 to line 6, col 52 of module Gen; innermost Line 6, column 22 to line 6, column 52 in Gen", place);
        var t = TlcRunner.Parse(75, tlc);
        var same = new RunOutcome { Exit = 75, Output = tlc };
        Assert.Empty(DiffHarness.Compare(t, same));
        var other = new RunOutcome { Exit = 75, Output = tlc.Replace("\n3. Line 6, column 22", "\n3. Line 6, column 23") };
        Assert.Equal(new[] { "location" }, DiffHarness.Compare(t, other));
        var words = new RunOutcome { Exit = 75, Output = tlc.Replace(": Attempted to compute", ": Failed to compute") };
        Assert.Equal(new[] { "message" }, DiffHarness.Compare(t, words));
        // TLC's FingerprintException stack stands for the nested list; Ops's configuration-error form gives its message.
        var fp = RunOutcome.ErrorSignature("Error: TLC threw an unexpected exception.\nThe exception was a java.lang.RuntimeException\n: Attempted to access nonexistent field 'c' of record\n[a |-> 1]\n" +
                                           "Error: TLC was unable to fingerprint.\n\nFingerprint Stack Trace:\n0. Line 6, column 7 to line 6, column 46 in Gen\n4. Line 6, column 21 to line 6, column 41 in Gen\n\n\nReason:\nAttempted\n");
        Assert.Equal(("Attempted to access nonexistent field 'c' of record", "innermost Line 6, column 21 to line 6, column 41 in Gen"), fp);
        Assert.Equal("The view function View cannot be a constant.", RunOutcome.ErrorSignature("/tmp/x/Gen.cfg:10:6: configuration error: The view function View cannot be a constant.\n").Line);
    }

    [Fact]
    public void Run_options_decide_what_is_compared()
    {
        const string trace = "Error: Invariant Inv is violated.\nError: The behavior up to this point is:\nState 1: <Initial predicate>\n/\\ x = 0\n/\\ lvl = 1\n\n" +
                             "5 states generated, 5 distinct states found, 0 states left on queue.\n";
        var tlc = TlcRunner.Parse(12, trace);
        // Several workers: a violation's figures are the threads'; only the exit code is compared.
        var two = new SpecCase { Workers = 2 };
        Assert.Empty(DiffHarness.Compare(tlc, new RunOutcome { Exit = 12, Generated = 9, Distinct = 7, Property = "Inv2", Output = "" }, two));
        Assert.Equal(new[] { "exit 12/0" }, DiffHarness.Compare(tlc, new RunOutcome { Exit = 0 }, two));
        Assert.Empty(DiffHarness.Compare(tlc, new RunOutcome { Exit = 14 }, two));
        // An ALIAS: the trace is compared line by line.
        var alias = new SpecCase { HasAlias = true };
        var same = new RunOutcome { Exit = 12, Generated = 5, Distinct = 5, Property = "Inv", TraceLength = 1, Output = trace };
        Assert.Empty(DiffHarness.Compare(tlc, same, alias));
        var other = new RunOutcome { Exit = 12, Generated = 5, Distinct = 5, Property = "Inv", TraceLength = 1, Output = trace.Replace("lvl = 1", "lvl = 0") };
        Assert.Equal(new[] { "alias-trace" }, DiffHarness.Compare(tlc, other, alias));
        // -continue: every violation, in order.
        var cont = new SpecCase { Continue = true };
        var more = new RunOutcome { Exit = 12, Generated = 5, Distinct = 5, Property = "Inv", TraceLength = 1, Output = trace + "Error: Invariant Inv2 is violated.\n" };
        Assert.Equal(new[] { "violations" }, DiffHarness.Compare(tlc, more, cont));
        // -continue with several workers (seed 202 case 37, seed 201 case 99): the complete search's counts and the
        // violations are compared, not their order nor the traces' lengths, which are TLC's threads'.
        const string two1 = "Error: Invariant Inv0 is violated.\nError: The behavior up to this point is:\nError: Invariant Inv1 is violated.\n" +
                            "59 states generated, 11 distinct states found, 0 states left on queue.\n";
        const string two2 = "Error: Invariant Inv1 is violated.\nError: The behavior up to this point is:\nError: Invariant Inv0 is violated.\n" +
                            "59 states generated, 11 distinct states found, 0 states left on queue.\n";
        var contTwo = new SpecCase { Continue = true, Workers = 2 };
        var t2 = new RunOutcome { Exit = 0, Generated = 59, Distinct = 11, Property = "Inv0", TraceLength = 328, Output = two1 };
        var o2 = new RunOutcome { Exit = 0, Generated = 59, Distinct = 11, Property = "Inv0", TraceLength = 324, Output = two2 };
        Assert.Empty(DiffHarness.Compare(t2, o2, contTwo));
        Assert.Equal(new[] { "trace", "violations" }, DiffHarness.Compare(t2, o2, cont));
        var missing = new RunOutcome { Exit = 0, Generated = 59, Distinct = 11, Property = "Inv0", TraceLength = 324, Output = two2.Replace("Inv0", "Inv1") };
        Assert.Equal(new[] { "violations" }, DiffHarness.Compare(t2, missing, contTwo));
    }

    [Fact]
    public void Thousands_of_cases_generate_without_failure()
    {
        for (var i = 0; i < 3000; i++)
        {
            var c = DiffHarness.CaseFor(11, i);
            Assert.Contains(c.PlusCal ? "(* --" : "Init ==", c.Tla);
            Assert.True(c.Complexity > 0);
        }
    }

    [Fact]
    public void Leaving_a_component_out_keeps_the_others()
    {
        var full = SpecGen.Build(42, 0, 3);
        var less = SpecGen.Build(42, 1L << Component.View | 1L << Component.Invariant0, 3);
        Assert.DoesNotContain("INVARIANT Inv0", less.Cfg);
        Assert.True(less.Complexity <= full.Complexity);
    }

    [Fact]
    public void TLC_output_is_parsed()
    {
        const string text = """
            Error: Invariant Inv1 is violated.
            Error: The behavior up to this point is:
            State 1: <Initial predicate>
            x = 0

            State 2: <A0 line 20, col 1 to line 20, col 30 of module Gen>
            x = 1

            1,234 states generated, 56 distinct states found, 0 states left on queue.
            """;
        var o = TlcRunner.Parse(12, text);
        Assert.Equal("Inv1", o.Property);
        Assert.Equal(2, o.TraceLength);
        Assert.Equal(1234, o.Generated);
        Assert.Equal(56, o.Distinct);
        var live = TlcRunner.Parse(13, "Error: Temporal property Prop0 was violated.\nState 1: <Initial predicate>\nx = 0\n\nState 2: Stuttering\n9 states generated, 3 distinct states found, 0 states left on queue.");
        Assert.Equal("Prop0", live.Property);
        Assert.Equal(1, live.TraceLength);
        // One counterexample violating several properties (finding 008): Ops names one of them, and that agrees.
        var many = TlcRunner.Parse(13, "Error: Temporal properties Prop0 and Prop2 were violated.\nState 1: <Initial predicate>\nx = 0\n\nState 2: Stuttering\n9 states generated, 3 distinct states found, 0 states left on queue.");
        Assert.Equal(new HashSet<string> { "Prop0", "Prop2" }, many.Properties);
        var ops = new RunOutcome { Exit = 13, Generated = 9, Distinct = 3, Property = "Prop2", TraceLength = 1 };
        Assert.Empty(DiffHarness.Compare(many, ops));
        ops.Property = "Prop1";
        Assert.Equal(new[] { "property" }, DiffHarness.Compare(many, ops));
        // A liveness lasso's length is each checker's search order (finding 005); a safety trace's is not.
        ops.Property = "Prop2";
        ops.TraceLength = 4;
        Assert.Empty(DiffHarness.Compare(many, ops));
        // TLC's liveness check of the partial graph runs when time has passed: its counts are the clock's (006).
        var timed = TlcRunner.Parse(13, "Checking temporal properties for the current state space with 1092 total distinct states\nError: Temporal property Prop2 was violated.\nState 1: <Initial predicate>\nx = 0\n\nState 2: Stuttering\n6312 states generated, 1944 distinct states found, 0 states left on queue.");
        Assert.True(timed.LivenessMidSearch);
        Assert.Empty(DiffHarness.Compare(timed, new RunOutcome { Exit = 13, Generated = 9720, Distinct = 1944, Property = "Prop2", TraceLength = 1 }));
        var inv = TlcRunner.Parse(12, "Error: Invariant Inv1 is violated.\nState 1: <Initial predicate>\nx = 0\n\n5 states generated, 5 distinct states found, 0 states left on queue.");
        Assert.Equal(new[] { "trace" }, DiffHarness.Compare(inv, new RunOutcome { Exit = 12, Generated = 5, Distinct = 5, Property = "Inv1", TraceLength = 2 }));
    }

    private static string Tail(string text)
    {
        var lines = (text ?? "").Split('\n');
        return string.Join("\n", lines.Skip(Math.Max(0, lines.Length - 40)));
    }
}
