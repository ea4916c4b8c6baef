using Ops.Tla.Values;
using Xunit;
using static Ops.Tla.Tests.Builtins.V;

namespace Ops.Tla.Tests.Builtins;

public class ArithmeticTests : BuiltinTestBase
{
    [Theory]
    [InlineData("+", 3, 4, 7)]
    [InlineData("-", 3, 4, -1)]
    [InlineData("*", -3, 4, -12)]
    [InlineData("^", 2, 10, 1024)]
    [InlineData("^", -2, 3, -8)]
    [InlineData("^", 5, 0, 1)]
    [InlineData("^", 0, 5, 0)]
    [InlineData("^", -1, 1000000001, -1)]
    public void Arithmetic(string op, long a, long b, long expected) =>
        Assert.Equal(I(expected), Call("Naturals", op, I(a), I(b)));

    [Theory]
    [InlineData(7, 2, 3, 1)]
    [InlineData(-7, 2, -4, 1)]
    [InlineData(7, -2, -4, 0)]
    [InlineData(-7, -2, 3, 0)]
    [InlineData(-8, 2, -4, 0)]
    [InlineData(0, 3, 0, 0)]
    [InlineData(-1, 5, -1, 4)]
    public void DivIsFloorAndModIsNonNegative(long a, long b, long q, long r)
    {
        Assert.Equal(I(q), Call("Integers", "\\div", I(a), I(b)));
        if (b > 0)
        {
            Assert.Equal(I(r), Call("Integers", "%", I(a), I(b)));
            // a = b * (a \div b) + a % b
            Assert.Equal(a, b * q + r);
        }
    }

    [Fact]
    public void DivisionByZero() =>
        Assert.Equal("The second argument of \\div is 0.", Error("Naturals", "\\div", I(1), I(0)));

    [Fact]
    public void ModByNonPositive()
    {
        Assert.Equal("The second argument of % should be a positive number, but instead it is:\n0", Error("Naturals", "%", I(5), I(0)));
        Assert.Equal("The second argument of % should be a positive number, but instead it is:\n-3", Error("Integers", "%", I(5), I(-3)));
    }

    [Fact]
    public void ExptErrors()
    {
        Assert.Equal("0^0 is undefined.", Error("Naturals", "^", I(0), I(0)));
        Assert.Equal("The second argument of ^ should be a natural number, but instead it is:\n-1", Error("Integers", "^", I(2), I(-1)));
        Assert.Equal("Overflow when computing 2^64", Error("Naturals", "^", I(2), I(64)));
        Assert.Equal(I(1L << 62), Call("Naturals", "^", I(2), I(62)));
    }

    [Fact]
    public void Overflow()
    {
        Assert.Equal($"Overflow when computing {long.MaxValue}+1", Error("Naturals", "+", I(long.MaxValue), I(1)));
        Assert.Equal($"Overflow when computing {long.MinValue}-1", Error("Naturals", "-", I(long.MinValue), I(1)));
        Assert.Equal($"Overflow when computing {long.MaxValue}*2", Error("Naturals", "*", I(long.MaxValue), I(2)));
        Assert.StartsWith("Overflow when computing", Error("Integers", "-.", I(long.MinValue)));
        Assert.StartsWith("Overflow when computing", Error("Integers", "\\div", I(long.MinValue), I(-1)));
    }

    [Fact]
    public void Comparisons()
    {
        Assert.Equal(B(true), Call("Naturals", "<", I(1), I(2)));
        Assert.Equal(B(false), Call("Naturals", ">", I(1), I(2)));
        Assert.Equal(B(true), Call("Naturals", "\\leq", I(2), I(2)));
        Assert.Equal(B(true), Call("Naturals", "\\geq", I(2), I(2)));
        Assert.Equal(B(false), Call("Integers", "\\geq", I(-3), I(2)));
    }

    [Fact]
    public void NonIntegerArguments()
    {
        Assert.Equal("The first argument of < should be an integer, but instead it is:\n\"a\"", Error("Naturals", "<", S("a"), I(1)));
        Assert.Equal("The second argument of <= should be an integer, but instead it is:\nTRUE", Error("Naturals", "\\leq", I(1), B(true)));
        Assert.Equal("The second argument of + should be an integer, but instead it is:\n{1}", Error("Naturals", "+", I(1), Set(1)));
        Assert.Equal("The first argument of >= should be an integer, but instead it is:\n<<>>", Error("Integers", "\\geq", Tup(), I(1)));
    }

    [Fact]
    public void IntervalsAndInfiniteSets()
    {
        var iv = Assert.IsType<IntervalValue>(Call("Naturals", "..", I(2), I(4)));
        Assert.Equal(3, iv.Count);
        Assert.Equal("{2, 3, 4}", iv.ToEnumerated().ToString());
        Assert.Equal(0, ((SetBase)Call("Naturals", "..", I(3), I(1))).Count);
        Assert.Same(InfiniteSetValue.Nat, Call("Naturals", "Nat"));
        Assert.Same(InfiniteSetValue.Int, Call("Integers", "Int"));
        Assert.Equal(I(-5), Call("Integers", "-.", I(5)));
        // Integers re-exports Naturals.
        Assert.Equal(I(5), Call("Integers", "+", I(2), I(3)));
    }

    [Fact]
    public void Reals()
    {
        Assert.Equal(I(3), Call("Reals", "/", I(6), I(2)));
        Assert.StartsWith("TLC can't handle real numbers.", Error("Reals", "/", I(1), I(2)));
        Assert.StartsWith("TLC can't handle real numbers.", Error("Reals", "Infinity"));
        Assert.Same(InfiniteSetValue.Real, Call("Reals", "Real"));
        Assert.Equal(I(-1), Call("Reals", "-.", I(1)));
    }
}
