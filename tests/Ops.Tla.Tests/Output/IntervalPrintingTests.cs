using Ops.Tla.Tests.Cli;
using Ops.Tla.Values;
using Xunit;

namespace Ops.Tla.Tests.Output;

/// <summary>
/// TLC keeps <c>a..b</c> as an interval (tlc2.value.impl.IntervalValue) and prints it as <c>1..4</c>, in PrintT, error
/// traces, -dump files and TLCGet; a function built over an interval keeps it as its domain (DOMAIN prints
/// <c>1..3</c>), one built over an enumerated set keeps that (<c>{1, 2, 3}</c>); sets built by the set operators print
/// enumerated. Equality, TLC's order and fingerprints are those of the enumerated set. Expected lines: TLC cc6b616,
/// <c>tlc X.tla -config X.cfg -workers 1 -noTE</c> on the same specs.
/// </summary>
public class IntervalPrintingTests
{
    /// <summary>Each expression and what TLC's PrintT printed for it.</summary>
    private static readonly (string Expr, string Tlc)[] Printed =
    [
        ("1..4", "1..4"),
        ("1..0", "{}"),
        ("3..2", "{}"),
        ("-2..1", "-2..1"),
        ("DOMAIN <<1, 2>>", "1..2"),
        ("DOMAIN <<>>", "{}"),
        ("DOMAIN [i \\in 1..3 |-> i]", "1..3"),
        ("DOMAIN [i \\in 2..3 |-> i]", "2..3"),
        ("DOMAIN [i \\in {1,2,3} |-> i]", "{1, 2, 3}"),
        ("DOMAIN (1 :> 2 @@ 2 :> 3)", "{1, 2}"),
        ("DOMAIN [a |-> 1]", "{\"a\"}"),
        ("SUBSET (1..2)", "{{}, {1}, {2}, {1, 2}}"),
        ("(1..3) \\cup {4}", "{1, 2, 3, 4}"),
        ("(1..3) \\cup {}", "{1, 2, 3}"),
        ("(1..3) \\ {}", "{1, 2, 3}"),
        ("(1..3) \\cap (1..3)", "{1, 2, 3}"),
        ("{x \\in 1..4 : TRUE}", "{1, 2, 3, 4}"),
        ("{x : x \\in 1..4}", "{1, 2, 3, 4}"),
        ("[i \\in 1..3 |-> i]", "<<1, 2, 3>>"),
        ("[i \\in 2..3 |-> i]", "(2 :> 2 @@ 3 :> 3)"),
        ("[i \\in 0..1 |-> i]", "(0 :> 0 @@ 1 :> 1)"),
        ("[1..2 -> {0}]", "{<<0, 0>>}"),
        ("[{1,2} -> {0}]", "{<<0, 0>>}"),
        ("{DOMAIN f : f \\in [1..2 -> {0}]}", "{1..2}"),
        ("{DOMAIN f : f \\in [{1,2} -> {0}]}", "{{1, 2}}"),
        ("[a |-> 1..2, b |-> <<1..3, {1..2}>>]", "[a |-> 1..2, b |-> <<1..3, {1..2}>>]"),
        ("{1..2, 1..3, {5}, 0..3, 2..3}", "{{5}, 1..2, 2..3, 1..3, 0..3}"),
        ("{1..2, {1, 2}}", "{1..2}"),
        ("{{1, 2}, 1..2}", "{{1, 2}}"),
        ("<<1..2, {1, 2}>>", "<<1..2, {1, 2}>>"),
        ("CHOOSE s \\in {1..2, {1,2}} : TRUE", "1..2"),
        ("DOMAIN Append(<<1>>, 2)", "1..2"),
        ("DOMAIN Tail(<<1, 2, 3>>)", "1..2"),
        ("DOMAIN [<<1,2,3>> EXCEPT ![2] = 5]", "1..3"),
        ("DOMAIN [[i \\in 2..3 |-> i] EXCEPT ![2] = 5]", "2..3"),
        ("DOMAIN SubSeq(<<1, 2, 3>>, 2, 3)", "1..2"),
        ("DOMAIN (<<1>> \\o <<2>>)", "1..2"),
        ("DOMAIN ([i \\in 1..2 |-> i] @@ (3 :> 3))", "{1, 2, 3}"),
        ("UNION {1..2, 3..4}", "{1, 2, 3, 4}"),
        ("(1..2) \\X (3..4)", "{<<1, 3>>, <<1, 4>>, <<2, 3>>, <<2, 4>>}"),
        ("SUBSET SUBSET (1..1)", "{{}, {{}}, {{1}}, {{}, {1}}}"),
        ("Seq(1..2)", "Seq(1..2)"),
        ("(1..2) = {1, 2}", "TRUE"),
        ("ToString(1..3)", "\"1..3\""),
        ("<<\"x\", 1..3>>", "<<\"x\", 1..3>>"),
        ("SelectSeq(<<1,2,3>>, LAMBDA x: x > 1)", "<<2, 3>>"),
        ("DOMAIN SelectSeq(<<1,2,3>>, LAMBDA x: x > 1)", "1..2"),
        ("(1..2) \\union (1..2)", "{1, 2}"),
        ("CHOOSE x \\in SUBSET (1..3) : Cardinality(x) = 3", "{1, 2, 3}"),
        ("DOMAIN [x \\in 1..2, y \\in 1..2 |-> 0]", "{<<1, 1>>, <<1, 2>>, <<2, 1>>, <<2, 2>>}"),
        ("[x \\in 1..2, y \\in 1..2 |-> 0]", "(<<1, 1>> :> 0 @@ <<1, 2>> :> 0 @@ <<2, 1>> :> 0 @@ <<2, 2>> :> 0)"),
        ("DOMAIN [[i \\in 1..3 |-> i] EXCEPT ![1] = 0]", "1..3"),
        ("[n \\in 1..3 |-> 1..n]", "<<1..1, 1..2, 1..3>>"),
        ("Permutations(1..2)", "{<<1, 2>>, <<2, 1>>}"),
        ("DOMAIN (CHOOSE p \\in Permutations(1..2) : TRUE)", "{1, 2}"),
        ("{} \\cup (1..3)", "1..3"),
        ("(1..0) \\cup (2..3)", "2..3"),
        ("(2..3) \\cup (1..0)", "{2, 3}"),
        ("UNION {1..2}", "{1, 2}"),
        ("UNION {1..2, {}}", "{1, 2}"),
        ("TLCEval(1..3)", "{1, 2, 3}"),
        ("DOMAIN [i \\in Nat |-> i]", "Nat"),
        ("[i \\in 1..3 |-> i] @@ [i \\in 4..5 |-> i]", "<<1, 2, 3, 4, 5>>"),
        ("DOMAIN ([i \\in 1..3 |-> i] @@ [i \\in 4..5 |-> i])", "{1, 2, 3, 4, 5}"),
        ("CHOOSE x \\in {1..3} : TRUE", "1..3"),
        ("DOMAIN (CHOOSE f \\in [1..2 -> 1..2] : TRUE)", "1..2"),
        ("CHOOSE f \\in [1..2 -> {1..2}] : TRUE", "<<1..2, 1..2>>"),
        ("[1..2 -> {1..2}]", "{<<1..2, 1..2>>}"),
        ("[x \\in {1..2, 2..3} |-> 0]", "(1..2 :> 0 @@ 2..3 :> 0)"),
        ("<<-3..-1>>", "<<-3..-1>>"),
        ("{1..2} \\cup {{1, 2}}", "{1..2}"),
        ("{{1, 2}} \\cup {1..2}", "{{1, 2}}"),
        ("-1..1 = -1..1", "TRUE"),
        ("Len(<<1..2>>)", "1"),
        ("[r \\in {\"a\"} |-> 1..2]", "[a |-> 1..2]"),
        ("LET f[i \\in 1..3] == IF i = 1 THEN 1 ELSE f[i-1] + 1 IN f", "<<1, 2, 3>>"),
        ("LET f[i \\in 1..3] == IF i = 1 THEN 1 ELSE f[i-1] + 1 IN DOMAIN f", "1..3"),
        ("DOMAIN [[i \\in 1..3 |-> i] EXCEPT ![1] = 0]", "1..3"),
        ("DOMAIN [a |-> 1, b |-> 2]", "{\"a\", \"b\"}"),
        ("DOMAIN (\"a\" :> 1)", "{\"a\"}"),
        ("<<1, 2>> = [i \\in 1..2 |-> i]", "TRUE"),
        ("SUBSET (2..3)", "{{}, {2}, {3}, {2, 3}}"),
        ("(1..2) \\X {3}", "{<<1, 3>>, <<2, 3>>}"),
        ("DOMAIN [i \\in 0..2 |-> i]", "0..2"),
        ("DOMAIN [i \\in {0,1,2} |-> i]", "{0, 1, 2}"),
        ("ToString(<<1..2>>)", "\"<<1..2>>\""),
        ("{<<1, 1..2>>, <<1, {1,2}>>}", "{<<1, 1..2>>}"),
        ("Cardinality({1..2, {1,2}, 1..3})", "2"),
        ("IF TRUE THEN 1..2 ELSE {}", "1..2"),
        ("[[i \\in 1..2 |-> i] EXCEPT ![1] = 1..2]", "<<1..2, 2>>"),
        ("{x \\in SUBSET (1..2) : TRUE}", "{{}, {1}, {2}, {1, 2}}"),
        ("SubSeq(<<1,2,3>>, 2, 1)", "<<>>"),
        ("DOMAIN SubSeq(<<1,2,3>>, 2, 1)", "{}"),
        ("DOMAIN <<1,2>> \\cup {}", "{1, 2}"),
    ];

