using Ops.Tla.Checking;
using Ops.Tla.Output;
using Ops.Tla.Values;
using Xunit;

namespace Ops.Tla.Tests.Checking;

/// <summary>
/// TLC's integers are Java ints (-2147483648..2147483647): a spec that counts past them stops with TLC's overflow error,
/// a numeral beyond them is refused. Each expected message, exit code, trace and figure is what TLC (tla2tools cc6b616,
/// -workers 1) printed for the same spec.
/// </summary>
public class IntegerRangeTests
{
    private static CheckResult Run(string name, string ext, string init, string next, string cfg = "INIT Init\nNEXT Next\n", int workers = 1) =>
        InlineSpec.Check(name, $"---- MODULE {name} ----\nEXTENDS {ext}\nVARIABLE x\nInit == {init}\nNext == {next}\n====\n", cfg, workers);

    private static long[] Xs(CheckResult r) => r.Trace.Select(t => ((IntValue)t.Values[0]).V).ToArray();

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Counting_past_2147483647_is_TLCs_overflow_error_while_computing_successors(int workers)
    {
        // TLC: "Overflow when computing 2147483646+3", the trace 2147483640, 2147483643, 2147483646; 3 generated,
        // 3 distinct; exit 255 (an EvalException while computing successors). Ops used to run on forever.
        var r = Run("Plus", "Naturals", "x = 2147483640", "x' = x + 3", workers: workers);
        Assert.Equal(255, r.ExitCode);
        // TLC's message alone (-workers 1: the place is in the nested expressions list that follows).
        Assert.EndsWith("Overflow when computing 2147483646+3", r.Violation.Message);
        Assert.Equal(new long[] { 2147483640, 2147483643, 2147483646 }, Xs(r));
        Assert.Equal(3, r.StatesGenerated);
        Assert.Equal(3, r.DistinctStates);
    }

    [Theory]
    [InlineData("Minus", "Integers", "x = -2147483640", "x' = x - 3", "Overflow when computing -2147483646-3", 3)]
    [InlineData("Times", "Naturals", "x = 3", "x' = x * 65536", "Overflow when computing 196608*65536", 2)]
    [InlineData("Expt", "Naturals", "x = 29", "x' = x + 1 /\\ 2^x' > 0", "Overflow when computing 2^31", 2)]
    [InlineData("ExptNeg", "Integers", "x = 29", "x' = x + 1 /\\ (-2)^x' # 0", "Overflow when computing -2^32", 3)]
    [InlineData("Neg", "Integers", "x = -2147483647", "x' = -(x - 1)", "Overflow when computing --2147483648", 1)]
    [InlineData("DivI", "Integers", "x = -2147483647 - 1", "x' = x \\div (-1)", "Overflow when computing -2147483648 \\div -1", 1)]
    public void Each_operator_overflows_where_TLCs_does(string name, string ext, string init, string next, string message, int states)
    {
        var r = Run(name, ext, init, next);
        Assert.Equal(255, r.ExitCode);
        Assert.EndsWith(message, r.Violation.Message);
        Assert.NotNull(r.Violation.NestedExpressions);
        Assert.Equal(states, r.Trace.Count);
        Assert.Equal(states, r.StatesGenerated);
    }

    [Fact]
    public void Naturals_div_wraps_the_quotient_of_min_by_minus_one_as_TLCs_does()
    {
        // TLC's Naturals.Divide computes on Java ints: (0 - 2147483647 - 1) \div (0 - 1) is -2147483648 again, so x' = x:
        // no error, 2 generated, 1 distinct. With Integers (DivI above) it is the overflow error.
        var r = Run("DivN", "Naturals", "x = 0 - 2147483647 - 1", "x' = x \\div (0 - 1)");
        Assert.Equal(0, r.ExitCode);
        Assert.Equal(2, r.StatesGenerated);
        Assert.Equal(1, r.DistinctStates);
    }

