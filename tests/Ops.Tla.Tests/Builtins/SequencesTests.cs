using Ops.Tla.Values;
using Xunit;
using static Ops.Tla.Tests.Builtins.V;

namespace Ops.Tla.Tests.Builtins;

public class SequencesTests : BuiltinTestBase
{
    [Fact]
    public void LenHeadTailAppendConcat()
    {
        Assert.Equal(I(3), Call("Sequences", "Len", Tup(1, 2, 3)));
        Assert.Equal(I(0), Call("Sequences", "Len", Tup()));
        Assert.Equal(I(1), Call("Sequences", "Head", Tup(1, 2, 3)));
        Assert.Equal("<<2, 3>>", Str("Sequences", "Tail", Tup(1, 2, 3)));
        Assert.Equal("<<>>", Str("Sequences", "Tail", Tup(1)));
        Assert.Equal("<<1, 2, \"x\">>", Str("Sequences", "Append", Tup(1, 2), S("x")));
        Assert.Equal("<<1>>", Str("Sequences", "Append", Tup(), I(1)));
        Assert.Equal("<<1, 2, 3>>", Str("Sequences", "\\o", Tup(1), Tup(2, 3)));
        Assert.Equal("<<2, 3>>", Str("Sequences", "\\o", Tup(), Tup(2, 3)));
    }

    [Fact]
    public void FunctionsWithDomainOneToNAreSequences()
    {
        var f = Fcn((I(2), S("b")), (I(1), S("a")));
        Assert.Equal(I(2), Call("Sequences", "Len", f));
        Assert.Equal(S("a"), Call("Sequences", "Head", f));
        // The empty function is the empty sequence.
        Assert.Equal(I(0), Call("Sequences", "Len", Fcn()));
        var rec = Rec(("a", I(1)));
        Assert.Equal("The argument of Len should be a sequence, but instead it is:\n[a |-> 1]", Error("Sequences", "Len", rec));
        var gap = Fcn((I(1), S("a")), (I(3), S("c")));
        Assert.Equal("The argument of Len should be a sequence, but instead it is:\n(1 :> \"a\" @@ 3 :> \"c\")", Error("Sequences", "Len", gap));
    }

    [Fact]
    public void Strings()
    {
        Assert.Equal(I(3), Call("Sequences", "Len", S("abc")));
        Assert.Equal(S("abcd"), Call("Sequences", "\\o", S("ab"), S("cd")));
        Assert.Equal(S("bc"), Call("Sequences", "Tail", S("abc")));
        Assert.Equal(S("bc"), Call("Sequences", "SubSeq", S("abcd"), I(2), I(3)));
        Assert.Equal(S(""), Call("Sequences", "SubSeq", S("abcd"), I(3), I(2)));
        Assert.Equal("Evaluating an expression of the form t \\o s when s is not a string:\n<<1>>", Error("Sequences", "\\o", S("a"), Tup(1)));
        Assert.Equal("The argument of Head should be a sequence, but instead it is:\n\"abc\"", Error("Sequences", "Head", S("abc")));
        Assert.Equal("Attempted to apply Tail to the empty sequence.", Error("Sequences", "Tail", S("")));
    }

    [Fact]
    public void EmptySequenceErrors()
    {
        Assert.Equal("Attempted to apply Head to the empty sequence.", Error("Sequences", "Head", Tup()));
        Assert.Equal("Attempted to apply Tail to the empty sequence.", Error("Sequences", "Tail", Tup()));
    }

    [Fact]
    public void WrongArguments()
    {
        Assert.Equal("Evaluating an expression of the form Append(s, v) when s is not a sequence:\n3", Error("Sequences", "Append", I(3), I(1)));
        Assert.Equal("Evaluating an expression of the form s \\o t when s is not a sequence:\n{1}", Error("Sequences", "\\o", Set(1), Tup()));
        Assert.Equal("Evaluating an expression of the form t \\o s when s is not a sequence:\n7", Error("Sequences", "\\o", Tup(), I(7)));
        Assert.Equal("The argument of Tail should be a sequence, but instead it is:\n{}", Error("Sequences", "Tail", Set()));
    }

    [Fact]
    public void SubSeq()
    {
        var s = Tup(10, 20, 30, 40);
        Assert.Equal("<<20, 30>>", Str("Sequences", "SubSeq", s, I(2), I(3)));
        Assert.Equal("<<10, 20, 30, 40>>", Str("Sequences", "SubSeq", s, I(1), I(4)));
        Assert.Equal("<<30>>", Str("Sequences", "SubSeq", s, I(3), I(3)));
        // m > n gives <<>> whatever the bounds.
        Assert.Equal("<<>>", Str("Sequences", "SubSeq", s, I(9), I(0)));
        Assert.Equal("<<>>", Str("Sequences", "SubSeq", Tup(), I(1), I(0)));
        Assert.Equal("The second argument of SubSeq must be in the domain of its first argument:\n<<10, 20, 30, 40>>\n, but instead it is\n0",
            Error("Sequences", "SubSeq", s, I(0), I(2)));
        Assert.Equal("The third argument of SubSeq must be in the domain of its first argument:\n<<10, 20, 30, 40>>\n, but instead it is\n5",
            Error("Sequences", "SubSeq", s, I(2), I(5)));
        Assert.Equal("The second argument of SubSeq should be a natural number, but instead it is:\n\"a\"",
            Error("Sequences", "SubSeq", s, S("a"), I(5)));
        Assert.Equal("The first argument of SubSeq should be a sequence, but instead it is:\n1",
            Error("Sequences", "SubSeq", I(1), I(1), I(1)));
    }

    [Fact]
    public void SelectSeq()
    {
        var even = Op("IsEven", 1, a => B(((IntValue)a[0]).V % 2 == 0));
        Assert.Equal("<<2, 4>>", Str("Sequences", "SelectSeq", Tup(1, 2, 3, 4), even));
        Assert.Equal("<<>>", Str("Sequences", "SelectSeq", Tup(1, 3), even));
        Assert.Equal("<<>>", Str("Sequences", "SelectSeq", Tup(), even));
        var bad = Op("Bad", 1, a => I(1));
        Assert.Equal("The second argument of SelectSeq should be a boolean-valued operator, but instead it is:\nBad",
            Error("Sequences", "SelectSeq", Tup(1), bad));
    }

    [Fact]
    public void SeqSet()
    {
        var seq = Assert.IsType<InfiniteSetValue>(Call("Sequences", "Seq", Set(1, 2)));
        Assert.Equal(InfiniteSetValue.Which.Seq, seq.Set);
        Assert.True(seq.Contains(Tup(1, 2, 1)));
        Assert.True(seq.Contains(Tup()));
        Assert.False(seq.Contains(Tup(3)));
        Assert.False(seq.IsFinite);
        Assert.Equal("Seq({1, 2})", seq.ToString());
        // Sequences re-exports Naturals.
        Assert.Equal(I(3), Call("Sequences", "+", I(1), I(2)));
    }
}
