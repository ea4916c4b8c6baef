using Ops.Cli;
using Ops.Tla.Checking;
using Xunit;

namespace Ops.Tla.Tests.Cli;

/// <summary>TLC's command-line options on `ops check` (one parser, <see cref="TlcOptions"/>, shared with the
/// conformance runner). The expected figures are TLC's on the same specs (tla2tools cc6b616, -workers 1).</summary>
public class TlcOptionsTests
{
    // Two initial states; the one at 7 violates both invariants, its successor 8 violates Inv2; 9 deadlocks.
    private const string Cont = """
        ---- MODULE Cont ----
        EXTENDS Naturals
        VARIABLE x
        Init == x \in {0, 7}
        Next == x < 9 /\ x' = x + 1
        Inv1 == x # 7
        Inv2 == x # 8 /\ x # 7
        Prop == [](x # 3)
        ====
        """;

    [Fact]
    public void Continue_reports_every_violation_goes_on_and_exits_0_as_TLC()
    {
        using var t = new TempSpecs();
        var spec = t.Spec("Cont", Cont, "INIT Init\nNEXT Next\nINVARIANT Inv1\nINVARIANT Inv2\n");
        var r = CliRun.Of("check", spec, "-deadlock", "-continue");
        // TLC: every invariant an initial state violates, then the first one of each successor; all states explored.
        Assert.Equal(0, r.Exit);
        Assert.Contains("Error: Invariant Inv1 is violated by the initial state:\nx = 7\n", r.Out);
        Assert.Contains("Error: Invariant Inv2 is violated by the initial state:\nx = 7\n", r.Out);
        Assert.Contains("Error: Invariant Inv2 is violated.\nError: The behavior up to this point is:\nState 1: <Initial predicate>\nx = 7\n\nState 2:", r.Out);
        Assert.Contains("11 states generated, 10 distinct states found, 0 states left on queue.", r.Out);
        Assert.Contains("3 violations were reported above", r.Out);
        // A deadlock still ends the run (TLC: exit 11, 7 generated, 7 distinct, 1 left).
        r = CliRun.Of("check", spec, "-continue");
        Assert.Equal(11, r.Exit);
        Assert.Contains("Error: Deadlock reached.", r.Out);
        Assert.Contains("7 states generated, 7 distinct states found, 1 states left on queue.", r.Out);
        // Without -continue the first violation stops the run.
        Assert.Equal(12, CliRun.Of("check", spec, "-deadlock").Exit);
    }

    [Fact]
    public void Continue_reports_every_invariant_an_initial_state_the_constraint_excludes_violates()
    {
        // Found by ops difftest (-seed 101, run-options component): an initial state a CONSTRAINT excludes is still
        // checked (finding 002); with -continue TLC's DoInitFunctor names every invariant it violates, "by the initial
        // state:" with the state alone. Ops printed the first one only, as "Invariant Inv1 is violated.". A successor
        // the constraint excludes is reported with its first violated invariant, as any successor. TLC: exit 0,
        // 9 generated, 7 distinct.
        using var t = new TempSpecs();
        var spec = t.Spec("Cont", Cont.Replace("====", "Constr == x # 7\n===="), "INIT Init\nNEXT Next\nINVARIANT Inv1\nINVARIANT Inv2\nCONSTRAINT Constr\n");
        var r = CliRun.Of("check", spec, "-deadlock", "-continue");
        Assert.Equal(0, r.Exit);
        Assert.Contains("Error: Invariant Inv1 is violated by the initial state:\nx = 7\n\nError: Invariant Inv2 is violated by the initial state:\nx = 7\n", r.Out);
        Assert.Contains("Error: Invariant Inv1 is violated.\nError: The behavior up to this point is:\nState 1: <Initial predicate>\nx = 0\n", r.Out);
        Assert.DoesNotContain("Error: Invariant Inv2 is violated.\n", r.Out);
        Assert.Contains("9 states generated, 7 distinct states found, 0 states left on queue.", r.Out);
    }

