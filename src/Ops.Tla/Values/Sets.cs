using System.Text;

namespace Ops.Tla.Values;

/// <summary>Base of every set: enumerated sets and lazily represented ones (intervals, SUBSET, [S -> T], ...).</summary>
public abstract class SetBase : Value
{
    public override ValueKind Kind => ValueKind.Set;

    /// <summary>Membership without enumerating the set where possible.</summary>
    public abstract bool Contains(Value v);

    public abstract bool IsFinite { get; }

    /// <summary>The set as a sorted, de-duplicated array. Throws <see cref="ValueException"/> for an infinite set.</summary>
    public abstract SetValue ToEnumerated();

    public virtual long Count => ToEnumerated().Elems.Length;

    /// <summary>The elements in TLC's canonical order.</summary>
    public virtual IEnumerable<Value> Elements => ToEnumerated().Elems;

    /// <summary>The enumerated form; an infinite set (Nat, a product with Nat) stays as it is, so that it may be an
    /// element of a set or a function's value (TLC: <c>{Nat, Int}</c>).</summary>
    public override Value Normalize() => IsFinite ? ToEnumerated() : this;

    public override int CompareTo(Value other)
    {
        if (other is not SetBase o) return CompareKinds(this, other);
        if (o is IntervalValue iv && this is SetValue) return -iv.CompareTo(this);
        // Two sets that cannot be enumerated ({[S -> Nat], [T -> Nat]}, kept lazy as TLC keeps them) are ordered by
        // their descriptions, as Equals tells them apart; a finite set and an infinite one fail in ToEnumerated.
        if (!IsFinite && !o.IsFinite) return string.CompareOrdinal(Describe(), o.Describe());
        if (IsFinite != o.IsFinite)
        {
            var (fin, inf) = IsFinite ? (this, o) : (o, this);
            throw new ValueException($"Attempted to compare the set {TlcCompare.Show(fin)} with the value:\n{TlcCompare.Show(inf)}");
        }
        var a = ToEnumerated().Elems;
        var b = o.ToEnumerated().Elems;
        int c = a.Length.CompareTo(b.Length);
        if (c != 0) return c;
        for (int i = 0; i < a.Length; i++)
        {
            c = a[i].CompareTo(b[i]);
            if (c != 0) return c;
        }
        return 0;
    }

    public override bool Equals(Value other)
    {
        if (ReferenceEquals(this, other)) return true;
        if (other is not SetBase o) return false;
        if (o is IntervalValue iv && this is SetValue) return iv.Equals(this);
        if (!IsFinite || !o.IsFinite) return InfiniteEquals(o);
        var a = ToEnumerated();
        var b = o.ToEnumerated();
        if (ReferenceEquals(a, b)) return true;
        if (a.Elems.Length != b.Elems.Length) return false;
        if (a.KnownFingerprint != 0 && b.KnownFingerprint != 0 && a.KnownFingerprint != b.KnownFingerprint) return false;
        for (int i = 0; i < a.Elems.Length; i++)
            if (!a.Elems[i].Equals(b.Elems[i])) return false;
        return true;
    }

    /// <summary>Equality when at least one side is infinite: only identical descriptions are known to be equal.</summary>
    protected virtual bool InfiniteEquals(SetBase other)
    {
        if (IsFinite != other.IsFinite) return false;
        return Describe() == other.Describe();
    }

    /// <summary>TLC's error for <c>this = other</c> when this set cannot be enumerated and the two are not the same
    /// set by construction (TLC enumerates to compare, and fails).</summary>
    public virtual string EqualityError(Value other)
    {
        try { ToEnumerated(); }
        catch (ValueException e) { return e.Message; }
        return TlcCompare.EqualityMessage(this, other);
    }

    /// <summary>A textual description used for infinite sets (Nat, Int, Seq(S), ...).</summary>
    protected virtual string Describe() => ToString();

    /// <summary>The set as written, without enumerating it (<c>[0..2 -&gt; 1..2000]</c>, <c>SUBSET S</c>): how TLC prints
    /// a set it has not enumerated, in messages about sets too large to enumerate or count.</summary>
    public virtual string Unenumerated() => ToString();

    /// <summary>A set that cannot be enumerated has no fingerprint: a state holding it is TLC's error (its
    /// <c>fingerPrint</c> enumerates the set, and fails with <see cref="NotEnumerableMessage"/>).</summary>
    public override ulong Fingerprint => IsFinite ? ToEnumerated().Fingerprint : throw new ValueException(NotEnumerableMessage());

    /// <summary>TLC's message when it enumerates this set and cannot (its <c>toSetEnum</c>/<c>elements</c>): the part
    /// that is not enumerable, named as TLC names it for each kind of set.</summary>
    public virtual string NotEnumerableMessage()
    {
        try { ToEnumerated(); }
        catch (ValueException e) { return e.Message; }
        return $"cannot enumerate {this}";
    }

    public override void Print(StringBuilder sb)
    {
        if (PrintOptions.Terse && PrintTerse(sb)) return;
        if (IsFinite) ToEnumerated().Print(sb);
        else if (PrintOptions.Expanding) throw PrintOptions.NotExpandable(SizeMessage);
        else sb.Append(Describe());
    }

    /// <summary>TLC's message when it asks the number of elements of this set and cannot (its <c>size()</c>, which
    /// Cardinality and printing a set of sets, functions, records or tuples ask first): the part without a size, or
    /// for a set TLC keeps as an operation (<c>S \cup T</c>, <c>{x \in S : p}</c>) its enumeration's failure.</summary>
    public virtual string SizeMessage() => NotEnumerableMessage();

    /// <summary>TLC's -terse: prints the set as written when it is one TLC keeps unexpanded; false otherwise.</summary>
    protected virtual bool PrintTerse(StringBuilder sb) => false;

    /// <summary>Every combination of one element from each part (in odometer order), made into a value, as a set.
    /// Empty when a part is empty; one combination of nothing when there are no parts.</summary>
    protected static SetValue Product(Value[][] parts, Func<Value[], Value> make)
    {
        if (parts.Any(p => p.Length == 0)) return SetValue.Empty;
        var list = new List<Value>();
        var idx = new int[parts.Length];
        while (true)
        {
            var vals = new Value[parts.Length];
            for (int i = 0; i < parts.Length; i++) vals[i] = parts[i][idx[i]];
            list.Add(make(vals));
            int k = parts.Length - 1;
            while (k >= 0)
            {
                if (++idx[k] < parts[k].Length) break;
                idx[k] = 0;
                k--;
            }
            if (k < 0) break;
        }
        return SetValue.FromList(list);
    }

