using Ops.Tla.Values;

namespace Ops.Tla.Eval.Builtins;

/// <summary>What a built-in operator can reach of the running model checker.</summary>
public interface IBuiltinHost
{
    /// <summary>Print / PrintT output (one line each).</summary>
    void Print(string line);

    /// <summary>A warning TLC prints while it evaluates (MP.printWarning), in the run's output: a search adds the hint
    /// about -nowarning to the run's first warning, and prints none with -nowarning.</summary>
    void Warn(string message) => Print("Warning: " + message);
    /// <summary>TLCGet(i) / TLCSet(i, v) registers (per worker in TLC; one table here).</summary>
    Value TlcGet(Value key);
    void TlcSet(Value key, Value value);
    /// <summary>Random numbers for RandomElement and the Randomization module (seeded, deterministic per run).</summary>
    Random Random { get; }

    /// <summary>TLCExt!TLCModelValue(name): the model's model value of that name (created on first use).</summary>
    ModelValue GetModelValue(string name) =>
        throw new ValueException($"TLCModelValue(\"{name}\") is not supported here: no model value table");

    /// <summary>TLCExt!Trace: the behavior from an initial state to the current state, as a sequence of records
    /// [variable |-&gt; value].</summary>
    Value Trace() => throw new ValueException("TLCExt!Trace is not available here: it needs the model checker's state graph");

    /// <summary>TLCExt!CounterExample: the behavior of the violation found, for a POSTCONDITION
    /// (<c>[state |-> {}, action |-> {}]</c> when there is none).</summary>
    Value CounterExample() => FcnValue.Record(new[] { "state", "action" }, new Value[] { SetValue.Empty, SetValue.Empty });

    /// <summary>TLCExt!TLCCache's table for constant expressions, one per run (keyed by the expression's place and the
    /// closure's value); null: nothing is cached.</summary>
    System.Collections.Concurrent.ConcurrentDictionary<(Ops.Tla.Syntax.SourceSpan, Value), Value> ConstantCache => null;
}

/// <summary>
/// A natively implemented operator of a standard or community module. Arguments arrive evaluated: values, or
/// <see cref="OperatorValue"/> for operator parameters. Throw <see cref="ValueException"/> with a message naming the
/// operator for a wrong argument (the evaluator adds file:line:column).
/// </summary>
public sealed class Builtin
{
    public string Name { get; }
    public int Arity { get; }
    public Func<Value[], IBuiltinHost, Value> Fn { get; }
    /// <summary>The implementation when it does not need the host (most operators): called directly, one delegate
    /// call instead of two. Null otherwise.</summary>
    public Func<Value[], Value> Direct { get; }
    /// <summary>Set for operators with effects or answers outside the values of their arguments (files, the clock,
    /// processes): their calls are never cached or evaluated fewer times than written.</summary>
    public bool HasEffects { get; internal set; }
    /// <summary>Set for operators whose answer depends on where the search is (TLCGet("level"), the registers
    /// TLCSet writes): a constant-level definition that calls one is evaluated every time, not once for the run.</summary>
    public bool ReadsSearchState { get; internal set; }
    /// <summary>For an operator of one argument without host: the implementation, called without an argument array.</summary>
    public Func<Value, Value> Direct1 { get; init; }
    /// <summary>For an operator of two arguments without host: the implementation, called without an argument array.</summary>
    public Func<Value, Value, Value> Direct2 { get; init; }
    /// <summary>A function of its arguments alone: no host (Print, TLCGet, random choices) and no effects. Calls of
    /// pure operators may be evaluated once and reused (see <see cref="Ops.Tla.Eval.Hoisting"/>).</summary>
    public bool IsPure => Direct != null && !HasEffects;
    /// <summary>For an operator that needs its arguments unevaluated (TLCExt!AssertError evaluates its second argument
    /// itself, to catch the error): the implementation, given the argument terms and where to evaluate them.</summary>
    public Func<Term[], EvalState, Frame, Value> Lazy { get; init; }
    /// <summary>For an operator with operator parameters: how many arguments each parameter takes (0: a value), from
    /// <see cref="BuiltinSignatures"/>; null: every parameter takes a value.</summary>
    public int[] ParamArities { get; internal set; }
    /// <summary>The names TLC's level bound meets in the module's TLA+ definition of this operator when TLC evaluates
    /// the text (<see cref="TlcDefinitionNames"/>); null for an operator TLC implements in Java.</summary>
    public string[] TlcLevelNames { get; internal set; }

