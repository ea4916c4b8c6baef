using Ops.Tla.Eval.Builtins;
using Ops.Tla.Values;
using Xunit;
using static Ops.Tla.Tests.Builtins.V;

namespace Ops.Tla.Tests.Builtins;

public class CommunityModulesTests : BuiltinTestBase
{
    private static readonly OperatorValue Plus = Op("+", 2, a => I(((IntValue)a[0]).V + ((IntValue)a[1]).V));
    private static readonly OperatorValue Pair = Op("Pair", 2, a => Tup(a[0], a[1]));
    private static readonly OperatorValue IsEven = Op("IsEven", 1, a => B(((IntValue)a[0]).V % 2 == 0));
    private static readonly OperatorValue Lt = Op("<", 2, a => B(((IntValue)a[0]).V < ((IntValue)a[1]).V));

    [Fact]
    public void Folds()
    {
        var minChoose = Op("Min", 1, a => ((SetBase)a[0]).Elements.First());
        var maxChoose = Op("Max", 1, a => ((SetBase)a[0]).Elements.Last());
        var id = Op("Id", 1, a => a[0]);
        // op(f(x1), op(f(x2), base)) with x1 = choose(S).
        Assert.Equal("<<1, <<2, <<3, 0>>>>>>", Str("Folds", "MapThenFoldSet", Pair, I(0), id, minChoose, Set(1, 2, 3)));
        Assert.Equal("<<3, <<2, <<1, 0>>>>>>", Str("Folds", "MapThenFoldSet", Pair, I(0), id, maxChoose, Set(1, 2, 3)));
        Assert.Equal(I(0), Call("Folds", "MapThenFoldSet", Pair, I(0), id, minChoose, Set()));
    }

    [Fact]
    public void Functions()
    {
        var f = Fcn((S("a"), I(0)), (S("b"), I(1)), (S("c"), I(2)));
        Assert.Equal("[a |-> 0, c |-> 2]", Str("Functions", "Restrict", f, Set(S("a"), S("c"))));
        Assert.Equal("[a |-> 0, c |-> 2]", Str("Functions", "RestrictValues", f, IsEven));
        Assert.Equal("(1 :> 10 @@ 3 :> 30)", Str("Functions", "RestrictDomain", Tup(10, 20, 30), Op("Odd", 1, a => B(((IntValue)a[0]).V % 2 == 1))));
        Assert.Equal("(1 :> 0 @@ 3 :> 2)", Str("Functions", "RestrictValues", Tup(0, 1, 2), IsEven));
        Assert.Equal("{0, 1, 2}", Str("Functions", "Range", f));
        Assert.Equal(B(true), Call("Functions", "IsRestriction", Rec(("one", I(1))), Rec(("one", I(1)), ("two", I(2)))));
        Assert.Equal(B(false), Call("Functions", "IsRestriction", Rec(("one", I(1)), ("two", I(2))), Rec(("two", I(2)))));
        Assert.Equal("[a |-> 1, b |-> 2, c |-> 5]", Str("Functions", "Pointwise", f, Fcn((S("a"), I(1)), (S("b"), I(1)), (S("c"), I(3))), Plus));
        Assert.Equal("(0 :> \"a\" @@ 1 :> \"b\" @@ 2 :> \"c\")", Str("Functions", "Inverse", f, Set(S("a"), S("b"), S("c")), Set(0, 1, 2)));
        // 3 is not in the range: CHOOSE picks the least element of S.
        Assert.Equal("(1 :> \"b\" @@ 3 :> \"a\")", Str("Functions", "Inverse", f, Set(S("a"), S("b"), S("c")), Set(1, 3)));
        Assert.Equal("(0 :> \"b\" @@ 1 :> \"a\")", Str("Functions", "AntiFunction", Fcn((S("a"), I(1)), (S("b"), I(0)))));
        // Not injective: TLC's override fails ("The value 1 occurs multiple times in the function domain.").
        Assert.Contains("The value\n1\noccurs multiple times in the function domain.", Error("Functions", "AntiFunction", Fcn((S("a"), I(1)), (S("b"), I(0)), (S("c"), I(1)))));
        Assert.Equal(B(true), Call("Functions", "IsInjective", Tup(1, 2, 3)));
        Assert.Equal(B(false), Call("Functions", "IsInjective", Tup(1, 2, 1)));
        Assert.Equal(6, ((SetBase)Call("Functions", "Injection", Set(1, 2), Set(1, 2, 3))).Count);
        Assert.Equal(6, ((SetBase)Call("Functions", "Surjection", Set(1, 2, 3), Set(1, 2))).Count);
        Assert.Equal("{<<1, 2>>, <<2, 1>>}", Str("Functions", "Bijection", Set(1, 2), Set(1, 2)));
        Assert.Equal(B(true), Call("Functions", "ExistsInjection", Set(1, 2), Set(1, 2, 3)));
        Assert.Equal(B(false), Call("Functions", "ExistsSurjection", Set(1, 2), Set(1, 2, 3)));
        Assert.Equal(B(true), Call("Functions", "ExistsSurjection", Set(), Set()));
        Assert.Equal(B(false), Call("Functions", "ExistsSurjection", Set(1), Set()));
        Assert.Equal(B(true), Call("Functions", "ExistsBijection", Set(1, 2), Set(S("a"), S("b"))));
        Assert.Equal(I(6), Call("Functions", "FoldFunction", Plus, I(0), Tup(1, 2, 3)));
        // TLC's override: ascending domain order, acc := op(f[x], acc).
        Assert.Equal("<<3, <<2, <<1, 0>>>>>>", Str("Functions", "FoldFunction", Pair, I(0), Tup(1, 2, 3)));
        Assert.Equal(I(4), Call("Functions", "FoldFunctionOnSet", Plus, I(0), Tup(1, 2, 3), Set(1, 3)));
        Assert.StartsWith("Attempted to apply function", Error("Functions", "Restrict", f, Set(S("z"))));
    }

