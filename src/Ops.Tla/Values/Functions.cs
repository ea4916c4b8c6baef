using System.Runtime.CompilerServices;
using System.Text;

namespace Ops.Tla.Values;

/// <summary>Base of function values: explicit functions (also tuples, sequences and records) and lazy ones.</summary>
public abstract class FcnBase : Value
{
    public override ValueKind Kind => ValueKind.Function;

    /// <summary>f[arg], or null when arg is outside the domain.</summary>
    public abstract Value Apply(Value arg);

    public abstract SetBase Domain { get; }

    /// <summary>The explicit form of this function (throws for an infinite domain).</summary>
    public abstract FcnValue ToFcn();

    /// <summary>The explicit form; a function with an infinite domain stays lazy (a value of another function, as TLC
    /// allows: <c>[i \in Int |-> @ + i]</c>).</summary>
    public override Value Normalize() => Domain.IsFinite ? ToFcn() : this;
    public override int CompareTo(Value other) => other is FcnBase o ? ToFcn().CompareTo(o.ToFcn()) : CompareKinds(this, other);
    public override bool Equals(Value other) => other is FcnBase o && ToFcn().Equals(o.ToFcn());
    public override ulong Fingerprint => ToFcn().Fingerprint;
    public override void Print(StringBuilder sb) => ToFcn().Print(sb);
}

/// <summary>
/// An explicit function. Keys are sorted in TLC's order; a function whose domain is 1..n (a tuple or sequence) is
/// stored with Keys == null. Records are functions from strings.
/// </summary>
public sealed class FcnValue : FcnBase
{
    /// <summary>Sorted domain, or null for the domain 1..Vals.Length.</summary>
    public readonly Value[] Keys;
    public readonly Value[] Vals;
    // The fingerprint, computed on first use; 0 means not yet (a real 0 is just recomputed). One field, so that
    // threads sharing a value never see a half-written cache.
    private ulong _fp;
    /// <summary>Made by a function constructor of one parameter (TLC still holds such a value as a FcnLambdaValue
    /// until it is stored in a state): only the wording of an application outside the domain depends on it.</summary>
    public bool FromConstructor;

    /// <summary>Built as a function (a constructor, <c>:&gt;</c>, <c>@@</c>, an element of <c>[S -&gt; T]</c>, an
    /// EXCEPT of one) rather than as a record: TLC keeps such a function of strings a FcnRcdValue, not a RecordValue,
    /// and words its errors so ("the function [a |-&gt; 1]", compared with a tuple as functions). Not part of the value:
    /// equality and fingerprints ignore it. Only a function with keys has it.</summary>
    public bool NotRecord;

    /// <summary>Which conjuncts of the invariants and constraints were found true of this value, for a conjunct that
    /// reads this one state variable alone (see NamedTerm): the owner's generation in the upper 16 bits, one bit per
    /// conjunct in the lower 16. Not part of the value. (It fits in the object's padding: no memory per value.)</summary>
    internal int CheckedBits;

    /// <summary>The fingerprint if already computed, else 0. Set only to this value's own fingerprint, computed before
    /// (the search on disk stores it with the value: <see cref="Ops.Tla.Checking.Storage.SpillCodec"/>).</summary>
    internal ulong KnownFingerprint
    {
        get => _fp;
        set => _fp = value;
    }

    public static readonly FcnValue EmptyTuple = new(null, Array.Empty<Value>());

    /// <summary>The empty function built as a function (<c>[x \in {} |-> e]</c>): equal to <see cref="EmptyTuple"/>.</summary>
    public static readonly FcnValue EmptyFunction = new(null, Array.Empty<Value>()) { BuiltAsFunction = true, IntervalDomain = false };

    /// <summary>True for a function with domain 1..n built as a function (a constructor, <c>:&gt;</c>, <c>@@</c>)
    /// rather than as a tuple: TLC keeps the two apart (FcnRcdValue, TupleValue) and its Json module writes them
    /// differently (ToJsonObject). Not part of the value: equality and fingerprints ignore it.</summary>
    public bool BuiltAsFunction { get; private init; }