    public bool IsSubsetOf(SetBase other)
    {
        // Decided from the parts where they say it, without enumerating (TLC: SUBSET (1..23) \subseteq SUBSET (1..42)).
        if (this is SubsetValue sa && other is SubsetValue sb) return sa.Base.IsSubsetOf(sb.Base);
        if (this is IntervalValue ia && other is IntervalValue ib) return ia.Count == 0 || (ia.Lo >= ib.Lo && ia.Hi <= ib.Hi);
        foreach (var e in Elements)
            if (!other.Contains(e)) return false;
        return true;
    }
}

/// <summary>An explicit finite set: elements sorted in TLC's order, without duplicates.</summary>
public sealed class SetValue : SetBase
{
    public readonly Value[] Elems;
    private ulong _fp; // 0: not computed yet (see FcnValue)

    public static readonly SetValue Empty = new(Array.Empty<Value>());

    /// <summary>Wraps an array that is already sorted and de-duplicated.</summary>
    public SetValue(Value[] sortedDistinct) { Elems = sortedDistinct; }

    /// <summary>For a set made by <see cref="TlaValue.Set(object[])"/> to bind a constant: its elements in the order
    /// given, which ranks its strings as a .cfg listing them in that order would (TLC interns a .cfg's strings as it
    /// reads them); null for any other set. Not part of the value, and kept beside it (such sets are few; a field
    /// would make every set larger).</summary>
    internal Value[] GivenOrder
    {
        get => GivenOrders.TryGetValue(this, out var given) ? given : null;
        init => GivenOrders.AddOrUpdate(this, value);
    }

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<SetValue, Value[]> GivenOrders = new();

    // How TLC holds this set, where a missed membership's words depend on it (TLC's SetEnumValue.member searches a
    // normalized set by compareTo, a binary search, and one it has not normalized by equality, in the order it holds
    // the elements). Kept in the bits of _kindMask above the kinds (no field of its own): NormalizedBit, a set TLC
    // builds normalized (an interval's difference or intersection, a filter of an enumerable set, a configuration's
    // set); the first element TLC holds, as 1 + its position, when it is not the smallest (<c>{4, 1}</c>,
    // <c>{4} \cup (1..3)</c>); UnionBit, TLC's UnionValue of the sets kept beside it (rare). None of them: an
    // enumerated set TLC has not normalized, searched in this set's order. Set once, on a set just built (never on a
    // shared one), and read only when a membership misses (see TlcCompare.MissedMember). A set whose fingerprint was
    // computed (a state's value) is normalized as well: TLC's fingerPrint normalizes the set.
    private const int KindBits = (1 << 17) - 1, NormalizedBit = 1 << 30, UnionBit = 1 << 29, FirstShift = 17, FirstMax = (1 << 12) - 1;
    private const int FirstBits = FirstMax << FirstShift;

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<SetValue, List<SetBase>> Unions = new();

    /// <summary>Does TLC hold this set otherwise than an enumerated set it has not normalized, in this set's order?</summary>
    internal bool HasHeldMark => (_kindMask & ~KindBits) != 0 || _fp != 0;

    /// <summary>Would TLC hold this set normalized (built so, or fingerprinted)?</summary>
    internal bool HeldNormalized => _fp != 0 || (_kindMask & NormalizedBit) != 0;

    /// <summary>The first element as TLC holds this set (the first its search by equality meets).</summary>
    internal Value HeldFirst => (_kindMask & FirstBits) is var b && b != 0 ? Elems[(b >> FirstShift) - 1] : Elems[0];

    /// <summary>The sets of TLC's UnionValue this set is, or null.</summary>
    internal List<SetBase> HeldUnion => (_kindMask & UnionBit) != 0 && Unions.TryGetValue(this, out var sets) ? sets : null;

    /// <summary>Marks a set just built as one TLC builds normalized.</summary>
    internal SetValue MarkNormalized()
    {
        if (Elems.Length > 1 && (_kindMask & ~KindBits) == 0) _kindMask |= NormalizedBit;
        return this;
    }

    /// <summary>Marks a set just built, which TLC holds unnormalized, with the first element TLC holds
    /// (<paramref name="first"/>), when that is not the first in this set's order.</summary>
    internal SetValue MarkFirst(Value first)
    {
        if (Elems.Length < 2 || (_kindMask & ~KindBits) != 0 || ReferenceEquals(first, Elems[0])) return this;
        int i;
        try { i = Array.BinarySearch(Elems, first, ValueComparer.Instance); }
        catch (InvalidOperationException) { return this; }
        if (i > 0 && i < FirstMax) _kindMask |= (i + 1) << FirstShift;
        return this;
    }

    /// <summary>Marks a set just built as TLC's UnionValue of <paramref name="sets"/>.</summary>
    internal SetValue MarkUnion(List<SetBase> sets)
    {
        if (Elems.Length == 0) return this;
        Unions.AddOrUpdate(this, sets);
        _kindMask = (_kindMask & KindBits) | UnionBit;
        return this;
    }

    /// <summary>Builds a set from any elements (sorts, removes duplicates, normalizes lazy elements).</summary>
    public static SetValue From(IEnumerable<Value> items)
    {
        var list = new List<Value>();
        foreach (var v in items) list.Add(v.Normalize());
        return FromList(list);
    }

    /// <summary>Builds a set from a list of normalized elements (the list is left as it was).</summary>
    public static SetValue FromList(List<Value> list)
    {
        if (list.Count == 0) return Empty;
        if (list.Count == 1) return new SetValue(new[] { list[0] });
        var arr = new Value[list.Count];
        list.CopyTo(arr);
        return FromArray(arr);
    }

    /// <summary>Builds a set from an array of normalized elements that the set may keep (sorted and de-duplicated
    /// in place, so the caller must not use the array afterwards).</summary>
    public static SetValue FromArray(Value[] arr)
    {
        int n = arr.Length;
        if (n == 0) return Empty;
        // Already strictly increasing (the common case: elements produced in order)?
        int i = 1;
        while (i < n && arr[i - 1].CompareTo(arr[i]) < 0) i++;
        if (i == n) return new SetValue(arr);
        if (n <= 16)
        {
            // Insertion sort from the first element out of order.
            for (; i < n; i++)
            {
                var x = arr[i];
                int j = i - 1;
                while (j >= 0 && arr[j].CompareTo(x) > 0)
                {
                    arr[j + 1] = arr[j];
                    j--;
                }
                arr[j + 1] = x;
            }
        }
        else
        {
            // A comparison that fails (differently-typed model values) is the language's error, not the sort's.
            try { Array.Sort(arr, ValueComparer.Instance); }
            catch (InvalidOperationException e) when (e.InnerException is ValueException ve) { throw ve; }
        }
        int m = 1;
        for (int k = 1; k < n; k++)
            if (arr[k].CompareTo(arr[m - 1]) != 0) arr[m++] = arr[k];
        if (m != n) Array.Resize(ref arr, m);
        return new SetValue(arr);
    }