    [Fact]
    public void FiniteSetsExt()
    {
        Assert.Equal(I(55), Call("FiniteSetsExt", "FoldSet", Plus, I(0), new IntervalValue(0, 10)));
        Assert.Equal("<<3, <<2, <<1, 0>>>>>>", Str("FiniteSetsExt", "FoldSet", Pair, I(0), Set(2, 3, 1)));
        Assert.Equal(I(55), Call("FiniteSetsExt", "SumSet", new IntervalValue(0, 10)));
        Assert.Equal(I(6), Call("FiniteSetsExt", "ProductSet", new IntervalValue(1, 3)));
        Assert.Equal(I(1), Call("FiniteSetsExt", "ProductSet", Set()));
        Assert.Equal(I(6), Call("FiniteSetsExt", "ReduceSet", Plus, Set(1, 2, 3), I(0)));
        Assert.Equal(I(12), Call("FiniteSetsExt", "MapThenSumSet", Op("Double", 1, a => I(2 * ((IntValue)a[0]).V)), Set(1, 2, 3)));
        Assert.Equal("{1, 2, 3}", Str("FiniteSetsExt", "FlattenSet", Set(Set(1, 2), Set(2, 3))));
        Assert.Equal("{1, 4}", Str("FiniteSetsExt", "SymDiff", Set(1, 2, 3), Set(2, 3, 4)));
        Assert.Equal(I(4), Call("FiniteSetsExt", "Quantify", new IntervalValue(1, 9), IsEven));
        Assert.Equal("{{1, 2}, {1, 3}, {2, 3}}", Str("FiniteSetsExt", "kSubset", I(2), new IntervalValue(1, 3)));
        Assert.Equal("{{}}", Str("FiniteSetsExt", "kSubset", I(0), new IntervalValue(1, 3)));
        Assert.Equal("{}", Str("FiniteSetsExt", "kSubset", I(4), new IntervalValue(1, 3)));
        Assert.Equal(I(9), Call("FiniteSetsExt", "Max", Set(3, 9, -2)));
        Assert.Equal(I(-2), Call("FiniteSetsExt", "Min", Set(3, 9, -2)));
        Assert.StartsWith("Attempted to compute the value of an expression of form\nCHOOSE", Error("FiniteSetsExt", "Max", Set()));
        Assert.Equal("{{2, 5}, {1, 2, 5}, {1, 3, 5}, {2, 3, 5}}", Str("FiniteSetsExt", "Choices", Set(Set(1, 2), Set(2, 3), Set(5))));
        Assert.Equal("{{}}", Str("FiniteSetsExt", "Choices", Set()));
        Assert.Equal(I(4), Call("FiniteSetsExt", "ChooseUnique", Set(2, 3, 4, 5), Op("P", 1, a => B(((IntValue)a[0]).V % 3 == 1))));
        Assert.StartsWith("Attempted to compute", Error("FiniteSetsExt", "ChooseUnique", Set(2, 3, 4, 5), IsEven));
        // FiniteSetsExt extends FiniteSets.
        Assert.Equal(I(3), Call("FiniteSetsExt", "Cardinality", Set(1, 2, 3)));
    }

