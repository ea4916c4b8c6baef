using Ops.Tla.Values;

namespace Ops.Tla.Checking;

/// <summary>
/// One instance of each distinct value of each state variable, shared by the states the search keeps.
/// <para>
/// A new state's changed variables are values the action just built; most of them are equal to a value some earlier
/// state already holds (MCLamportMutex: 89% of them, MCNanoMedium 93%, btree 99.9%). Storing the earlier instance
/// instead lets the fresh one die young, so the collections during a level no longer copy every queued state's new
/// values into the older generations, and the states still to expand share their values.
/// </para>
/// <para>
/// A value replaces another only when it is equal to it (fingerprint, then <see cref="Value.Equals(Value)"/>, which
/// is quick where the two share sub-values, as a successor shares its predecessor's) and of the same runtime type, so
/// that it prints the same (<c>1..3</c> and <c>{1, 2, 3}</c> are equal but printed differently). A variable whose
/// values rarely repeat (a counter, a growing history) stops being interned and its table is dropped: keeping its
/// values would only keep states' values alive that the search would otherwise drop.
/// </para>
/// With one worker nothing is locked; with several (<c>concurrent</c>), a lookup only reads (most find their value:
/// 89% on MCLamportMutex) and a miss adds under its segment's lock. Each worker counts its lookups in a
/// <see cref="Tally"/> of its own, so that no two workers write the same cache line for every value.
/// </summary>
public sealed class ValueInterner
{
    private const int StripeBits = 6, Stripes = 1 << StripeBits;
    // A variable is judged, over all its segments, whenever one segment comes to hold 256, 512, 1,024, ... values: if
    // its values rarely repeat, keeping them would only keep alive what the search drops with expanded states. The bar
    // is low because the first levels of a search meet mostly new values (MCNanoMedium's received: 19% found in its
    // first 29,000 lookups, 80% in all): under 1 in 16 found once 16,384 values are kept (TLCSailfish1's es and
    // GameOfLife's grid: none ever found), under 1 in 4 once 65,536 are.
    private const int JudgeEvery = 256, FewKept = 16_384, ManyKept = 65_536;

    private readonly Variable[] _vars;
    private readonly bool _judge, _concurrent;
    private readonly List<Tally> _tallies = new();
    // The tally of the calls that name none (one worker, the initial states, tests).
    private readonly Tally _own;

    /// <param name="variables">The number of state variables.</param>
    /// <param name="keepAll">True when the search keeps every state anyway (liveness, or states that cannot be
    /// generated again): then no variable is ever given up, since its values are kept whatever happens.</param>
    /// <param name="concurrent">True when several workers intern at once (each with its <see cref="NewTally"/>).</param>
    public ValueInterner(int variables, bool keepAll = false, bool concurrent = false)
    {
        _judge = !keepAll;
        _concurrent = concurrent;
        _vars = new Variable[variables];
        for (int i = 0; i < variables; i++) _vars[i] = new Variable();
        _own = NewTally();
    }

    /// <summary>A worker's own counts of its lookups (what the judgement of a variable reads).</summary>
    public sealed class Tally
    {
        // Per variable v: lookups at Pad + 2v, found at Pad + 2v + 1; padded at both ends so that two workers' tallies
        // never share a cache line.
        internal const int Pad = 8;
        internal readonly long[] Counts;
        internal Tally(int variables) => Counts = new long[2 * variables + 2 * Pad];
        internal long Lookups(int v) => Volatile.Read(ref Counts[Pad + 2 * v]);
        internal long Found(int v) => Volatile.Read(ref Counts[Pad + 2 * v + 1]);
    }

    /// <summary>A new tally, for a worker that interns concurrently with others.</summary>
    public Tally NewTally()
    {
        var t = new Tally(_vars.Length);
        lock (_tallies) _tallies.Add(t);
        return t;
    }

    private long SumLookups(int v)
    {
        long n = 0;
        lock (_tallies) foreach (var t in _tallies) n += t.Lookups(v);
        return n;
    }

    private long SumFound(int v)
    {
        long n = 0;
        lock (_tallies) foreach (var t in _tallies) n += t.Found(v);
        return n;
    }

    /// <summary>Lookups that found an equal instance, over all variables.</summary>
    public long Hits => Enumerable.Range(0, _vars.Length).Sum(SumFound);

