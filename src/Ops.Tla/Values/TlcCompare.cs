namespace Ops.Tla.Values;

/// <summary>
/// TLC's rules for comparing values of different kinds, which the language leaves unspecified. Structural
/// <see cref="Value.Equals(Value)"/> stays total (the checker's own tables need that); <c>=</c>, <c>#</c> and
/// membership in the evaluator go through here. TLC raises an error where it cannot decide: an integer, a string, a
/// Boolean, a set, a function or a record compared with a value of another kind (its <c>IntValue.equals</c>,
/// <c>SetEnumValue.equals</c>, ... fail with "Attempted to check equality of ..."). An untyped model value is
/// unequal to every other value; a typed one (<c>A_x</c>: a letter, an underscore, more) may only be compared with
/// model values of its type or untyped ones.
/// </summary>
public static class TlcCompare
{
    /// <summary><c>a = b</c> as TLC evaluates it (<paramref name="a"/> is the left operand, whose kind decides the
    /// message). Throws <see cref="ValueException"/> where TLC reports an error.</summary>
    public static bool Equal(Value a, Value b)
    {
        // A set TLC cannot sort is normalized to be compared, even with itself.
        if (ReferenceEquals(a, b))
        {
            if (a is UnorderedSetValue u) throw u.Failure();
            // So is a function built on demand (TLC's FcnLambdaValue.equals computes it whole).
            if (a is FcnBase lazy && a is not FcnValue) lazy.ToFcn();
            return true;
        }
        // The common cases by exact type (sealed classes: one comparison each, no virtual call): two integers, two
        // strings, two Booleans (one instance each: unequal here), two tuples of different lengths (unequal without
        // an error: TLC compares a tuple's length before its elements).
        if (a is IntValue ia) { if (b is IntValue ib) return ia.V == ib.V; }
        else if (a is StringValue sa) { if (b is StringValue sb) return sa.Equals(sb); }
        else if (a is BoolValue) { if (b is BoolValue) return false; }
        else if (a is FcnValue { Keys: null } ta && b is FcnValue { Keys: null } tb && ta.Vals.Length != tb.Vals.Length) return false;
        // Two enumerated sets of different sizes (S = {} in a recursion over S): unequal, nothing compared (as Unequal
        // finds after the comparison below).
        else if (a is SetValue sa0 && b is SetValue sb0 && sa0.Elems.Length != sb0.Elems.Length) return false;
        if (a.Kind == b.Kind && a.Kind is ValueKind.Int or ValueKind.String or ValueKind.Bool) return a.Equals(b);
        if (a.Equals(b)) return true;
        Unequal(a, b);
        return false;
    }

    /// <summary>The values are known to be structurally unequal: throws where TLC would have failed on the way to
    /// that answer (at the first difference, in TLC's order), else returns.</summary>
    public static void Unequal(Value a, Value b) => Unequal(a, b, null);

    /// <summary>The values whose equals TLC went through before <c>a = b</c> failed: <paramref name="a"/>, then the
    /// part of it compared where the failure was met, and so on inwards (for the replay's report, after the
    /// comparison failed: see <c>NestedExpressions.Fingerprint</c>).</summary>
    public static Value[] Receivers(Value a, Value b)
    {
        var path = new List<Value>();
        try
        {
            if (ReferenceEquals(a, b) || !a.Equals(b)) Unequal(a, b, path);
        }
        catch (ValueException) { }
        if (path.Count == 0) path.Add(a);
        return path.ToArray();
    }