    public Builtin(string name, int arity, Func<Value[], IBuiltinHost, Value> fn, Func<Value[], Value> direct = null)
    {
        Name = name;
        Arity = arity;
        Fn = fn;
        Direct = direct;
    }
}

/// <summary>The operators one module provides natively.</summary>
public sealed class BuiltinModule
{
    public string Name { get; }
    /// <summary>Modules this one EXTENDS (their operators become visible too), e.g. Integers extends Naturals.</summary>
    public string[] Extends { get; }
    public Dictionary<string, Builtin> Operators { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// When the specification ships the module's text, the operators that replace its definitions: those TLC
    /// overrides in Java (the others keep the text's definitions, as in TLC). Null: all operators replace them.
    /// </summary>
    public HashSet<string> TextOverrides { get; private set; }

    public BuiltinModule(string name, params string[] extends)
    {
        Name = name;
        Extends = extends;
    }

    public BuiltinModule Add(string name, int arity, Func<Value[], IBuiltinHost, Value> fn)
    {
        Operators[name] = new Builtin(name, arity, fn);
        return this;
    }

    /// <summary>An operator that evaluates its arguments itself (<see cref="Builtin.Lazy"/>).</summary>
    public BuiltinModule AddLazy(string name, int arity, Func<Term[], EvalState, Frame, Value> fn)
    {
        Operators[name] = new Builtin(name, arity, (_, _) => throw new ValueException($"{name} cannot be passed as a value"))
            { Lazy = fn, HasEffects = true };
        return this;
    }

    public BuiltinModule Add(string name, int arity, Func<Value[], Value> fn)
    {
        Operators[name] = new Builtin(name, arity, (a, _) => fn(a), fn);
        return this;
    }

    /// <summary>An operator of one argument, callable without an argument array.</summary>
    public BuiltinModule Add(string name, Func<Value, Value> fn)
    {
        Operators[name] = new Builtin(name, 1, (a, _) => fn(a[0]), a => fn(a[0])) { Direct1 = fn };
        return this;
    }

    /// <summary>An operator of two arguments, callable without an argument array.</summary>
    public BuiltinModule Add(string name, Func<Value, Value, Value> fn)
    {
        Operators[name] = new Builtin(name, 2, (a, _) => fn(a[0], a[1]), a => fn(a[0], a[1])) { Direct2 = fn };
        return this;
    }

    /// <summary>Marks the named operators (all of them without names) as having effects (<see cref="Builtin.HasEffects"/>).</summary>
    public BuiltinModule WithEffects(params string[] names)
    {
        foreach (var (name, op) in Operators)
            if (names.Length == 0 || Array.IndexOf(names, name) >= 0) op.HasEffects = true;
        return this;
    }

    /// <summary>Marks the named operators as reading the search's state (<see cref="Builtin.ReadsSearchState"/>).</summary>
    public BuiltinModule ReadingSearchState(params string[] names)
    {
        foreach (var name in names) Operators[name].ReadsSearchState = true;
        return this;
    }

    /// <summary>Declares <see cref="TextOverrides"/>.</summary>
    public BuiltinModule OverridingInText(params string[] names)
    {
        TextOverrides = new HashSet<string>(names, StringComparer.Ordinal);
        return this;
    }
}

/// <summary>TLC's Assert(FALSE, msg) (exit code 14).</summary>
public sealed class TlcAssertException : Exception
{
    public TlcAssertException(string message) : base(message) { }
}