    [Fact]
    public void SequencesExtConversions()
    {
        Assert.Equal("{1, 2}", Str("SequencesExt", "ToSet", Tup(1, 1, 2)));
        Assert.Equal("<<2, 1>>", Str("SequencesExt", "ToBag", Tup(1, 1, 2)));
        Assert.Equal("<<1, 2, 3>>", Str("SequencesExt", "SetToSeq", Set(3, 1, 2)));
        Assert.Equal("{<<\"l\", \"t\">>, <<\"t\", \"l\">>}", Str("SequencesExt", "SetToSeqs", Set(S("t"), S("l"))));
        Assert.Equal("{<<>>}", Str("SequencesExt", "SetToSeqs", Set()));
        Assert.Equal("<<3, 2, 1>>", Str("SequencesExt", "SetToSortSeq", Set(1, 2, 3), Op(">", 2, a => B(((IntValue)a[0]).V > ((IntValue)a[1]).V))));
        Assert.Equal("{<<>>, <<\"a\">>, <<\"b\">>, <<\"a\", \"b\">>, <<\"b\", \"a\">>}", Str("SequencesExt", "SetToAllKPermutations", Set(S("a"), S("b"))));
        var tupleOf = (SetBase)Call("SequencesExt", "TupleOf", Set(0, 1), I(3));
        Assert.Equal(8, tupleOf.Count);
        Assert.True(tupleOf.Contains(Tup(0, 1, 1)));
        Assert.Equal("{<<>>, <<0>>, <<1>>, <<0, 0>>, <<0, 1>>, <<1, 0>>, <<1, 1>>}", Str("SequencesExt", "SeqOf", Set(0, 1), I(2)));
        Assert.Equal(Call("SequencesExt", "SeqOf", Set(0, 1), I(2)), Call("SequencesExt", "BoundedSeq", Set(0, 1), I(2)));
        Assert.Equal("{<<>>}", Str("SequencesExt", "SeqOf", Set(), I(3)));
    }

    [Fact]
    public void SequencesExtEditing()
    {
        var s = Tup(1, 2, 3, 2);
        Assert.Equal(B(true), Call("SequencesExt", "Contains", s, I(3)));
        Assert.Equal(B(false), Call("SequencesExt", "Contains", s, I(7)));
        Assert.Equal(B(true), Call("SequencesExt", "IsSorted", Tup(1, 2, 3), Lt));
        Assert.Equal(B(false), Call("SequencesExt", "IsSorted", Tup(1, 2, 2), Lt));
        Assert.Equal("<<2, 3, 2, 1>>", Str("SequencesExt", "Reverse", s));
        Assert.Equal("<<1, 3>>", Str("SequencesExt", "Remove", s, I(2)));
        Assert.Equal("<<1, 9, 3, 9>>", Str("SequencesExt", "ReplaceAll", s, I(2), I(9)));
        Assert.Equal(I(2), Call("SequencesExt", "SelectInSeq", s, IsEven));
        Assert.Equal(I(4), Call("SequencesExt", "SelectLastInSeq", s, IsEven));
        Assert.Equal(I(0), Call("SequencesExt", "SelectInSeq", Tup(1, 3), IsEven));
        Assert.Equal(I(4), Call("SequencesExt", "SelectInSubSeq", s, I(3), I(4), IsEven));
        Assert.Equal(I(2), Call("SequencesExt", "SelectLastInSubSeq", s, I(1), I(3), IsEven));
        Assert.Equal("<<1, 0, 2, 3, 2>>", Str("SequencesExt", "InsertAt", s, I(2), I(0)));
        Assert.Equal("<<1, 2, 3, 2, 0>>", Str("SequencesExt", "InsertAt", s, I(5), I(0)));
        Assert.Equal("<<1, 0, 3, 2>>", Str("SequencesExt", "ReplaceAt", s, I(2), I(0)));
        Assert.Equal("<<1, 3, 2>>", Str("SequencesExt", "RemoveAt", s, I(2)));
        Assert.Equal("<<1, 3, 2>>", Str("SequencesExt", "RemoveFirst", s, I(2)));
        Assert.Equal("<<1, 3, 2>>", Str("SequencesExt", "RemoveFirstMatch", s, IsEven));
        Assert.Equal("<<0, 1, 2, 3, 2>>", Str("SequencesExt", "Cons", I(0), s));
        Assert.Equal("<<1, 2, 3, 2, 0>>", Str("SequencesExt", "Snoc", I(0), s));
        Assert.Equal("<<1, 2, 3>>", Str("SequencesExt", "Front", s));
        Assert.Equal("<<>>", Str("SequencesExt", "Front", Tup()));
        Assert.Equal(I(2), Call("SequencesExt", "Last", s));
        // TLC's words for Last(<<>>): the tuple's, not a function application's.
        Assert.StartsWith("Attempted to access index 0 of tuple\n<<>>", Error("SequencesExt", "Last", Tup()));
    }