    private static void Unequal(Value a, Value b, List<Value> path)
    {
        for (int depth = 0; depth < 10_000; depth++)
        {
            path?.Add(a);
            if (a is ModelValue ma)
            {
                ModelValueEquals(ma, b);
                return;
            }
            if (b is ModelValue mb)
            {
                ModelValueEquals(mb, a);
                return;
            }
            if (a is InfiniteSetValue ia)
            {
                ia.Unequal(b);
                return;
            }
            if (a.Kind != b.Kind || (a is FcnBase fa && IsRecord(fa) && !RecordLike(b)))
                throw new ValueException(EqualityMessage(a, b));
            switch (a)
            {
                // A set that cannot be enumerated equals only itself (the same set by construction); TLC enumerates
                // both sides to decide anything else, and fails.
                case SetBase sa when !sa.IsFinite:
                    if (SameConstruction(sa, (SetBase)b)) return;
                    throw new ValueException(sa.EqualityError(b));
                case SetBase sa when !((SetBase)b).IsFinite:
                    throw new ValueException(EqualityMessage(sa, b));
                case SetBase sa:
                {
                    var x = sa.ToEnumerated().Elems;
                    var y = ((SetBase)b).ToEnumerated().Elems;
                    if (x.Length != y.Length) return;
                    int i = FirstDifference(x, y);
                    if (i < 0) return;
                    a = x[i]; b = y[i];
                    continue;
                }
                case FcnBase fa2:
                {
                    var x = fa2.ToFcn();
                    var y = ((FcnBase)b).ToFcn();
                    if (x.Size != y.Size) return;
                    int i;
                    for (i = 0; i < x.Size; i++)
                    {
                        if (!x.KeyAt(i).Equals(y.KeyAt(i))) break;
                    }
                    if (i < x.Size)
                    {
                        // TLC's FcnRcdValue.equals, one domain an interval and the other not: it reads the other's
                        // elements as integers ("Attempted to compare an integer with non-integer:\n"a".").
                        if (x.IntervalDomain != y.IntervalDomain)
                        {
                            var k = (x.IntervalDomain ? y : x).KeyAt(i);
                            if (k is not IntValue)
                                throw new ValueException($"Attempted to compare an integer with non-integer:\n{Show(k)}.");
                            return;
                        }
                        a = x.KeyAt(i); b = y.KeyAt(i);
                        continue;
                    }
                    i = FirstDifference(x.Vals, y.Vals);
                    if (i < 0) return;
                    a = x.Vals[i]; b = y.Vals[i];
                    continue;
                }
                default:
                    return;
            }
        }
    }

    /// <summary>Two infinite sets built by the same operator (<c>[S -&gt; Nat]</c> and <c>[T -&gt; Nat]</c>, <c>Seq(S)</c>
    /// and <c>Seq(T)</c>, two products, two record sets, two SUBSETs): TLC compares them by their operands, without
    /// enumerating (its SetOfFcnsValue.equals and the like), so they may be unequal without an error. Sets known only by
    /// a predicate (<c>{x \in Nat : p}</c>, <c>Nat \cup S</c>) TLC must enumerate, and cannot.</summary>
    private static bool SameConstruction(SetBase a, SetBase b) => (a, b) switch
    {
        (InfiniteSetValue x, InfiniteSetValue y) => x.Set == y.Set,
        (FunctionSetValue, FunctionSetValue) or (RecordSetValue, RecordSetValue) or (CartesianValue, CartesianValue)
            or (SubsetValue, SubsetValue) => !b.IsFinite,
        _ => false,
    };

    private static int FirstDifference(Value[] x, Value[] y)
    {
        for (int i = 0; i < x.Length; i++)
            if (!x[i].Equals(y[i])) return i;
        return -1;
    }

    /// <summary>Membership in an explicit set missed: TLC compares the value with the set's elements, which fails
    /// for an element of another kind (model values aside). Throws, with the element as the receiver, as TLC's
    /// search does.</summary>
    public static void MissedMember(SetValue s, Value v)
    {
        // How TLC holds the set decides which comparisons its search makes (SetValue.HasHeldMark); only looked at when one
        // may fail.
        if (s.HasHeldMark && MayFail(s, v))
        {
            if (s.HeldNormalized)
            {
                SortedSearch(s.Elems, v);
                return;
            }
            if (s.HeldUnion is { } sets)
            {
                UnionMember(sets, v);
                return;
            }
            // The search by equality meets the first element TLC holds first.
            var first = s.HeldFirst;
            if (!ReferenceEquals(first, s.Elems[0]) && first is not ModelValue) Equal(first, v);
        }
        if (v is ModelValue mv)
        {
            if (IsTyped(mv))
                foreach (var e in s.Elems)
                    if (e is not ModelValue) ModelValueEquals(mv, e);
            return;
        }
        int mask = s.KindMask;
        int mine = 1 << (int)v.Kind, mv0 = 1 << (int)ValueKind.ModelValue;
        if ((mask & ~(mine | mv0)) != 0)
        {
            foreach (var e in s.Elems)
                if (e.Kind != v.Kind && e is not ModelValue) throw new ValueException(EqualityMessage(e, v));
        }
        if ((mask & SetValue.TypedModelValueBit) != 0)
            foreach (var e in s.Elems)
                if (e is ModelValue m && IsTyped(m)) ModelValueEquals(m, v);
        // A set or function is compared with each element of its kind, at the first difference inside: TLC fails on
        // {1} \in {{"a"}} ("Attempted to check equality of string "a" with non-string"). Skipped when the value has
        // the shape every element has (the common case: no comparison inside can fail).
        if (v.Kind is ValueKind.Set or ValueKind.Function && ((mask & (1 << (int)v.Kind)) != 0))
        {
            ulong shape = s.ElementShape;
            if (Fits(Shape(v), shape)) return;
            foreach (var e in s.Elems)
                if (e.Kind == v.Kind) Unequal(e, v);
        }
    }