    /// <summary>Whether the domain is an interval (TLC's FcnRcdValue with its intv, or a TupleValue): DOMAIN gives
    /// <c>lo..hi</c>, which prints so. True for a tuple and a function built over an interval (<c>[i \in 2..3 |-&gt;
    /// e]</c>, <c>[1..2 -&gt; S]</c>'s elements, an EXCEPT of one); false for one built over an enumerated set (<c>[i
    /// \in {1, 2} |-&gt; e]</c>, <c>:&gt;</c>, <c>@@</c>), whose DOMAIN prints <c>{1, 2}</c>. Not part of the value:
    /// equality and fingerprints ignore it.</summary>
    public bool IntervalDomain { get; private init; }

    private FcnValue(Value[] keys, Value[] vals) { Keys = keys; Vals = vals; IntervalDomain = keys == null; }

    public static FcnValue Tuple(Value[] vals) => vals.Length == 0 ? EmptyTuple : new FcnValue(null, vals);

    public static FcnValue Tuple(List<Value> vals) => Tuple(vals.ToArray());

    // Pairs of small integers (a grid's positions, <<p[1] + x, p[2] + y>>), made once and shared: a value is never
    // changed once made (a copy is, before anything else holds it: SetWhileUnshared), and states already share the
    // values they hold (the interner), so a pair made again is the same value as the one kept here.
    private const int PairLow = -64, PairSpan = 256;
    private static FcnValue[] _smallPairs;

    /// <summary>The tuple <c>&lt;&lt;a, b&gt;&gt;</c>, shared when both are integers from -64 to 191 (made on first
    /// use); null for any other pair.</summary>
    public static FcnValue SmallPair(Value a, Value b)
    {
        if (a is not IntValue x || b is not IntValue y) return null;
        ulong i = (ulong)(x.V - PairLow), j = (ulong)(y.V - PairLow);
        if (i >= PairSpan || j >= PairSpan) return null;
        // Threads racing here may each make the array or a pair: equal values, one of them kept.
        var pairs = _smallPairs ??= new FcnValue[PairSpan * PairSpan];
        int k = (int)(i * PairSpan + j);
        return pairs[k] ??= new FcnValue(null, new Value[] { x, y });
    }

    /// <summary>A function with domain 1..n built as a function (<c>[i \in 1..n |-> e]</c>), not as a tuple; its
    /// domain an interval unless <paramref name="intervalDomain"/> is false (see <see cref="IntervalDomain"/>).</summary>
    public static FcnValue FunctionOnInterval(Value[] vals, bool intervalDomain = true) =>
        vals.Length == 0 ? EmptyFunction : new FcnValue(null, vals) { BuiltAsFunction = true, IntervalDomain = intervalDomain };

    /// <summary>From keys already sorted and distinct (normalizes 1..n to the tuple form). With
    /// <paramref name="intervalDomain"/>, the keys are an interval's integers and the domain stays that interval (see
    /// <see cref="IntervalDomain"/>).</summary>
    public static FcnValue FromSorted(Value[] keys, Value[] vals, bool intervalDomain = false)
    {
        if (keys.Length == 0) return EmptyFunction;
        bool seq = true;
        for (int i = 0; i < keys.Length; i++)
        {
            if (keys[i] is not IntValue iv || iv.V != i + 1) { seq = false; break; }
        }
        return new FcnValue(seq ? null : keys, vals) { BuiltAsFunction = seq, IntervalDomain = intervalDomain };
    }

    /// <summary>From unsorted pairs; later duplicates of a key are ignored (first wins).</summary>
    public static FcnValue FromPairs(IList<Value> keys, IList<Value> vals)
    {
        int n = keys.Count;
        var idx = new int[n];
        for (int i = 0; i < n; i++) idx[i] = i;
        var normKeys = new Value[n];
        for (int i = 0; i < n; i++) normKeys[i] = keys[i].Normalize();
        if (n <= 16)
        {
            // Insertion sort (stable: equal keys keep their order, so the first wins): no comparison delegate.
            for (int i = 1; i < n; i++)
            {
                int x = idx[i];
                int j = i - 1;
                while (j >= 0 && normKeys[idx[j]].CompareTo(normKeys[x]) > 0)
                {
                    idx[j + 1] = idx[j];
                    j--;
                }
                idx[j + 1] = x;
            }
        }
        else SortIndices(idx, normKeys);
        var k = new List<Value>(n);
        var v = new List<Value>(n);
        foreach (var i in idx)
        {
            if (k.Count > 0 && k[^1].CompareTo(normKeys[i]) == 0) continue;
            k.Add(normKeys[i]);
            v.Add(vals[i]);
        }
        return FromSorted(k.ToArray(), v.ToArray());
    }