    public static SetValue Of(params Value[] items) => From(items);

    /// <summary>A set written from these normalized elements (in the order given), as TLC keeps one it has not
    /// normalized yet (SetEnumValue with isNorm false): sorted and de-duplicated when TLC could sort it, otherwise
    /// an <see cref="UnorderedSetValue"/> that keeps the elements as given and the error TLC's sort raises, for the
    /// operations that normalize it. The array may be kept or sorted in place (the caller must not use it
    /// afterwards).</summary>
    /// <remarks>Whether TLC can sort the elements is decided without a cost for the sets it can: Ops's own order
    /// compares values of different kinds by kind, and counts such comparisons (<see
    /// cref="TlcCompare.CrossKindComparisons"/>); only when one happened while these elements were ordered (or a
    /// comparison failed) is TLC's sort replayed with TLC's comparisons (<see cref="TlcCompare.SortError"/>). A sort
    /// compares every two elements that end up next to each other, and where those two can be compared, so can any
    /// two, so a sort that met no comparison of different kinds is TLC's sort without an error.</remarks>
    /// <remarks>The set keeps the first element as written (<see cref="MarkFirst"/>) unless
    /// <paramref name="markFirst"/> is false (the elements are not in TLC's order).</remarks>
    public static SetBase Build(Value[] arr, bool markFirst = true)
    {
        int n = arr.Length;
        if (n <= 1) return n == 0 ? Empty : new SetValue(arr);
        int before = TlcCompare.CrossKindComparisons;
        int i = 1;
        try
        {
            while (i < n && arr[i - 1].CompareTo(arr[i]) < 0) i++;
        }
        catch (ValueException) { return Unordered(arr, null); }
        if (i == n && TlcCompare.CrossKindComparisons == before) return new SetValue(arr);
        var written = ValueArray.Copy(arr);
        SetValue sorted;
        try { sorted = FromArray(arr); }
        catch (ValueException) { return Unordered(written, null); }
        var built = TlcCompare.CrossKindComparisons == before ? sorted : Unordered(written, sorted);
        return markFirst && built is SetValue set ? set.MarkFirst(written[0]) : built;
    }

    /// <summary>As <see cref="Build(Value[])"/>, from elements not normalized yet, in the order TLC enumerates them
    /// (the array is left as it was): the set a module's operator writes as <c>{s[i] : i \in DOMAIN s}</c> (ToSet,
    /// Range), which TLC keeps unnormalized until it must sort it.</summary>
    public static SetBase BuildFrom(Value[] items)
    {
        var arr = new Value[items.Length];
        for (int i = 0; i < arr.Length; i++) arr[i] = items[i].Normalize();
        return Build(arr);
    }

    /// <summary>As <see cref="Build(Value[])"/>, from a list (left as it was).</summary>
    public static SetBase Build(List<Value> list, bool markFirst = true) => list.Count == 0 ? Empty : Build(list.ToArray(), markFirst);

    /// <summary>The elements as written, when Ops's order met a comparison TLC cannot make: the set TLC's sort leaves
    /// (<paramref name="sorted"/>, or the elements sorted again) if TLC's sort gets through, else the unordered set.</summary>
    private static SetBase Unordered(Value[] written, SetValue sorted)
    {
        var error = TlcCompare.SortError(written);
        if (error != null) return new UnorderedSetValue(written, error);
        return sorted ?? FromArray(ValueArray.Copy(written));
    }

    /// <summary>The fingerprint if already computed, else 0. Set only to this set's own fingerprint, computed before
    /// (see <see cref="FcnValue.KnownFingerprint"/>).</summary>
    internal ulong KnownFingerprint
    {
        get => _fp;
        set => _fp = value;
    }

    public override bool IsFinite => true;
    public override SetValue ToEnumerated() => this;
    public override long Count => Elems.Length;
    public override IEnumerable<Value> Elements => Elems;

    // Membership in a large set that is tested again and again (a set held in the states, like a graph's edges) goes
    // through a hash index of the elements' fingerprints, built after a few tests: one fingerprint and one equality
    // test instead of a binary search of deep comparisons. Equal values have equal fingerprints.
    private const int IndexFrom = 16, ProbesBeforeIndex = 8;
    private int[] _index; // open addressing: 1 + position of the element, 0 for an empty slot
    private int _probes;

    private int[] BuildIndex()
    {
        var elems = Elems;
        int size = 1;
        while (size < elems.Length * 2) size <<= 1;
        var index = new int[size];
        int mask = size - 1;
        try
        {
            for (int p = 0; p < elems.Length; p++)
            {
                int i = Slot(elems[p].Fingerprint, mask);
                while (index[i] != 0) i = (i + 1) & mask;
                index[i] = p + 1;
            }
        }
        catch (ValueException)
        {
            // An element without a fingerprint (one holding Nat): the set is searched without an index.
            _probes = int.MinValue;
            return null;
        }
        Volatile.Write(ref _index, index);
        return index;
    }

    private static int Slot(ulong fp, int mask) => (int)((fp * 0x9E3779B97F4A7C15UL) >> 32) & mask;

    /// <summary>Is the tuple of <paramref name="items"/> (normalized values) an element? Decided without building
    /// the tuple: through the hash index when the set has one (or is tested often enough to get one), else by
    /// looking at each element.</summary>
    public bool ContainsTuple(ReadOnlySpan<Value> items)
    {
        var elems = Elems;
        if (elems.Length >= IndexFrom)
        {
            var index = Volatile.Read(ref _index);
            if (index == null && ++_probes > ProbesBeforeIndex) index = BuildIndex();
            if (index != null && TryFingerprint(items, out ulong fp))
            {
                int mask = index.Length - 1;
                for (int i = Slot(fp, mask); ; i = (i + 1) & mask)
                {
                    int p = index[i];
                    if (p == 0) return MissedTuple(items);
                    if (elems[p - 1] is FcnValue e && e.Fingerprint == fp && e.IsTupleOf(items)) return true;
                }
            }
        }
        foreach (var x in elems)
            if (x is FcnValue e && e.IsTupleOf(items)) return true;
        return MissedTuple(items);
    }

