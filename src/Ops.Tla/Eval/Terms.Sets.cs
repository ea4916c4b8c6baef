using Ops.Tla.Values;

namespace Ops.Tla.Eval;

public sealed class InTerm : Term
{
    public Term Elem, Set;
    public readonly bool Negated;
    public InTerm(Term e, Term s, bool negated) { Elem = e; Set = s; Negated = negated; Lvl = Math.Max(e.Lvl, s.Lvl); }

    public override Term[] Children => [Elem, Set];
    public override Term WithChildren(Term[] children) => Like(new InTerm(Expect(children, 2)[0], children[1], Negated));

    [System.Runtime.CompilerServices.InlineArray(4)]
    private struct Items4
    {
        private Value _first;
    }

    protected internal override Value EvalCore(EvalState es, Frame f)
    {
        if (SetFilterMembership.TryTest(this, es, f, out var filtered)) return filtered;
        if (Elem is TupleTerm { Items.Length: > 0 and <= 4 } tt) return TupleIn(tt, es, f);
        var v = Elem.Eval(es, f);
        var sv = Set.Eval(es, f);
        if (sv is not SetBase s) throw MemberFailed(es, Error(TlcWords.NotASetMember(v, sv)), sv);
        bool r;
        try { r = s.Contains(v); }
        catch (ValueException e) { throw MemberFailed(es, Error(e.Message), sv, v); }
        return BoolValue.Of(r != Negated);
    }

    /// <summary><c>&lt;&lt;a, b&gt;&gt; \in S</c> (an edge of a graph held in the state, say): the tuple is built
    /// only when S is not an explicit set.</summary>
    private Value TupleIn(TupleTerm tt, EvalState es, Frame f)
    {
        var buf = new Items4();
        int n = tt.Items.Length;
        Span<Value> items = buf;
        items = items.Slice(0, n);
        for (int i = 0; i < n; i++) items[i] = tt.Items[i].Eval(es, f).Normalize();
        var setValue = Set.Eval(es, f);
        if (setValue is not SetBase s) throw MemberFailed(es, Error(TlcWords.NotASetMember(FcnValue.Tuple(items.ToArray()), setValue)), setValue);
        bool r;
        try
        {
            if (s is SetValue sv) r = sv.ContainsTuple(items);
            else
            {
                var vals = new Value[n];
                for (int i = 0; i < n; i++) ValueArray.Set(vals, i, items[i]);
                r = s.Contains(FcnValue.Tuple(vals));
            }
        }
        catch (ValueException e) { throw MemberFailed(es, Error(e.Message), setValue, FcnValue.Tuple(items.ToArray())); }
        return BoolValue.Of(r != Negated);
    }

    /// <summary>A failure of TLC's member, the set's own method: in the replay, the set's if it was built in place
    /// (<see cref="NestedExpressions.Fingerprint"/>). A set written out searches its elements as TLC holds them
    /// (ValueVec.search, unsorted: <c>elems[i].equals(elem)</c>), so the element whose equals failed, and the parts of
    /// it compared, follow the set when they were built in place too (<c>1 \in {{}}</c>: the set, then <c>{}</c>).</summary>
    private static TlaException MemberFailed(EvalState es, TlaException x, Value set, Value elem = null)
    {
        if (es.Track == null) return x;
        var receivers = new List<Value> { set };
        if (elem != null && set is SetValue or UnorderedSetValue)
        {
            var elems = set is UnorderedSetValue u ? u.Written : ((SetValue)set).Elems;
            foreach (var e in elems)
            {
                try { TlcCompare.Equal(e, elem); }
                catch (ValueException)
                {
                    receivers.AddRange(TlcCompare.Receivers(e, elem));
                    break;
                }
            }
        }
        es.Track.Fingerprint(x, receivers.ToArray());
        return x;
    }
}

/// <summary>The set operators of the language itself: \cup \cap \ \subseteq SUBSET UNION DOMAIN.</summary>
public sealed class SetOpTerm : Term
{
    public enum Op { Cup, Cap, Minus, Subseteq, Subset, Union, Domain }
    public readonly Op Kind;
    public Term A, B;

