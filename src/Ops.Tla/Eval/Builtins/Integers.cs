using Ops.Tla.Values;

namespace Ops.Tla.Eval.Builtins;

/// <summary>Integers (extends Naturals): Int and unary minus "-.".</summary>
internal static class IntegersModule
{
    public static BuiltinModule Create() =>
        new BuiltinModule("Integers", "Naturals")
            .Add("Int", 0, _ => InfiniteSetValue.Int)
            // Integers' Java class overrides Naturals' operators too (TLC processes it after Naturals): the same
            // operators, whose failures name tlc2.module.Integers.
            .Add("+", (x, y) => Arith.Plus(x, y, Arith.IntegersClass))
            .Add("-", (x, y) => Arith.Minus(x, y, Arith.IntegersClass))
            .Add("*", (x, y) => Arith.Times(x, y, Arith.IntegersClass))
            .Add("^", (x, y) => Arith.Expt(x, y, Arith.IntegersClass))
            .Add("%", (x, y) => Arith.Mod(x, y, Arith.IntegersClass))
            .Add("..", (x, y) => Arith.DotDot(x, y, Arith.IntegersClass))
            .Add("-.", x => Arith.Neg(x))
            .Add("\\div", (x, y) => Arith.DivInt(x, y))
            .Add("\\geq", (x, y) => Arith.Compare(x, y, ">=", ">=", c => c >= 0));
}

/// <summary>Reals (extends Integers): TLC cannot handle real numbers; Real and / work as far as integers allow.</summary>
internal static class RealsModule
{
    public static BuiltinModule Create() =>
        new BuiltinModule("Reals", "Integers")
            .Add("Real", 0, _ => InfiniteSetValue.Real)
            .Add("/", 2, a => Divide(a[0], a[1]))
            .Add("Infinity", 0, _ => throw new ValueException("TLC can't handle real numbers.\nInfinity"));

    private static Value Divide(Value x, Value y)
    {
        if (x is not IntValue a) throw Err.ArgAn("first", "/", "integer", x);
        if (y is not IntValue b) throw Err.ArgAn("second", "/", "integer", y);
        if (b.V == 0) throw new ValueException("The second argument of / is 0.");
        if (a.V % b.V != 0)
            throw new ValueException($"TLC can't handle real numbers.\n{a.V} / {b.V} is not an integer");
        long q = a.V / b.V;
        if (q != (int)q) throw Err.Overflow($"{a.V} / {b.V}");
        return IntValue.Of(q);
    }
}