    /// <summary>Could a search of <paramref name="s"/> for <paramref name="v"/> that missed have compared values TLC
    /// cannot compare? (False only where every comparison is of one kind and shape.)</summary>
    private static bool MayFail(SetValue s, Value v)
    {
        int mask = s.KindMask;
        if (v is ModelValue mv) return IsTyped(mv) || (mask & SetValue.TypedModelValueBit) != 0;
        if ((mask & ~((1 << (int)v.Kind) | (1 << (int)ValueKind.ModelValue))) != 0) return true;
        if (v.Kind is ValueKind.Set or ValueKind.Function && (mask & (1 << (int)v.Kind)) != 0) return !Fits(Shape(v), s.ElementShape);
        return false;
    }

    /// <summary>TLC's ValueVec.search of a normalized set: a binary search comparing the value with the elements
    /// (TLC's compareTo, <see cref="Order"/>: the value the receiver), an error at the first comparison TLC cannot
    /// make.</summary>
    public static bool SortedSearch(Value[] a, Value v)
    {
        int lo = 0, hi = a.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >> 1;
            int c = Order(v, a[mid]);
            if (c == 0) return true;
            if (c < 0) hi = mid; else lo = mid + 1;
        }
        return false;
    }

    /// <summary>TLC's UnionValue.member: each set of the (normalized) set of sets asked in turn. The sets TLC sorted
    /// there are normalized, so an enumerated one is searched by TLC's binary search (<c>1 \in UNION {1..2, {"a"}}</c>
    /// is "Attempted to compare integer 1 with non-integer:\n"a""); an interval asks its own member ("Attempted to
    /// check if the value: ... is in the integer interval").</summary>
    public static bool UnionMember(List<SetBase> sets, Value v)
    {
        foreach (var s in sets)
        {
            if (s is SetValue e ? SortedSearch(e.Elems, v) : s.Contains(v)) return true;
        }
        return false;
    }

    /// <summary>The shape of values that share none, or whose comparison may fail (typed model values, lazy sets).</summary>
    internal const ulong MixedShape = ulong.MaxValue;

    /// <summary>Can a value of shape <paramref name="shape"/> be compared with every value of the shape
    /// <paramref name="of"/> joins (the elements of a set) without an error?</summary>
    internal static bool Fits(ulong shape, ulong of) => of != MixedShape && shape != MixedShape && Join(of, shape) != MixedShape;

    /// <summary>A value's shape: its kind and, for an explicit set or a function, the one shape of its elements (of
    /// its keys and of its values), or <see cref="MixedShape"/>. Two values of one shape, other than
    /// <see cref="MixedShape"/>, can be compared without a comparison of different kinds anywhere inside.</summary>
    internal static ulong Shape(Value v)
    {
        switch (v)
        {
            case IntValue: return 1;
            case StringValue: return 2;
            case BoolValue: return 3;
            case ModelValue m when !IsTyped(m): return UntypedModelShape;
            case SetValue s: return s.Elems.Length == 0 ? EmptySetShape : Combine(5, UniformShape(s.Elems), 0);
            // An interval: a set of integers (the shape of its enumeration, without enumerating it).
            case IntervalValue iv: return iv.Count == 0 ? EmptySetShape : Combine(5, 1, 0);
            // A tuple's keys are 1..n: the shape of its items alone (as the loop below gives it, without the keys).
            case FcnValue { IsTuple: true } t: return TupleShape(t.Vals.AsSpan(0, t.Size));
            case FcnBase f:
            {
                var fn = f.ToFcn();
                if (fn.Size == 0) return EmptyFcnShape;
                ulong keys = 0, vals = 0; // 0: none yet
                for (int i = 0; i < fn.Size; i++)
                {
                    // Keys join strictly: a domain mixing model values and strings is not a record's.
                    keys = JoinStrict(keys, Shape(fn.KeyAt(i)));
                    vals = Join(vals, Shape(fn.Vals[i]));
                    if (keys == MixedShape || vals == MixedShape) return MixedShape;
                }
                return Combine(6, keys, vals);
            }
            default: return MixedShape;
        }
    }

    /// <summary>The shape of the tuple of these items (as <see cref="Shape"/> of the tuple, without building it).</summary>
    internal static ulong TupleShape(ReadOnlySpan<Value> items)
    {
        ulong vals = 0;
        foreach (var item in items)
        {
            vals = Join(vals, item is IntValue ? 1 : Shape(item));
            if (vals == MixedShape) return MixedShape;
        }
        if (items.Length == 0) return EmptyFcnShape;
        // A tuple of integers (<<x, y>> in a grid) is the commonest: its shape is computed once.
        return vals == 1 ? IntTupleShape : Combine(6, 1UL, vals);
    }

    private static readonly ulong IntTupleShape = Combine(6, 1UL, 1UL);

    internal static ulong UniformShape(Value[] elems)
    {
        ulong shape = 0;
        foreach (var e in elems)
        {
            shape = Join(shape, Shape(e));
            if (shape == MixedShape) break;
        }
        return shape;
    }

    /// <summary>An untyped model value: compared with anything without an error (it is unequal to every other value),
    /// so it fits every shape: joined with another shape it gives that shape.</summary>
    private const ulong UntypedModelShape = 4;

    /// <summary>The empty function (and tuple) and the empty set. Two functions of different sizes, or two sets, are
    /// unequal without a comparison of what they hold (TLC compares the domains' or the sets' sizes first), so an
    /// empty one is compared with any function (set) without an error: it fits every function (set) shape, and joined
    /// with one gives that shape. (A record compared with a function that is not one fails, but not with the empty
    /// function, which converts to a record.)</summary>
    private const ulong EmptyFcnShape = 7, EmptySetShape = 8;

    // The shapes Combine makes carry their kind in their low four bits (5: a set, 6: a function), above 15, and are
    // never MixedShape (whose low bits are 15).
    private const ulong KindBits = 0xF;

    private static bool IsFunctionShape(ulong s) => s > KindBits && s != MixedShape && (s & KindBits) == 6;
    private static bool IsSetShape(ulong s) => s > KindBits && s != MixedShape && (s & KindBits) == 5;

    private static ulong JoinStrict(ulong sofar, ulong next) => sofar == 0 || sofar == next ? next : MixedShape;

    private static ulong Join(ulong sofar, ulong next)
    {
        if (sofar == 0 || sofar == next || sofar == UntypedModelShape) return next;
        if (next == UntypedModelShape) return sofar;
        if (sofar == EmptyFcnShape && IsFunctionShape(next) || sofar == EmptySetShape && IsSetShape(next)) return next;
        if (next == EmptyFcnShape && IsFunctionShape(sofar) || next == EmptySetShape && IsSetShape(sofar)) return sofar;
        return MixedShape;
    }

    private static ulong Combine(ulong kind, ulong a, ulong b)
    {
        if (a == MixedShape || b == MixedShape) return MixedShape;
        ulong h = (kind * 0x9E3779B97F4A7C15UL) ^ (a + 0x632BE59BD9B4E019UL + (h0(a) << 6));
        h = (h * 0xBF58476D1CE4E5B9UL) ^ (b + 0x94D049BB133111EBUL);
        // Mixed through before the low bits give way to the kind (b alone differs there).
        h = (Fp.Finish(h) & ~KindBits) | kind;
        return h <= KindBits ? h | 0x100 : h;
        static ulong h0(ulong x) => x ^ (x >> 31);
    }

    /// <summary>A typed model value is a name of more than two characters whose second one is an underscore
    /// (TLC: <c>A_a</c> has type 'A').</summary>
    public static bool IsTyped(ModelValue m) => m.Name.Length > 2 && m.Name[1] == '_';

    private static void ModelValueEquals(ModelValue m, Value other)
    {
        if (!IsTyped(m)) return;
        if (other is ModelValue o)
        {
            if (IsTyped(o) && o.Name[0] != m.Name[0])
                throw new ValueException($"Attempted to check equality of the differently-typed model values {m} and {o}");
            return;
        }
        throw new ValueException($"Attempted to check equality of the typed model value {m} and the non-model value\n{Show(other)}");
    }

    /// <summary>Membership of a typed model value in a set of values of other kinds is an error
    /// (TLC's <c>modelValueMember</c>).</summary>
    public static void ModelValueMember(ModelValue m, SetBase s)
    {
        if (IsTyped(m))
            throw new ValueException($"Attempted to check if the typed model value {m} is an element of\n{Show(s)}");
    }

    private static bool IsRecord(FcnBase f) => f.ToFcn().IsTlcRecord;

    /// <summary>Converts to a record in TLC (a record, or the empty function).</summary>
    private static bool RecordLike(Value v) => v is FcnBase f && (f.ToFcn() is var fn) && (fn.Size == 0 || fn.IsRecord);

    public static string EqualityMessage(Value receiver, Value other) => receiver switch
    {
        IntValue => $"Attempted to check equality of integer {Show(receiver)} with non-integer:\n{Show(other)}",
        BoolValue => $"Attempted to compare equality of boolean {Show(receiver)} with non-boolean:\n{Show(other)}",
        StringValue => $"Attempted to check equality of string {Show(receiver)} with non-string:\n{Show(other)}",
        // IntervalValue.equals compares its elements written out (toSetEnum) with a value of another kind.
        IntervalValue iv => $"Attempted to check equality of the set {Show(iv.ToEnumerated())} with the value:\n{Show(other)}",
        SetBase => $"Attempted to check equality of the set {Show(receiver)} with the value:\n{Show(other)}",
        FcnBase f when IsRecord(f) => $"Attempted to check equality of record:\n{Show(receiver)}\nwith non-record\n{Show(other)}",
        FcnBase => $"Attempted to check equality of the function {Show(receiver)} with the value:\n{Show(other)}",
        _ => $"Attempted to check equality of {Show(receiver)} with the value:\n{Show(other)}",
    };

    /// <summary>The value as a message shows it (an infinite or huge set by its description).</summary>
    public static string Show(Value v)
    {
        try
        {
            if (v is SetBase s and not SetValue && (!s.IsFinite || s.Count > 10_000)) return v.GetType().Name switch
            {
                _ when !s.IsFinite => v.ToString(),
                _ => $"a set of {s.Count} elements",
            };
            return v.ToString();
        }
        catch (ValueException e) when (!e.NotOrderable) { return v.GetType().Name; }
    }

    /// <summary>Comparisons of values of different kinds made by Ops's order (<see cref="Value.CompareTo"/>), which
    /// TLC cannot make: a set whose elements met one is sorted again as TLC sorts it (<see cref="SortError"/>).
    /// Shared by the workers and counted without synchronization: a count from another thread only makes a set be
    /// checked again, for nothing.</summary>
    internal static int CrossKindComparisons;

    /// <summary>The error TLC raises when it normalizes a set of these elements (given in the order they were
    /// written), or null when it sorts them: TLC's sort (ValueVec.sort) inserts each element in turn into the sorted
    /// ones before it, found by binary search with the new element as the receiver of compareTo.</summary>
    public static string SortError(Value[] written)
    {
        var sorted = new List<Value>(written.Length) { written[0] };
        try
        {
            for (int i = 1; i < written.Length; i++)
            {
                var x = written[i];
                int lo = 0, hi = sorted.Count, mid = 0, c = 0;
                while (lo < hi)
                {
                    mid = (lo + hi) >> 1;
                    c = Order(x, sorted[mid]);
                    if (c == 0) break;
                    if (c < 0) hi = mid; else lo = mid + 1;
                }
                if (c == 0) continue;
                sorted.Insert(c < 0 ? mid : mid + 1, x);
            }
        }
        catch (ValueException e) { return e.Message; }
        return null;
    }

    /// <summary>TLC's compareTo of <paramref name="a"/> with <paramref name="b"/>: the order where TLC has one, else
    /// TLC's error (the receiver's kind decides the message). A model value is ordered before any other value.</summary>
    public static int Order(Value a, Value b)
    {
        if (a is ModelValue ma)
        {
            if (b is ModelValue || !IsTyped(ma)) return a.CompareTo(b);
            throw new ValueException($"Attempted to compare the typed model value {ma} and non-model value\n{Show(b)}");
        }
        if (b is ModelValue mb)
        {
            if (!IsTyped(mb)) return 1;
            throw new ValueException($"Attempted to compare the typed model value {mb} and the non-model value\n{Show(a)}");
        }
        switch (a)
        {
            case IntValue:
                if (b is IntValue) return a.CompareTo(b);
                throw new ValueException($"Attempted to compare integer {Show(a)} with non-integer:\n{Show(b)}");
            case StringValue:
                if (b is StringValue) return a.CompareTo(b);
                throw new ValueException($"Attempted to compare string {Show(a)} with non-string:\n{Show(b)}");
            case BoolValue:
                if (b is BoolValue) return a.CompareTo(b);
                throw new ValueException($"Attempted to compare boolean {Show(a)} with non-boolean:\n{Show(b)}");
            case UnorderedSetValue ua:
                throw ua.Failure();
            // Nat, Int, STRING, Seq(S): TLC's UserValue.compareTo with a value that is not overridden.
            case InfiniteSetValue ia when b is not InfiniteSetValue:
                throw new ValueException(ia.EqualityError(b));
            case SetBase sa:
            {
                if (b is not SetBase sb) throw new ValueException($"Attempted to compare the set {Show(a is IntervalValue ai ? ai.ToEnumerated() : a)} with the value:\n{Show(b)}");
                if (sb is UnorderedSetValue ub) throw ub.Failure();
                if (!sa.IsFinite || !sb.IsFinite) return a.CompareTo(b);
                var x = sa.ToEnumerated().Elems;
                var y = sb.ToEnumerated().Elems;
                int c = x.Length.CompareTo(y.Length);
                for (int i = 0; c == 0 && i < x.Length; i++) c = Order(x[i], y[i]);
                return c;
            }
            case FcnBase fa:
            {
                var f = fa.ToFcn();
                var g = (b as FcnBase)?.ToFcn();
                if (f.Size > 0 && f.IsTlcRecord)
                {
                    // RecordValue.compareTo: the other value made a record (a record, or a function of strings).
                    if (g == null || (g.Size > 0 && !g.IsRecord))
                        throw new ValueException($"Attempted to compare record:\n{Show(a)}\nwith non-record\n{Show(b)}");
                }
                else if (g == null)
                    throw new ValueException($"Attempted to compare the function {Show(a)} with the value:\n{Show(b)}");
                // A tuple against a tuple, a record against a record, a function against a function (a tuple or a
                // record compared with another kind of function is compared as a function): the sizes, the domains,
                // the values.
                int c = f.Size.CompareTo(g.Size);
                for (int i = 0; c == 0 && i < f.Size; i++) c = Order(f.KeyAt(i), g.KeyAt(i));
                for (int i = 0; c == 0 && i < f.Size; i++) c = Order(f.Vals[i], g.Vals[i]);
                return c;
            }
            default:
                return a.CompareTo(b);
        }
    }

    /// <summary>"Attempted to check if the value ... is an element of WHAT." (TLC's wording for Nat, Int, STRING,
    /// Seq(S)).</summary>
    public static ValueException NotAnElement(Value v, string what) =>
        new($"Attempted to check if the value:\n{Show(v)}\nis an element of {what}.");
}
