using Ops.Tla.Values;

namespace Ops.Tla.Eval.Builtins;

/// <summary>TLC's error messages for the standard modules (tlc2.output.MP), so errors read as TLC's do.</summary>
internal static class Err
{
    /// <summary>A value as TLC shows it in a message.</summary>
    public static string Show(Value v) => Ppr.Format(v.ToString());

    public static ValueException Arg(string nth, string op, string expected, Value actual) =>
        new($"The {nth} argument of {op} should be a {expected}, but instead it is:\n{Show(actual)}") { TlcEvalError = true };

    public static ValueException ArgText(string nth, string op, string expected, string actual) =>
        new($"The {nth} argument of {op} should be a {expected}, but instead it is:\n{actual}") { TlcEvalError = true };

    public static ValueException ArgAn(string nth, string op, string expected, Value actual) =>
        new($"The {nth} argument of {op} should be an {expected}, but instead it is:\n{Show(actual)}") { TlcEvalError = true };

    public static ValueException OneArg(string op, string expected, Value actual) =>
        new($"The argument of {op} should be a {expected}, but instead it is:\n{Show(actual)}") { TlcEvalError = true };

    public static ValueException NotInDomain(string nth, string op, string of, Value fcn, Value actual) =>
        new($"The {nth} argument of {op} must be in the domain of its {of} argument:\n{Show(fcn)}\n, but instead it is\n{Show(actual)}") { TlcEvalError = true };

    public static ValueException Evaluating(string form, string kind, Value actual) =>
        new($"Evaluating an expression of the form {form} when s is not a {kind}:\n{Show(actual)}") { TlcEvalError = true };

    public static ValueException WrongValue(string op, string what, Value actual) =>
        new($"Applying {op} to the following value,\nwhich is not {what}:\n{Show(actual)}") { TlcEvalError = true };

    public static ValueException EmptySeq(string op) => new($"Attempted to apply {op} to the empty sequence.") { TlcEvalError = true };

    public static ValueException Overflow(string expr) => new($"Overflow when computing {expr}") { TlcEvalError = true };

    /// <summary>A failure inside one of TLC's Java overrides, wrapped as TLC's MethodValue wraps it; <paramref name="method"/>
    /// is the Java method as TLC prints it (<c>public static tlc2.value.impl.Value tlc2.module.TLC.PrintT(tlc2.value.impl.Value)</c>).</summary>
    public static ValueException InOverride(string method, string error) =>
        new("Attempted to apply the operator overridden by the Java method\n" + method + ",\nbut it produced the following error:\n" + error) { TlcRuntime = true };

    public static ValueException Cardinality(Value actual) =>
        new($"Attempted to compute cardinality of the value\n{Show(actual)}") { TlcEvalError = true };

    public static ValueException TlcGetUndefined(Value key) =>
        new($"TLCGet({(key is StringValue s ? s.S : key.ToString())}) was undefined.");
}

/// <summary>Conversions of arguments in the manner of TLC's toTuple / toFcnRcd / toSetEnum (null when not possible).</summary>
internal static class Conv
{
    /// <summary>The value as an explicit function with a finite domain, or null.</summary>
    public static FcnValue Fcn(Value v)
    {
        if (v is FcnValue f) return f;
        if (v is FcnBase fb)
        {
            var dom = fb.Domain;
            if (!dom.IsFinite) return null;
            return fb.ToFcn();
        }
        return null;
    }

    /// <summary>The value as a tuple (a function with domain 1..n), or null.</summary>
    public static FcnValue Tuple(Value v)
    {
        var f = Fcn(v);
        return f != null && f.IsTuple ? f : null;
    }

    /// <summary>The value as a finite set, or null.</summary>
    public static SetBase FiniteSet(Value v) => v is SetBase s && s.IsFinite ? s : null;

    /// <summary>The value as an enumerated finite set, or null.</summary>
    public static SetValue EnumSet(Value v) => v is SetBase s && s.IsFinite ? s.ToEnumerated() : null;

    public static bool IsInt(Value v, out long n)
    {
        if (v is IntValue i) { n = i.V; return true; }
        n = 0;
        return false;
    }

    /// <summary>Calls an operator argument (or an applicable function, as TLC allows where it says Applicable).</summary>
    public static Value Call(Value op, params Value[] args)
    {
        if (op is OperatorValue o) return o.Apply(args);
        if (op is FcnBase f)
        {
            var arg = args.Length == 1 ? args[0] : FcnValue.Tuple(args);
            var r = f.Apply(arg);
            if (r == null)
                throw new ValueException($"Attempted to apply function:\n{Err.Show(f)}\nto argument {Err.Show(arg)}, which is not in the domain of the function.");
            return r;
        }
        throw new ValueException($"Attempted to apply the non-operator value {Err.Show(op)} to arguments.");
    }

    public static int Idx(long n) => n > int.MaxValue ? int.MaxValue : n < int.MinValue ? int.MinValue : (int)n;
}
