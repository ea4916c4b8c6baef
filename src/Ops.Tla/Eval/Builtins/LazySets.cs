using System.Text;
using Ops.Tla.Values;

namespace Ops.Tla.Eval.Builtins;

/// <summary>
/// An infinite set given by a membership test, such as Graphs!Path(G) (a subset of Seq(G.node)). Membership works;
/// enumeration, cardinality and fingerprinting fail with a <see cref="ValueException"/>, as they do in TLC.
/// </summary>
public sealed class PredicateSetValue : SetBase
{
    private readonly Func<Value, bool> _contains;
    private readonly string _description;

    public PredicateSetValue(string description, Func<Value, bool> contains)
    {
        _description = description;
        _contains = contains;
    }

    public override bool IsFinite => false;

    public override bool Contains(Value v) => _contains(v);

    public override long Count => throw new ValueException($"Attempted to compute the cardinality of the infinite set {_description}.");

    public override SetValue ToEnumerated() =>
        throw new ValueException($"Attempted to enumerate the infinite set {_description}.");

    protected override string Describe() => _description;

    public override int CompareTo(Value other) =>
        other is SetBase ? string.CompareOrdinal(_description, other.ToString()) : CompareKinds(this, other);

    public override ulong Fingerprint =>
        throw new ValueException($"Attempted to fingerprint the infinite set {_description}.");

    public override void Print(StringBuilder sb) => sb.Append(_description);
}