    [Fact]
    public void PrintT_prints_intervals_domains_and_the_sets_built_from_them_as_TLC_does()
    {
        using var t = new TempSpecs();
        var assumptions = string.Join("\n", Printed.Select(p => $"ASSUME PrintT({p.Expr})"));
        var spec = t.Spec("IntervalPrint", $"""
            ---- MODULE IntervalPrint ----
            EXTENDS Integers, Sequences, TLC, FiniteSets
            {assumptions}
            VARIABLE x
            Init == x = 0
            Next == x' = x
            ====
            """, "INIT Init\nNEXT Next\n");
        var run = CliRun.Of("check", spec, "-workers", "1");
        Assert.Equal(0, run.Exit);
        var lines = run.Out.Replace("\r\n", "\n").Split('\n');
        int at = Array.FindIndex(lines, l => l == Printed[0].Tlc);
        Assert.True(at >= 0, run.All);
        for (int i = 0; i < Printed.Length; i++)
            Assert.True(Printed[i].Tlc == lines[at + i], $"PrintT({Printed[i].Expr}): TLC prints {Printed[i].Tlc}, Ops printed {lines[at + i]}");
    }

    private const string TraceSpec = """
        ---- MODULE IntervalTrace ----
        EXTENDS Naturals, Sequences, TLC
        VARIABLES a, b, f, g, h, k
        Init == /\ a = 1..4
                /\ b = DOMAIN <<1, 2>>
                /\ f = [i \in 1..2 |-> 1..i]
                /\ g = [i \in {1, 2} |-> 0]
                /\ h = DOMAIN g
                /\ k = {1..2, {5}}
        Next == /\ a' = (a \cup {9})
                /\ b' = 0..Len(<<1,2,3>>)
                /\ f' = [f EXCEPT ![1] = 2..3]
                /\ g' = g
                /\ h' = DOMAIN f
                /\ k' = k \cup {3..4}
        Inv == 9 \notin a
        ====
        """;