    [Fact]
    public void Continue_goes_on_after_a_violated_always_property_and_records_the_reports()
    {
        using var t = new TempSpecs();
        var spec = t.Spec("Cont", Cont, "INIT Init\nNEXT Next\nPROPERTY Prop\n");
        var r = ModelChecker.Check(spec, new CheckOptions { CheckDeadlock = false, Continue = true, Workers = 2 });
        Assert.Equal(0, r.ExitCode);
        Assert.Equal((11, 10), (r.StatesGenerated, r.DistinctStates));
        var v = Assert.Single(r.Continued);
        Assert.Equal("Prop", v.Violation.Property);
        Assert.Equal(4, v.Trace.Count);
    }

    [Fact]
    public void Inv_adds_an_invariant_and_a_garbled_one_is_a_parse_error()
    {
        using var t = new TempSpecs();
        var spec = t.Spec("Cont", Cont, "INIT Init\nNEXT Next\n");
        var r = CliRun.Of("check", spec, "-deadlock", "-inv", "x # 3 /\\ x < 100");
        Assert.Equal(12, r.Exit);
        Assert.Contains("Error: Invariant x # 3 /\\ x < 100 is violated.", r.Out);
        Assert.Contains("7 states generated, 7 distinct states found", r.Out);
        r = CliRun.Of("check", spec, "-deadlock", "-inv", "garbled input to cause parse error");
        Assert.Equal(150, r.Exit);
        Assert.Contains("Syntax error while parsing the -inv expression", r.Out);
        // A name the module does not define is a semantic error (TLC: 150); an action cannot be evaluated as an
        // invariant (TLC: 75).
        Assert.Equal(150, CliRun.Of("check", spec, "-deadlock", "-inv", "y = 1").Exit);
        Assert.Equal(75, CliRun.Of("check", spec, "-deadlock", "-inv", "x' = x").Exit);
    }

    [Fact]
    public void Invlevel_is_TLCs_invariant_on_the_level_of_a_state()
    {
        using var t = new TempSpecs();
        var spec = t.Spec("Cont", Cont, "INIT Init\nNEXT Next\n");
        // TLC -invlevel 3: the first state at level 3 (x = 2, or 9 from 7) violates it; 5 generated, 5 distinct.
        var r = CliRun.Of("check", spec, "-deadlock", "-invlevel", "3");
        Assert.Equal(12, r.Exit);
        Assert.Contains("5 states generated, 5 distinct states found", r.Out);
        Assert.Contains("State 3:", r.Out);
        Assert.Equal(0, CliRun.Of("check", spec, "-deadlock", "-invlevel", "11").Exit);
    }

    [Fact]
    public void TLCGet_level_is_the_level_of_the_state_a_constraint_or_invariant_is_checked_on()
    {
        using var t = new TempSpecs();
        // As TLC prints it: constraints and invariants see the successor's level, actions and action constraints
        // the level of the state being expanded (primed: the successor's), the initial predicate 0.
        var spec = t.Spec("Lv", """
            ---- MODULE Lv ----
            EXTENDS Naturals, TLC
            VARIABLE x, y
            Init == x = TLCGet("level") /\ y = 0
            Next == y < 3 /\ y' = y + 1 /\ x' = TLCGet("level") /\ TLCGet("level")' = TLCGet("level") + 1
            Con == PrintT(<<"con", y, TLCGet("level")>>)
            ACon == PrintT(<<"acon", y, y', TLCGet("level")>>)
            Inv == PrintT(<<"inv", y, TLCGet("level")>>) /\ x = y
            ====
            """, "INIT Init\nNEXT Next\nINVARIANT Inv\nCONSTRAINT Con\nACTION_CONSTRAINT ACon\n");
        var r = ModelChecker.Check(spec, new CheckOptions { CheckDeadlock = false });
        Assert.Equal(CheckOutcome.Success, r.Outcome);
        Assert.Equal(new[]
        {
            "<<\"con\", 0, 1>>", "<<\"inv\", 0, 1>>", "<<\"con\", 1, 2>>", "<<\"acon\", 0, 1, 1>>", "<<\"inv\", 1, 2>>",
            "<<\"con\", 2, 3>>", "<<\"acon\", 1, 2, 2>>", "<<\"inv\", 2, 3>>", "<<\"con\", 3, 4>>", "<<\"acon\", 2, 3, 3>>", "<<\"inv\", 3, 4>>",
        }, r.Output);
    }

