using Ops.Tla.Values;
using Xunit;
using static Ops.Tla.Tests.Builtins.V;

namespace Ops.Tla.Tests.Builtins;

public class FiniteSetsTests : BuiltinTestBase
{
    [Fact]
    public void Cardinality()
    {
        Assert.Equal(I(3), Call("FiniteSets", "Cardinality", Set(1, 2, 3)));
        Assert.Equal(I(0), Call("FiniteSets", "Cardinality", Set()));
        Assert.Equal(I(1000000), Call("FiniteSets", "Cardinality", new IntervalValue(1, 1000000)));
        Assert.Equal(I(0), Call("FiniteSets", "Cardinality", new IntervalValue(5, 1)));
        Assert.Equal(I(8), Call("FiniteSets", "Cardinality", new SubsetValue(Set(1, 2, 3))));
        Assert.Equal(I(9), Call("FiniteSets", "Cardinality", new FunctionSetValue(Set(1, 2), Set(1, 2, 3))));
        Assert.Equal("Attempted to compute cardinality of the value\nNat", Error("FiniteSets", "Cardinality", InfiniteSetValue.Nat));
        Assert.Equal("Attempted to compute cardinality of the value\n<<1>>", Error("FiniteSets", "Cardinality", Tup(1)));
    }

    [Fact]
    public void IsFiniteSet()
    {
        Assert.Equal(B(true), Call("FiniteSets", "IsFiniteSet", Set(1)));
        Assert.Equal(B(true), Call("FiniteSets", "IsFiniteSet", new IntervalValue(1, 10)));
        Assert.Equal(B(false), Call("FiniteSets", "IsFiniteSet", InfiniteSetValue.Int));
        Assert.Equal(B(false), Call("FiniteSets", "IsFiniteSet", new SubsetValue(InfiniteSetValue.Nat)));
        Assert.Contains("is a finite set", Error("FiniteSets", "IsFiniteSet", I(1)));
    }
}

public class BagsTests : BuiltinTestBase
{
    private static Value Bag(params (string, long)[] kv) => Fcn(kv.Select(p => ((Value)S(p.Item1), (Value)I(p.Item2))).ToArray());

    [Fact]
    public void Basics()
    {
        var b = Bag(("a", 2), ("b", 1));
        Assert.Equal(B(true), Call("Bags", "IsABag", b));
        Assert.Equal(B(false), Call("Bags", "IsABag", Bag(("a", 0))));
        Assert.Equal(B(false), Call("Bags", "IsABag", I(3)));
        Assert.Equal(B(true), Call("Bags", "IsABag", Call("Bags", "EmptyBag")));
        Assert.Equal("{\"a\", \"b\"}", Str("Bags", "BagToSet", b));
        Assert.Equal("[a |-> 1, b |-> 1]", Str("Bags", "SetToBag", Set(S("b"), S("a"))));
        Assert.Equal("<<1, 1>>", Str("Bags", "SetToBag", Set(1, 2)));
        Assert.Equal(B(true), Call("Bags", "BagIn", S("a"), b));
        Assert.Equal(B(false), Call("Bags", "BagIn", S("z"), b));
        Assert.Equal(I(2), Call("Bags", "CopiesIn", S("a"), b));
        Assert.Equal(I(0), Call("Bags", "CopiesIn", S("z"), b));
        Assert.Equal(I(3), Call("Bags", "BagCardinality", b));
        Assert.Equal(I(0), Call("Bags", "BagCardinality", Call("Bags", "EmptyBag")));
    }

    [Fact]
    public void PlusAndMinus()
    {
        var b1 = Bag(("a", 2), ("b", 1));
        var b2 = Bag(("b", 3), ("c", 1));
        Assert.Equal("[a |-> 2, b |-> 4, c |-> 1]", Str("Bags", "(+)", b1, b2));
        Assert.Equal("[a |-> 2]", Str("Bags", "(-)", b1, b2));
        Assert.Equal("[b |-> 2, c |-> 1]", Str("Bags", "(-)", b2, b1));
        Assert.Equal(Call("Bags", "(+)", b1, b2), Call("Bags", "\\oplus", b1, b2));
        Assert.Equal(Call("Bags", "(-)", b1, b2), Call("Bags", "\\ominus", b1, b2));
        Assert.Equal("The first argument of (+) should be a bag, but instead it is:\n[a |-> 0]",
            Error("Bags", "(+)", Bag(("a", 0)), b1));
        Assert.Equal("The second argument of (+) should be a bag, but instead it is:\n{}",
            Error("Bags", "(+)", b1, Set()));
    }

    [Fact]
    public void UnionSubBagAndOrder()
    {
        var b1 = Bag(("a", 2), ("b", 1));
        var b2 = Bag(("b", 3), ("c", 1));
        Assert.Equal("[a |-> 2, b |-> 4, c |-> 1]", Str("Bags", "BagUnion", Set(b1, b2)));
        Assert.Equal(b1, Call("Bags", "BagUnion", Set(b1, b1)));
        Assert.Equal("<<>>", Str("Bags", "BagUnion", Set()));
        Assert.Equal(B(true), Call("Bags", "\\sqsubseteq", Bag(("b", 1)), b1));
        Assert.Equal(B(false), Call("Bags", "\\sqsubseteq", Bag(("b", 2)), b1));
        Assert.Equal(B(false), Call("Bags", "\\sqsubseteq", Bag(("z", 1)), b1));
        Assert.Equal(B(true), Call("Bags", "\\sqsubseteq", Call("Bags", "EmptyBag"), b1));
        var subs = (SetBase)Call("Bags", "SubBag", b1);
        Assert.Equal(6, subs.Count);
        Assert.True(subs.Contains(Call("Bags", "EmptyBag")));
        Assert.True(subs.Contains(Bag(("a", 1), ("b", 1))));
        Assert.True(subs.Contains(b1));
        Assert.False(subs.Contains(Bag(("a", 3))));
    }

    [Fact]
    public void BagOfAll()
    {
        var b = Fcn((I(1), I(2)), (I(2), I(1)), (I(3), I(4)));
        var parity = Op("Parity", 1, a => I(((IntValue)a[0]).V % 2));
        // 1 and 3 map to 1 (2 + 4 copies), 2 maps to 0 (1 copy).
        Assert.Equal("(0 :> 1 @@ 1 :> 6)", Str("Bags", "BagOfAll", parity, b));
        Assert.Equal("The first argument of BagOfAll should be an operator, but instead it is:\n1", Error("Bags", "BagOfAll", I(1), b));
    }
}