    [Fact]
    public void SequencesExtPrefixesAndFolds()
    {
        Assert.Equal(B(true), Call("SequencesExt", "IsPrefix", Tup(1, 2), Tup(1, 2, 3)));
        Assert.Equal(B(false), Call("SequencesExt", "IsPrefix", Tup(2), Tup(1, 2, 3)));
        Assert.Equal(B(true), Call("SequencesExt", "IsPrefix", S("ab"), S("abc")));
        Assert.Equal(B(false), Call("SequencesExt", "IsStrictPrefix", Tup(1), Tup(1)));
        Assert.Equal(B(true), Call("SequencesExt", "IsSuffix", Tup(2, 3), Tup(1, 2, 3)));
        Assert.Equal(B(true), Call("SequencesExt", "IsStrictSuffix", Tup(), Tup(1)));
        Assert.Equal("{<<>>, <<1>>, <<1, 2>>}", Str("SequencesExt", "Prefixes", Tup(1, 2)));
        Assert.Equal("{<<>>, <<2>>, <<1, 2>>}", Str("SequencesExt", "Suffixes", Tup(1, 2)));
        Assert.Equal("<<1, 2>>", Str("SequencesExt", "LongestCommonPrefix", Set(Tup(1, 2, 3), Tup(1, 2), Tup(1, 2, 4))));
        Assert.Equal("\"ab\"", Str("SequencesExt", "LongestCommonPrefix", Set(S("abc"), S("abd"))));
        Assert.Equal("{<<>>, <<1>>}", Str("SequencesExt", "CommonPrefixes", Set(Tup(1, 2), Tup(1, 3))));
        Assert.Equal(I(3), Call("SequencesExt", "SeqMod", I(6), I(3)));
        Assert.Equal(I(1), Call("SequencesExt", "SeqMod", I(7), I(3)));
        Assert.Equal("<<<<<<0, 3>>, 1>>, 2>>", Str("SequencesExt", "FoldLeft", Pair, I(0), Tup(3, 1, 2)));
        Assert.Equal("<<3, <<1, <<2, 0>>>>>>", Str("SequencesExt", "FoldRight", Pair, Tup(3, 1, 2), I(0)));
        Assert.Equal("<<<<<<0, 1>>, 2>>, 3>>", Str("SequencesExt", "FoldLeftDomain", Pair, I(0), Tup(7, 7, 7)));
        Assert.Equal("<<1, <<2, <<3, 0>>>>>>", Str("SequencesExt", "FoldRightDomain", Pair, Tup(7, 7, 7), I(0)));
        Assert.Equal(I(6), Call("SequencesExt", "FoldSeq", Plus, I(0), Tup(1, 2, 3)));
    }