    /// <summary>Per variable: lookups, equal instances found, and whether it is still interned (OPS_INTERN_TRACE=1).</summary>
    public IEnumerable<(long Lookups, long Found, bool Interned)> Statistics() =>
        Enumerable.Range(0, _vars.Length).Select(v => (SumLookups(v), SumFound(v), !_vars[v].Disabled));

    /// <summary>The values and parts kept over all the variables still interned.</summary>
    public long Kept
    {
        get
        {
            long n = 0;
            foreach (var v in _vars)
                if (!v.Disabled)
                    for (int i = 0; i < Stripes; i++) n += Volatile.Read(ref v.Segments[i].Count) + Volatile.Read(ref v.Parts[i].Count);
            return n;
        }
    }

    /// <summary>Lets go of every value and part kept, keeping which variables are interned and the counts of the
    /// lookups: the search on disk keeps only the values of its recent states (see BfsChecker.MoveToDisk). Never while
    /// another thread interns.</summary>
    public void Forget()
    {
        foreach (var v in _vars)
            if (!v.Disabled)
                for (int i = 0; i < Stripes; i++)
                {
                    v.Segments[i].Reset();
                    v.Parts[i].Reset();
                }
    }

    /// <summary>Is variable i still interned?</summary>
    public bool IsInterned(int variable) => !_vars[variable].Disabled;

    /// <summary>Replaces each variable of <paramref name="state"/> that is not the very instance its predecessor holds
    /// (<paramref name="predecessor"/>, or null for an initial state) by the shared equal instance.</summary>
    public void InternChanged(Value[] predecessor, Value[] state) => InternChanged(predecessor, state, _own);

    /// <summary><see cref="InternChanged(Value[], Value[])"/>, counted in a worker's <paramref name="tally"/>.</summary>
    public void InternChanged(Value[] predecessor, Value[] state, Tally tally)
    {
        // First the table slots of all the changed variables are asked for (a prefetch each), then the equal values
        // found there (old values, seldom in the cache), then they are compared: the cache misses of a state's two
        // or three lookups overlap instead of following one another.
        if (System.Runtime.Intrinsics.X86.Sse.IsSupported)
        {
            PrefetchChanged(predecessor, state);
            for (int i = 0; i < state.Length; i++)
                if (Changed(predecessor, state, i)) Prefetch(i, state[i], found: true);
        }
        for (int i = 0; i < state.Length; i++)
            if (Changed(predecessor, state, i)) state[i] = Intern(i, state[i], tally, predecessor?[i]);
    }

    /// <summary>Asks the processor for the table slots where the changed variables of <paramref name="state"/> would
    /// be (a hint: nothing changes): the search asks as soon as it has a successor's fingerprint, before it knows
    /// whether the state is new (and so to be interned).</summary>
    public void PrefetchChanged(Value[] predecessor, Value[] state)
    {
        if (!System.Runtime.Intrinsics.X86.Sse.IsSupported) return;
        for (int i = 0; i < state.Length; i++)
            if (Changed(predecessor, state, i)) Prefetch(i, state[i], found: false);
    }

    /// <summary>Does variable <paramref name="i"/> of <paramref name="state"/> hold a value to intern: one, and not
    /// the very instance <paramref name="predecessor"/> holds (already interned)?</summary>
    private static bool Changed(Value[] predecessor, Value[] state, int i) =>
        state[i] is { } v && (predecessor == null || !ReferenceEquals(predecessor[i], v));

    /// <summary>Brings the table slot where <paramref name="v"/> would be into the cache, or with
    /// <paramref name="found"/> the value in that slot (a hint: nothing changes).</summary>
    private void Prefetch(int variable, Value v, bool found)
    {
        var var = _vars[variable];
        // Only where the fingerprint is kept with the value once computed (the lookup needs it next).
        if (var.Disabled || v is not (FcnValue or SetValue or PendingExcept)) return;
        ulong fp;
        try { fp = v.Fingerprint; }
        catch (Exception e) when (e is ValueException or TlaException) { return; }
        if (fp == 0) fp = 1;
        var seg = var.Segments[(int)(fp >> (64 - StripeBits))];
        if (found) StatePrefetch.Touch(seg.Find(fp));
        else seg.Prefetch(fp);
    }