    private bool MissedTuple(ReadOnlySpan<Value> items)
    {
        if ((KindMask & ~((1 << (int)ValueKind.Function) | (1 << (int)ValueKind.ModelValue))) != 0 || !TupleHasElementShape(items))
            TlcCompare.MissedMember(this, FcnValue.Tuple(items.ToArray()));
        return false;
    }

    /// <summary>Whether a tuple of these items has the shape every element has (then no comparison can fail), without
    /// building the tuple.</summary>
    private bool TupleHasElementShape(ReadOnlySpan<Value> items)
    {
        return TlcCompare.Fits(TlcCompare.TupleShape(items), ElementShape);
    }

    private int _kindMask;
    private ulong _elementShape; // 0: not computed yet

    /// <summary>The one shape of the elements (<see cref="TlcCompare.Shape"/>), or TlcCompare.MixedShape; computed on
    /// first use.</summary>
    internal ulong ElementShape
    {
        get
        {
            var s = _elementShape;
            if (s == 0) _elementShape = s = Elems.Length == 0 ? TlcCompare.MixedShape : TlcCompare.UniformShape(Elems);
            return s;
        }
    }

    /// <summary>For a set made of some of <paramref name="whole"/>'s elements: takes the kinds and the element shape
    /// whole has computed, which cover this set's elements too (they may name a kind or a shape this set no longer
    /// has, so a check that uses them can only be more careful, never miss an error).</summary>
    internal void InheritShapeOf(SetValue whole)
    {
        if (Elems.Length == 0) return;
        _kindMask = (_kindMask & ~KindBits) | (whole._kindMask & KindBits);
        _elementShape = whole._elementShape;
    }

    /// <summary>Set in <see cref="KindMask"/> when an element is a typed model value.</summary>
    internal const int TypedModelValueBit = 1 << 16;

    /// <summary>The kinds of the elements, one bit per <see cref="ValueKind"/>, and <see cref="TypedModelValueBit"/>
    /// (computed on first use).</summary>
    internal int KindMask
    {
        get
        {
            int m = _kindMask & KindBits;
            if (m != 0 || Elems.Length == 0) return m;
            foreach (var e in Elems)
            {
                m |= 1 << (int)e.Kind;
                if (e is ModelValue mv && TlcCompare.IsTyped(mv)) m |= TypedModelValueBit;
            }
            _kindMask = m | (_kindMask & ~KindBits);
            return m;
        }
    }

    public override bool Contains(Value v)
    {
        v = v.Normalize();
        var elems = Elems;
        if (elems.Length >= IndexFrom)
        {
            var index = Volatile.Read(ref _index);
            if (index == null && ++_probes > ProbesBeforeIndex) index = BuildIndex();
            if (index != null && TryFingerprint(v, out ulong fp))
            {
                int mask = index.Length - 1;
                for (int i = Slot(fp, mask); ; i = (i + 1) & mask)
                {
                    int p = index[i];
                    if (p == 0) { TlcCompare.MissedMember(this, v); return false; }
                    var e = elems[p - 1];
                    if (e.Fingerprint == fp && e.Equals(v)) return true;
                }
            }
        }
        int lo = 0, hi = Elems.Length - 1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >> 1;
            int c = Elems[mid].CompareTo(v);
            if (c == 0) return true;
            if (c < 0) lo = mid + 1; else hi = mid - 1;
        }
        // Not an element: TLC's search compares the value with elements of other kinds, an error there.
        TlcCompare.MissedMember(this, v);
        return false;
    }

    // A value without a fingerprint (one holding Nat) is looked for without the index; it is no indexed element.
    private static bool TryFingerprint(Value v, out ulong fp)
    {
        try { fp = v.Fingerprint; return true; }
        catch (ValueException) { fp = 0; return false; }
    }

    private static bool TryFingerprint(ReadOnlySpan<Value> items, out ulong fp)
    {
        try { fp = FcnValue.TupleFingerprint(items); return true; }
        catch (ValueException) { fp = 0; return false; }
    }

    public override ulong Fingerprint
    {
        get
        {
            var cached = _fp;
            if (cached != 0) return cached;
            ulong h = Fp.Mix(0x5E7UL, (ulong)Elems.Length);
            foreach (var e in Elems) h = Fp.Mix(h, e.Fingerprint);
            var fp = Fp.Finish(h);
            _fp = fp;
            return fp;
        }
    }

    public override void Print(StringBuilder sb)
    {
        sb.Append('{');
        for (int i = 0; i < Elems.Length; i++)
        {
            if (i > 0) sb.Append(", ");
            Elems[i].Print(sb);
        }
        sb.Append('}');
    }
}

/// <summary><c>lo..hi</c>, kept as an interval as TLC keeps it (tlc2.value.impl.IntervalValue): a state, a tuple or a
/// set holds it as it is, and it prints as <c>1..4</c> (empty, as <c>{}</c>), where a set built otherwise (<c>(1..3)
/// \cup {4}</c>, <c>{x \in 1..4 : P}</c>) prints enumerated. As a value it is the set of its integers: equality, TLC's
/// order and the fingerprint are those of the enumerated set (IntervalValue.fingerPrint extends by SETENUMVALUE as
/// SetEnumValue does).</summary>
public sealed class IntervalValue : SetBase
{
    public readonly long Lo, Hi;
    private SetValue _enum;
    private ulong _fp; // 0: not computed yet
    public IntervalValue(long lo, long hi) { Lo = lo; Hi = hi; }
    public override string Unenumerated() => $"{Lo}..{Hi}";

    // 0..n and 1..n for small n, one shared value each (DOMAIN of a sequence, a..b in a loop): intervals are values,
    // and what they cache (their enumeration) is the same for every user.
    private const int SharedBelow = 256;
    private static readonly IntervalValue[] FromZero = new IntervalValue[SharedBelow], FromOne = new IntervalValue[SharedBelow];

    /// <summary>The interval lo..hi (a shared instance for the small ones from 0 or 1).</summary>
    public static IntervalValue Of(long lo, long hi)
    {
        if ((lo == 0 || lo == 1) && hi >= -1 && hi < SharedBelow)
        {
            var table = lo == 0 ? FromZero : FromOne;
            int i = (int)hi + 1;
            if (i < SharedBelow) return table[i] ??= new IntervalValue(lo, hi);
        }
        return new IntervalValue(lo, hi);
    }
    public override bool IsFinite => true;
    public override long Count => Hi < Lo ? 0 : Hi - Lo + 1;
    public override bool Contains(Value v) => v is IntValue i ? i.V >= Lo && i.V <= Hi : OtherKind(v);