    private static void SortIndices(int[] idx, Value[] normKeys)
    {
        try
        {
            Array.Sort(idx, (a, b) =>
            {
                int c = normKeys[a].CompareTo(normKeys[b]);
                return c != 0 ? c : a.CompareTo(b);
            });
        }
        catch (InvalidOperationException e) when (e.InnerException is ValueException ve) { throw ve; }
    }

    /// <summary>From normalized, distinct keys in any order and their values: both arrays are sorted in place by
    /// key and kept.</summary>
    public static FcnValue FromDistinctKeys(Value[] keys, Value[] vals)
    {
        int n = keys.Length;
        if (n <= 16)
        {
            for (int i = 1; i < n; i++)
            {
                var k = keys[i];
                var v = vals[i];
                int j = i - 1;
                while (j >= 0 && keys[j].CompareTo(k) > 0)
                {
                    keys[j + 1] = keys[j];
                    vals[j + 1] = vals[j];
                    j--;
                }
                keys[j + 1] = k;
                vals[j + 1] = v;
            }
        }
        else
        {
            // A comparison that fails (differently-typed model values) is the language's error, not the sort's.
            try { Array.Sort(keys, vals, ValueComparer.Instance); }
            catch (InvalidOperationException e) when (e.InnerException is ValueException ve) { throw ve; }
        }
        return FromSorted(keys, vals);
    }

    /// <summary>A record [f1 |-> v1, ...].</summary>
    public static FcnValue Record(IList<string> fields, IList<Value> vals)
    {
        var keys = new Value[fields.Count];
        for (int i = 0; i < keys.Length; i++) keys[i] = StringValue.Of(fields[i]);
        return FromPairs(keys, vals);
    }

    public int Size => Vals.Length;
    public bool IsTuple => Keys == null;

    /// <summary>A record as TLC holds it (its RecordValue): a function of strings not built as a function
    /// (<see cref="NotRecord"/>).</summary>
    public bool IsTlcRecord => !NotRecord && IsRecord;

    /// <summary>This function, marked as built as a function (<see cref="NotRecord"/>) when it has keys (never the shared
    /// empty ones).</summary>
    public FcnValue AsFunction()
    {
        if (Keys != null) NotRecord = true;
        return this;
    }

    public bool IsRecord
    {
        get
        {
            if (Keys == null || Keys.Length == 0) return false;
            foreach (var k in Keys) if (k is not StringValue) return false;
            return true;
        }
    }

    /// <summary>Built the same way as <paramref name="o"/> (the flags that are not part of the value but decide how it
    /// prints: <see cref="BuiltAsFunction"/>, <see cref="IntervalDomain"/>, <see cref="FromConstructor"/>).</summary>
    public bool SameForm(FcnValue o) =>
        BuiltAsFunction == o.BuiltAsFunction && IntervalDomain == o.IntervalDomain && FromConstructor == o.FromConstructor && NotRecord == o.NotRecord;

    public Value KeyAt(int i) => Keys == null ? IntValue.Of(i + 1) : Keys[i];