    // TLC's trace and its -dump file for TraceSpec (the dump holds the same states, without the action labels).
    private const string TlcStates = """
        /\ a = 1..4
        /\ b = 1..2
        /\ f = <<1..1, 1..2>>
        /\ g = <<0, 0>>
        /\ h = {1, 2}
        /\ k = {{5}, 1..2}

        """;

    private const string TlcStates2 = """
        /\ a = {1, 2, 3, 4, 9}
        /\ b = 0..3
        /\ f = <<2..3, 1..2>>
        /\ g = <<0, 0>>
        /\ h = 1..2
        /\ k = {{5}, 1..2, 3..4}

        """;

    [Fact]
    public void Error_trace_and_dump_print_states_holding_intervals_as_TLC_does()
    {
        using var t = new TempSpecs();
        var spec = t.Spec("IntervalTrace", TraceSpec, "INIT Init\nNEXT Next\nINVARIANT Inv\n");
        var dump = t.File_("states");
        var run = CliRun.Of("check", spec, "-workers", "1", "-dump", dump);
        Assert.Equal(12, run.Exit);
        var output = run.Out.Replace("\r\n", "\n");
        Assert.Contains("State 1: <Initial predicate>\n" + TlcStates + "\nState 2: <Next line 10, col 9 to line 15, col 29 of module IntervalTrace>\n" + TlcStates2 + "\n", output);
        Assert.Equal("State 1:\n" + TlcStates + "\nState 2:\n" + TlcStates2 + "\n", File.ReadAllText(dump + ".dump").Replace("\r\n", "\n"));
    }