    /// <summary>An interval stays an interval (TLC's IntervalValue.normalize is a no-op); an empty one is the empty
    /// set, which prints the same (<c>{}</c>).</summary>
    public override Value Normalize() => Hi < Lo ? SetValue.Empty : this;

    /// <summary>TLC's IntervalValue.toString: <c>lo..hi</c>, or <c>{}</c> when empty.</summary>
    public override void Print(StringBuilder sb)
    {
        if (Hi < Lo) sb.Append("{}");
        else sb.Append(Lo).Append("..").Append(Hi);
    }

    /// <summary>The fingerprint of the enumerated set of these integers, computed without enumerating it.</summary>
    public override ulong Fingerprint
    {
        get
        {
            var cached = _fp;
            if (cached != 0) return cached;
            long n = Count;
            ulong h = Fp.Mix(0x5E7UL, (ulong)n);
            for (long i = Lo; i <= Hi; i++) h = Fp.Mix(h, IntValue.FingerprintOf(i));
            var fp = Fp.Finish(h);
            _fp = fp;
            return fp;
        }
    }

    /// <summary>Equal to the set of the same integers: another interval by its bounds (all empty ones are equal), an
    /// enumerated set element by element, without enumerating this one.</summary>
    public override bool Equals(Value other)
    {
        if (ReferenceEquals(this, other)) return true;
        switch (other)
        {
            case IntervalValue o:
                return Count == o.Count && (Count == 0 || Lo == o.Lo);
            case SetValue s:
            {
                var e = s.Elems;
                if (e.Length != Count) return false;
                for (int i = 0; i < e.Length; i++)
                    if (e[i] is not IntValue x || x.V != Lo + i) return false;
                return true;
            }
            default:
                return base.Equals(other);
        }
    }

    /// <summary>TLC's order of sets (size, then element by element): between intervals, size then the lower bound.</summary>
    public override int CompareTo(Value other)
    {
        if (other is IntervalValue o)
        {
            int c = Count.CompareTo(o.Count);
            return c != 0 || Count == 0 ? c : Lo.CompareTo(o.Lo);
        }
        if (other is SetValue s)
        {
            var e = s.Elems;
            int c = Count.CompareTo(e.Length);
            if (c != 0) return c;
            for (int i = 0; i < e.Length; i++)
            {
                c = e[i] is IntValue x ? (Lo + i).CompareTo(x.V) : IntValue.Of(Lo + i).CompareTo(e[i]);
                if (c != 0) return c;
            }
            return 0;
        }
        return base.CompareTo(other);
    }

    /// <summary>TLC's <c>IntervalValue.member</c>: a model value is not an element; any other non-integer is an
    /// error, but only for an interval that is not empty (<c>r \in DOMAIN EmptyBag</c>, <c>r \in 1..0</c> are FALSE).</summary>
    private bool OtherKind(Value v)
    {
        if (Lo > Hi) return false;
        if (v is ModelValue m) { TlcCompare.ModelValueMember(m, this); return false; }
        throw new ValueException($"Attempted to check if the value:\n{TlcCompare.Show(v)}\nis in the integer interval {Lo}..{Hi}");
    }

    public override IEnumerable<Value> Elements
    {
        get
        {
            for (long i = Lo; i <= Hi; i++) yield return IntValue.Of(i);
        }
    }

    public override SetValue ToEnumerated()
    {
        if (_enum != null) return _enum;
        if (Hi < Lo) return _enum = SetValue.Empty;
        if (Hi - Lo > 50_000_000) throw new ValueException($"the interval {Lo}..{Hi} is too large to enumerate");
        var arr = new Value[Hi - Lo + 1];
        for (long i = Lo; i <= Hi; i++) arr[i - Lo] = IntValue.Of(i);
        return _enum = new SetValue(arr);
    }
}

/// <summary><c>SUBSET S</c></summary>
public sealed class SubsetValue : SetBase
{
    public readonly SetBase Base;
    private SetValue _enum;
    public SubsetValue(SetBase b) { Base = b; }
    public override bool IsFinite => Base.IsFinite;
    public override long Count
    {
        get
        {
            long n = Base.Count;
            if (n >= 62) throw new ValueException("SUBSET of a set with more than 61 elements is too large");
            return 1L << (int)n;
        }
    }
    protected override string Describe() => IsFinite ? ToEnumerated().ToString() : $"SUBSET {Base}";

    /// <summary>TLC's SubsetValue counts its base first: Nat, STRING, Seq(S) have no size, another set fails to be enumerated.</summary>
    public override string NotEnumerableMessage() =>
        Base is InfiniteSetValue inf ? inf.NoSizeMessage : Base.NotEnumerableMessage();
    public override string SizeMessage() => Base.SizeMessage();
    // TLC's SubsetValue.toString parenthesizes an interval (SUBSET binds tighter than ..): SUBSET (1..31).
    public override string Unenumerated() => Base is IntervalValue ? $"SUBSET ({Base.Unenumerated()})" : $"SUBSET {Base.Unenumerated()}";

    protected override bool PrintTerse(StringBuilder sb)
    {
        sb.Append("SUBSET ");
        if (Base is IntervalValue) sb.Append('(');
        Base.Print(sb);
        if (Base is IntervalValue) sb.Append(')');
        return true;
    }

    public override bool Contains(Value v)
    {
        if (v is SetBase s) return s.IsFinite && s.IsSubsetOf(Base);
        if (v is ModelValue m) { TlcCompare.ModelValueMember(m, this); return false; }
        throw new ValueException($"Attempted to check if the non-enumerable value {TlcCompare.Show(v)} is element of\n{TlcCompare.Show(this)}");
    }

    public override SetValue ToEnumerated()
    {
        if (_enum != null) return _enum;
        var elems = BaseElems();
        var all = new Value[1 << elems.Length];
        int n = 0;
        foreach (var s in Canonical(elems)) all[n++] = s;
        // Made in the order of sets: nothing to sort.
        return _enum = new SetValue(all);
    }

    private Value[] BaseElems()
    {
        var elems = Base.ToEnumerated().Elems;
        if (elems.Length > 24) throw new ValueException($"SUBSET of a set with {elems.Length} elements is too large to enumerate");
        return elems;
    }