    [Fact]
    public void A_definition_that_reads_TLCGet_level_is_evaluated_every_time_not_once()
    {
        using var t = new TempSpecs();
        // An unbounded counter bounded by a constraint on the level (TLC: 5 generated, 4 distinct, no violation of
        // x < 10); evaluated once, the constraint would let the search run away.
        var spec = t.Spec("Bound", """
            ---- MODULE Bound ----
            EXTENDS Naturals, TLC
            VARIABLE x
            Init == x = 0
            Next == x' = x + 1
            Bounded == TLCGet("level") < 5
            Small == x < 10
            ====
            """, "INIT Init\nNEXT Next\nCONSTRAINT Bounded\nINVARIANT Small\n");
        var r = ModelChecker.Check(spec, new CheckOptions { CheckDeadlock = false });
        Assert.Equal(CheckOutcome.Success, r.Outcome);
        Assert.Equal((5, 4), (r.StatesGenerated, r.DistinctStates));
    }

    [Fact]
    public void Lncheck_final_keeps_the_verdict_and_off_skips_temporal_properties()
    {
        using var t = new TempSpecs();
        var spec = t.Spec("Live", """
            ---- MODULE Live ----
            EXTENDS Naturals
            VARIABLE x
            Init == x = 0
            Next == x' = (x + 1) % 3
            Spec == Init /\ [][Next]_x
            Live == <>(x = 5)
            ====
            """, "SPECIFICATION Spec\nPROPERTY Live\n");
        Assert.Equal(13, CliRun.Of("check", spec).Exit);
        Assert.Equal(13, CliRun.Of("check", spec, "-lncheck", "final").Exit);
        var r = CliRun.Of("check", spec, "-lncheck", "off");
        Assert.Equal(0, r.Exit);
        Assert.Contains("4 states generated, 3 distinct states found", r.Out);
        Assert.Contains("Required argument missing for option: '-lncheck'", CliRun.Of("check", spec, "-lncheck").Err);
    }

    private const string Rand = """
        ---- MODULE Rand ----
        EXTENDS Naturals, TLC, Randomization
        VARIABLE x, y, s
        Init == x = RandomElement(1..50) /\ y = 0 /\ s = RandomSubset(3, 1..100000000)
        Next == y < 6 /\ x' = RandomElement(1..50) /\ y' = y + 1 /\ s' = s
        SeedIs == TLCGet("config").seed = "123456789012"
        ====
        """;

    [Fact]
    public void Seed_makes_random_choices_reproducible_whatever_the_number_of_workers()
    {
        using var t = new TempSpecs();
        var spec = t.Spec("Rand", Rand, "INIT Init\nNEXT Next\nINVARIANT SeedIs\n");
        CheckResult Run(long seed, int workers) => ModelChecker.Check(spec, new CheckOptions { CheckDeadlock = false, Seed = seed, Workers = workers });
        var a = Run(123456789012, 1);
        Assert.Equal(CheckOutcome.Success, a.Outcome);
        // Each state's successors draw from a generator seeded with the seed and the state's fingerprint.
        var b = Run(123456789012, 2);
        Assert.Equal((a.StatesGenerated, a.DistinctStates), (b.StatesGenerated, b.DistinctStates));
        var c = Run(123456789012, 1);
        Assert.Equal((a.StatesGenerated, a.DistinctStates), (c.StatesGenerated, c.DistinctStates));
        // TLCGet("config").seed is the seed.
        Assert.Equal(CheckOutcome.SafetyFailure, Run(7, 1).Outcome);
        var r = CliRun.Of("check", spec, "-deadlock", "-seed", "123456789012");
        Assert.Equal(0, r.Exit);
        Assert.Contains("-seed expects an integer", CliRun.Of("check", spec, "-seed", "abc").Err);
        // A negative seed (TLC prints and accepts those) is a value, not an option.
        Assert.Equal(12, CliRun.Of("check", spec, "-deadlock", "-seed", "-3").Exit);
    }