    public int IndexOf(Value arg)
    {
        if (Keys == null)
        {
            if (arg is IntValue iv && iv.V >= 1 && iv.V <= Vals.Length) return (int)iv.V - 1;
            return -1;
        }
        if (Keys.Length <= 8)
        {
            for (int i = 0; i < Keys.Length; i++)
                if (ReferenceEquals(Keys[i], arg)) return i;
            for (int i = 0; i < Keys.Length; i++)
                if (Keys[i].Equals(arg)) return i;
            return -1;
        }
        int g = GridIndex(arg);
        if (g >= 0) return g;
        arg = arg.Normalize();
        int lo = 0, hi = Keys.Length - 1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >> 1;
            int c = Keys[mid].CompareTo(arg);
            if (c == 0) return Keys[mid].Equals(arg) ? mid : -1;
            if (c < 0) lo = mid + 1; else hi = mid - 1;
        }
        return -1;
    }

    /// <summary>Where <paramref name="arg"/> would be if the keys were all the integers (or all the tuples of integers,
    /// in TLC's order: row by row) between the first key and the last one, such as <c>0..N+1</c> or <c>(1..N) \X
    /// (1..N)</c>: the index computed from the first and last keys, returned only when the key there is
    /// <paramref name="arg"/> (keys are distinct, so that is its index); otherwise -1, and the search takes over.</summary>
    private int GridIndex(Value arg)
    {
        var keys = Keys;
        if (arg is IntValue a)
        {
            if (keys[0] is not IntValue k0) return -1;
            long d = a.V - k0.V;
            return d >= 0 && d < keys.Length && keys[d] is IntValue kd && kd.V == a.V ? (int)d : -1;
        }
        if (arg is not FcnValue { Keys: null } t || t.Vals.Length == 0 || t.Vals.Length > 4) return -1;
        if (keys[0] is not FcnValue { Keys: null } first || keys[^1] is not FcnValue { Keys: null } last) return -1;
        var av = t.Vals;
        int m = av.Length;
        if (first.Vals.Length != m || last.Vals.Length != m) return -1;
        long idx = 0, stride = 1;
        for (int j = m - 1; j >= 0; j--)
        {
            if (av[j] is not IntValue aj || first.Vals[j] is not IntValue fj || last.Vals[j] is not IntValue lj) return -1;
            long off = aj.V - fj.V, span = lj.V - fj.V + 1;
            if (off < 0 || off >= span) return -1;
            idx += off * stride;
            stride *= span;
            if (stride > keys.Length) return -1;
        }
        if (idx >= keys.Length || keys[idx] is not FcnValue { Keys: null } k || k.Vals.Length != m) return -1;
        for (int j = 0; j < m; j++)
            if (k.Vals[j] is not IntValue kj || kj.V != ((IntValue)av[j]).V) return -1;
        return (int)idx;
    }

    public override Value Apply(Value arg)
    {
        int i = IndexOf(arg);
        return i < 0 ? null : Vals[i];
    }

    /// <summary>The function with the same domain (the same key array) and <paramref name="vals"/> as its values, in
    /// the keys' order.</summary>
    public FcnValue WithValues(Value[] vals) => new(Keys, vals) { BuiltAsFunction = BuiltAsFunction, IntervalDomain = IntervalDomain, NotRecord = NotRecord };

    /// <summary>A copy with f[arg] = v (arg must be in the domain).</summary>
    /// <remarks>When this function's fingerprint is known (a value of a state, or one already compared or looked up),
    /// the copy's is computed at once from it: the entry's hash at <paramref name="index"/> taken out and the new one
    /// added (see <see cref="Fingerprint"/>), without reading the entries the copy shares with this one (old values,
    /// seldom in the cache).</remarks>
    public FcnValue With(int index, Value v)
    {
        var vals = ValueArray.Copy(Vals);
        ValueArray.Set(vals, index, v);
        var copy = new FcnValue(Keys, vals) { BuiltAsFunction = BuiltAsFunction, IntervalDomain = IntervalDomain, NotRecord = NotRecord };
        ulong fp = _fp;
        if (fp != 0) copy._fp = Replaced(fp, index, Vals[index], v);
        return copy;
    }

    /// <summary>Changes the value at index in place. Only for a copy its maker still holds alone, before anything else
    /// read it: the clauses of one EXCEPT after the first update the copy the first one made. A fingerprint the copy
    /// was given when made (<see cref="With"/>) is updated the same way.</summary>
    internal void SetWhileUnshared(int index, Value v)
    {
        ulong fp = _fp;
        if (fp != 0) _fp = Replaced(fp, index, Vals[index], v);
        ValueArray.Set(Vals, index, v);
    }

    /// <summary>The fingerprint <paramref name="fp"/> with the entry at <paramref name="index"/> holding
    /// <paramref name="now"/> instead of <paramref name="was"/>; 0 (not known) when a value has no fingerprint.</summary>
    private ulong Replaced(ulong fp, int index, Value was, Value now)
    {
        if (ReferenceEquals(was, now)) return fp;
        ulong nowFp, wasFp;
        try
        {
            nowFp = now.Fingerprint;
            wasFp = was.Fingerprint;
        }
        catch (Exception e) when (e is ValueException or TlaException) { return 0; }
        ulong k = KeyFingerprint(index);
        return fp - EntryHash(k, wasFp) + EntryHash(k, nowFp);
    }

    /// <summary>What the fingerprint gains when the entry at <paramref name="index"/> holds a value of fingerprint
    /// <paramref name="nowFp"/> instead of its own (wrapping; see <see cref="Fingerprint"/>): the fingerprint of the
    /// copy <see cref="With"/> would make is this one's plus that.</summary>
    internal ulong EntryDelta(int index, ulong nowFp)
    {
        ulong k = KeyFingerprint(index);
        return EntryHash(k, nowFp) - EntryHash(k, Vals[index].Fingerprint);
    }

    /// <summary>The domain as TLC holds it: an interval (<c>1..n</c>, <c>lo..hi</c>) when <see cref="IntervalDomain"/>,
    /// else the enumerated set of the keys.</summary>
    public override SetBase Domain
    {
        get
        {
            if (Keys == null)
            {
                var iv = IntervalValue.Of(1, Vals.Length);
                return IntervalDomain ? iv : iv.ToEnumerated();
            }
            return IntervalDomain ? IntervalValue.Of(((IntValue)Keys[0]).V, ((IntValue)Keys[^1]).V) : new SetValue(Keys);
        }
    }

    public override FcnValue ToFcn() => this;
    public override Value Normalize() => this;

    public override int CompareTo(Value other)
    {
        if (ReferenceEquals(this, other)) return 0;
        FcnValue o;
        if (other is FcnValue direct) o = direct;
        else if (other is FcnBase ob) o = ob.ToFcn();
        else return CompareKinds(this, other);
        int c = Size.CompareTo(o.Size);
        if (c != 0) return c;
        // Records built by one constructor share their key array: nothing to compare there.
        if (!ReferenceEquals(Keys, o.Keys))
        {
            for (int i = 0; i < Size; i++)
            {
                c = KeyAt(i).CompareTo(o.KeyAt(i));
                if (c != 0) return c;
            }
        }
        for (int i = 0; i < Size; i++)
        {
            c = Vals[i].CompareTo(o.Vals[i]);
            if (c != 0) return c;
        }
        return 0;
    }

    public override bool Equals(Value other)
    {
        if (ReferenceEquals(this, other)) return true;
        if (other is not FcnBase ob) return false;
        var o = ob.ToFcn();
        if (ReferenceEquals(this, o)) return true;
        if (o.Size != Size) return false;
        // Fingerprints decide quickly when both are known; computing them just to compare would cost more.
        if (_fp != 0 && o._fp != 0 && _fp != o._fp) return false;
        if ((Keys == null) != (o.Keys == null)) return false;
        // Shared parts are compared by reference first: a successor shares most of its values with its predecessor
        // (and the interner's instance with the value looked up), and reading an element it need not compare would
        // cost a cache miss on an old value.
        if (Keys != null && !ReferenceEquals(Keys, o.Keys))
            for (int i = 0; i < Size; i++)
                if (!ReferenceEquals(Keys[i], o.Keys[i]) && !Keys[i].Equals(o.Keys[i])) return false;
        var a = Vals;
        var b = o.Vals;
        for (int i = 0; i < a.Length; i++)
        {
            var x = a[i];
            var y = b[i];
            if (!ReferenceEquals(x, y) && !x.Equals(y)) return false;
        }
        return true;
    }

    /// <summary>The fingerprint the tuple of <paramref name="items"/> has (without building it).</summary>
    public static ulong TupleFingerprint(ReadOnlySpan<Value> items)
    {
        ulong h = SizeHash(items.Length);
        for (int i = 0; i < items.Length; i++) h += EntryHash(IndexFingerprint(i), items[i].Fingerprint);
        return h;
    }

    /// <summary>A function's fingerprint is its size's hash plus (wrapping) the hashes of its entries, each a
    /// well-mixed hash of the key's and the value's fingerprints together: the order of the sum does not matter, so a
    /// copy with one entry changed (EXCEPT) gets its fingerprint from the original's with two entry hashes, and a
    /// function still differs from one with its values permuted (each value is hashed with its key).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong EntryHash(ulong key, ulong value) => Fp.Finish(Fp.Mix(key, value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong SizeHash(int n) => Fp.Mix(0xF0CUL, (ulong)n);

    /// <summary>The fingerprint of the integer i + 1 (a tuple's key at index i), from a table for short tuples.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong IndexFingerprint(int i) =>
        (uint)i < (uint)IndexFps.Length ? IndexFps[i] : IntValue.FingerprintOf(i + 1L);

    private static readonly ulong[] IndexFps = MakeIndexFps();

    private static ulong[] MakeIndexFps()
    {
        var a = new ulong[64];
        for (int i = 0; i < a.Length; i++) a[i] = IntValue.FingerprintOf(i + 1L);
        return a;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ulong KeyFingerprint(int i) => Keys == null ? IndexFingerprint(i) : Keys[i].Fingerprint;

    /// <summary>Is this the tuple of <paramref name="items"/> (normalized values)?</summary>
    public bool IsTupleOf(ReadOnlySpan<Value> items)
    {
        if (Keys != null || Vals.Length != items.Length) return false;
        for (int i = 0; i < items.Length; i++)
            if (!ReferenceEquals(Vals[i], items[i]) && !Vals[i].Equals(items[i])) return false;
        return true;
    }

    public override ulong Fingerprint
    {
        get
        {
            var cached = _fp;
            if (cached != 0) return cached;
            var vals = Vals;
            var keys = Keys;
            ulong fp = SizeHash(vals.Length);
            if (keys == null)
                for (int i = 0; i < vals.Length; i++) fp += EntryHash(IndexFingerprint(i), vals[i].Fingerprint);
            else
                for (int i = 0; i < vals.Length; i++) fp += EntryHash(keys[i].Fingerprint, vals[i].Fingerprint);
            _fp = fp;
            return fp;
        }
    }

    public override void Print(StringBuilder sb)
    {
        if (Keys == null)
        {
            sb.Append("<<");
            for (int i = 0; i < Vals.Length; i++)
            {
                if (i > 0) sb.Append(", ");
                Vals[i].Print(sb);
            }
            sb.Append(">>");
        }
        else if (IsRecord)
        {
            sb.Append('[');
            for (int i = 0; i < Vals.Length; i++)
            {
                if (i > 0) sb.Append(", ");
                sb.Append(((StringValue)Keys[i]).S).Append(" |-> ");
                Vals[i].Print(sb);
            }
            sb.Append(']');
        }
        else
        {
            sb.Append('(');
            for (int i = 0; i < Vals.Length; i++)
            {
                if (i > 0) sb.Append(" @@ ");
                Keys[i].Print(sb);
                sb.Append(" :> ");
                Vals[i].Print(sb);
            }
            sb.Append(')');
        }
    }
}