    [Fact]
    public void SequencesExtSubSequences()
    {
        Assert.Equal("<<1, 2, 1>>", Str("SequencesExt", "FlattenSeq", Tup(Tup(1, 2), Tup(1))));
        Assert.Equal("\"ab\"", Str("SequencesExt", "FlattenSeq", Tup(S("a"), S("b"))));
        Assert.Equal("<<>>", Str("SequencesExt", "FlattenSeq", Tup()));
        Assert.Equal("<<<<1, 2>>, <<3, 4>>>>", Str("SequencesExt", "Zip", Tup(1, 3), Tup(2, 4)));
        Assert.Equal("<<<<\"a\", 1>>>>", Str("SequencesExt", "Zip", Tup(S("a"), S("b")), Tup(1)));
        Assert.Equal("<<<<1>>, <<2>>, <<3>>, <<4>>>>", Str("SequencesExt", "Interleave", Tup(1, 3), Tup(2, 4)));
        Assert.Equal("{<<>>, <<1>>, <<2>>, <<1, 2>>}", Str("SequencesExt", "SubSeqs", Tup(1, 2)));
        Assert.Equal(16, ((SetBase)Call("SequencesExt", "AllSubSeqs", Tup(1, 2, 3, 4))).Count);
        Assert.True(((SetBase)Call("SequencesExt", "AllSubSeqs", Tup(1, 2, 3, 4))).Contains(Tup(1, 3, 4)));
        Assert.Equal(I(1), Call("SequencesExt", "IndexFirstSubSeq", Tup(1), Tup(1, 1, 1)));
        Assert.Equal(I(2), Call("SequencesExt", "IndexFirstSubSeq", Tup(2, 3), Tup(1, 2, 3, 2, 3)));
        Assert.Equal("<<1, 2>>", Str("SequencesExt", "ReplaceAllSubSeqs", Tup(2), Tup(3), Tup(1, 3)));
        Assert.Equal("<<2, 2, 1>>", Str("SequencesExt", "ReplaceAllSubSeqs", Tup(2, 2), Tup(1, 1), Tup(1, 1, 1)));
        Assert.Equal("<<>>", Str("SequencesExt", "ReplaceAllSubSeqs", Tup(), Tup(), Tup()));
        Assert.Equal("<<4>>", Str("SequencesExt", "ReplaceAllSubSeqs", Tup(4), Tup(), Tup()));
        Assert.Equal("<<0, 1, 0, 2>>", Str("SequencesExt", "ReplaceAllSubSeqs", Tup(0), Tup(), Tup(1, 2)));
        Assert.Equal("<<9, 2, 1, 2>>", Str("SequencesExt", "ReplaceFirstSubSeq", Tup(9), Tup(1), Tup(1, 2, 1, 2)));
        Assert.Equal("\"xbcxbc\"", Str("SequencesExt", "ReplaceAllSubSeqs", S("x"), S("a"), S("abcabc")));
        Assert.Equal("\"xbcabc\"", Str("SequencesExt", "ReplaceFirstSubSeq", S("x"), S("a"), S("abcabc")));
        Assert.Equal("\"-a-b\"", Str("SequencesExt", "ReplaceAllSubSeqs", S("-"), S(""), S("ab")));
        Assert.Equal("<<1, 7, 8, 4>>", Str("SequencesExt", "ReplaceSubSeqAt", I(2), Tup(7, 8), Tup(2, 3), Tup(1, 2, 3, 4)));
    }

    [Fact]
    public void RegistryListsEveryModule()
    {
        foreach (var name in new[] { "Naturals", "Integers", "Reals", "Sequences", "FiniteSets", "Bags", "TLC", "TLCExt",
                     "Randomization", "Folds", "Functions", "FiniteSetsExt", "SequencesExt" })
        {
            Assert.Contains(name, StandardLibrary.ModuleNames);
            var m = StandardLibrary.Find(name);
            Assert.Equal(name, m.Name);
            Assert.NotEmpty(m.Operators);
            foreach (var e in m.Extends) Assert.NotNull(StandardLibrary.Find(e));
        }
        Assert.Null(StandardLibrary.Find("NoSuchModule"));
        // ASCII synonyms.
        Assert.Equal(B(true), Call("Naturals", "<=", I(1), I(1)));
        Assert.Equal(B(true), Call("Integers", "=<", I(1), I(2)));
        Assert.Equal(B(false), Call("Integers", ">=", I(1), I(2)));
        Assert.Equal("<<1, 2>>", Str("Sequences", "\\circ", Tup(1), Tup(2)));
        Assert.Same(StandardLibrary.Find("TLC"), StandardLibrary.Find("TLC"));
    }
}