    [Fact]
    public void Long_values_holding_intervals_break_over_lines_as_TLC_breaks_them()
    {
        using var t = new TempSpecs();
        var spec = t.Spec("IntervalPpr", """
            ---- MODULE IntervalPpr ----
            EXTENDS Integers, TLC
            VARIABLE x
            Init == x = 0
            Next == /\ TLCSet(1, 1..3)
                    /\ PrintT(TLCGet(1))
                    /\ PrintT(<<{1..1000, 2..3000, 5..60000}, 1..1000, 3..5, 10000..20000, 1..4, 1..4, 1..5, {1..2}, 1..4, 5..9>>)
                    /\ PrintT(<<-3..-1, -10..1000, -10..1000, -10..1000, -10..1000, -10..1000, -10..1000, -10..1000, -10..1000>>)
                    /\ UNCHANGED x
            ====
            """, "INIT Init\nNEXT Next\n");
        var run = CliRun.Of("check", spec, "-workers", "1");
        Assert.Equal(0, run.Exit);
        Assert.Contains("""
            1..3
            << {1..1000, 2..3000, 5..60000},
               1..1000,
               3..5,
               10000..20000,
               1..4,
               1..4,
               1..5,
               {1..2},
               1..4,
               5..9 >>
            <<-3..-1, -10..1000, -10..1000, -10..1000, -10..1000, -10..1000, -10..1000, -10..1000, -10..1000>>

            """.Replace("\r\n", "\n"), run.Out.Replace("\r\n", "\n"));
    }

    [Fact]
    public void Terse_prints_intervals_inside_unexpanded_sets_as_TLC_does()
    {
        using var t = new TempSpecs();
        var spec = t.Spec("IntervalTerse", """
            ---- MODULE IntervalTerse ----
            EXTENDS Naturals, TLC
            VARIABLE x
            Init == x = 0
            Next == /\ PrintT(SUBSET (1..2))
                    /\ PrintT([1..2 -> 3..3])
                    /\ PrintT((1..2) \X (3..3))
                    /\ PrintT([a : 1..2])
                    /\ PrintT({1..2, 3..4})
                    /\ UNCHANGED x
            ====
            """, "INIT Init\nNEXT Next\n");
        var run = CliRun.Of("check", spec, "-terse");
        Assert.Equal(0, run.Exit);
        Assert.Contains("SUBSET (1..2)\n[1..2 -> 3..3]\n(1..2 \\X 3..3)\n[a: 1..2]\n{1..2, 3..4}\n", run.Out.Replace("\r\n", "\n"));
    }