/// <summary>
/// <c>[f EXCEPT ![a] = x, ![b][c] = y]</c> not built yet: an explicit function f and up to two changes, each at one
/// index or at an index of one of its rows, at two different indices of f. A successor's primed variable is given
/// this by the one-worker search (<see cref="Ops.Tla.Eval.EvalState.DeferExcept"/>): its fingerprint follows from
/// f's and its rows' (the entries' hashes changed, as <see cref="FcnValue.With"/> does), so a successor already seen,
/// most of them, never has its copies of f and of f's rows made. <see cref="ToFcn"/> makes them, as the EXCEPT
/// would have (the same copies, flags and fingerprints), once the state is new or the value is read: the search
/// builds its new states' values, and reading a variable builds the value it holds (VarTerm, PrimedVarTerm), so
/// that nothing else ever sees this class.
/// </summary>
public sealed class PendingExcept : FcnBase
{
    private readonly FcnValue _base;
    // Per change: the index in f, the index in that row (-1: the change is of f's entry itself), the new value.
    private readonly int _i0, _j0;
    private readonly Value _v0;
    private int _i1 = -1, _j1;
    private Value _v1;
    private FcnValue _built;
    private ulong _fp;

    public PendingExcept(FcnValue baseFcn, int i, int j, Value v)
    {
        _base = baseFcn;
        _i0 = i;
        _j0 = j;
        _v0 = v;
    }