    /// <summary>Each function of <paramref name="state"/> that is not the very instance <paramref name="predecessor"/>
    /// holds replaced by the equal one kept (<see cref="Find"/>), keeping nothing new: a successor the constraints
    /// exclude, held in a buffer of the search's own, before its invariants are evaluated (the one-worker search and
    /// each parallel worker).</summary>
    /// <remarks>A value still held as a <see cref="PendingExcept"/> is compared with the kept one as it stands (see
    /// <see cref="SameAsPending"/>): found, its copies are never made; the caller builds what is left
    /// (<see cref="PendingExcept.BuildAll"/>).</remarks>
    public void ShareKept(Value[] predecessor, Value[] state)
    {
        for (int i = 0; i < state.Length; i++)
            if (!ReferenceEquals(predecessor[i], state[i]) && state[i] is FcnValue or PendingExcept) ValueArray.Set(state, i, Find(i, state[i]));
    }

    /// <summary>The function kept for <paramref name="variable"/> that is equal to <paramref name="v"/>, of the same
    /// runtime type and form (it prints the same), or v itself: a lookup that keeps and counts nothing. For a successor
    /// the constraints exclude, whose invariants are evaluated but which is not kept: a kept function holds the marks
    /// of the invariants' conjuncts found true of it (FcnValue.CheckedBits), which a fresh copy does not.</summary>
    public Value Find(int variable, Value v)
    {
        var var = _vars[variable];
        if (var.Disabled || v is not (FcnValue or PendingExcept)) return v;
        ulong fp;
        try { fp = v.Fingerprint; }
        catch (Exception e) when (e is ValueException or TlaException) { return v; }
        if (fp == 0) fp = 1;
        var found = var.Segments[(int)(fp >> (64 - StripeBits))].Find(fp);
        if (v is PendingExcept pending)
        {
            if (found == null) return v;
            if (pending.Built == null && found is FcnValue kept && SameAsPending(kept, pending)) return found;
            v = pending.ToFcn();
        }
        return found != null && (ReferenceEquals(found, v) || (found.GetType() == v.GetType() && found.Equals(v) && SameForm(found, v)))
            ? found : v;
    }

    /// <summary>The shared instance equal to v (v itself the first time, or when the variable is not interned).</summary>
    public Value Intern(int variable, Value v) => Intern(variable, v, _own, null);

    /// <param name="was">The predecessor's value of the variable (null for an initial state): the parts of
    /// <paramref name="v"/> that are its very parts are shared already.</param>
    private Value Intern(int variable, Value v, Tally tally, Value was)
    {
        var var = _vars[variable];
        if (var.Disabled) return v;
        ulong fp;
        // A variable a VIEW leaves out may hold what has no fingerprint (an operator, a function over Nat): left as it is.
        try { fp = v.Fingerprint; }
        catch (Exception e) when (e is ValueException or TlaException) { return v; }
        if (fp == 0) fp = 1;
        var seg = var.Segments[(int)(fp >> (64 - StripeBits))];
        tally.Counts[Tally.Pad + 2 * variable]++;
        var found = seg.Find(fp);
        if (v is PendingExcept pending)
        {
            // An EXCEPT not built yet (see SameAsPending): most new states' values are found kept, and then its copies
            // are never made.
            if (found != null && pending.Built == null && found is FcnValue kept && SameAsPending(kept, pending))
            {
                tally.Counts[Tally.Pad + 2 * variable + 1]++;
                return found;
            }
            v = pending.ToFcn();
        }
        if (found == null)
        {
            // A value met for the first time: its parts are made the shared instances of equal parts before anything
            // else can see it (see SharePartsOf).
            SharePartsOf(var, v, was);
            int kept;
            if (_concurrent)
            {
                lock (seg)
                {
                    if (var.Disabled) return v;
                    found = seg.Find(fp);
                    if (found == null) seg.Add(fp, v);
                    kept = seg.Count;
                }
            }
            else
            {
                seg.Add(fp, v);
                kept = seg.Count;
            }
            if (found == null)
            {
                if (_judge && kept >= JudgeEvery && (kept & (kept - 1)) == 0 && RarelyRepeats(variable)) var.Disable(_concurrent);
                return v;
            }
        }
        if (ReferenceEquals(found, v) || (found.GetType() == v.GetType() && found.Equals(v) && SameForm(found, v)))
        {
            tally.Counts[Tally.Pad + 2 * variable + 1]++;
            return found;
        }
        // A different value with the same fingerprint is kept as it is.
        return v;
    }

