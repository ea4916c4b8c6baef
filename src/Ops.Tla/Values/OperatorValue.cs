using System.Text;

namespace Ops.Tla.Values;

/// <summary>
/// An operator passed as an argument to a higher-order operator (a LAMBDA, a user operator name, a built-in).
/// Not a first-class TLA+ value: it is never stored in a state.
/// </summary>
public abstract class OperatorValue : Value
{
    public abstract string Name { get; }
    public abstract int Arity { get; }
    public abstract Value Apply(Value[] args);

    public override ValueKind Kind => ValueKind.Operator;
    public override int CompareTo(Value other) => other is OperatorValue o ? string.CompareOrdinal(Name, o.Name) : CompareKinds(this, other);
    public override bool Equals(Value other) => ReferenceEquals(this, other);
    public override ulong Fingerprint => throw new ValueException($"the operator {Name} is not a value and cannot be part of a state");
    public override void Print(StringBuilder sb) => sb.Append(Name);
}

/// <summary>An operator value backed by a delegate (for tests and built-ins).</summary>
public sealed class DelegateOperator : OperatorValue
{
    private readonly Func<Value[], Value> _fn;
    public DelegateOperator(string name, int arity, Func<Value[], Value> fn) { Name = name; Arity = arity; _fn = fn; }
    public override string Name { get; }
    public override int Arity { get; }
    public override Value Apply(Value[] args) => _fn(args);
}