    /// <summary>The function changed (f).</summary>
    internal FcnValue Base => _base;

    /// <summary>How many changes it holds (1 or 2).</summary>
    internal int Changes => _i1 < 0 ? 1 : 2;

    /// <summary>The index in f of the first change.</summary>
    internal int FirstIndex => _i0;

    /// <summary>The function already built (a reader of the variable asked for it), or null.</summary>
    public FcnValue Built => _built;

    /// <summary>Change <paramref name="c"/> (0 or 1): the index in f, the index in that row (-1: f's entry itself is
    /// replaced), the new value.</summary>
    internal (int I, int J, Value V) Change(int c) => c == 0 ? (_i0, _j0, _v0) : (_i1, _j1, _v1);

    /// <summary>A second change, at another index of f than the first's.</summary>
    public void AddSecond(int i, int j, Value v)
    {
        _i1 = i;
        _j1 = j;
        _v1 = v;
    }

    public override SetBase Domain => _base.Domain;
    public override Value Apply(Value arg) => ToFcn().Apply(arg);
    public override Value Normalize() => ToFcn();

    /// <summary>The function, built on first use as the EXCEPT builds it: f copied with the first change (a row's
    /// copy in it for a change of two steps), the second made in that copy.</summary>
    public override FcnValue ToFcn()
    {
        var built = _built;
        if (built != null) return built;
        built = _base.With(_i0, NewEntry(_i0, _j0, _v0));
        if (_i1 >= 0) built.SetWhileUnshared(_i1, NewEntry(_i1, _j1, _v1));
        _built = built;
        return built;
    }