    /// <summary>
    /// Replaces the parts of a value about to be kept (the elements of a function, down to its elements' elements) by
    /// the one instance of each equal part kept for the variable (a table of its own, <see cref="Variable.Parts"/>),
    /// and keeps the parts met for the first time. Then equal parts of the kept values are the same instances: a later
    /// successor's value, which shares its unchanged parts with its predecessor's, is compared with the kept equal
    /// value part by part by reference, and only its changed parts are read down to their elements (on MCLamportMutex,
    /// 84% of the network values looked up are found, and their comparison read the kept value's rows and channels,
    /// old values seldom in the cache). A part replaces another only when equal, of the same runtime type and, for a
    /// function, built the same way (<see cref="FcnValue.SameForm"/>: it prints the same).
    /// </summary>
    private void SharePartsOf(Variable var, Value v, Value was)
    {
        if (v is not FcnValue f) return;
        var vals = f.Vals;
        // The parts the predecessor's value holds too are shared instances already.
        var old = was is FcnValue o && o.Vals.Length == vals.Length && ReferenceEquals(o.Keys, f.Keys) ? o.Vals : null;
        for (int i = 0; i < vals.Length; i++)
        {
            var part = vals[i];
            if (part is not (FcnValue or SetValue)) continue;
            if (old != null && ReferenceEquals(old[i], part)) continue;
            var shared = SharePart(var, part, PartDepth);
            if (!ReferenceEquals(shared, part)) ValueArray.Set(vals, i, shared);
        }
    }

    /// <summary>How many levels below a variable's value parts are shared.</summary>
    private const int PartDepth = 3;

    private Value SharePart(Variable var, Value part, int depth)
    {
        ulong fp;
        try { fp = part.Fingerprint; }
        catch (Exception e) when (e is ValueException or TlaException) { return part; }
        if (fp == 0) fp = 1;
        var seg = var.Parts[(int)(fp >> (64 - StripeBits))];
        var found = seg.Find(fp);
        if (found != null)
            return ReferenceEquals(found, part) || SameKind(found, part) && found.Equals(part) ? found : part;
        // New: its own parts first (it is not in the table yet, so nothing else reads it while they change).
        if (depth > 1 && part is FcnValue pf)
        {
            var vals = pf.Vals;
            for (int i = 0; i < vals.Length; i++)
            {
                var sub = vals[i];
                if (sub is not (FcnValue or SetValue)) continue;
                var shared = SharePart(var, sub, depth - 1);
                if (!ReferenceEquals(shared, sub)) ValueArray.Set(vals, i, shared);
            }
        }
        if (_concurrent)
        {
            lock (seg)
            {
                if (var.Disabled) return part;
                found = seg.Find(fp);
                if (found == null) seg.Add(fp, part);
            }
            if (found != null && SameKind(found, part) && found.Equals(part)) return found;
        }
        else seg.Add(fp, part);
        return part;
    }

    /// <summary>
    /// Is the kept function <paramref name="kept"/> the value <paramref name="p"/> stands for, of the same form: what
    /// <c>kept.Equals(p.ToFcn()) &amp;&amp; SameForm(kept, p.ToFcn())</c> answers, without making the copies
    /// (<see cref="FcnValue.With"/>) that ToFcn makes. The copy of f (and of a row of f, for a change of two steps)
    /// has f's key array and flags but <see cref="FcnValue.FromConstructor"/>, and f's entries but at the changed
    /// indices; each entry is compared as the two whole values would be (by reference, then equal and of the same
    /// form), in the same direction. False also where it cannot tell so cheaply (key arrays not shared, a row not an
    /// explicit function): the caller then builds the value and compares it whole. On MCLamportMutex most of a new
    /// state's changed values are found kept (81% of network's, 84% of req's): their copies, built only to be
    /// compared and dropped, were a third of the objects a new state made.
    /// </summary>
    private static bool SameAsPending(FcnValue kept, PendingExcept p)
    {
        var f = p.Base;
        if (!SameShapeAsCopy(kept, f)) return false;
        var (i0, j0, v0) = p.Change(0);
        var (i1, j1, v1) = p.Changes == 2 ? p.Change(1) : (-1, -1, null);
        var kv = kept.Vals;
        var fv = f.Vals;
        for (int k = 0; k < kv.Length; k++)
        {
            bool same = k == i0 ? SameEntry(kv[k], f, i0, j0, v0)
                : k == i1 ? SameEntry(kv[k], f, i1, j1, v1)
                : SameValue(kv[k], fv[k]);
            if (!same) return false;
        }
        return true;
    }

