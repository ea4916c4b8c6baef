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
        // TLC's integers are 32-bit: 2^30 is the largest power of 2, (-2)^31 the smallest.
        Assert.Equal("Overflow when computing 2^31", Error("Naturals", "^", I(2), I(31)));
        Assert.Equal(I(1L << 30), Call("Naturals", "^", I(2), I(30)));
        Assert.Equal(I(int.MinValue), Call("Integers", "^", I(-2), I(31)));
        Assert.Equal("Overflow when computing -2^32", Error("Integers", "^", I(-2), I(32)));
    }

    [Fact]
    public void Overflow_is_past_TLCs_32_bit_integers_with_TLCs_messages()
    {
        // TLC (cc6b616), tlc2.module.Naturals / Integers: the operands as written, "--2147483648" for unary minus.
        Assert.Equal("Overflow when computing 2147483647+1", Error("Naturals", "+", I(int.MaxValue), I(1)));
        Assert.Equal(I(int.MaxValue), Call("Naturals", "+", I(int.MaxValue - 1), I(1)));
        Assert.Equal("Overflow when computing -2147483648-1", Error("Naturals", "-", I(int.MinValue), I(1)));
        Assert.Equal(I(int.MinValue), Call("Naturals", "-", I(int.MinValue + 1), I(1)));
        Assert.Equal("Overflow when computing 196608*65536", Error("Naturals", "*", I(196608), I(65536)));
        Assert.Equal("Overflow when computing -65536*65537", Error("Naturals", "*", I(-65536), I(65537)));
        Assert.Equal(I(int.MinValue), Call("Naturals", "*", I(-65536), I(32768)));
        Assert.Equal("Overflow when computing --2147483648", Error("Integers", "-.", I(int.MinValue)));
        Assert.Equal(I(-int.MaxValue), Call("Integers", "-.", I(int.MaxValue)));
    }

    [Fact]
    public void Min_div_minus_one_wraps_in_Naturals_and_overflows_in_Integers()
    {
        // TLC's Naturals.Divide computes on Java ints (the quotient wraps); Integers.Divide checks it.
        Assert.Equal(I(int.MinValue), Call("Naturals", "\\div", I(int.MinValue), I(-1)));
        Assert.Equal("Overflow when computing -2147483648 \\div -1", Error("Integers", "\\div", I(int.MinValue), I(-1)));
    }

    [Fact]
    public void A_library_value_outside_TLCs_integers_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => TlaValue.Int(3_000_000_000));
        Assert.Throws<ArgumentOutOfRangeException>(() => TlaValue.Of(3_000_000_000L));
        Assert.Equal(I(int.MinValue), TlaValue.Of((long)int.MinValue));
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
        // + is a Java method with IntValue parameters: TLC's call fails casting the argument (TLC's text).
        Assert.Equal("Attempted to apply the operator overridden by the Java method\npublic static tlc2.value.impl.IntValue tlc2.module.Naturals.Plus(tlc2.value.impl.IntValue,tlc2.value.impl.IntValue),\n"
            + "but it produced the following error:\nCannot cast tlc2.value.impl.SetEnumValue to tlc2.value.impl.IntValue", Error("Naturals", "+", I(1), Set(1)));
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