    /// <summary>Every subset of the sorted, distinct <paramref name="elems"/> in TLC's order of sets: by size, then
    /// element by element. Since the elements are sorted, a size's subsets are in that order when their positions
    /// are (lexicographic combinations).</summary>
    private static IEnumerable<Value> Canonical(Value[] elems)
    {
        int n = elems.Length;
        yield return SetValue.Empty;
        var idx = new int[n];
        for (int k = 1; k <= n; k++)
        {
            for (int i = 0; i < k; i++) idx[i] = i;
            while (true)
            {
                var arr = new Value[k];
                for (int i = 0; i < k; i++) arr[i] = elems[idx[i]];
                yield return new SetValue(arr);
                // Next combination: the rightmost position that can move right moves, those after it follow it.
                int j = k - 1;
                while (j >= 0 && idx[j] == n - k + j) j--;
                if (j < 0) break;
                idx[j]++;
                for (int i = j + 1; i < k; i++) idx[i] = idx[i - 1] + 1;
            }
        }
    }
}

/// <summary><c>[S -&gt; T]</c></summary>
public sealed class FunctionSetValue : SetBase
{
    protected override string Describe() => IsFinite ? ToEnumerated().ToString() : $"[{Domain} -> {Range}]";
    public override string Unenumerated() => $"[{Domain.Unenumerated()} -> {Range.Unenumerated()}]";

    protected override bool PrintTerse(StringBuilder sb)
    {
        sb.Append('[');
        Domain.Print(sb);
        sb.Append(" -> ");
        Range.Print(sb);
        sb.Append(']');
        return true;
    }

    public readonly SetBase Domain, Range;
    private SetValue _enum;
    public FunctionSetValue(SetBase domain, SetBase range) { Domain = domain; Range = range; }

    public override string EqualityError(Value other) => IsFinite ? base.EqualityError(other) : NotEnumerableMessage();

    public override string NotEnumerableMessage() => !Domain.IsFinite
        ? $"Attempted to enumerate a set of the form [D -> R],but the domain D:\n{Domain}\ncannot be enumerated."
        : !Range.IsFinite ? $"Attempted to enumerate a set of the form [D -> R],but the range R:\n{Range}\ncannot be enumerated."
        : base.NotEnumerableMessage();
    public override bool IsFinite => Domain.IsFinite && Range.IsFinite;
    /// <summary>TLC's SetOfFcnsValue.size: the domain's size, then the range's.</summary>
    public override string SizeMessage() => !Domain.IsFinite ? Domain.SizeMessage() : !Range.IsFinite ? Range.SizeMessage() : base.SizeMessage();

    public override long Count
    {
        get
        {
            long d = Domain.Count, r = Range.Count, n = 1;
            for (long i = 0; i < d; i++)
            {
                n = checked(n * r);
            }
            return n;
        }
    }

    public override bool Contains(Value v)
    {
        if (v is not FcnBase f)
        {
            if (v is ModelValue m) { TlcCompare.ModelValueMember(m, this); return false; }
            throw new ValueException($"Attempted to check if {TlcCompare.Show(v)}, which is not a function, is in the set of functions:\n{Describe()}");
        }
        var fn = f.ToFcn();
        if (Domain is not SetValue && Domain.IsFinite)
        {
            // Without enumerating the domain (a fresh S \X T would be built and sorted on every test): as many keys
            // as the domain has elements, each of them in it, means the same domain.
            if (fn.Size != Domain.Count) return false;
            for (int i = 0; i < fn.Size; i++)
                if (!Domain.Contains(fn.KeyAt(i)) || !Range.Contains(fn.Vals[i])) return false;
            return true;
        }
        var dom = Domain.ToEnumerated().Elems;
        if (fn.Size != dom.Length) return false;
        for (int i = 0; i < dom.Length; i++)
        {
            var r = fn.Apply(dom[i]);
            if (r == null)
            {
                // TLC's SetOfFcnsValue.member compares the domains by equality, the set's domain the receiver (the
                // function's own when it is an interval): an error for keys of another kind.
                if (Domain is SetValue) TlcCompare.Unequal(fn.IntervalDomain ? fn.Domain : Domain, fn.IntervalDomain ? Domain : fn.Domain);
                return false;
            }
            if (!Range.Contains(r)) return false;
        }
        return true;
    }

    public override SetValue ToEnumerated()
    {
        if (_enum != null) return _enum;
        var dom = Domain.ToEnumerated().Elems;
        var rng = Range.ToEnumerated().Elems;
        long total = Count;
        if (total > 20_000_000) throw new ValueException($"the function set [S -> T] has {total} elements, too many to enumerate");
        var parts = new Value[dom.Length][];
        Array.Fill(parts, rng);
        // [1..2 -> S]'s functions keep the interval as their domain (DOMAIN prints 1..2), [{1, 2} -> S]'s the set.
        bool interval = Domain is IntervalValue;
        return _enum = Product(parts, vals => FcnValue.FromSorted(dom, vals, interval).AsFunction());
    }
}

/// <summary><c>[a : S, b : T]</c></summary>
public sealed class RecordSetValue : SetBase
{
    protected override string Describe() =>
        IsFinite ? ToEnumerated().ToString() : "[" + string.Join(", ", Fields.Select((f, i) => $"{f.S} : {Sets[i]}")) + "]";
    public override string Unenumerated() => "[" + string.Join(", ", Fields.Select((f, i) => $"{f.S} : {Sets[i].Unenumerated()}")) + "]";

    /// <summary>TLC's SetOfRcdsValue.toString: <c>[a: S, b: T]</c>.</summary>
    protected override bool PrintTerse(StringBuilder sb)
    {
        sb.Append('[');
        for (int i = 0; i < Fields.Length; i++)
        {
            if (i > 0) sb.Append(", ");
            sb.Append(Fields[i].S).Append(": ");
            Sets[i].Print(sb);
        }
        sb.Append(']');
        return true;
    }

    public readonly StringValue[] Fields; // sorted
    public readonly SetBase[] Sets;
    private SetValue _enum;

    public override string EqualityError(Value other) => IsFinite ? base.EqualityError(other) : NotEnumerableMessage();

    public override string NotEnumerableMessage()
    {
        for (int i = 0; i < Sets.Length; i++)
            if (!Sets[i].IsFinite)
                return $"Attempted to enumerate a set of the form [l1 : v1, ..., ln : vn],\nbut can't enumerate the value of the `{Fields[i].S}' field:\n{Sets[i]}";
        return base.NotEnumerableMessage();
    }

    /// <summary>The field sets in the order written: TLC's SetOfRcdsValue asks their sizes in that order.</summary>
    private readonly SetBase[] _written;

    public RecordSetValue(StringValue[] fields, SetBase[] sets)
    {
        var order = Enumerable.Range(0, fields.Length).OrderBy(i => fields[i], ValueComparer.Instance).ToArray();
        Fields = order.Select(i => fields[i]).ToArray();
        Sets = order.Select(i => sets[i]).ToArray();
        _written = sets;
    }