    /// <summary>Does <paramref name="kept"/> have the length, key array and flags of a copy of <paramref name="f"/>
    /// made by <see cref="FcnValue.With"/> (which copies all the flags but FromConstructor)?</summary>
    private static bool SameShapeAsCopy(FcnValue kept, FcnValue f) =>
        kept.Vals.Length == f.Vals.Length && ReferenceEquals(kept.Keys, f.Keys) && !kept.FromConstructor
        && kept.BuiltAsFunction == f.BuiltAsFunction && kept.IntervalDomain == f.IntervalDomain && kept.NotRecord == f.NotRecord;

    /// <summary>An entry of a kept value against the entry of the value looked up, as FcnValue.Equals and SameForm
    /// compare them.</summary>
    private static bool SameValue(Value kept, Value v) => ReferenceEquals(kept, v) || (kept.Equals(v) && SameForm(kept, v));

    /// <summary>The kept entry <paramref name="x"/> against f's entry <paramref name="i"/> changed: replaced by
    /// <paramref name="v"/> (<paramref name="j"/> &lt; 0), or a copy of that row with its entry j replaced.</summary>
    private static bool SameEntry(Value x, FcnValue f, int i, int j, Value v)
    {
        if (j < 0) return SameValue(x, v);
        var row = (FcnValue)f.Vals[i];
        if (x is not FcnValue xf || !SameShapeAsCopy(xf, row)) return false;
        var xv = xf.Vals;
        var rv = row.Vals;
        for (int m = 0; m < xv.Length; m++)
            if (!SameValue(xv[m], m == j ? v : rv[m])) return false;
        return true;
    }

    // The same form all the way down (SameForm): a part holding 1..2 is not replaced by an equal one holding {1, 2}.
    private static bool SameKind(Value a, Value b) => SameForm(a, b);

    /// <summary>
    /// Do two equal values print the same, all the way down? Equal values may be kept in different forms that TLC
    /// prints differently (an interval and its enumeration, <c>[a |-&gt; 1..2]</c> and <c>[a |-&gt; {1, 2}]</c>), and
    /// a function's flags (its domain written as an interval, built as a function) decide what DOMAIN and the
    /// messages print: TLC prints each state of a trace as the action that made it built it, so a state may not
    /// share another's instance unless every part has the same form. Sub-values the two share are not visited.
    /// </summary>
    internal static bool SameForm(Value a, Value b)
    {
        if (ReferenceEquals(a, b)) return true;
        if (a.GetType() != b.GetType()) return false;
        switch (a)
        {
            case FcnValue fa:
            {
                var fb = (FcnValue)b;
                if (!fa.SameForm(fb) || fa.Vals.Length != fb.Vals.Length
                    || (fa.Keys == null) != (fb.Keys == null))
                    return false;
                if (fa.Keys != null && !ReferenceEquals(fa.Keys, fb.Keys))
                    for (int i = 0; i < fa.Keys.Length; i++)
                        if (!SameForm(fa.Keys[i], fb.Keys[i])) return false;
                for (int i = 0; i < fa.Vals.Length; i++)
                    if (!SameForm(fa.Vals[i], fb.Vals[i])) return false;
                return true;
            }
            case SetValue sa:
            {
                var sb = (SetValue)b;
                if (sa.Elems.Length != sb.Elems.Length) return false;
                for (int i = 0; i < sa.Elems.Length; i++)
                    if (!SameForm(sa.Elems[i], sb.Elems[i])) return false;
                return true;
            }
            case BoolValue or IntValue or StringValue or ModelValue or IntervalValue:
                return true;
            default:
                // A kind kept unexpanded (SUBSET S, [S -> T], a lazy function): shared only when it is the same instance.
                return false;
        }
    }

    /// <summary>Do the variable's values rarely repeat? (Counts read while the workers go on: a judgement, not an
    /// account.)</summary>
    private bool RarelyRepeats(int variable)
    {
        long kept = 0;
        foreach (var s in _vars[variable].Segments) kept += Volatile.Read(ref s.Count);
        if (kept < FewKept) return false;
        long lookups = SumLookups(variable), found = SumFound(variable);
        return found * 16 < lookups || (kept >= ManyKept && found * 4 < lookups);
    }

