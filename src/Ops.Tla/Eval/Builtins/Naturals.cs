using Ops.Tla.Values;

namespace Ops.Tla.Eval.Builtins;

/// <summary>Naturals: + - * ^ &lt; &gt; \leq \geq % \div .. and Nat (TLC's tlc2.module.Naturals, on TLC's 32-bit integers).</summary>
internal static class NaturalsModule
{
    public static BuiltinModule Create() =>
        new BuiltinModule("Naturals")
            .Add("Nat", 0, _ => InfiniteSetValue.Nat)
            .Add("+", (x, y) => Arith.Plus(x, y))
            .Add("-", (x, y) => Arith.Minus(x, y))
            .Add("*", (x, y) => Arith.Times(x, y))
            .Add("^", (x, y) => Arith.Expt(x, y))
            .Add("<", (x, y) => Arith.Compare(x, y, "<", "<", c => c < 0))
            .Add(">", (x, y) => Arith.Compare(x, y, ">", ">", c => c > 0))
            .Add("\\leq", (x, y) => Arith.Compare(x, y, "<=", "<=", c => c <= 0))
            .Add("\\geq", (x, y) => Arith.Compare(x, y, ">", ">", c => c >= 0))
            .Add("%", (x, y) => Arith.Mod(x, y))
            .Add("\\div", (x, y) => Arith.Div(x, y))
            .Add("..", (x, y) => Arith.DotDot(x, y));
}

/// <summary>Integer arithmetic with TLC's semantics (floor division, non-negative modulus) and overflow errors.</summary>
public static class Arith
{
    /// <summary>The Java classes whose methods TLC calls for the operators of Naturals: tlc2.module.Naturals, or
    /// tlc2.module.Integers when the specification extends Integers (its overrides replace Naturals').</summary>
    public const string NaturalsClass = "tlc2.module.Naturals", IntegersClass = "tlc2.module.Integers";

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static long Int(Value v, string cls, string method) => v is IntValue i ? i.V : NotInt(v, cls, method);

    // TLC's +, -, *, ^, %, \div, .. and -. are Java methods with IntValue parameters: another value fails the call
    // itself, casting the argument (a general runtime error, its "unexpected exception"), wrapped as the failure of
    // the override. The call casts its last argument first: the operands are read right to left. (Apart, so that
    // Int is inlined.)
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static long NotInt(Value v, string cls, string method)
    {
        const string I = "tlc2.value.impl.IntValue";
        var signature = method switch
        {
            "DotDot" => $"public static tlc2.value.impl.IntervalValue {cls}.DotDot({I},{I})",
            "Neg" => $"public static {I} {cls}.Neg({I})",
            _ => $"public static {I} {cls}.{method}({I},{I})",
        };
        throw Err.InOverride(signature, TlcWords.CannotCast(v));
    }

    // TLC's integers are Java ints: the operands are in -2^31..2^31-1 (every IntValue is), so the exact result of
    // + - * fits in a long and a result outside the int range is TLC's overflow error (tlc2.module.Naturals).
    public static IntValue Plus(Value x, Value y) => Plus(x, y, NaturalsClass);

    public static IntValue Plus(Value x, Value y, string cls)
    {
        long b = Int(y, cls, "Plus"), a = Int(x, cls, "Plus");
        long r = a + b;
        if (r != (int)r) throw Err.Overflow($"{a}+{b}");
        return IntValue.Of(r);
    }

    public static IntValue Minus(Value x, Value y) => Minus(x, y, NaturalsClass);

    public static IntValue Minus(Value x, Value y, string cls)
    {
        long b = Int(y, cls, "Minus"), a = Int(x, cls, "Minus");
        long r = a - b;
        if (r != (int)r) throw Err.Overflow($"{a}-{b}");
        return IntValue.Of(r);
    }

    public static IntValue Times(Value x, Value y) => Times(x, y, NaturalsClass);

    public static IntValue Times(Value x, Value y, string cls)
    {
        long b = Int(y, cls, "Times"), a = Int(x, cls, "Times");
        long r = a * b;
        if (r != (int)r) throw Err.Overflow($"{a}*{b}");
        return IntValue.Of(r);
    }