    public SetOpTerm(Op kind, Term a, Term b)
    {
        Kind = kind;
        A = a;
        B = b;
        Lvl = Math.Max(a.Lvl, b?.Lvl ?? 0);
    }

    /// <summary>The operands (one for SUBSET, UNION, DOMAIN).</summary>
    public override Term[] Children => Present(A, B);
    public override Term WithChildren(Term[] children) => Like(new SetOpTerm(Kind, Expect(children, B == null ? 1 : 2)[0], B == null ? null : children[1]));

    protected internal override Value EvalCore(EvalState es, Frame f)
    {
        try
        {
            switch (Kind)
            {
                case Op.Cup:
                {
                    var av = A.Eval(es, f);
                    var bv = B.Eval(es, f);
                    if (av is not SetBase xs || bv is not SetBase ys) throw Lazily(es, TlcWords.SetOperand(this, Kind, av, bv));
                    if (!xs.IsFinite || !ys.IsFinite)
                    {
                        // TLC (Tool, OPCODE_cup): an enumerated set or interval on either side does the union
                        // (Reducible.cup): empty, it is the other set; else the other set is kept beside it, and
                        // membership asks the enumerated one first (1 \in STRING \cup {1} is TRUE, not an error).
                        if (IsReducible(xs)) return xs.Count == 0 ? ys : LazyCup(xs, ys);
                        if (IsReducible(ys)) return ys.Count == 0 ? xs : LazyCup(ys, xs);
                        return LazyCup(xs, ys);
                    }
                    if (xs is UnorderedSetValue || ys is UnorderedSetValue) return TlcCup(xs, ys);
                    var x = xs.ToEnumerated();
                    // TLC's Reducible.cup of an empty enumerated set or interval is the other operand as it is:
                    // {} \cup (1..3) is the interval 1..3 (printed so), (1..3) \cup {} an enumerated set.
                    if (x.Elems.Length == 0 && ys is IntervalValue && IsReducible(xs)) return ys;
                    var y = ys.ToEnumerated();
                    if (y.Elems.Length == 0) return x;
                    if (x.Elems.Length == 0) return y;
                    int crossKinds = TlcCompare.CrossKindComparisons;
                    var merged = Merge(x.Elems, y.Elems);
                    // TLC's Reducible.cup holds S's elements first, then T's that S does not hold (unnormalized).
                    if (TlcCompare.CrossKindComparisons == crossKinds) return merged.MarkFirst(xs is SetValue xv ? xv.HeldFirst : x.Elems[0]);
                    // Elements of kinds TLC cannot compare. TLC merges two enumerated sets (Reducible.cup), comparing
                    // their elements, which may fail; with a set of another form (a product, a set of records or
                    // functions, SUBSET) it keeps both (SetCupValue): membership asks the enumerated one first
                    // ((D \X {0, 1}) \cup {0, 1} holds no model value, no error), and the elements meet only when the
                    // union is enumerated.
                    if (!IsReducible(xs) || !IsReducible(ys))
                        return IsReducible(ys) && !IsReducible(xs) ? FiniteLazyCup(ys, xs) : FiniteLazyCup(xs, ys);
                    // An interval on the left is TLC's IntervalValue.cup, which asks the interval about each element of
                    // the other set ("Attempted to check if the value: ... is in the integer interval").
                    return TlcCup(xs is IntervalValue ? xs : x, y);
                }
                case Op.Cap:
                {
                    var av = A.Eval(es, f);
                    var bv = B.Eval(es, f);
                    if (av is not SetBase x || bv is not SetBase y)
                        return NonSet(es, av, bv, SetValue.Empty, Reducible(av) ? av : Reducible(bv) ? bv : null);
                    if (!x.IsFinite && y.IsFinite) (x, y) = (y, x);
                    if (!x.IsFinite) return LazyCap(x, y);
                    if (x is UnorderedSetValue ux) return Kept(ux, y, true);
                    if (x is SetValue xa && y is SetValue ya)
                    {
                        AskedForEach(xa, ya);
                        return HeldAs(Intersect(xa.Elems, ya.Elems), xa);
                    }
                    var list = new List<Value>();
                    foreach (var e in x.Elements) if (y.Contains(e)) list.Add(e);
                    var capped = new SetValue(list.ToArray());
                    // TLC's IntervalValue.cap builds a normalized set.
                    return x is IntervalValue ? capped.MarkNormalized() : capped;
                }
                case Op.Minus:
                {
                    var av = A.Eval(es, f);
                    if (av is not SetBase x) throw Lazily(es, TlcWords.SetOperand(this, Kind, av, null));
                    // S \ {e} (Sum(f, S \ {x}) in a recursion over a set): e removed without building {e}.
                    if (x is SetValue xs && B is SetEnumTerm { Items.Length: 1 } one && es.Cov == null)
                    {
                        var e = one.Items[0].Eval(es, f).Normalize();
                        if (MayFailComparing(xs, e)) AskedForEach(xs, new SetValue(new[] { e }));
                        return HeldAs(Without(xs, e), xs);
                    }
                    var bv = B.Eval(es, f);
                    if (bv is not SetBase y) return NonSet(es, x, bv, SetValue.Empty, x);
                    if (!x.IsFinite) return LazyMinus(x, y);
                    if (x is UnorderedSetValue ux) return Kept(ux, y, false);
                    if (x is SetValue xa && y.IsFinite && y is not UnorderedSetValue)
                    {
                        if (y is IntervalValue yi)
                        {
                            var kept = new List<Value>(xa.Elems.Length);
                            foreach (var e in xa.Elems) if (!yi.Contains(e)) kept.Add(e);
                            return kept.Count == xa.Elems.Length ? xa : HeldAs(new SetValue(kept.ToArray()), xa);
                        }
                        var ye = y.ToEnumerated();
                        AskedForEach(xa, ye);
                        return HeldAs(Difference(xa.Elems, ye.Elems, xa), xa);
                    }
                    var list = new List<Value>();
                    foreach (var e in x.Elements) if (!y.Contains(e)) list.Add(e);
                    var rest = new SetValue(list.ToArray());
                    // TLC's IntervalValue.diff builds a normalized set.
                    return x is IntervalValue ? rest.MarkNormalized() : rest;
                }
                case Op.Subseteq:
                {
                    var av = A.Eval(es, f);
                    var bv = B.Eval(es, f);
                    // TLC's overridden infinite sets (Nat, Int, STRING, Seq(S)) are not enumerable, even for Nat \subseteq Nat.
                    if (av is not SetBase x || x is InfiniteSetValue) throw TlcWords.SubseteqNotEnumerable(this);
                    if (bv is not SetBase y) return NonSet(es, x, bv, BoolValue.True, x);
                    return BoolValue.Of(x.IsSubsetOf(y));
                }
                case Op.Subset:
                {
                    var av = A.Eval(es, f);
                    if (av is not SetBase x) throw Lazily(es, TlcWords.SetOperand(this, Kind, av, null));
                    return new SubsetValue(x);
                }
                case Op.Union:
                {
                    var outer = A.EvalSet(es, f);
                    var sets = new List<SetBase>();
                    bool infinite = false;
                    // TLC's UnionValue.union takes the sets as they are, without normalizing the set of them.
                    foreach (var e in outer is UnorderedSetValue uo ? uo.Written : outer.Elements)
                    {
                        if (e is not SetBase s)
                        {
                            // TLC normalizes the set of sets first (a mix of kinds fails comparing them), then
                            // enumerates each element.
                            if (outer is UnorderedSetValue uf) throw uf.Failure();
                            throw Error("Attempted to enumerate UNION(s), but some element of s is nonenumerable.");
                        }
                        sets.Add(s);
                        infinite |= !s.IsFinite;
                    }
                    // As TLC's UnionValue: the union of a finite set of sets some of which are infinite is kept
                    // as it is, membership asks each set in turn (f \in UNION {[D -> Int \cup {NULL}]}).
                    if (infinite) return LazyUnion(outer, sets);
                    var list = new List<Value>();
                    foreach (var s in sets) list.AddRange(s is UnorderedSetValue u ? u.Written : s.Elements);
                    var union = SetValue.Build(list, markFirst: false);
                    if (union is UnorderedSetValue) return TlcUnion(outer, sets, es, f);
                    if (union is SetValue built)
                    {
                        // TLC's UnionValue.union combines enumerated sets, in the order it holds them (the first
                        // element it holds is the first of the first set); it keeps any other union as a UnionValue.
                        if (outer is SetValue { Elems.Length: > 0 } held && sets.TrueForAll(s => s is SetValue))
                        {
                            if (held.HeldFirst is SetValue { Elems.Length: > 0 } first) built.MarkFirst(first.HeldFirst);
                        }
                        else built.MarkUnion(sets);
                    }
                    return union;
                }
                case Op.Domain:
                {
                    var v = A.Eval(es, f);
                    if (v is FcnBase fn) return fn.Domain;
                    throw TlcWords.DomainOfNonFunction(this, v);
                }
            }
        }
        catch (ValueException e)
        {
            throw Error(e.Message);
        }
        throw new InvalidOperationException();
    }