    [Fact]
    public void Integers_geq_names_itself_in_its_errors()
    {
        // Integers' Java override of \geq replaces Naturals' (which says ">"): TLC says ">=".
        var r = InlineSpec.Check("Geq", "---- MODULE Geq ----\nEXTENDS Integers\nASSUME \"a\" >= 1\n====\n", "");
        Assert.Equal(10, r.ExitCode);
        Assert.Contains("The first argument of >= should be an integer, but instead it is:\n\"a\"", r.Violation.Message);
    }

    [Fact]
    public void The_extremes_are_TLCs_integers()
    {
        // TLC: no error; % of -2147483648 is computed on ints (ModI: 1 and 2147483646), deadlock after 2 states.
        var r = Run("ModI", "Integers", "x = -2147483647 - 1 /\\ 2147483647 + 0 = 2147483647",
            "x' = x % 3 /\\ x % 2147483647 = 2147483646");
        Assert.Equal(11, r.ExitCode);
        Assert.Equal(new long[] { int.MinValue, 1 }, Xs(r));
    }

    [Fact]
    public void Overflow_in_an_assumption_or_an_invariant_has_their_exit_codes()
    {
        var a = InlineSpec.Check("AssumeOv", "---- MODULE AssumeOv ----\nEXTENDS Naturals\nASSUME 2147483647 + 1 > 0\n====\n", "");
        Assert.Equal(10, a.ExitCode);
        Assert.Contains("Overflow when computing 2147483647+1", a.Violation.Message);
        var i = InlineSpec.Check("InvOv", "---- MODULE InvOv ----\nEXTENDS Naturals\nVARIABLE x\nInit == x = 2147483646\n"
            + "Next == x < 2147483647 /\\ x' = x + 1\nInv == x + 1 > 0\n====\n", "INIT Init\nNEXT Next\nINVARIANT Inv\n");
        // TLC: "Evaluating invariant Inv failed." with the overflow, trace 2147483646, 2147483647, exit 76.
        Assert.Equal(76, i.ExitCode);
        Assert.Contains("Overflow when computing 2147483647+1", i.Violation.Message);
        Assert.Equal(new long[] { 2147483646, 2147483647 }, Xs(i));
    }

    [Theory]
    [InlineData("Init == x = 3000000000\nNext == x' = x", "3000000000")]
    [InlineData("Init == x = 0\nNext == x' = 2147483648", "2147483648")]
    [InlineData("Unused == 3000000000\nInit == x = 0\nNext == x' = x", "3000000000")]
    [InlineData("THEOREM 3000000000 > 0\nInit == x = 0\nNext == x' = x", "3000000000")]
    public void A_numeral_beyond_TLCs_integers_is_refused_before_the_search_used_or_not(string defs, string number)
    {
        // TLC: "TLC can't handle a number this big." and the numeral, exit 255, no figures.
        var r = InlineSpec.Check("Big", $"---- MODULE Big ----\nEXTENDS Naturals\nVARIABLE x\n{defs}\n====\n", "INIT Init\nNEXT Next\n");
        Assert.Equal(255, r.ExitCode);
        Assert.StartsWith($"TLC can't handle a number this big.\n{number}\n", r.Violation.Message);
        var text = TlcText.Format(r).Replace("\r\n", "\n");
        Assert.DoesNotContain("states generated", text);
    }

    [Fact]
    public void A_numeral_too_big_in_an_extended_module_is_refused_and_SANYs_errors_come_first()
    {
        var r = InlineSpec.Check("BigExt", "---- MODULE BigExt ----\nEXTENDS Naturals, BigLib\nVARIABLE x\nInit == x = 0\nNext == x' = x\n====\n",
            "INIT Init\nNEXT Next\n", ("BigLib.tla", "---- MODULE BigLib ----\nLibUnused == 9999999999\n====\n"));
        Assert.Equal(255, r.ExitCode);
        Assert.StartsWith("TLC can't handle a number this big.\n9999999999\n", r.Violation.Message);
        // TLC: an unknown operator elsewhere is SANY's error first (exit 150).
        var p = InlineSpec.Check("BigParse", "---- MODULE BigParse ----\nEXTENDS Naturals\nVARIABLE x\nInit == x = 3000000000\nNext == x' = y\n====\n",
            "INIT Init\nNEXT Next\n");
        Assert.Equal(150, p.ExitCode);
    }