    [Fact]
    public void View_prints_the_trace_through_the_VIEW()
    {
        using var t = new TempSpecs();
        var spec = t.Spec("Vw", """
            ---- MODULE Vw ----
            EXTENDS Naturals
            VARIABLES a, b, c
            Init == a = 0 /\ b = 0 /\ c = 0
            Next == a < 3 /\ a' = a + 1 /\ b' = b + 2 /\ c' = c
            V == <<b, a>>
            Inv == a < 2
            ====
            """, "INIT Init\nNEXT Next\nVIEW V\nINVARIANT Inv\n");
        var plain = CliRun.Of("check", spec, "-deadlock");
        Assert.Contains("/\\ c = 0", plain.Out);
        var r = CliRun.Of("check", spec, "-deadlock", "-view");
        Assert.Equal(12, r.Exit);
        // The view's variables, in name order (each with its own value: TLC pairs the sorted names with the tuple's
        // components in order, and so prints a = 2 /\ b = 1 here).
        Assert.Contains("State 3: <Next line 5, col 9 to line 5, col 51 of module Vw>\n/\\ a = 2\n/\\ b = 4\n", r.Out);
        Assert.DoesNotContain("c = 0", r.Out);
        Assert.Contains("3 states generated, 3 distinct states found", r.Out);
    }

    [Fact]
    public void Options_that_do_not_change_the_verdict_are_accepted_and_modes_Ops_lacks_are_refused()
    {
        using var t = new TempSpecs();
        var spec = t.Spec("Cont", Cont, "INIT Init\nNEXT Next\nINVARIANT Inv1\n");
        var r = CliRun.Of("check", spec, "-deadlock", "-cleanup", "-fp", "3", "-fpmem", "0.25", "-fpbits", "1", "-metadir", t.Dir,
            "-noGenerateSpecTE", "-noTE", "-gzip", "-tool", "-terse", "-difftrace", "-checkpoint", "0", "-coverage", "1", "-maxSetSize", "10", "-nowarning");
        Assert.Equal(12, r.Exit);
        Assert.Contains("Invariant Inv1 is violated", r.Out);
        var refused = CliRun.Of("check", spec, "-dfid", "3");
        Assert.Equal(255, refused.Exit);
        Assert.Contains("the TLC option -dfid is not supported", refused.Err);
        Assert.Contains("-maxSetSize expects a number", CliRun.Of("check", spec, "-maxSetSize", "x").Err);
    }

    [Fact]
    public void Checkpoint_is_accepted_with_a_warning_that_Ops_writes_none_and_recover_is_refused()
    {
        using var t = new TempSpecs();
        var spec = t.Spec("Cont", Cont, "INIT Init\nNEXT Next\n");
        var r = CliRun.Of("check", spec, "-deadlock", "-checkpoint", "30");
        Assert.Equal(0, r.Exit);
        Assert.Contains("Warning: -checkpoint has no effect: Ops keeps the search in memory and writes no checkpoints", r.Out);
        var recover = CliRun.Of("check", spec, "-recover", t.Dir);
        Assert.Equal(255, recover.Exit);
        Assert.Contains("the TLC option -recover is not supported", recover.Err);
    }

    [Fact]
    public void A_row_of_TLCs_regression_suite_is_split_with_the_inv_expression_in_one_piece()
    {
        Assert.Equal(new[] { "-deadlock", "-inv", "~(small = 3 /\\ big = 0)" }, TlcOptions.Split("-deadlock -inv ~(small = 3 /\\ big = 0)"));
        Assert.Equal(new[] { "-inv", "a = 1", "-deadlock", "-seed", "5" }, TlcOptions.Split(" -inv a = 1 -deadlock  -seed 5"));
        Assert.Empty(TlcOptions.Split(""));
        var o = new CheckOptions();
        TlcOptions.ParseAll(TlcOptions.Split("-deadlock -lncheck final -continue -seed 8006803340504660123 -view -invlevel 4"), o);
        Assert.False(o.CheckDeadlock);
        Assert.True(o.Continue && o.PrintView && o.CheckLiveness);
        Assert.Equal(8006803340504660123, o.Seed);
        Assert.Equal(4, o.InvariantLevel);
        Assert.Throws<ArgumentException>(() => TlcOptions.ParseAll(new[] { "-bogus" }, new CheckOptions()));
    }
}