    /// <summary>An operand that is not a set: TLC's error (<see cref="TlcWords.SetOperand"/>), or, when the enumerated
    /// operand is empty and so never asks the other, <paramref name="whenEmpty"/>.</summary>
    /// <summary>TLC's error for an operand that is not a set, or <paramref name="whenEmpty"/> when TLC has none. In the
    /// replay, the failure of <paramref name="receiver"/>'s method (TLC's Reducible.cap, diff, isSubsetEq of the
    /// enumerated operand, which asks the other for membership), or with none the set TLC keeps unevaluated
    /// (<see cref="Lazily"/>).</summary>
    private Value NonSet(EvalState es, Value a, Value b, Value whenEmpty, Value receiver)
    {
        if (TlcWords.SetOperand(this, Kind, a, b) is not { } e) return whenEmpty;
        if (es.Track != null)
        {
            if (receiver == null) es.Track.FingerprintAt(e, [this]);
            else es.Track.Fingerprint(e, receiver);
        }
        throw e;
    }

    /// <summary>An error TLC meets only once it enumerates the set this term makes (its SetCupValue, SetDiffValue,
    /// SetCapValue, SubsetValue, kept with this term as its source): in the replay, a failure of that set
    /// (<see cref="NestedExpressions.FingerprintAt"/>).</summary>
    private TlaException Lazily(EvalState es, TlaException e)
    {
        es.Track?.FingerprintAt(e, [this]);
        return e;
    }