    /// <summary>Unary minus (Integers' -.): -(-2147483648) is TLC's overflow error.</summary>
    public static IntValue Neg(Value x)
    {
        long a = Int(x, IntegersClass, "Neg");
        if (-a != (int)-a) throw Err.Overflow($"-{a}");
        return IntValue.Of(-a);
    }

    /// <summary>x ^ y: y must be a natural number; 0^0 is undefined; a power outside the int range is TLC's
    /// overflow error, reported with the operands (TLC multiplies step by step and stops at the first step out of
    /// range; 0, 1 and -1 never leave it).</summary>
    public static IntValue Expt(Value x, Value y) => Expt(x, y, NaturalsClass);

    public static IntValue Expt(Value x, Value y, string cls)
    {
        long n = Int(y, cls, "Expt"), a = Int(x, cls, "Expt");
        if (n < 0) throw Err.Arg("second", "^", "natural number", y);
        if (n == 0)
        {
            if (a == 0) throw new ValueException("0^0 is undefined.") { TlcEvalError = true };
            return IntValue.Of(1);
        }
        if (a == 0 || a == 1) return IntValue.Of(a);
        if (a == -1) return IntValue.Of((n & 1) == 0 ? 1 : -1);
        long res = a;
        for (long i = 1; i < n; i++)
        {
            res *= a;
            if (res != (int)res) throw Err.Overflow($"{a}^{n}");
        }
        return IntValue.Of(res);
    }

    /// <summary>TLC's messages name \geq as "&gt;" for the first argument (sic) in Naturals.</summary>
    public static BoolValue Compare(Value x, Value y, string firstName, string secondName, Func<int, bool> test)
    {
        if (x is not IntValue a) throw Err.ArgAn("first", firstName, "integer", x);
        if (y is not IntValue b) throw Err.ArgAn("second", secondName, "integer", y);
        return BoolValue.Of(test(a.V.CompareTo(b.V)));
    }

    /// <summary>Floor division; the divisor must not be 0. Naturals' \div is TLC's Naturals.Divide: on Java ints,
    /// -2147483648 \div -1 wraps to -2147483648 without an error (Integers' \div reports it, <see cref="DivInt"/>).</summary>
    public static IntValue Div(Value x, Value y) => IntValue.Of((int)FloorDiv(x, y, NaturalsClass, out _, out _));

    /// <summary>Integers' \div (TLC's Integers.Divide): as <see cref="Div"/>, but -2147483648 \div -1 is its overflow
    /// error.</summary>
    public static IntValue DivInt(Value x, Value y)
    {
        long q = FloorDiv(x, y, IntegersClass, out long a, out long b);
        if (q != (int)q) throw Err.Overflow($"{a} \\div {b}");
        return IntValue.Of(q);
    }

    /// <summary>The integer arguments of \div, floor-divided: TLC's error when the divisor is 0.</summary>
    private static long FloorDiv(Value x, Value y, string cls, out long a, out long b)
    {
        b = Int(y, cls, "Divide");
        a = Int(x, cls, "Divide");
        if (b == 0) throw new ValueException("The second argument of \\div is 0.") { TlcEvalError = true };
        long q = a / b;
        if ((a % b != 0) && ((a < 0) != (b < 0))) q--;
        return q;
    }

    /// <summary>x % y for y &gt; 0, in 0..y-1.</summary>
    public static IntValue Mod(Value x, Value y) => Mod(x, y, NaturalsClass);

    public static IntValue Mod(Value x, Value y, string cls)
    {
        long b = Int(y, cls, "Mod"), a = Int(x, cls, "Mod");
        if (b <= 0) throw Err.Arg("second", "%", "positive number", y);
        long r = a % b;
        return IntValue.Of(r < 0 ? r + b : r);
    }

    public static IntervalValue DotDot(Value x, Value y) => DotDot(x, y, NaturalsClass);

    public static IntervalValue DotDot(Value x, Value y, string cls)
    {
        long b = Int(y, cls, "DotDot"), a = Int(x, cls, "DotDot");
        return IntervalValue.Of(a, b);
    }
}
