using Ops.Tla.Checking;
using Ops.Tla.Eval.Builtins;
using Ops.Tla.Tests.Checking;
using Xunit;

namespace Ops.Tla.Tests.Semantics;

/// <summary>
/// SANY's check of what is passed for each parameter: an operator where an operator parameter (<c>F(_, _)</c>) is
/// declared, a value everywhere else, for user operators and for the operators Ops implements natively (whose TLA+
/// texts TLC parses before using its Java overrides: <see cref="BuiltinSignatures"/>). Every case is a semantic error
/// (exit 150) in TLC, also in a definition nothing evaluates; Ops answered (exit 0) or failed while evaluating
/// (exit 10). Messages quoted are TLC's (tla2tools cc6b616).
/// </summary>
public class OperatorArgumentTests
{
    private static CheckResult Module(string units, string cfg = "") =>
        InlineSpec.Check("Args", "---- MODULE Args ----\nEXTENDS Naturals, Sequences, TLC, FiniteSetsExt, Functions\n" +
            $"Plus(a, b) == a + b\n{units}\n====\n", cfg);

    [Theory]
    // "LAMBDA expression used where an expression is required." (TLC exit 150; Ops: exit 10 "The first argument of +
    // should be an integer" for the user operator, "The first argument of Pointwise should be a function" for the
    // native one).
    [InlineData("Ap(y, x) == y + x\nASSUME Ap(LAMBDA a : a, 1) = 2", "LAMBDA expression used where an expression is required (argument 1 of Ap)")]
    [InlineData("W == Pointwise(LAMBDA a, b : a + b, <<1>>, <<1>>)", "LAMBDA expression used where an expression is required (argument 1 of Pointwise)")]
    [InlineData("W == Len(LAMBDA a : a)", "LAMBDA expression used where an expression is required (argument 1 of Len)")]
    // "Expected arity 2 but found operator of arity 0." (TLC exit 150; Ops sorted with the function: exit 0).
    [InlineData("lt == [p \\in (1..3) \\X (1..3) |-> p[1] < p[2]]\nASSUME PrintT(SortSeq(<<3, 1, 2>>, lt))", "(argument 2 of SortSeq), but lt takes no arguments")]
    [InlineData("Ap(F(_, _), x) == F(x, x)\nk == 3\nW == Ap(k, 1)", "(argument 1 of Ap), but k takes no arguments")]
    // "Expected arity 1 but found operator of arity 2." (TLC exit 150; Ops: exit 10 when called).
    [InlineData("W == SelectSeq(<<3, 1, 2>>, Plus)", "the operator Plus of 2 argument(s) is passed where an operator of 1 argument(s) is required (argument 2 of SelectSeq)")]
    [InlineData("W == FoldSet(LAMBDA a : a, 0, {1})", "a LAMBDA of 1 parameter(s) is passed where an operator of 2 argument(s) is required (argument 1 of FoldSet)")]
    [InlineData("W == FoldFunction(3, 0, <<1>>)", "expected an operator of 2 argument(s) here (argument 1 of FoldFunction): pass an operator name or a LAMBDA")]
    // "The operator Plus requires 2 arguments." (TLC exit 150; Ops printed "Plus": exit 0).
    [InlineData("Ap(y, x) == y\nASSUME PrintT(Ap(Plus, 1))", "The operator Plus requires 2 argument(s)")]
    [InlineData("W == Len = 3", "The operator Len requires 1 argument(s)")]
    [InlineData("U(Op(_)) == Op = 3", "The operator Op requires 1 argument(s)")]
    [InlineData("W == LET L(a) == a IN {L}", "The operator L requires 1 argument(s)")]
    public void An_argument_of_the_wrong_kind_is_a_semantic_error(string units, string message)
    {
        var r = Module(units);
        Assert.Equal(150, r.ExitCode);
        Assert.Contains(message, r.Violation.Message);
    }

    [Fact]
    public void Operators_pass_where_operator_parameters_are_declared()
    {
        // TLC prints these lines and passes (exit 0): operator parameters forwarded, LAMBDAs and operator names given
        // to native operators, a LET operator, a constant operator substituted by the configuration, an instance's
        // operator parameter substituted by WITH.
        var r = InlineSpec.Check("Pass",
            "---- MODULE Pass ----\nEXTENDS Naturals, Sequences, TLC, FiniteSetsExt, Functions\nCONSTANT Op(_, _)\n" +
            "Plus(a, b) == a + b\nAp(F(_, _), x) == F(x, x)\nAp2(G(_, _), x) == Ap(G, x)\nMySort(s, O(_, _)) == SortSeq(s, O)\n" +
            "M == INSTANCE Inner WITH K <- Plus\n" +
            "ASSUME PrintT(Ap2(Plus, 3))\nASSUME PrintT(MySort(<<3, 1, 2>>, LAMBDA a, b : a < b))\n" +
            "ASSUME PrintT(FoldSet(LAMBDA a, b : a + b, 0, {1, 2, 3}))\nASSUME PrintT(FoldSet(Plus, 0, {1, 2, 3}))\n" +
            "ASSUME PrintT(Pointwise([i \\in 1..2 |-> i], [i \\in 1..2 |-> i], Plus))\n" +
            "ASSUME PrintT(LET L(a, b) == a * b IN FoldSet(L, 1, {2, 3}))\nASSUME PrintT(SelectSeq(<<1, 2, 3>>, LAMBDA e : e > 1))\n" +
            "ASSUME PrintT(Ap(Op, 4))\nASSUME PrintT(M!Twice(2))\n====\n",
            "CONSTANT Op <- Plus\n",
            ("Inner.tla", "---- MODULE Inner ----\nEXTENDS Naturals\nCONSTANT K(_, _)\nAp(F(_, _), x) == F(x, x)\nTwice(x) == Ap(K, x)\n====\n"));
        Assert.Equal(0, r.ExitCode);
        Assert.Equal(new[] { "6", "<<1, 2, 3>>", "6", "6", "<<2, 4>>", "6", "<<2, 3>>", "8", "4" }, r.Output);
    }

    [Fact]
    public void Every_signature_names_a_native_operator_of_that_arity()
    {
        // The table is written from the modules' TLA+ texts; an entry that no longer matches a registered operator
        // (renamed, moved, arity changed) would silently stop checking its calls.
        foreach (var (module, op, arities) in BuiltinSignatures.Entries)
        {
            var m = StandardLibrary.Find(module);
            Assert.True(m != null, $"{module} is not a native module");
            Assert.True(m.Operators.TryGetValue(op, out var b), $"{module}!{op} is not a native operator");
            Assert.Equal(arities.Length, b.Arity);
            Assert.Same(arities, b.ParamArities);
        }
    }
}