    private sealed class Variable
    {
        public readonly Segment[] Segments = new Segment[Stripes];
        /// <summary>The shared instances of the parts of the kept values (see <see cref="SharePartsOf"/>).</summary>
        public readonly Segment[] Parts = new Segment[Stripes];
        public volatile bool Disabled;

        public Variable()
        {
            for (int i = 0; i < Stripes; i++)
            {
                Segments[i] = new Segment();
                Parts[i] = new Segment();
            }
        }

        /// <summary>Stops interning this variable and lets its values go (with several workers, each segment under its
        /// own lock, one at a time: a miss under way sees Disabled once it holds its segment's lock, and a lookup that
        /// read a table being dropped finds an equal value or none).</summary>
        public void Disable(bool concurrent)
        {
            Disabled = true;
            foreach (var s in Segments.Concat(Parts))
                if (concurrent)
                    lock (s) s.Clear();
                else s.Clear();
        }
    }

    /// <summary>A slot of a segment's table: a fingerprint and its value, side by side (one cache line read).</summary>
    private struct Entry
    {
        public ulong Fp;
        public Value Value;
    }

    /// <summary>Open addressing on the fingerprint; small tables, grown by doubling, so none reaches the large-object
    /// heap before a segment holds thousands of values. Read without a lock: a slot's value is written before its
    /// fingerprint, and a table is replaced whole (by one writing under the lock) once it is full.</summary>
    private sealed class Segment
    {
        private Entry[] _entries = new Entry[16];
        // The table's size less one, for Prefetch alone: it computes the slot's address without reading the table
        // (its length is a miss of its own). Written after the table it belongs to; a prefetch that reads another
        // table's mask only asks for a useless line.
        private int _mask = 15;
        public int Count;
#pragma warning disable CS0169, IDE0051 // Padding: two workers adding to neighbouring segments must not share a cache line.
        private long _p0, _p1, _p2, _p3, _p4, _p5, _p6;
#pragma warning restore CS0169, IDE0051

        public Value Find(ulong fp)
        {
            var entries = Volatile.Read(ref _entries);
            int mask = entries.Length - 1;
            int i = Home(fp, mask);
            while (true)
            {
                ulong s = Volatile.Read(ref entries[i].Fp);
                if (s == 0) return null;
                if (s == fp) return entries[i].Value;
                i = (i + 1) & mask;
            }
        }

        public void Prefetch(ulong fp) => StatePrefetch.TouchSlot(Volatile.Read(ref _entries), Home(fp, _mask));

        /// <summary>Where the probe for a fingerprint starts in a table of <paramref name="mask"/> + 1 slots.</summary>
        private static int Home(ulong fp, int mask) => (int)(fp * 0x9E3779B97F4A7C15UL >> 24) & mask;

        /// <summary>Adds a fingerprint not in the table (one writer at a time).</summary>
        public void Add(ulong fp, Value v)
        {
            if ((Count + 1) * 4 > _entries.Length * 3) Grow();
            Insert(_entries, fp, v);
            Volatile.Write(ref Count, Count + 1);
        }

        public void Clear()
        {
            Volatile.Write(ref _entries, new Entry[1]);
            _mask = 0;
            Count = 0;
        }

        /// <summary>Empty again, at the size a segment starts with.</summary>
        public void Reset()
        {
            if (Count == 0) return;
            Volatile.Write(ref _entries, new Entry[16]);
            _mask = 15;
            Count = 0;
        }

        private static void Insert(Entry[] entries, ulong fp, Value v)
        {
            int mask = entries.Length - 1;
            int i = Home(fp, mask);
            while (entries[i].Fp != 0) i = (i + 1) & mask;
            entries[i].Value = v;
            Volatile.Write(ref entries[i].Fp, fp);
        }

        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
        private void Grow()
        {
            var old = _entries;
            var bigger = new Entry[old.Length * 2];
            foreach (var e in old)
                if (e.Fp != 0) Insert(bigger, e.Fp, e.Value);
            Volatile.Write(ref _entries, bigger);
            _mask = bigger.Length - 1;
        }
    }
}