    [Fact]
    public void An_interval_and_its_enumeration_are_one_state_as_in_TLC()
    {
        // TLC: 245 states generated, 27 distinct states found, depth 4.
        using var t = new TempSpecs();
        var spec = t.Spec("IntervalStates", """
            ---- MODULE IntervalStates ----
            EXTENDS Naturals, TLC
            VARIABLES x, f, n
            Init == /\ x \in {1..3, {1, 2, 3}, 0..1}
                    /\ f = <<1, 2>>
                    /\ n = 0
            Next == /\ n' = (n + 1) % 3
                    /\ x' \in {IF n = 0 THEN {1, 2, 3} ELSE 1..3, 2..3, {2, 3}, (1..0) \cup (0..1)}
                    /\ f' \in {[i \in {1, 2} |-> i], <<1, 2>>, [i \in 1..2 |-> i], (1 :> 1 @@ 2 :> 2), <<n>>, [i \in 2..3 |-> i]}
            Inv == \A i \in DOMAIN f : f[i] < 3 \/ DOMAIN f = 2..3
            ====
            """, "INIT Init\nNEXT Next\nINVARIANT Inv\n");
        var run = CliRun.Of("check", spec, "-workers", "1");
        Assert.Equal(0, run.Exit);
        Assert.Contains("245 states generated, 27 distinct states found, 0 states left on queue.", run.Out);
        Assert.Contains("The depth of the complete state graph search is 4.", run.Out);
    }

    [Fact]
    public void An_interval_is_the_set_of_its_integers_in_equality_order_and_fingerprint()
    {
        var intervals = new[] { IntervalValue.Of(1, 4), new IntervalValue(-3, 2), new IntervalValue(2000, 2003), new IntervalValue(5, 4) };
        foreach (var iv in intervals)
        {
            var set = SetValue.From(Enumerable.Range(0, (int)iv.Count).Select(i => (Value)IntValue.Of(iv.Lo + i)));
            Assert.Equal(set.Fingerprint, iv.Fingerprint);
            Assert.True(iv.Equals(set));
            Assert.True(set.Equals(iv));
            Assert.Equal(0, iv.CompareTo(set));
            Assert.Equal(0, set.CompareTo(iv));
            Assert.Equal(set.GetHashCode(), iv.GetHashCode());
        }
        Assert.Equal("1..4", IntervalValue.Of(1, 4).ToString());
        Assert.Equal("-3..2", new IntervalValue(-3, 2).ToString());
        Assert.Equal("{}", new IntervalValue(5, 4).ToString());
        Assert.Same(SetValue.Empty, new IntervalValue(5, 4).Normalize());
        // TLC's order of sets: by size, then element by element (intervals: by their lower bound).
        var sorted = SetValue.Of(IntervalValue.Of(1, 2), IntervalValue.Of(1, 3), SetValue.Of(IntValue.Of(5)), IntervalValue.Of(0, 3), new IntervalValue(2, 3));
        Assert.Equal("{{5}, 1..2, 2..3, 1..3, 0..3}", sorted.ToString());
        Assert.Equal(-1, IntervalValue.Of(1, 2).CompareTo(SetValue.Of(IntValue.Of(1), IntValue.Of(3))));
        Assert.Equal(1, SetValue.Of(IntValue.Of(1), IntValue.Of(3)).CompareTo(IntervalValue.Of(1, 2)));
        Assert.False(IntervalValue.Of(1, 2).Equals(SetValue.Of(IntValue.Of(1), StringValue.Of("a"))));
    }

