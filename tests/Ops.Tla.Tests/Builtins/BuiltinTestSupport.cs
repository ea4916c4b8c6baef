using Xunit;
using Ops.Tla.Eval.Builtins;
using Ops.Tla.Values;

namespace Ops.Tla.Tests.Builtins;

/// <summary>A host that records Print output and keeps TLCGet/TLCSet registers in a dictionary.</summary>
public sealed class FakeHost : IBuiltinHost
{
    public readonly List<string> Printed = new();
    public readonly Dictionary<Value, Value> Registers = new();
    public readonly ModelValueTable ModelValues = new();
    public Random Random { get; } = new(12345);

    public void Print(string line) => Printed.Add(line);

    public Value TlcGet(Value key)
    {
        if (key is StringValue { S: "level" }) return IntValue.Of(7);
        return Registers.TryGetValue(key, out var v) ? v : null;
    }

    public void TlcSet(Value key, Value value) => Registers[key] = value;

    public ModelValue GetModelValue(string name) => ModelValues.Get(name);
}

public static class V
{
    public static IntValue I(long n) => IntValue.Of(n);
    public static StringValue S(string s) => StringValue.Of(s);
    public static BoolValue B(bool b) => BoolValue.Of(b);
    public static FcnValue Tup() => FcnValue.EmptyTuple;
    public static SetValue Set() => SetValue.Empty;
    public static FcnValue Tup(params Value[] vs) => FcnValue.Tuple(vs);
    public static FcnValue Tup(params long[] vs) => FcnValue.Tuple(vs.Select(x => (Value)IntValue.Of(x)).ToArray());
    public static SetValue Set(params Value[] vs) => SetValue.From(vs);
    public static SetValue Set(params long[] vs) => SetValue.From(vs.Select(x => (Value)IntValue.Of(x)));
    public static FcnValue Rec(params (string, Value)[] fs) => FcnValue.Record(fs.Select(f => f.Item1).ToList(), fs.Select(f => f.Item2).ToList());
    public static FcnValue Fcn(params (Value, Value)[] kv) => FcnValue.FromPairs(kv.Select(p => p.Item1).ToList(), kv.Select(p => p.Item2).ToList());
    public static OperatorValue Op(string name, int arity, Func<Value[], Value> f) => new DelegateOperator(name, arity, f);
}

/// <summary>Calls built-ins by module and operator name, following EXTENDS.</summary>
public abstract class BuiltinTestBase
{
    protected readonly FakeHost Host = new();

    protected static Builtin Resolve(string module, string op)
    {
        var m = StandardLibrary.Find(module) ?? throw new InvalidOperationException("no module " + module);
        if (m.Operators.TryGetValue(op, out var b)) return b;
        foreach (var e in m.Extends)
        {
            try { return Resolve(e, op); }
            catch (KeyNotFoundException) { }
        }
        throw new KeyNotFoundException($"{module}!{op}");
    }

    protected Value Call(string module, string op, params Value[] args)
    {
        var b = Resolve(module, op);
        Assert.Equal(b.Arity, args.Length);
        return b.Fn(args, Host);
    }

    protected string Str(string module, string op, params Value[] args) => Call(module, op, args).ToString();

    protected string Error(string module, string op, params Value[] args)
    {
        var ex = Assert.ThrowsAny<Exception>(() => Call(module, op, args));
        Assert.True(ex is ValueException || ex is TlcAssertException, "unexpected " + ex.GetType() + ": " + ex);
        return ex.Message;
    }
}