    /// <summary>A part of <paramref name="whole"/> (its intersection with a set, its difference), held by TLC as
    /// whole is (SetEnumValue.cap and diff keep its order and whether it is normalized).</summary>
    private static SetBase HeldAs(SetBase part, SetValue whole)
    {
        if (part is not SetValue p || ReferenceEquals(p, whole) || p.Elems.Length < 2) return part;
        if (whole.HeldNormalized) return p.MarkNormalized();
        return p.MarkFirst(whole.HeldFirst);
    }

    private static bool Reducible(Value v) => v is SetBase s && IsReducible(s);

    // The infinite cases, in methods of their own: a lambda capturing locals of Eval would allocate its closure on
    // every evaluation, infinite or not.
    /// <summary>TLC's Reducible sets: an enumerated set (SetEnumValue) or an interval.</summary>
    private static bool IsReducible(SetBase s) => s is SetValue or IntervalValue;

    // Their messages when enumerated (a state holding one is fingerprinted so) are TLC's SetCupValue's, SetCapValue's
    // and SetDiffValue's; a difference enumerates its left side first, which fails first when it is lazy too.
    private static LazySetValue LazyCup(SetBase xs, SetBase ys) => new($"{xs} \\cup {ys}", v => xs.Contains(v) || ys.Contains(v),
        notEnumerable: () => $"Attempted to enumerate S \\cup T when S:\n{xs}\nand T:\n{ys}\nare not both enumerable");
    /// <summary>TLC's SetCupValue of finite sets: membership asks <paramref name="xs"/> first; enumerated, the elements
    /// of both in turn (SetCupValue.toSetEnum), then sorted as TLC sorts them (an error for kinds it cannot compare).</summary>
    private static LazySetValue FiniteLazyCup(SetBase xs, SetBase ys) => new($"{xs} \\cup {ys}", v => xs.Contains(v) || ys.Contains(v),
        enumerate: () =>
        {
            var all = new List<Value>(xs.ToEnumerated().Elems);
            all.AddRange(ys.ToEnumerated().Elems);
            var built = SetValue.Build(all);
            return built as SetValue ?? built.ToEnumerated();
        });