    [Fact]
    public void A_function_keeps_its_domains_kind_and_is_equal_whatever_the_kind()
    {
        var overInterval = FcnValue.FromSorted([IntValue.Of(2), IntValue.Of(3)], [IntValue.Of(0), IntValue.Of(0)], intervalDomain: true);
        var overSet = FcnValue.FromSorted([IntValue.Of(2), IntValue.Of(3)], [IntValue.Of(0), IntValue.Of(0)]);
        Assert.Equal("2..3", overInterval.Domain.ToString());
        Assert.Equal("{2, 3}", overSet.Domain.ToString());
        Assert.Equal("2..3", overInterval.With(0, IntValue.Of(1)).Domain.ToString());
        Assert.True(overInterval.Equals(overSet));
        Assert.Equal(overSet.Fingerprint, overInterval.Fingerprint);
        Assert.Equal("1..2", FcnValue.Tuple(new Value[] { IntValue.Of(1), IntValue.Of(1) }).Domain.ToString());
        Assert.Equal("{1, 2}", FcnValue.FromSorted([IntValue.Of(1), IntValue.Of(2)], [IntValue.Of(0), IntValue.Of(0)]).Domain.ToString());
        Assert.Equal("1..2", FcnValue.FunctionOnInterval([IntValue.Of(0), IntValue.Of(0)]).Domain.ToString());
    }

    [Fact]
    public void A_function_over_an_infinite_domain_prints_as_TLC_prints_its_FcnLambdaValue()
    {
        using var t = new TempSpecs();
        var spec = t.Spec("LambdaPrint", """
            ---- MODULE LambdaPrint ----
            EXTENDS Integers, TLC
            ASSUME PrintT([i \in 1..3 |-> i])
            ASSUME PrintT([i \in 2..3 |-> 1..i])
            ASSUME PrintT([i \in Nat |-> i])
            ASSUME PrintT([i, j \in Nat |-> i])
            ASSUME PrintT([<<i, j>> \in Nat \X Nat |-> i])
            ASSUME PrintT(<<[i \in Nat |-> i + 1]>>)
            ASSUME PrintT([[i \in Nat |-> i] EXCEPT ![1] = 2])
            ====
            """, "");
        var run = CliRun.Of("check", spec);
        Assert.Equal(0, run.Exit);
        Assert.Contains("""
            <<1, 2, 3>>
            (2 :> 1..2 @@ 3 :> 1..3)
            [i \in Nat |-> <expression line 5, col 30 to line 5, col 30 of module LambdaPrint>]
            [i \in Nat |-> <expression line 6, col 33 to line 6, col 33 of module LambdaPrint>]
            [<<i, j>> \in (Nat \X Nat) |-> <expression line 7, col 44 to line 7, col 44 of module LambdaPrint>]
            <<[i \in Nat |-> <expression line 8, col 32 to line 8, col 36 of module LambdaPrint>]>>
            [i \in Nat |-> <expression line 9, col 31 to line 9, col 31 of module LambdaPrint>]

            """.Replace("\r\n", "\n"), run.Out.Replace("\r\n", "\n"));
    }

    [Fact]
    public void The_state_codec_keeps_intervals_and_the_kinds_of_domains()
    {
        var state = new Value[]
        {
            new IntervalValue(2, 5),
            FcnValue.FromSorted([IntValue.Of(2), IntValue.Of(3)], [IntValue.Of(0), IntValue.Of(0)], intervalDomain: true),
            FcnValue.FromSorted([IntValue.Of(2), IntValue.Of(3)], [IntValue.Of(0), IntValue.Of(0)]),
            FcnValue.FunctionOnInterval([IntValue.Of(0), IntValue.Of(0)], intervalDomain: false),
            FcnValue.FunctionOnInterval([IntValue.Of(0), IntValue.Of(0)]),
            FcnValue.Tuple(new Value[] { new IntervalValue(1, 2) }),
        };
        var back = Ops.Tla.Checking.StateCodec.Decode(Ops.Tla.Checking.StateCodec.Encode(state), null);
        Assert.Equal("2..5", back[0].ToString());
        Assert.Equal(["2..3", "{2, 3}", "{1, 2}", "1..2", "1..1"], back.Skip(1).Select(v => ((FcnValue)v).Domain.ToString()).ToArray());
        Assert.Equal("<<1..2>>", back[5].ToString());
        for (int i = 0; i < state.Length; i++) Assert.Equal(state[i].Fingerprint, back[i].Fingerprint);
    }
}