    public override string SizeMessage() => _written.FirstOrDefault(s => !s.IsFinite) is { } inf ? inf.SizeMessage() : base.SizeMessage();

    public override bool IsFinite => Sets.All(s => s.IsFinite);

    public override long Count
    {
        get
        {
            long n = 1;
            foreach (var s in Sets) n = checked(n * s.Count);
            return n;
        }
    }

    public override bool Contains(Value v)
    {
        if (v is not FcnBase f)
        {
            if (v is ModelValue m) { TlcCompare.ModelValueMember(m, this); return false; }
            throw new ValueException($"Attempted to check if non-record {TlcCompare.Show(v)} is in the set of records:\n{Describe()}");
        }
        var fn = f.ToFcn();
        if (fn.Size != Fields.Length) return false;
        for (int i = 0; i < Fields.Length; i++)
        {
            var x = fn.Apply(Fields[i]);
            if (x == null || !Sets[i].Contains(x)) return false;
        }
        return true;
    }

    public override SetValue ToEnumerated()
    {
        if (_enum != null) return _enum;
        var parts = Sets.Select(s => s.ToEnumerated().Elems).ToArray();
        var keys = Fields.Cast<Value>().ToArray();
        return _enum = Product(parts, vals => FcnValue.FromSorted(keys, vals));
    }
}

/// <summary><c>S1 \X S2 \X ...</c></summary>
public sealed class CartesianValue : SetBase
{
    protected override string Describe() => IsFinite ? ToEnumerated().ToString() : "(" + string.Join(" \\X ", Factors.Select(f => f.ToString())) + ")";
    public override string Unenumerated() => "(" + string.Join(" \\X ", Factors.Select(f => f.Unenumerated())) + ")";

    protected override bool PrintTerse(StringBuilder sb)
    {
        sb.Append('(');
        for (int i = 0; i < Factors.Length; i++)
        {
            if (i > 0) sb.Append(" \\X ");
            Factors[i].Print(sb);
        }
        sb.Append(')');
        return true;
    }

    public readonly SetBase[] Factors;
    private SetValue _enum;
    public CartesianValue(SetBase[] factors) { Factors = factors; }

    public override string NotEnumerableMessage()
    {
        for (int i = 0; i < Factors.Length; i++)
            if (!Factors[i].IsFinite)
                return $"Attempted to enumerate a set of the form s1 \\X s2 ... \\X sn,\nbut can't enumerate s{i}:\n{Factors[i]}";
        return base.NotEnumerableMessage();
    }
    public override bool IsFinite => Factors.All(s => s.IsFinite);
    public override string SizeMessage() => Factors.FirstOrDefault(s => !s.IsFinite) is { } inf ? inf.SizeMessage() : base.SizeMessage();

    public override long Count
    {
        get
        {
            long n = 1;
            foreach (var s in Factors) n = checked(n * s.Count);
            return n;
        }
    }

    public override bool Contains(Value v)
    {
        if (v is not FcnBase f)
        {
            if (v is ModelValue m) { TlcCompare.ModelValueMember(m, this); return false; }
            throw new ValueException($"Attempted to check if non-tuple\n{TlcCompare.Show(v)}\nis in the set of tuples:\n{Describe()}");
        }
        var fn = f.ToFcn();
        if (!fn.IsTuple || fn.Size != Factors.Length) return false;
        for (int i = 0; i < Factors.Length; i++)
            if (!Factors[i].Contains(fn.Vals[i])) return false;
        return true;
    }

    public override SetValue ToEnumerated()
    {
        if (_enum != null) return _enum;
        var parts = Factors.Select(s => s.ToEnumerated().Elems).ToArray();
        return _enum = Product(parts, FcnValue.Tuple);
    }
}

/// <summary>The infinite sets of the standard modules: Nat, Int, Real, STRING, and Seq(S).</summary>
public sealed class InfiniteSetValue : SetBase
{
    public enum Which { Nat, Int, Real, String, Seq, Any }
    public readonly Which Set;
    public readonly SetBase Elem; // for Seq(S)

    public static readonly InfiniteSetValue Nat = new(Which.Nat, null);
    public static readonly InfiniteSetValue Int = new(Which.Int, null);
    public static readonly InfiniteSetValue Real = new(Which.Real, null);
    public static readonly InfiniteSetValue String = new(Which.String, null);

    public InfiniteSetValue(Which which, SetBase elem) { Set = which; Elem = elem; }

    public override bool IsFinite => false;

    public override long Count => throw new ValueException($"{Describe()} is infinite: it has no cardinality");

    public override bool Contains(Value v)
    {
        switch (Set)
        {
            case Which.Nat when v is IntValue i: return i.V >= 0;
            case Which.Int or Which.Real when v is IntValue: return true;
            case Which.String when v is StringValue: return true;
            // A function whose domain is not 1..n is TLC's error too (SeqValue.member: it cannot make a tuple of it).
            case Which.Seq when v is FcnBase f && f.ToFcn() is { IsTuple: true } fn: return fn.Vals.All(Elem.Contains);
            case Which.Any: return true;
        }
        // TLC's Nat, Int, STRING and Seq(S) fail on a value of another kind; a model value is not an element.
        if (v is ModelValue m) { TlcCompare.ModelValueMember(m, this); return false; }
        throw TlcCompare.NotAnElement(v, Describe());
    }

    public override SetValue ToEnumerated() =>
        throw new ValueException($"cannot enumerate the infinite set {Describe()}");

    protected override string Describe() => Set switch
    {
        Which.Seq => "Seq(" + Elem + ")",
        Which.String => "STRING",
        Which.Any => "ANY",
        _ => Set.ToString(),
    };

    public override string EqualityError(Value other) =>
        $"Attempted to compare overridden value {Describe()} with non-overridden value:\n{TlcCompare.Show(other)}";

    /// <summary>TLC's fingerprint of Nat, Int, Real, STRING, Seq(S) (overridden values, UserValue) fails.</summary>
    public override ulong Fingerprint => throw new ValueException(NotEnumerableMessage());

    public override string NotEnumerableMessage() => $"TLC has found a state in which the value of a variable contains {Describe()}";

    /// <summary>TLC's error when it asks the size of this set (UserValue.size).</summary>
    public string NoSizeMessage => $"Attempted to compute the number of elements in the overridden value {Describe()}.";
    public override string SizeMessage() => NoSizeMessage;

