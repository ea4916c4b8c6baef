using Ops.Tla.Eval.Builtins;
using Ops.Tla.Values;
using Xunit;
using static Ops.Tla.Tests.Builtins.V;

namespace Ops.Tla.Tests.Builtins;

public class TlcTests : BuiltinTestBase
{
    [Fact]
    public void PrintWritesBothValuesSeparatedByTwoSpacesAndReturnsTheSecond()
    {
        var r = Call("TLC", "Print", S("x is"), Set(2, 1));
        Assert.Equal(Set(1, 2), r);
        Assert.Equal(new[] { "\"x is\"  {1, 2}" }, Host.Printed);
    }

    [Fact]
    public void PrintTWritesTheValueAndReturnsTrue()
    {
        Assert.Equal(B(true), Call("TLC", "PrintT", Rec(("b", I(2)), ("a", Tup(1, 2)))));
        Assert.Equal(B(true), Call("TLC", "PrintT", S("hi")));
        Assert.Equal(new[] { "[a |-> <<1, 2>>, b |-> 2]", "\"hi\"" }, Host.Printed);
    }

    [Fact]
    public void Assert_()
    {
        Assert.Equal(B(true), Call("TLC", "Assert", B(true), S("never")));
        var ex = Assert.Throws<TlcAssertException>(() => Call("TLC", "Assert", B(false), S("x must be positive")));
        Assert.Equal("The first argument of Assert evaluated to FALSE; the second argument was:\n\"x must be positive\"", ex.Message);
        // A non-boolean first argument fails the assertion, as in TLC.
        Assert.Throws<TlcAssertException>(() => Call("TLC", "Assert", I(1), Tup(1)));
    }

    [Fact]
    public void MakeAndCombineFunctions()
    {
        var f = Call("TLC", ":>", S("c1"), I(1));
        Assert.Equal("[c1 |-> 1]", f.ToString());
        var mv = Host.ModelValues;
        var c1 = mv.Get("c1");
        var c2 = mv.Get("c2");
        var g = Call("TLC", "@@", Call("TLC", ":>", c1, I(1)), Call("TLC", ":>", c2, I(2)));
        Assert.Equal("(c1 :> 1 @@ c2 :> 2)", g.ToString());
        // The left function wins where both are defined.
        var h = Call("TLC", "@@", Call("TLC", ":>", c2, I(9)), g);
        Assert.Equal("(c1 :> 1 @@ c2 :> 9)", h.ToString());
        // 1 :> a @@ 2 :> b is the tuple <<a, b>>.
        var t = Call("TLC", "@@", Call("TLC", ":>", I(2), S("b")), Call("TLC", ":>", I(1), S("a")));
        Assert.Equal("<<\"a\", \"b\">>", t.ToString());
        Assert.Equal(Tup(S("a"), S("b")), t);
        Assert.Equal("<<1, 2, 3>>", Str("TLC", "@@", Tup(1, 2), Tup(7, 8, 3)));
        Assert.Equal("The first argument of @@ should be a function, but instead it is:\n1", Error("TLC", "@@", I(1), Tup()));
        Assert.Equal("The second argument of @@ should be a function, but instead it is:\n{}", Error("TLC", "@@", Tup(), Set()));
    }

    [Fact]
    public void Permutations()
    {
        var p = (SetBase)Call("TLC", "Permutations", Set(1, 2, 3));
        Assert.Equal(6, p.Count);
        Assert.Equal("{<<1, 2, 3>>, <<1, 3, 2>>, <<2, 1, 3>>, <<2, 3, 1>>, <<3, 1, 2>>, <<3, 2, 1>>}", p.ToString());
        Assert.Equal("{<<>>}", Str("TLC", "Permutations", Set()));
        var q = (SetBase)Call("TLC", "Permutations", Set(S("a"), S("b")));
        Assert.Equal("{[a |-> \"a\", b |-> \"b\"], [a |-> \"b\", b |-> \"a\"]}", q.ToString());
        Assert.Equal("Applying Permutations to the following value,\nwhich is not a finite set:\nNat", Error("TLC", "Permutations", InfiniteSetValue.Nat));
    }

