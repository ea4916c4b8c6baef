using Ops.Tla.Values;
using Xunit;
using static Ops.Tla.Tests.Builtins.V;

namespace Ops.Tla.Tests.Builtins;

public class ProofModulesTests : BuiltinTestBase
{
    private static readonly OperatorValue Less = Op("<", 2, a => B(((IntValue)a[0]).V < ((IntValue)a[1]).V));

    [Fact]
    public void TLAPS_pragmas_are_TRUE()
    {
        Assert.Equal(B(true), Call("TLAPS", "Zenon"));
        Assert.Equal(B(true), Call("TLAPS", "SMT"));
        Assert.Equal(B(true), Call("TLAPS", "PTL"));
        Assert.Equal(B(true), Call("TLAPS", "SMTT", I(10)));
        Assert.Equal(B(true), Call("TLAPS", "IsaM", S("blast")));
        Assert.Equal(B(true), Call("TLAPS", "IsaMT", S("auto"), I(30)));
        Assert.Equal(B(false), Call("TLAPS", "EnabledWrapper", Op("A", 1, a => a[0])));
    }

    [Theory]
    [InlineData("NaturalsInduction", "Nat")]
    [InlineData("NaturalsInduction", "-.")]
    [InlineData("WellFoundedInduction", "Int")]
    [InlineData("WellFoundedInduction", "FiniteNatInductiveDefConclusion")]
    [InlineData("FiniteSetTheorems", "Cardinality")]
    [InlineData("FiniteSetTheorems", "Range")]
    [InlineData("FiniteSetTheorems", "ExistsBijection")]
    [InlineData("FiniteSetTheorems", "IsWellFoundedOn")]
    [InlineData("FiniteSetTheorems", "Nat")]
    [InlineData("SequenceTheorems", "Len")]
    [InlineData("SequenceTheorems", "IsInjective")]
    [InlineData("SequencesExtTheorems", "SetToSeq")]
    [InlineData("SequencesExtTheorems", "SetLessThan")]
    [InlineData("FunctionTheorems", "Injection")]
    [InlineData("FunctionTheorems", "IsFiniteSet")]
    public void Theorem_modules_make_their_extended_modules_visible(string module, string op) =>
        Assert.NotNull(Resolve(module, op));

    [Fact]
    public void NaturalsInduction_definitions()
    {
        var factorial = Op("Def", 2, a => I(((IntValue)a[0]).V * ((IntValue)a[1]).V));
        Assert.Equal(B(true), Call("NaturalsInduction", "FiniteNatInductiveDefConclusion", Tup(1, 2, 6), I(1), factorial, I(1), I(3)));
        Assert.Equal(B(false), Call("NaturalsInduction", "FiniteNatInductiveDefConclusion", Tup(1, 2, 7), I(1), factorial, I(1), I(3)));
        Assert.Equal(B(false), Call("NaturalsInduction", "FiniteNatInductiveDefConclusion", Tup(1, 2), I(1), factorial, I(1), I(3)));
        Assert.Contains("unbounded CHOOSE", Error("NaturalsInduction", "NatInductiveDefHypothesis", Tup(), I(0), factorial));
    }

    [Fact]
    public void WellFoundedInduction_definitions()
    {
        var r = Set(Tup(1, 2), Tup(2, 3));
        Assert.Equal("{<<1, 2>>, <<1, 3>>, <<2, 3>>}", Str("WellFoundedInduction", "TransitiveClosureOn", r, Set(1, 2, 3)));
        Assert.Equal("{<<1, 2>>}", Str("WellFoundedInduction", "TransitiveClosureOn", r, Set(1, 2)));
        Assert.Equal(B(false), Call("WellFoundedInduction", "IsTransitivelyClosedOn", r, Set(1, 2, 3)));
        Assert.Equal(B(true), Call("WellFoundedInduction", "IsTransitivelyClosedOn", Set(Tup(1, 2), Tup(2, 3), Tup(1, 3)), Set(1, 2, 3)));
        Assert.Equal("{1, 2}", Str("WellFoundedInduction", "SetLessThan", I(3), Set(Tup(1, 3), Tup(2, 3), Tup(3, 1)), Set(1, 2, 3)));
        Assert.Equal("{<<1, 2>>, <<1, 3>>, <<2, 3>>}", Str("WellFoundedInduction", "OpToRel", Less, Set(1, 2, 3)));
        var parity = Op("f", 1, a => I(((IntValue)a[0]).V % 2));
        Assert.Equal("{<<2, 1>>, <<2, 3>>}", Str("WellFoundedInduction", "PreImage", parity, Set(1, 2, 3), Set(Tup(0, 1))));
        var lt = Set(Tup(0, 1));
        Assert.Equal(6, ((SetBase)Call("WellFoundedInduction", "LexProductOrdering", lt, Set(0, 1), I(2))).Count);
        var lex = (SetBase)Call("WellFoundedInduction", "LexPairOrdering", lt, lt, Set(0, 1), Set(0, 1));
        Assert.Equal(6, lex.Count);
        Assert.True(lex.Contains(Tup(Tup(0, 1), Tup(1, 0))));
        Assert.False(lex.Contains(Tup(Tup(1, 0), Tup(0, 1))));
        Assert.Equal(B(true), Call("WellFoundedInduction", "WFInductiveDefines", Tup(0, 1, 2),
            Set(1, 2, 3), Op("Def", 2, a => I(((IntValue)a[1]).V - 1))));
        Assert.Contains("IsWellFoundedOn", Error("WellFoundedInduction", "IsWellFoundedOn", lt, Set(0, 1)));
    }

    [Fact]
    public void FiniteSetTheorems_definitions()
    {
        Assert.Equal(5, ((SetBase)Call("FiniteSetTheorems", "StrictSubsetOrdering", Set(1, 2))).Count);
        var fin = (SetBase)Call("FiniteSetTheorems", "FiniteSubsetsOf", Set(1, 2));
        Assert.Equal(4, fin.Count);
        Assert.True(((SetBase)Call("FiniteSetTheorems", "FiniteSubsetsOf", InfiniteSetValue.Nat)).Contains(Set(1, 5)));
    }
}
