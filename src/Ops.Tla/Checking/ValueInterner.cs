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
/// Thread-safe (striped locks), for the parallel search's workers.
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

    private readonly bool _judge;

    /// <param name="variables">The number of state variables.</param>
    /// <param name="keepAll">True when the search keeps every state anyway (liveness, or states that cannot be
    /// generated again): then no variable is ever given up, since its values are kept whatever happens.</param>
    public ValueInterner(int variables, bool keepAll = false)
    {
        _judge = !keepAll;
        _vars = new Variable[variables];
        for (int i = 0; i < variables; i++) _vars[i] = new Variable();
    }

    /// <summary>Lookups that found an equal instance, over all variables.</summary>
    public long Hits => _vars.Sum(v => v.Segments.Sum(s => (long)s.Found));

    /// <summary>Per variable: lookups, equal instances found, and whether it is still interned (OPS_INTERN_TRACE=1).</summary>
    public IEnumerable<(long Lookups, long Found, bool Interned)> Statistics() =>
        _vars.Select(v => (v.Segments.Sum(s => (long)s.Lookups), v.Segments.Sum(s => (long)s.Found), !v.Disabled));

    /// <summary>Is variable i still interned?</summary>
    public bool IsInterned(int variable) => !_vars[variable].Disabled;

    /// <summary>Replaces each variable of <paramref name="state"/> that is not the very instance its predecessor holds
    /// (<paramref name="predecessor"/>, or null for an initial state) by the shared equal instance.</summary>
    public void InternChanged(Value[] predecessor, Value[] state)
    {
        for (int i = 0; i < state.Length; i++)
        {
            var v = state[i];
            if (v == null || (predecessor != null && ReferenceEquals(predecessor[i], v))) continue;
            state[i] = Intern(i, v);
        }
    }

    /// <summary>The shared instance equal to v (v itself the first time, or when the variable is not interned).</summary>
    public Value Intern(int variable, Value v)
    {
        var var = _vars[variable];
        if (var.Disabled) return v;
        ulong fp;
        // A variable a VIEW leaves out may hold what has no fingerprint (an operator, a function over Nat): left as it is.
        try { fp = v.Fingerprint; }
        catch (Exception e) when (e is ValueException or TlaException) { return v; }
        if (fp == 0) fp = 1;
        var seg = var.Segments[(int)(fp >> (64 - StripeBits))];
        Value result;
        bool giveUp = false;
        lock (seg)
        {
            if (var.Disabled) return v;
            var found = seg.Find(fp);
            bool equal = found != null && (ReferenceEquals(found, v) || (found.GetType() == v.GetType() && found.Equals(v)));
            seg.Lookups++;
            if (equal) seg.Found++;
            if (found == null)
            {
                seg.Add(fp, v);
                int kept = seg.Count;
                giveUp = _judge && kept >= JudgeEvery && (kept & (kept - 1)) == 0 && RarelyRepeats(var);
            }
            // A different value with the same fingerprint is kept as it is.
            result = equal ? found : v;
        }
        // Outside the segment's lock: giving up takes every segment's lock in turn.
        if (giveUp) var.Disable();
        return result;
    }

    /// <summary>Do the variable's values rarely repeat? (Counts read without the other segments' locks: a judgement,
    /// not an account.)</summary>
    private static bool RarelyRepeats(Variable var)
    {
        long lookups = 0, found = 0, kept = 0;
        foreach (var s in var.Segments)
        {
            lookups += s.Lookups;
            found += s.Found;
            kept += s.Count;
        }
        return (kept >= FewKept && found * 16 < lookups) || (kept >= ManyKept && found * 4 < lookups);
    }

    private sealed class Variable
    {
        public readonly Segment[] Segments = new Segment[Stripes];
        public volatile bool Disabled;

        public Variable()
        {
            for (int i = 0; i < Stripes; i++) Segments[i] = new Segment();
        }

        /// <summary>Stops interning this variable and lets its values go (each segment under its own lock, one at a time;
        /// a lookup under way sees Disabled once it holds its segment's lock).</summary>
        public void Disable()
        {
            Disabled = true;
            foreach (var s in Segments)
                lock (s) s.Clear();
        }
    }

    /// <summary>Open addressing on the fingerprint; small tables, grown by doubling, so none reaches the large-object
    /// heap before a segment holds thousands of values.</summary>
    private sealed class Segment
    {
        private ulong[] _fps = new ulong[16];
        private Value[] _values = new Value[16];
        private int _count;
        public int Lookups, Found;
        public int Count => _count;
#pragma warning disable CS0169, IDE0051 // Padding: two workers locking neighbouring segments must not share a cache line.
        private long _p0, _p1, _p2, _p3, _p4, _p5;
#pragma warning restore CS0169, IDE0051

        public Value Find(ulong fp)
        {
            int mask = _fps.Length - 1;
            int i = (int)(fp * 0x9E3779B97F4A7C15UL >> 24) & mask;
            while (true)
            {
                var s = _fps[i];
                if (s == 0) return null;
                if (s == fp) return _values[i];
                i = (i + 1) & mask;
            }
        }

        public void Add(ulong fp, Value v)
        {
            if ((_count + 1) * 4 > _fps.Length * 3) Grow();
            Insert(_fps, _values, fp, v);
            _count++;
        }

        public void Clear()
        {
            _fps = new ulong[1];
            _values = new Value[1];
            _count = 0;
        }

        private static void Insert(ulong[] fps, Value[] values, ulong fp, Value v)
        {
            int mask = fps.Length - 1;
            int i = (int)(fp * 0x9E3779B97F4A7C15UL >> 24) & mask;
            while (fps[i] != 0 && fps[i] != fp) i = (i + 1) & mask;
            fps[i] = fp;
            values[i] = v;
        }

        private void Grow()
        {
            var fps = new ulong[_fps.Length * 2];
            var values = new Value[_values.Length * 2];
            for (int i = 0; i < _fps.Length; i++)
                if (_fps[i] != 0) Insert(fps, values, _fps[i], _values[i]);
            _fps = fps;
            _values = values;
        }
    }
}