    private Value NewEntry(int i, int j, Value v) => j < 0 ? v : ((FcnValue)_base.Vals[i]).With(j, v);

    public override ulong Fingerprint
    {
        get
        {
            var fp = _fp;
            if (fp != 0) return fp;
            if (_built != null) return _built.Fingerprint;
            try
            {
                fp = _base.Fingerprint + Delta(_i0, _j0, _v0);
                if (_i1 >= 0) fp += Delta(_i1, _j1, _v1);
            }
            catch (Exception e) when (e is ValueException or TlaException)
            {
                // What has no fingerprint fails as the built function's does (its first entry without one).
                return ToFcn().Fingerprint;
            }
            _fp = fp;
            return fp;
        }
    }

    private ulong Delta(int i, int j, Value v)
    {
        if (j < 0) return ReferenceEquals(_base.Vals[i], v) ? 0 : _base.EntryDelta(i, v.Fingerprint);
        var row = (FcnValue)_base.Vals[i];
        if (ReferenceEquals(row.Vals[j], v)) return 0;
        return _base.EntryDelta(i, row.Fingerprint + row.EntryDelta(j, v.Fingerprint));
    }

    /// <summary>Builds, in place, each value of <paramref name="state"/> still held as a <see cref="PendingExcept"/>
    /// (null is left as it is).</summary>
    public static void BuildAll(Value[] state)
    {
        if (state == null) return;
        for (int i = 0; i < state.Length; i++)
            if (state[i] is PendingExcept p) ValueArray.Set(state, i, p.ToFcn());
    }
}

/// <summary>A function with an infinite domain with the value at one argument replaced (EXCEPT on a lazy function).</summary>
public sealed class OverriddenFcn : FcnBase
{
    private readonly FcnBase _base;
    private readonly Value _key, _value;

    public OverriddenFcn(FcnBase baseFcn, Value key, Value value)
    {
        _base = baseFcn;
        _key = key;
        _value = value;
    }

    public override SetBase Domain => _base.Domain;
    public override Value Apply(Value arg) => arg.Equals(_key) ? _value : _base.Apply(arg);

    /// <summary>Over an infinite domain, as TLC prints a FcnLambdaValue with excepts: as the function it was made
    /// from.</summary>
    public override void Print(StringBuilder sb)
    {
        if (Domain.IsFinite) base.Print(sb);
        else _base.Print(sb);
    }

    public override FcnValue ToFcn()
    {
        var fn = _base.ToFcn();
        int idx = fn.IndexOf(_key);
        return idx < 0 ? fn : fn.With(idx, _value);
    }
}