    [Fact]
    public void SortSeqIsStableInsertionSort()
    {
        var lt = Op("LT", 2, a => B(((IntValue)a[0]).V < ((IntValue)a[1]).V));
        Assert.Equal("<<1, 2, 3, 5, 8>>", Str("TLC", "SortSeq", Tup(5, 3, 8, 1, 2), lt));
        Assert.Equal("<<>>", Str("TLC", "SortSeq", Tup(), lt));
        // Sort pairs by their first component only: equal keys keep their order.
        var byKey = Op("ByKey", 2, a => B(((IntValue)((FcnValue)a[0]).Vals[0]).V < ((IntValue)((FcnValue)a[1]).Vals[0]).V));
        var s = Tup(Tup(2, 1), Tup(1, 1), Tup(2, 2), Tup(1, 2), Tup(2, 3));
        Assert.Equal("<<<<1, 1>>, <<1, 2>>, <<2, 1>>, <<2, 2>>, <<2, 3>>>>", Str("TLC", "SortSeq", s, byKey));
        // With \leq equal elements are reversed, as in TLC.
        var le = Op("LE", 2, a => B(((IntValue)((FcnValue)a[0]).Vals[0]).V <= ((IntValue)((FcnValue)a[1]).Vals[0]).V));
        Assert.Equal("<<<<1, 2>>, <<1, 1>>, <<2, 3>>, <<2, 2>>, <<2, 1>>>>", Str("TLC", "SortSeq", s, le));
        Assert.Equal("The first argument of SortSeq should be a natural number, but instead it is:\n{}", Error("TLC", "SortSeq", Set(), lt));
        var bad = Op("Bad", 2, a => I(0));
        Assert.Equal("The second argument of SortSeq should be a boolean function, but instead it is:\n0", Error("TLC", "SortSeq", Tup(1, 2), bad));
    }

    [Fact]
    public void RandomElement()
    {
        for (int i = 0; i < 20; i++)
        {
            var e = Call("TLC", "RandomElement", Set(1, 2, 3));
            Assert.True(Set(1, 2, 3).Contains(e));
            var iv = Call("TLC", "RandomElement", new IntervalValue(10, 12));
            Assert.True(new IntervalValue(10, 12).Contains(iv));
            var fs = new FunctionSetValue(Set(1, 2), Set(S("a"), S("b")));
            Assert.True(fs.Contains(Call("TLC", "RandomElement", fs)));
            var rs = new RecordSetValue(new[] { S("x"), S("y") }, new SetBase[] { Set(1), new IntervalValue(1, 3) });
            Assert.True(rs.Contains(Call("TLC", "RandomElement", rs)));
            var cs = new CartesianValue(new SetBase[] { Set(1, 2), Set(S("q")) });
            Assert.True(cs.Contains(Call("TLC", "RandomElement", cs)));
        }
        Assert.Equal("Applying RandomElement to the following value,\nwhich is not a finite set:\nInt", Error("TLC", "RandomElement", InfiniteSetValue.Int));
        Assert.Contains("empty set", Error("TLC", "RandomElement", Set()));
    }

    [Fact]
    public void AnyToStringTlcEvalJavaTime()
    {
        var any = (SetBase)Call("TLC", "Any");
        Assert.True(any.Contains(I(3)));
        Assert.True(any.Contains(Set(S("x"))));
        Assert.Equal("ANY", any.ToString()); // TLC prints its AnySet as ANY
        Assert.Equal(S("<<1, \"a\">>"), Call("TLC", "ToString", Tup(I(1), S("a"))));
        Assert.Equal(S("\"a\""), Call("TLC", "ToString", S("a")));
        Assert.Equal(S("TRUE"), Call("TLC", "ToString", B(true)));
        var ev = Call("TLC", "TLCEval", new IntervalValue(1, 3));
        Assert.IsType<SetValue>(ev);
        Assert.Equal(Set(1, 2, 3), ev);
        Assert.Same(InfiniteSetValue.Nat, Call("TLC", "TLCEval", InfiniteSetValue.Nat));
        Assert.Equal(I(5), Call("TLC", "TLCEval", I(5)));
        var t = (IntValue)Call("TLC", "JavaTime");
        Assert.InRange(t.V, 1_600_000_000, int.MaxValue);
    }

    private static string TlcGetUndefined(string key) =>
        "Attempted to apply the operator overridden by the Java method\npublic static tlc2.value.impl.Value tlc2.module.TLCGetSet.TLCGetEval(" +
        "tlc2.tool.impl.Tool,tla2sany.semantic.ExprOrOpArgNode[],tlc2.util.Context,tlc2.tool.TLCState,tlc2.tool.TLCState,int,tlc2.tool.coverage.CostModel),\n" +
        $"but it produced the following error:\nTLCGet({key}) was undefined.";

    [Fact]
    public void TlcGetAndSet()
    {
        Assert.Equal(B(true), Call("TLC", "TLCSet", I(3), S("v")));
        Assert.Equal(S("v"), Call("TLC", "TLCGet", I(3)));
        Assert.Equal(I(7), Call("TLC", "TLCGet", S("level")));
        // TLC (-workers 1 and 2): the failure inside TLCGetSet.TLCGetEval, in its words for an override.
        Assert.Equal(TlcGetUndefined("4"), Error("TLC", "TLCGet", I(4)));
        Assert.Equal(TlcGetUndefined("distinct"), Error("TLC", "TLCGet", S("distinct")));
        Assert.Equal("The argument of TLCGet should be a nonnegative integer, but instead it is:\n-1", Error("TLC", "TLCGet", I(-1)));
        Assert.Equal("The first argument of TLCSet should be a nonnegative integer, but instead it is:\n\"level\"", Error("TLC", "TLCSet", S("level"), I(1)));
        Assert.Equal(B(true), Call("TLC", "TLCSet", S("exit"), B(true)));
        Assert.Equal(B(true), Host.Registers[S("exit")]);
    }

