namespace Ops.Tla.Values;

/// <summary>
/// The i-th element of a finite set that is represented lazily (an interval, [S -&gt; T], a record set, a product), in
/// some fixed order, without enumerating the set: what a random pick from a huge set needs (TLC's RandomElement and
/// Randomization's RandomSubset pick from <c>1..100000000</c> or a function set of 10^9 elements).
/// </summary>
public static class SetIndexing
{
    /// <summary>Can <see cref="ElementAt"/> index the set (and its parts) and is its size known without enumeration?</summary>
    public static bool IsIndexable(SetBase s)
    {
        try
        {
            return s switch
            {
                IntervalValue or SetValue => true,
                FunctionSetValue fs => fs.Domain.IsFinite && IsIndexable(fs.Range) && CountOf(fs) >= 0,
                CartesianValue cs => cs.Factors.All(IsIndexable) && CountOf(cs) >= 0,
                RecordSetValue rs => rs.Sets.All(IsIndexable) && CountOf(rs) >= 0,
                _ => false,
            };
        }
        catch (ValueException) { return false; }
    }

    private static long CountOf(SetBase s)
    {
        try { return s.Count; }
        catch (OverflowException) { return -1; }
    }

    /// <summary>The element at <paramref name="i"/> (0 &lt;= i &lt; Count).</summary>
    public static Value ElementAt(SetBase s, long i)
    {
        switch (s)
        {
            case IntervalValue iv:
                return IntValue.Of(iv.Lo + i);
            case SetValue sv:
                return sv.Elems[i];
            case FunctionSetValue fs:
            {
                var dom = fs.Domain.ToEnumerated().Elems;
                var vals = new Value[dom.Length];
                Digits(i, vals, _ => fs.Range);
                return FcnValue.FromSorted(dom, vals, fs.Domain is IntervalValue);
            }
            case CartesianValue cs:
            {
                var vals = new Value[cs.Factors.Length];
                Digits(i, vals, d => cs.Factors[d]);
                return FcnValue.Tuple(vals);
            }
            case RecordSetValue rs:
            {
                var vals = new Value[rs.Fields.Length];
                Digits(i, vals, d => rs.Sets[d]);
                return FcnValue.FromSorted(Array.ConvertAll(rs.Fields, f => (Value)f), vals);
            }
            default:
                return s.ToEnumerated().Elems[i];
        }
    }

    /// <summary>i written in the mixed radix of the parts' sizes, last part fastest, each digit made an element.</summary>
    private static void Digits(long i, Value[] into, Func<int, SetBase> part)
    {
        for (int d = into.Length - 1; d >= 0; d--)
        {
            var set = part(d);
            long n = set.Count;
            into[d] = ElementAt(set, i % n);
            i /= n;
        }
    }
}