    /// <summary><c>this = other</c> where the two differ, as TLC decides it: these sets are TLC's overridden values
    /// (UserValue), compared by their own compareTo. Nat and Int are unequal (FALSE), as are two sets of the same kind;
    /// any other overridden value fails ("Attempted to compare Nat with the value\nSTRING"), and any value that is
    /// not overridden fails with UserValue's message.</summary>
    public void Unequal(Value other)
    {
        if (other is InfiniteSetValue o)
        {
            if (o.Set == Set || (Set, o.Set) is (Which.Nat, Which.Int) or (Which.Int, Which.Nat)) return;
            throw new ValueException($"Attempted to compare {Describe()} with the value\n{TlcCompare.Show(other)}");
        }
        throw new ValueException(EqualityError(other));
    }

    public override void Print(StringBuilder sb) => sb.Append(Describe());
}

/// <summary>An error in applying an operator to values (wrong kind, out of domain, infinite enumeration).</summary>
public sealed class ValueException : Exception
{
    public ValueException(string message) : base(message) { }

    /// <summary>The error of normalizing a set TLC cannot sort (<see cref="UnorderedSetValue"/>): TLC raises it even
    /// where it prints a value into another message, so it is not replaced by a description of the value.</summary>
    public bool NotOrderable { get; init; }

    /// <summary>TLC raises this error as an EvalException with its own error code (the argument checks of its
    /// standard-module operators), not as a general runtime failure: met while TLC computes successors, it ends the
    /// run with exit 255 rather than 75 (ModelChecker returns the EvalException's code, EC.ExitStatus maps it).</summary>
    public bool TlcEvalError { get; init; }

    /// <summary>TLC raises this error through Assert.fail (a TLCRuntimeException with its own error code, as MethodValue
    /// wraps a Java override's failure): where TLC's top level catches it (a constant part of a temporal property,
    /// evaluated before the search), MP prints the message alone, without the frame of an unexpected exception.</summary>
    public bool TlcRuntime { get; init; }
}

/// <summary>
/// A set known only by its membership test: set operations over an infinite operand (<c>Nat \ {0}</c>,
/// <c>{n \in Nat : n &gt; 0}</c>, <c>Int \cup {x}</c>). Enumerable only when a finite enumeration is supplied.
/// </summary>
public sealed class LazySetValue : SetBase
{
    private readonly Func<Value, bool> _contains;
    private readonly Func<SetValue> _enumerate;
    private readonly string _description;
    private readonly Func<string> _notEnumerable;
    private SetValue _enum;

    /// <param name="notEnumerable">TLC's message when it enumerates the set and cannot (see
    /// <see cref="SetBase.NotEnumerableMessage"/>); made only when needed.</param>
    public LazySetValue(string description, Func<Value, bool> contains, Func<SetValue> enumerate = null, Func<string> notEnumerable = null)
    {
        _description = description;
        _contains = contains;
        _enumerate = enumerate;
        _notEnumerable = notEnumerable;
    }

    public override string NotEnumerableMessage() =>
        IsFinite ? base.NotEnumerableMessage() : _notEnumerable?.Invoke() ?? $"cannot enumerate the infinite set {_description}";

    public override bool IsFinite => _enumerate != null;
    public override bool Contains(Value v) => _contains(v);

    public override SetValue ToEnumerated()
    {
        if (_enumerate == null) throw new ValueException(NotEnumerableMessage());
        return _enum ??= _enumerate();
    }

    protected override string Describe() => _description;

    public override void Print(StringBuilder sb)
    {
        if (IsFinite) ToEnumerated().Print(sb);
        else if (PrintOptions.Expanding) throw PrintOptions.NotExpandable(SizeMessage);
        else sb.Append(_description);
    }
}

/// <summary>
/// A finite set whose elements TLC cannot sort (<c>{1, "a"}</c>, <c>{&lt;&lt;1&gt;&gt;, &lt;&lt;"a"&gt;&gt;}</c>,
/// <c>{[a |-&gt; 1], [a |-&gt; "x"]}</c>): TLC keeps a set it has not normalized as written, and fails only when
/// it normalizes it (SetEnumValue.normalize, whose compareTo fails): to enumerate it (<c>\E</c>, <c>\A</c>, CHOOSE,
/// <c>{x \in S : P}</c>, <c>{e : x \in S}</c>, SUBSET, <c>\X</c>, <c>[S -&gt; T]</c>), to count it, to compare it
/// with another value (<c>=</c>, <c>#</c>, <c>\subseteq</c>), to print it or to fingerprint it (a state holding it).
/// Each of those raises <see cref="Error"/>, the message TLC's sort of the elements as written gives. Membership is
/// TLC's search of a set not normalized: each element as written, compared by TLC's equality (<c>1 \in {1, "a"}</c>
/// is TRUE, <c>"a" \in {1, "a"}</c> fails comparing 1 with "a").
/// </summary>
public sealed class UnorderedSetValue : SetBase
{
    /// <summary>The elements in the order they were given (normalized each, duplicates kept).</summary>
    public readonly Value[] Written;

    /// <summary>TLC's error when it normalizes the set.</summary>
    public readonly string Error;

    public UnorderedSetValue(Value[] written, string error) { Written = written; Error = error; }

    /// <summary>The error TLC raises wherever it normalizes this set.</summary>
    public ValueException Failure() => new(Error) { NotOrderable = true };

    public override bool IsFinite => true;

    /// <summary>As TLC's member of a set not normalized: the elements in turn, each the receiver of the equality.</summary>
    public override bool Contains(Value v)
    {
        v = v.Normalize();
        foreach (var e in Written)
            if (TlcCompare.Equal(e, v)) return true;
        return false;
    }

    public override SetValue ToEnumerated() => throw Failure();
    public override long Count => throw Failure();
    public override IEnumerable<Value> Elements => throw Failure();

    /// <summary>Stays as it is inside another value (TLC normalizes it only when it is enumerated, compared,
    /// printed or fingerprinted).</summary>
    public override Value Normalize() => this;

    /// <summary>TLC's SetEnumValue.compareTo normalizes first; only a model value is ordered without that.</summary>
    public override int CompareTo(Value other) => other is ModelValue ? CompareKinds(this, other) : throw Failure();

    public override bool Equals(Value other) => other is ModelValue ? false : throw Failure();
    public override ulong Fingerprint => throw Failure();
    public override void Print(StringBuilder sb) => throw Failure();
    public override string NotEnumerableMessage() => Error;
    public override string EqualityError(Value other) => Error;
    protected override string Describe() => Error;
    public override string Unenumerated() => throw Failure();
}