    private static LazySetValue LazyCap(SetBase x, SetBase y) => new($"{x} \\cap {y}", v => x.Contains(v) && y.Contains(v),
        notEnumerable: () => $"Attempted to enumerate S \\cap T when neither S:\n{x}\nnor T:\n{y}\nis enumerable");
    private static LazySetValue LazyMinus(SetBase x, SetBase y) => new($"{x} \\ {y}", v => x.Contains(v) && !y.Contains(v),
        notEnumerable: () => x is LazySetValue ? x.NotEnumerableMessage() : $"Attempted to enumerate S \\ T when S:\n{x}\nis not enumerable.");
    private static LazySetValue LazyUnion(SetBase outer, List<SetBase> sets) => new($"UNION {outer}", v => TlcCompare.UnionMember(sets, v));

    /// <summary>S \cup T as TLC's SetEnumValue.cup makes it, for sets whose elements TLC cannot all compare: T's
    /// elements (T normalized) that S, searched as it is, does not hold, after S's elements; the searches of S may
    /// fail ({1} \cup {"a"}: "Attempted to check equality of integer 1 with non-integer"), the result is a set TLC
    /// has not normalized.</summary>
    private static SetBase TlcCup(SetBase xs, SetBase ys)
    {
        var mine = xs is UnorderedSetValue u ? u.Written : xs.ToEnumerated().Elems;
        if (mine.Length == 0) return ys;
        var list = new List<Value>(mine);
        foreach (var e in ys.ToEnumerated().Elems)
            if (!xs.Contains(e)) list.Add(e);
        return SetValue.Build(list);
    }

    /// <summary>S \cap T (or S \ T) for an S TLC cannot sort: its elements as written, each asked of T, as TLC's
    /// SetEnumValue.cap and diff do without normalizing S.</summary>
    private static SetBase Kept(UnorderedSetValue s, SetBase t, bool inT)
    {
        var list = new List<Value>();
        foreach (var e in s.Written)
            if (t.Contains(e) == inT) list.Add(e);
        return SetValue.Build(list);
    }

    /// <summary>UNION of sets whose elements TLC cannot all compare: TLC's UnionValue.union adds each element of each
    /// set in turn that the elements so far (searched in order, each the receiver of the equality) do not hold, and
    /// fails at the first equality of values of different kinds.</summary>
    /// <remarks>Only where every set is an enumerated one (TLC's SetEnumValue: canCombine); otherwise TLC keeps a
    /// UnionValue, whose elements, enumerated set after set, are sorted when it is first normalized, and it fails
    /// there as the sort does (<c>UNION {1..3, {{}}} = 1..3</c>: "Attempted to compare integer 1 with non-integer").
    /// UnionValue enumerates the set of sets normalized (sorted, <paramref name="sets"/>' order); the combining loop
    /// takes them as TLC holds them: as written where the operand is written from elements.</remarks>
    private SetBase TlcUnion(SetBase outer, List<SetBase> sets, EvalState es, Frame f)
    {
        bool combine = sets.TrueForAll(s => s is SetValue or UnorderedSetValue);
        if (combine) sets = WrittenSets(es, f) ?? sets;
        var all = new List<Value>();
        foreach (var s in sets) all.AddRange(s is UnorderedSetValue u ? u.Written : s.ToEnumerated().Elems);
        // TLC's UnionValue, kept as it is: membership asks each set in turn (UnionMember), enumerating it sorts the
        // elements of all (and fails there, as the set built of them does).
        if (!combine)
        {
            var kept = sets;
            var built = SetValue.Build(all);
            return new LazySetValue($"UNION {outer}", v => TlcCompare.UnionMember(kept, v), () => built as SetValue ?? built.ToEnumerated());
        }
        var sofar = new List<Value>();
        foreach (var e in all)
        {
            bool found = false;
            foreach (var x in sofar)
                if (TlcCompare.Equal(x, e)) { found = true; break; }
            if (!found) sofar.Add(e);
        }
        return SetValue.Build(sofar);
    }