    [Theory]
    [InlineData("\\h80000000")]
    [InlineData("\\hFFFFFFFF")]
    [InlineData("\\o77777777777")]
    public void A_based_numeral_beyond_TLCs_integers_is_a_parse_error(string numeral)
    {
        // SANY reads \h, \o and \b numerals as Java ints: a larger one fails the parse (exit 150); \h7FFFFFFF is fine.
        var r = Run("BigHex", "Naturals", $"x = {numeral}", "x' = x");
        Assert.Equal(150, r.ExitCode);
        Assert.Equal(0, Run("Hex7", "Naturals", "x = \\h7FFFFFFF /\\ \\b1111 = 15", "x' = x").ExitCode);
    }

    [Fact]
    public void A_number_beyond_TLCs_integers_in_the_configuration_stops_TLC()
    {
        // TLC: a NumberFormatException for "3000000000", "TLC threw an unexpected exception", exit 255.
        var r = InlineSpec.Check("BigCfg", "---- MODULE BigCfg ----\nEXTENDS Naturals\nCONSTANT N\nVARIABLE x\nInit == x = N\nNext == x' = x\n====\n",
            "CONSTANT N = 3000000000\nINIT Init\nNEXT Next\n");
        Assert.Equal(255, r.ExitCode);
        Assert.Contains("3000000000", r.Violation.Message);
        var ok = InlineSpec.Check("MaxCfg", "---- MODULE MaxCfg ----\nEXTENDS Naturals\nCONSTANT N\nVARIABLE x\nInit == x = N\nNext == x' = x\n====\n",
            "CONSTANT N = 2147483647\nINIT Init\nNEXT Next\n");
        Assert.Equal(0, ok.ExitCode);
    }

    [Theory]
    [InlineData("0..2147483647", "Size of interval value exceeds the maximum representable size (32bits): 0..2147483647.")]
    [InlineData("[0..2 -> 1..2000]", "Overflow when computing the number of elements in:\n[0..2 -> 1..2000]")]
    [InlineData("(1..2000) \\X (1..2000) \\X (1..2000)", "Overflow when computing the number of elements in (1..2000 \\X 1..2000 \\X 1..2000)")]
    public void The_cardinality_of_more_than_2147483647_elements_is_a_general_error_also_in_successors(string set, string message)
    {
        // TLC: Cardinality's Java override fails ("Attempted to apply the operator overridden by the Java method ...
        // but it produced the following error:" and the set's own message): a general failure, exit 75 even while
        // computing successors; the trace is the state being expanded.
        var r = Run("Card", "Naturals, FiniteSets", "x = 0", $"x' = Cardinality({set})");
        Assert.Equal(75, r.ExitCode);
        Assert.EndsWith(message, r.Violation.Message);
        Assert.NotNull(r.Violation.NestedExpressions);
        Assert.Equal(new long[] { 0 }, Xs(r));
        Assert.Equal(1, r.StatesGenerated);
        var ok = Run("CardMax", "Naturals, FiniteSets", "x = Cardinality(1..2147483647)", "x' = x");
        Assert.Equal(0, ok.ExitCode);
        Assert.Equal(1, ok.DistinctStates);
    }

    [Fact]
    public void Bag_counts_wrap_as_TLCs_Bags_adds_them_on_ints()
    {
        // TLC (tlc2.module.Bags, int additions): (1 :> 2147483647) (+) (1 :> 1) is <<-2147483648>>, and
        // BagCardinality((1 :> 2147483647) @@ (2 :> 2)) is -2147483647; no error.
        var r = InlineSpec.Check("BagW", "---- MODULE BagW ----\nEXTENDS Bags, Integers, TLC\n"
            + "ASSUME (1 :> 2147483647) (+) (1 :> 1) = <<-2147483647 - 1>>\n"
            + "ASSUME BagCardinality((1 :> 2147483647) @@ (2 :> 2)) = -2147483647\n====\n", "");
        Assert.Equal(0, r.ExitCode);
    }
}