    [Fact]
    public void TlcDoesNotReExportItsLocalInstances()
    {
        Assert.Empty(StandardLibrary.Find("TLC").Extends);
    }
}

public class TlcExtTests : BuiltinTestBase
{
    [Fact]
    public void AssertEq()
    {
        Assert.Equal(B(true), Call("TLCExt", "AssertEq", Set(1, 2), Set(2, 1)));
        Assert.Empty(Host.Printed);
        Assert.Equal(B(false), Call("TLCExt", "AssertEq", Tup(1), Tup(2)));
        Assert.Equal(new[] { "\"Assertion failed\"", "<<1>>", "<<2>>" }, Host.Printed);
        // Values of different kinds: TLC's equality fails (exit 10), as for =.
        var ex = Assert.Throws<ValueException>(() => Call("TLCExt", "AssertEq", Tup(1), I(1)));
        Assert.StartsWith("Attempted to check equality of the function <<1>> with the value:", ex.Message);
    }

    [Fact]
    public void ModelValuesRegistersAndNoOps()
    {
        var mv = Assert.IsType<ModelValue>(Call("TLCExt", "TLCModelValue", S("T_a")));
        Assert.Equal("T_a", mv.ToString());
        Assert.Same(mv, Call("TLCExt", "TLCModelValue", S("T_a")));
        Assert.Equal("The argument of ModelValue should be a string, but instead it is:\n1", Error("TLCExt", "TLCModelValue", I(1)));
        Assert.Equal(I(4), Call("TLCExt", "TLCNoOp", I(4)));
        // TLCCache needs its expression unevaluated: Checking/ConfigConstantsTests covers it.

        Assert.Equal(I(0), Call("TLCExt", "TLCGetOrDefault", I(1), I(0)));
        var plus = Op("+", 2, a => I(((IntValue)a[0]).V + ((IntValue)a[1]).V));
        Assert.Equal(I(0), Call("TLCExt", "TLCGetAndSet", I(1), plus, I(5), I(0)));
        Assert.Equal(I(5), Call("TLCExt", "TLCGetAndSet", I(1), plus, I(5), I(0)));
        Assert.Equal(I(10), Call("TLCExt", "TLCGetOrDefault", I(1), I(0)));
        Assert.IsType<IntValue>(Call("TLCExt", "TLCFP", Set(1)));
    }
}

public class RandomizationTests : BuiltinTestBase
{
    [Fact]
    public void RandomSubset()
    {
        var s = new IntervalValue(1, 10);
        for (int k = 0; k <= 10; k++)
        {
            var r = (SetBase)Call("Randomization", "RandomSubset", I(k), s);
            Assert.Equal(k, r.Count);
            Assert.True(r.IsSubsetOf(s));
        }
        Assert.StartsWith("The first argument of RandomSubset", Error("Randomization", "RandomSubset", I(11), s));
        Assert.StartsWith("The second argument of RandomSubset", Error("Randomization", "RandomSubset", I(1), InfiniteSetValue.Nat));
    }

    [Fact]
    public void RandomSetsOfSubsets()
    {
        var s = new IntervalValue(1, 6);
        var r = (SetBase)Call("Randomization", "RandomSetOfSubsets", I(5), I(3), s);
        Assert.InRange(r.Count, 1, 5);
        foreach (var e in r.Elements) Assert.True(((SetBase)e).IsSubsetOf(s));
        var all = (SetBase)Call("Randomization", "RandomSubsetSet", I(3), S("1.0"), s);
        Assert.Equal(Set(Set(1, 2, 3, 4, 5, 6)), all);
        var none = (SetBase)Call("Randomization", "RandomSubsetSet", I(3), S("0"), s);
        Assert.Equal(Set(Set()), none);
        Assert.Equal("{}", Str("Randomization", "RandomSetOfSubsets", I(0), I(3), s));
        Assert.StartsWith("The second argument of RandomSetOfSubsets", Error("Randomization", "RandomSetOfSubsets", I(1), I(7), s));
        Assert.StartsWith("The first argument of RandomSetOfSubsets", Error("Randomization", "RandomSetOfSubsets", I(65), I(1), s));
        Assert.StartsWith("The second argument of RandomSubsetSetProbability", Error("Randomization", "RandomSubsetSet", I(1), S("x"), s));
        var test = (FcnValue)Call("Randomization", "TestRandomSetOfSubsets", I(4), I(2), s);
        Assert.Equal(5, test.Size);
    }
}