    /// <summary>UNION's operand written from elements (<c>UNION {a, b}</c>): its sets in the written order, as TLC's
    /// SetEnumValue holds them before it is normalized; null for any other operand (its sets in their sorted order).
    /// Asked only where the union fails.</summary>
    private List<SetBase> WrittenSets(EvalState es, Frame f)
    {
        if (A is not SetEnumTerm written) return null;
        var sets = new List<SetBase>();
        foreach (var item in written.Items)
        {
            if (item.Eval(es, f) is not SetBase s) return null;
            sets.Add(s);
        }
        return sets;
    }

    /// <summary>TLC's S \cap T and S \ T enumerate S and ask T about each element (SetCapValue's and SetDiffValue's
    /// enumerators): an element T misses is compared with T's elements, an error for one of another kind
    /// (<c>{1, 2} \cap {"a"}</c>: "Attempted to check equality of string "a" with non-string: 1"), as a missed
    /// membership is. Skipped when the elements of both sets are of one shape, where no comparison can fail.</summary>
    private static void AskedForEach(SetValue s, SetValue t)
    {
        if (s.Elems.Length == 0 || t.Elems.Length == 0) return;
        int both = s.KindMask | t.KindMask;
        if ((both & SetValue.TypedModelValueBit) == 0)
        {
            int kinds = both & ~(1 << (int)ValueKind.ModelValue);
            if (kinds == 0) return;
            if ((kinds & (kinds - 1)) == 0)
            {
                if ((kinds & ((1 << (int)ValueKind.Set) | (1 << (int)ValueKind.Function))) == 0) return;
                if (TlcCompare.Fits(s.ElementShape, t.ElementShape)) return;
            }
        }
        foreach (var e in s.Elems) t.Contains(e);
    }

    /// <summary>Can comparing <paramref name="e"/> with the elements of <paramref name="s"/> fail (elements of
    /// another kind, typed model values, sets or functions)?</summary>
    private static bool MayFailComparing(SetValue s, Value e)
    {
        if (s.Elems.Length == 0) return false;
        int mask = s.KindMask;
        if ((mask & SetValue.TypedModelValueBit) != 0 || e is ModelValue) return true;
        if ((mask & ~((1 << (int)e.Kind) | (1 << (int)ValueKind.ModelValue))) != 0) return true;
        // Elements of e's kind alone: a set or a function (a tuple, a record) fails only where its shape does not fit
        // the elements' one (GameOfLife's `S \ {<<x, y>>}` never does, and is on its hot path).
        return e.Kind is ValueKind.Set or ValueKind.Function && !TlcCompare.Fits(TlcCompare.Shape(e), s.ElementShape);
    }

    /// <summary>s \ {e}: the comparisons <see cref="Difference"/> makes with the one-element array (up to the first
    /// element not below e), without that array and its set.</summary>
    private static SetValue Without(SetValue s, Value e)
    {
        var a = s.Elems;
        for (int i = 0; i < a.Length; i++)
        {
            int c = a[i].CompareTo(e);
            if (c < 0) continue;
            if (c > 0) return s;
            if (a.Length == 1) return SetValue.Empty;
            var r = new Value[a.Length - 1];
            Array.Copy(a, r, i);
            Array.Copy(a, i + 1, r, i, a.Length - i - 1);
            var without = new SetValue(r);
            // A part of s: s's kinds and shape still cover its elements (a recursion over S \ {x} would otherwise
            // compute them again at every step).
            without.InheritShapeOf(s);
            return without;
        }
        return s;
    }

    /// <summary>a \ b for sorted arrays (a linear merge; a itself when nothing is removed).</summary>
    private static SetValue Difference(Value[] a, Value[] b, SetValue whole)
    {
        if (a.Length == 0 || b.Length == 0) return whole;
        Value[] r = null;
        int i = 0, j = 0, n = 0;
        while (i < a.Length)
        {
            int c = j < b.Length ? a[i].CompareTo(b[j]) : -1;
            if (c < 0)
            {
                if (r != null) ValueArray.Set(r, n, a[i]);
                n++;
                i++;
            }
            else if (c > 0) j++;
            else
            {
                if (r == null)
                {
                    r = new Value[a.Length - 1];
                    Array.Copy(a, r, n);
                }
                i++;
                j++;
            }
        }
        if (r == null) return whole;
        if (n == 0) return SetValue.Empty;
        if (n != r.Length) Array.Resize(ref r, n);
        return new SetValue(r);
    }

    /// <summary>a \cap b for sorted arrays.</summary>
    private static SetValue Intersect(Value[] a, Value[] b)
    {
        var r = new Value[Math.Min(a.Length, b.Length)];
        int i = 0, j = 0, n = 0;
        while (i < a.Length && j < b.Length)
        {
            int c = a[i].CompareTo(b[j]);
            if (c < 0) i++;
            else if (c > 0) j++;
            else
            {
                ValueArray.Set(r, n++, a[i]);
                i++;
                j++;
            }
        }
        if (n == 0) return SetValue.Empty;
        if (n != r.Length) Array.Resize(ref r, n);
        return new SetValue(r);
    }

    private static SetValue Merge(Value[] a, Value[] b)
    {
        var r = new Value[a.Length + b.Length];
        int i = 0, j = 0, n = 0;
        while (i < a.Length && j < b.Length)
        {
            int c = a[i].CompareTo(b[j]);
            if (c < 0) ValueArray.Set(r, n++, a[i++]);
            else if (c > 0) ValueArray.Set(r, n++, b[j++]);
            else { ValueArray.Set(r, n++, a[i++]); j++; }
        }
        while (i < a.Length) ValueArray.Set(r, n++, a[i++]);
        while (j < b.Length) ValueArray.Set(r, n++, b[j++]);
        if (n != r.Length) Array.Resize(ref r, n);
        return new SetValue(r);
    }
}

/// <summary><c>UNCHANGED e</c> evaluated as a predicate: e' = e.</summary>
public sealed class UnchangedTerm : Term
{
    public Term Inner;
    public UnchangedTerm(Term inner) { Inner = inner; Lvl = Level.Action; }

    public override Term[] Children => [Inner];
    public override Term WithChildren(Term[] children) => Like(new UnchangedTerm(Expect(children, 1)[0]));

    protected internal override Value EvalCore(EvalState es, Frame f)
    {
        var before = Inner.Eval(es, f);
        if (es.Next == null) throw Error("UNCHANGED can only be evaluated in an action");
        var cur = es.Current;
        es.Current = es.Next;
        try { return BoolValue.Of(before.Equals(Inner.Eval(es, f))); }
        finally { es.Current = cur; }
    }
}

/// <summary><c>[A]_v</c> (A \/ v' = v) and <c>&lt;&lt;A&gt;&gt;_v</c> (A /\ v' # v).</summary>
public sealed class ActionBoxTerm : Term
{
    public Term Action;
    public Term Sub;
    public readonly bool IsAngle;
    public readonly UnchangedTerm Unchanged;
    /// <summary>The &lt;&lt;A&gt;&gt;_v of a WF_v(A) or SF_v(A): TLC requires A to determine every variable of v when
    /// it computes ENABLED &lt;&lt;A&gt;&gt;_v.</summary>
    public bool OfFairness { get; init; }

    public ActionBoxTerm(Term action, Term sub, bool isAngle)
    {
        Action = action;
        Sub = sub;
        IsAngle = isAngle;
        Unchanged = new UnchangedTerm(sub) { Span = sub.Span };
        Lvl = Level.Action;
    }

    /// <summary>A, then v (<see cref="Unchanged"/> is made of v: not a child of its own).</summary>
    public override Term[] Children => [Action, Sub];
    public override Term WithChildren(Term[] children) => Like(new ActionBoxTerm(Expect(children, 2)[0], children[1], IsAngle) { OfFairness = OfFairness });

    protected internal override Value EvalCore(EvalState es, Frame f)
    {
        if (IsAngle) return BoolValue.Of(Action.EvalBool(es, f, this) && !Unchanged.EvalBool(es, f));
        return BoolValue.Of(Action.EvalBool(es, f, this) || Unchanged.EvalBool(es, f));
    }
}

/// <summary><c>ENABLED A</c>: is there a successor of the current state through A?</summary>
public sealed class EnabledTerm : Term
{
    public Term Action;
    /// <summary>The primed variables of instantiated modules it may quantify over besides the state's.</summary>
    public FreshSlots Fresh;
    public EnabledTerm(Term action) { Action = action; Lvl = Level.State; }

    public override Term[] Children => [Action];
    public override Term WithChildren(Term[] children) => Like(new EnabledTerm(Expect(children, 1)[0]) { Fresh = Fresh });

    protected internal override Value EvalCore(EvalState es, Frame f)
    {
        if (es.Current == null) throw Error("ENABLED needs a state");
        var saveNext = es.Next;
        var saveInit = es.InitMode;
        es.Next = new Value[es.Current.Length + (Fresh?.Count ?? 0)];
        es.InitMode = false;
        try
        {
            bool any = false;
            var en = new ActionEnumerator(es);
            try
            {
                en.Run(Action, f, () => { any = true; return false; }, requireComplete: false);
            }
            catch (UnassignedPrimeException) when (es.EnabledFallback != null)
            {
                es.Next = saveNext;
                es.InitMode = saveInit;
                return BoolValue.Of(es.EnabledFallback(Action, f));
            }
            return BoolValue.Of(any);
        }
        finally
        {
            es.Next = saveNext;
            es.InitMode = saveInit;
        }
    }
}

/// <summary>Temporal formulas ([]P, &lt;&gt;P, ~&gt;, WF/SF, \EE, \AA): not evaluable in a single state or step.</summary>
public sealed class TemporalTerm : Term
{
    public readonly string Op;
    public readonly Term[] Args;
    /// <summary>For WF/SF: the subscript; Args[0] is the action.</summary>
    public Term Sub;
    public readonly Binder[] Binders;

    public TemporalTerm(string op, Term[] args, Term sub = null, Binder[] binders = null)
    {
        Op = op;
        Args = args;
        Sub = sub;
        Binders = binders;
        Lvl = Level.Temporal;
    }

    /// <summary>The operands, the subscript of WF/SF, then the sets of \EE/\AA's identifiers (when bounded).</summary>
    public override Term[] Children => [.. Args, .. Present(Sub), .. Binder.SetsOf(Binders ?? [])];

    public override Term WithChildren(Term[] children)
    {
        int n = Args.Length, sub = Sub == null ? 0 : 1;
        Expect(children, n + sub + Binder.SetsOf(Binders ?? []).Length);
        var binders = Binders == null ? null : Binder.WithSets(Binders, children, n + sub);
        return Like(new TemporalTerm(Op, children[..n], Sub == null ? null : children[n], binders));
    }

    protected internal override Value EvalCore(EvalState es, Frame f)
    {
        throw Error($"the temporal formula ({Op}) cannot be evaluated as a state or action predicate; list it under PROPERTY in the .cfg");
    }
}

/// <summary><c>A \cdot B</c>: action composition, true of a step s -> u when some state t has A from s to t and B
/// from t to u (TLC with -Dtlc2.tool.impl.Tool.cdot=true: t ranges over the states A's enumeration yields from s).
/// The action enumerator handles it as a next-state relation.</summary>
public sealed class ComposeTerm : Term
{
    public Term A, B;
    public ComposeTerm(Term a, Term b) { A = a; B = b; Lvl = Level.Action; }

    public override Term[] Children => [A, B];
    public override Term WithChildren(Term[] children) => Like(new ComposeTerm(Expect(children, 2)[0], children[1]));

    protected internal override Value EvalCore(EvalState es, Frame f)
    {
        var s0 = es.Current;
        var u = es.Next;
        if (s0 == null || u == null) throw Error("action composition (\\cdot) can only be evaluated on a step (a pair of states)");
        var intermediates = new List<Value[]>();
        var saveInit = es.InitMode;
        es.Next = new Value[s0.Length];
        es.InitMode = false;
        try
        {
            new ActionEnumerator(es).Run(A, f, () =>
            {
                intermediates.Add((Value[])es.Next.Clone());
                return true;
            }, requireComplete: false);
        }
        finally
        {
            es.Current = s0;
            es.Next = u;
            es.InitMode = saveInit;
        }
        try
        {
            foreach (var t in intermediates)
            {
                es.Current = t;
                es.Next = u;
                if (B.EvalBool(es, f)) return BoolValue.True;
            }
            return BoolValue.False;
        }
        finally
        {
            es.Current = s0;
            es.Next = u;
        }
    }
}
