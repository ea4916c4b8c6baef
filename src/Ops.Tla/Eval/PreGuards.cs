using System.Text;
using Ops.Tla.Eval.Builtins;
using Ops.Tla.Values;

namespace Ops.Tla.Eval;

/// <summary>
/// The guards an action evaluates first, before it assigns anything: <c>network[q][p] # &lt;&lt;&gt;&gt;</c>, then
/// <c>m.type = "req"</c> under <c>LET m == Head(network[q][p])</c> in <c>ReceiveRequest(p, q)</c>. Most of a state's
/// actions fail there (MCLamportMutex: 27 actions per state, 3.8 successors), and the search evaluates them first,
/// without setting the action up (its frames made ready, the enumerator's walk begun); when one is false the action is
/// done. Each guard is a closed copy of the action's conjunct: the action's arguments and bound identifiers (constants
/// once the next-state relation is split) written as their values, a LET definition it reads as the definition's
/// body, so that it needs no frame. Guards that two actions share (the same expression over the same values: the three
/// Receive actions of one pair p, q) are evaluated once per state, by the first action that reaches them.
/// <para>Nothing TLC does changes: the guards are evaluated in TLC's order (conjuncts left to right, the LET's body
/// after the conjuncts before it), each at the place TLC evaluates it, by the same terms (the same errors, with the
/// same places); only an evaluation whose value is already known is skipped. A shared guard is read by a later action
/// of the same state only: the state has not changed, and only guards that call nothing with effects or answers of
/// its own (Print, TLCGet, RandomElement) are taken. Taken as guards are the forms the action enumerator would
/// evaluate as predicates (no primed variable, no binder: a guard with \E yields a state per witness there); a
/// conjunct that is anything else ends the guards. With TLC's coverage the plain walk counts every evaluation:
/// not used then.</para>
/// </summary>
public sealed class PreGuard
{
    /// <summary>The closed guards, in evaluation order.</summary>
    public readonly Term[] Guards;
    /// <summary>For each guard, its index among the guards two actions share (<see cref="PreGuardMemo"/>);
    /// -1 when no other action has it.</summary>
    public readonly int[] Shared;
    /// <summary>What the action's enumeration starts with once the guards hold: the action without the leading
    /// conjuncts that are plain guards (evaluated once, as predicates, by the enumerator too).</summary>
    public readonly Term Rest;
    /// <summary>For each guard that reads one state variable alone, that variable's index (its value is a function of
    /// that variable's value: kept per value, <see cref="PreGuardMemo.TryCached"/>); -1 for the others.</summary>
    public readonly int[] Var;
    /// <summary>For each guard with a <see cref="Var"/>, its bit among that variable's guards.</summary>
    public readonly ulong[] Bit;
    /// <summary>How many of the first guards read the same one variable alone (<see cref="Var"/>[0]; 0 when the first
    /// reads none or several): when one of those is false of a value of that variable, the ones before it true, the
    /// action has no successor in any state that holds an equal value (<see cref="PreGuardMemo.SkipActions"/>).</summary>
    public readonly int SameVarPrefix;

    internal PreGuard(Term[] guards, int[] shared, Term rest, int[] var, ulong[] bit)
    {
        Guards = guards;
        Shared = shared;
        Rest = rest;
        Var = var;
        Bit = bit;
        int n = 0;
        while (n < var.Length && var[n] >= 0 && var[n] == var[0]) n++;
        SameVarPrefix = n;
    }
}

/// <summary>Finds the <see cref="PreGuard"/>s of the actions of a next-state relation.</summary>
public static class PreGuards
{
    /// <summary>
    /// The guards of each action (null for an action without any). <paramref name="actions"/> are the split actions'
    /// terms and a frame built as the search builds it for one evaluation (arguments and bound identifiers set, LET
    /// definitions entered, nothing evaluated). <paramref name="memo"/> holds what the guards share, for one state
    /// at a time.
    /// </summary>
    public static PreGuard[] Analyze(IReadOnlyList<(Term Term, Frame Frame)> actions, out PreGuardMemo memo)
    {
        var found = new List<(Term Guard, string Key)>[actions.Count];
        var rests = new Term[actions.Count];
        var ids = new Dictionary<object, int>(ReferenceEqualityComparer.Instance);
        var uses = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int a = 0; a < actions.Count; a++)
        {
            var (term, frame) = actions[a];
            if (term == null || frame == null) continue;
            var list = new List<(Term, string)>();
            try { rests[a] = Collect(term, frame, list, ids); }
            catch (Exception e) when (e is TlaException or ValueException or InvalidOperationException or NullReferenceException or IndexOutOfRangeException)
            {
                continue;
            }
            if (list.Count == 0) continue;
            found[a] = list;
            foreach (var key in list.Select(g => g.Item2).Distinct()) uses[key] = uses.GetValueOrDefault(key) + 1;
        }
        // The values of sub-expressions that several different guards read (Head(network[q][p]).type in the second
        // guards of ReceiveRequest(p, q), ReceiveAck(p, q) and ReceiveRelease(p, q)): computed once per state too.
        memo = new PreGuardMemo();
        var subUses = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (guard, _) in found.Where(l => l != null).SelectMany(l => l).DistinctBy(g => g.Key))
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            SubKeys(guard, ids, seen);
            foreach (var k in seen) subUses[k] = subUses.GetValueOrDefault(k) + 1;
        }
        var values = new Dictionary<string, SharedValueTerm>(StringComparer.Ordinal);
        var sharedIds = new Dictionary<string, int>(StringComparer.Ordinal);
        // The guards that read one state variable alone: each gets a bit among that variable's (64 at most), the
        // same for the same guard in two actions.
        var cached = new Dictionary<string, (int Var, int Bit)>(StringComparer.Ordinal);
        var bitsOf = new Dictionary<int, int>();
        var result = new PreGuard[actions.Count];
        for (int a = 0; a < actions.Count; a++)
        {
            if (found[a] is not { } list) continue;
            var guards = new Term[list.Count];
            var shared = new int[list.Count];
            var vars = new int[list.Count];
            var bits = new ulong[list.Count];
            for (int i = 0; i < list.Count; i++)
            {
                var key = list[i].Key;
                if (!cached.TryGetValue(key, out var vb))
                {
                    vb = (-1, 0);
                    if (OneVariable(list[i].Guard) is int v && bitsOf.GetValueOrDefault(v) < 64)
                    {
                        vb = (v, bitsOf.GetValueOrDefault(v));
                        bitsOf[v] = vb.Bit + 1;
                    }
                    cached[key] = vb;
                }
                vars[i] = vb.Var;
                bits[i] = vb.Var >= 0 ? 1UL << vb.Bit : 0;
                guards[i] = Share(list[i].Guard, ids, subUses, values, memo);
                if (uses[key] < 2) shared[i] = -1;
                else if (!sharedIds.TryGetValue(key, out shared[i])) sharedIds[key] = shared[i] = sharedIds.Count;
            }
            result[a] = new PreGuard(guards, shared, rests[a] ?? actions[a].Term, vars, bits);
        }
        memo.Init(sharedIds.Count, values.Count);
        memo.InitCache(bitsOf.Keys.Order().ToArray(), bitsOf.Values.Sum());
        return result;
    }

    /// <summary>The one state variable a closed guard reads (<see cref="Close"/>'s forms: its value is then a function
    /// of that variable's value, the guards reading nothing with effects or answers of its own); null when it reads
    /// none, several, or a form not known here.</summary>
    internal static int? OneVariable(Term guard)
    {
        int found = -1;
        bool Walk(Term t)
        {
            switch (t)
            {
                case VarTerm v:
                    if (found >= 0 && found != v.Index) return false;
                    found = v.Index;
                    return true;
                case ConstTerm:
                    return true;
                case CachedTerm c:
                    return c.Lvl == Level.Constant && c.Inner.Lvl == Level.Constant;
                case LetBodyTerm lb:
                    return Walk(lb.Body);
                case BuiltinCallTerm { Op: { IsPure: true, ReadsSearchState: false } }:
                case EqTerm or NeqTerm or NotTerm or AndTerm or OrTerm or ImpliesTerm or IfTerm or InTerm or SetOpTerm
                    or FcnAppTerm or TupleTerm or SetEnumTerm or LabelTerm:
                    foreach (var c in t.Children)
                        if (!Walk(c)) return false;
                    return true;
                default:
                    return false;
            }
        }
        return Walk(guard) && found >= 0 ? found : null;
    }

    /// <summary>May the value of <paramref name="t"/> be computed once for several guards? A sub-expression that reads
    /// the state, of a class no evaluation looks at in its operands (a function application words its errors after
    /// the class of the function's term: these three are all worded alike).</summary>
    private static bool Sharable(Term t) => t.Lvl >= Level.State && t is FcnAppTerm or BuiltinCallTerm or LetBodyTerm;

    /// <summary>The keys of the sub-expressions of <paramref name="t"/> (itself included) that may be shared.</summary>
    private static void SubKeys(Term t, Dictionary<object, int> ids, HashSet<string> into)
    {
        if (t is ConstTerm or VarTerm or CachedTerm) return;
        foreach (var c in t.Children) SubKeys(c, ids, into);
        if (Sharable(t)) into.Add(Key(t, ids));
    }

    /// <summary><paramref name="t"/> with the sub-expressions that other guards read too replaced by their
    /// <see cref="SharedValueTerm"/> (one per expression).</summary>
    private static Term Share(Term t, Dictionary<object, int> ids, Dictionary<string, int> uses, Dictionary<string, SharedValueTerm> values, PreGuardMemo memo)
    {
        if (t is ConstTerm or VarTerm or CachedTerm) return t;
        var children = t.Children;
        bool same = true;
        for (int i = 0; i < children.Length; i++)
        {
            var c = Share(children[i], ids, uses, values, memo);
            if (!ReferenceEquals(c, children[i])) same = false;
            children[i] = c;
        }
        var r = same ? t : t.WithChildren(children);
        if (!Sharable(t)) return r;
        var key = Key(t, ids);
        if (uses.GetValueOrDefault(key) < 2) return r;
        if (!values.TryGetValue(key, out var v)) values[key] = v = new SharedValueTerm(r, memo) { Span = t.Span, Lvl = t.Lvl };
        return v;
    }

    /// <summary>Collects the guards <paramref name="t"/> begins with into <paramref name="into"/>, in evaluation
    /// order, and returns what to enumerate in its place once they hold (null: <paramref name="t"/> itself).</summary>
    private static Term Collect(Term t, Frame f, List<(Term, string)> into, Dictionary<object, int> ids)
    {
        bool all = Walk(t, f, into, ids, strip: true, out var rest);
        // Every conjunct a guard (no state is generated anyway), or nothing dropped: the action whole.
        return all || ReferenceEquals(rest, t) ? null : rest;
    }

    /// <summary>Collects the guards <paramref name="t"/> begins with; true when all of it is guards (the walk goes
    /// on after it). With <paramref name="strip"/>, <paramref name="rest"/> is <paramref name="t"/> without the leading
    /// conjuncts that are plain guards (<see cref="IsPlainGuard"/>), inside a LET too; otherwise <paramref name="t"/>.</summary>
    private static bool Walk(Term t, Frame f, List<(Term, string)> into, Dictionary<object, int> ids, bool strip, out Term rest)
    {
        rest = t;
        switch (t)
        {
            case LabelTerm lb:
                return Walk(lb.Body, f, into, ids, strip: false, out _);
            case AndTerm and:
            {
                int dropped = 0;
                for (int i = 0; i < and.Items.Length; i++)
                {
                    var item = and.Items[i];
                    bool front = strip && dropped == i;
                    bool all = Walk(item, f, into, ids, front, out var itemRest);
                    if (all)
                    {
                        if (front && IsPlainGuard(item)) dropped++;
                        continue;
                    }
                    if (front && (dropped > 0 || !ReferenceEquals(itemRest, item)))
                    {
                        // Still a conjunction where the action's was (even of one conjunct): an incomplete successor
                        // is reported at the action's place.
                        var items = and.Items[dropped..];
                        items[0] = itemRest;
                        rest = new AndTerm(items, and.IsList) { Span = and.Span };
                    }
                    return false;
                }
                return true;
            }
            case LetTerm let:
            {
                // The definitions are entered (in the analysis frame) and read through their LetPending.
                let.Enter(null, f);
                bool all = Walk(let.Body, f, into, ids, strip, out var bodyRest);
                if (!all && !ReferenceEquals(bodyRest, let.Body)) rest = let.WithChildren([.. let.Bodies, bodyRest]);
                return all;
            }
        }
        if (t.Lvl > Level.State) return false;
        var closed = Close(t, f, 0);
        if (closed == null) return false;
        into.Add((closed, Key(closed, ids)));
        return true;
    }

    /// <summary>A conjunct the action enumerator evaluates once, as a predicate (it does not walk into it: no
    /// disjunction, IF or implication, whose branches it would walk). Only these are dropped from what is enumerated
    /// after the guards.</summary>
    private static bool IsPlainGuard(Term t) =>
        t.Lvl <= Level.State && t is EqTerm or NeqTerm or InTerm or NotTerm or BuiltinCallTerm or SetOpTerm { Kind: not SetOpTerm.Op.Subseteq }
            || t is FcnAppTerm { Fcn: VarTerm } && t.Lvl <= Level.State;

    /// <summary>A copy of <paramref name="t"/> that needs no frame, or null when <paramref name="t"/> is not made only
    /// of the forms taken here.</summary>
    private static Term Close(Term t, Frame f, int depth)
    {
        if (depth > 64) return null;
        switch (t)
        {
            case ConstTerm or VarTerm or CachedTerm:
                return t;
            case LocalTerm lt:
            {
                var frame = f.Up(lt.Hops);
                if (frame == null || lt.Slot >= frame.Slots.Length) return null;
                var v = frame.Slots[lt.Slot];
                switch (v)
                {
                    case null or Thunk or OperatorValue:
                        return null;
                    case LetPending lp:
                    {
                        // Evaluated where the LET is (the slot's frame), as LetPending.Force evaluates it.
                        var body = Close(lp.Body, frame, depth + 1);
                        return body == null ? null : new LetBodyTerm(body) { Span = lt.Span, Lvl = body.Lvl };
                    }
                    case SlotMark:
                        return null;
                    default:
                        return new ConstTerm(v) { Span = lt.Span };
                }
            }
            case BuiltinCallTerm { Op: { IsPure: true, ReadsSearchState: false } }:
            case EqTerm or NeqTerm or NotTerm or AndTerm or OrTerm or ImpliesTerm or IfTerm or InTerm or SetOpTerm
                or FcnAppTerm or TupleTerm or SetEnumTerm or LabelTerm:
            {
                var children = t.Children;
                bool same = true;
                for (int i = 0; i < children.Length; i++)
                {
                    var c = Close(children[i], f, depth + 1);
                    if (c == null) return null;
                    if (!ReferenceEquals(c, children[i])) same = false;
                    children[i] = c;
                }
                return same ? t : t.WithChildren(children);
            }
            default:
                return null;
        }
    }

    /// <summary>A key equal for two closed guards that evaluate alike in every state.</summary>
    private static string Key(Term t, Dictionary<object, int> ids)
    {
        var sb = new StringBuilder();
        Append(t, sb, ids);
        return sb.ToString();
    }

    private static void Append(Term t, StringBuilder sb, Dictionary<object, int> ids)
    {
        switch (t)
        {
            case ConstTerm { Value: IntValue or StringValue or BoolValue or ModelValue } c:
                sb.Append("V:").Append(c.Value.GetType().Name).Append(':');
                c.Value.Print(sb);
                return;
            case ConstTerm c:
                // Any other value (a function, a set: printing it could mean computing it) is the same one only when
                // it is the same object.
                sb.Append("V#").Append(Id(c.Value, ids));
                return;
            case VarTerm v:
                sb.Append("X").Append(v.Index);
                return;
            case CachedTerm ct:
                // A constant: the same one only when it is the same term (two copies of <<>> are alike too, below).
                if (ct.Inner is TupleTerm { Items.Length: 0 } or SetEnumTerm { Items.Length: 0 } or ConstTerm)
                {
                    Append(ct.Inner, sb, ids);
                    return;
                }
                sb.Append("C#").Append(Id(ct, ids));
                return;
            case BuiltinCallTerm b:
                sb.Append("B#").Append(Id(b.Op, ids)).Append(b.Op.Name);
                break;
            case FcnAppTerm fa:
                sb.Append(fa.IsField ? "F." : "F");
                break;
            case InTerm inn:
                sb.Append(inn.Negated ? "NotIn" : "In");
                break;
            case SetOpTerm so:
                sb.Append("S").Append((int)so.Kind);
                break;
            default:
                sb.Append(t.GetType().Name);
                break;
        }
        sb.Append('(');
        foreach (var c in t.Children)
        {
            Append(c, sb, ids);
            sb.Append(',');
        }
        sb.Append(')');
    }

    private static int Id(object o, Dictionary<object, int> ids)
    {
        if (!ids.TryGetValue(o, out int id)) ids[o] = id = ids.Count;
        return id;
    }
}

/// <summary>What the guards of the actions share (<see cref="PreGuards"/>), for the state being expanded: the values
/// of the guards two actions have, and of the sub-expressions several guards read. <see cref="NextState"/> forgets
/// them.</summary>
public sealed class PreGuardMemo
{
    /// <summary>The state's stamp: a value is known for this state when it was stored under this stamp.</summary>
    internal int Stamp;
    private int[] _known = [];
    private bool[] _values = [];
    /// <summary>The number of sub-expressions whose values are shared (for the trace).</summary>
    public int Values { get; private set; }

    internal void Init(int guards, int values)
    {
        _known = new int[guards];
        _values = new bool[guards];
        Values = values;
    }

    /// <summary>Forgets the values known: a new state is being expanded.</summary>
    public void NextState()
    {
        if (++Stamp == int.MaxValue)
        {
            // Stamps are never reused within reach of a stored one.
            Array.Clear(_known);
            Stamp = 1;
            SharedValueTerm.Wrapped(this);
        }
    }

    /// <summary>The value of shared guard <paramref name="i"/> in this state, when known.</summary>
    public bool TryGet(int i, out bool value)
    {
        value = _values[i];
        return _known[i] == Stamp;
    }

    public void Set(int i, bool value)
    {
        _known[i] = Stamp;
        _values[i] = value;
    }

    internal event Action Reset;
    internal void OnReset() => Reset?.Invoke();

    // The values of the guards that read one state variable alone (PreGuard.Var), kept per value of that variable: a
    // guard's value is a function of the variable's, and the states share few of them (MCLamportMutex: 137,576
    // values of network in 724,274 states), so a guard evaluated (without an error) on a value need not be evaluated
    // again in another state that holds an equal one. A table per variable, indexed by the value's fingerprint (the
    // one the state's fingerprint was computed from: equal values, equal fingerprints; two values with one
    // fingerprint are the collision the fingerprint set itself accepts); each entry that fingerprint, which of the
    // variable's guards are known of it and which of those hold. No references: nothing kept alive, nothing for the
    // collector to scan. Only the guards' values are kept: one that fails is evaluated again, and fails again as
    // before.
    private struct Entry
    {
        // Skip: the actions (of index below 64) whose first guards read this variable alone and are known of this
        // value, the last of them false (see PreGuard.SameVarPrefix): none of them has a successor in a state that
        // holds this value.
        public ulong Fp, Known, Holds, Skip;
    }

    private const int CacheBits = 16;
    // The tables, one after the other in one block of native memory (zeroed; the system commits a page when it is
    // first written): not on the collector's heap, whose budgets a few megabytes of large objects allocated at the
    // start would change (two more full collections on MCLamportMutex).
    private unsafe Entry* _table;
    private int[] _cacheVars = [];
    // For each variable, where its table begins in the block (-1: none).
    private int[] _base = [];
    // For the state being expanded, the entry of each variable's value in the block (-1: none).
    private int[] _entry = [];

    /// <summary>How many guards' evaluations the values kept per value answered (for OPS_PAR_TRACE).</summary>
    public long KeptAnswers;

    /// <summary>The number of guards whose values are kept per value of the variable they read (for the trace).</summary>
    public int CachedGuards { get; private set; }

    public unsafe void InitCache(int[] vars, int guards)
    {
        CachedGuards = guards;
        if (vars.Length == 0 || _table != null) return;
        _cacheVars = vars;
        _base = new int[vars.Max() + 1];
        _entry = new int[vars.Max() + 1];
        Array.Fill(_base, -1);
        Array.Fill(_entry, -1);
        for (int i = 0; i < vars.Length; i++) _base[vars[i]] = i << CacheBits;
        _table = (Entry*)System.Runtime.InteropServices.NativeMemory.AllocZeroed((nuint)vars.Length << CacheBits, (nuint)sizeof(Entry));
    }

    unsafe ~PreGuardMemo()
    {
        if (_table != null) System.Runtime.InteropServices.NativeMemory.Free(_table);
        _table = null;
    }

    private static int Slot(ulong fp) => (int)((fp * 0x9E3779B97F4A7C15UL) >> (64 - CacheBits));

    /// <summary>Forgets the values known for the state expanded before, and finds the entries of
    /// <paramref name="state"/>'s values (a state the search stored and fingerprinted).</summary>
    public unsafe void NextState(Value[] state)
    {
        NextState();
        ulong skip = 0;
        var vars = _cacheVars;
        for (int i = 0; i < vars.Length; i++)
        {
            int x = vars[i];
            var v = x < state.Length ? state[x] : null;
            _entry[x] = -1;
            // Only values whose fingerprint is known or computed from what they hold at once (a function not
            // fingerprinted yet, as under a VIEW, is not fingerprinted here: a value built on demand would be
            // computed, and could fail or print).
            ulong fp;
            switch (v)
            {
                case FcnValue f: fp = f.KnownFingerprint; break;
                case IntValue or StringValue or BoolValue or ModelValue or SetValue:
                    try { fp = v.Fingerprint; }
                    catch (Exception ex) when (ex is ValueException or TlaException) { continue; }
                    break;
                default: continue;
            }
            if (fp == 0) continue;
            int e = _base[x] + Slot(fp);
            ref var entry = ref _table[e];
            if (entry.Fp != fp || entry.Known == 0)
            {
                entry.Fp = fp;
                entry.Known = 0;
                entry.Holds = 0;
                entry.Skip = 0;
            }
            skip |= entry.Skip;
            _entry[x] = e;
        }
        SkipActions = skip;
    }

    /// <summary>The actions (bit a for action a, a below 64) that have no successor in the state given to
    /// <see cref="NextState(Value[])"/>: their first guards read one variable alone, are known of the value the state
    /// holds, and the last of them is false (<see cref="MarkSkip"/>). The search skips them as their guards' evaluation
    /// would (no error is skipped: a guard is known of a value only when it was evaluated on it without one).</summary>
    public ulong SkipActions;

    /// <summary>Is action <paramref name="action"/> among <paramref name="skip"/> (a <see cref="SkipActions"/>)?</summary>
    public static bool Skips(ulong skip, int action) => action < 64 && ((skip >> action) & 1) != 0;

    /// <summary>Action <paramref name="action"/>'s first guards, which read variable <paramref name="var"/> alone, were
    /// found (or known) of the value the state being expanded holds, the last false: the action is skipped in every
    /// state that holds an equal value (while the entry is kept).</summary>
    public unsafe void MarkSkip(int var, int action)
    {
        if ((uint)action >= 64) return;
        var entries = _entry;
        int e = (uint)var < (uint)entries.Length ? entries[var] : -1;
        if (e < 0) return;
        _table[e].Skip |= 1UL << action;
    }

    /// <summary>Asks the processor for the entries of <paramref name="state"/>'s values (the next state to be expanded,
    /// whose values the search asked for before: a hint, so that <see cref="NextState(Value[])"/> finds them in the
    /// cache). Only functions whose fingerprint is known, read without computing anything.</summary>
    public unsafe void Prefetch(Value[] state)
    {
        if (state == null || !System.Runtime.Intrinsics.X86.Sse.IsSupported) return;
        var vars = _cacheVars;
        for (int i = 0; i < vars.Length; i++)
        {
            int x = vars[i];
            if (x < state.Length && state[x] is FcnValue f && f.KnownFingerprint is var fp && fp != 0)
                System.Runtime.Intrinsics.X86.Sse.Prefetch0(_table + _base[x] + Slot(fp));
        }
    }

    /// <summary>The value of the guard of bit <paramref name="bit"/> among variable <paramref name="var"/>'s, when
    /// known of the value the state being expanded holds.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public unsafe bool TryCached(int var, ulong bit, out bool value)
    {
        var entries = _entry;
        int e = (uint)var < (uint)entries.Length ? entries[var] : -1;
        if (e < 0)
        {
            value = false;
            return false;
        }
        ref var entry = ref _table[e];
        value = (entry.Holds & bit) != 0;
        return (entry.Known & bit) != 0;
    }

    /// <summary>Keeps the value of a guard found of the value the state being expanded holds (see
    /// <see cref="TryCached"/>).</summary>
    public unsafe void SetCached(int var, ulong bit, bool value)
    {
        var entries = _entry;
        int e = (uint)var < (uint)entries.Length ? entries[var] : -1;
        if (e < 0) return;
        ref var entry = ref _table[e];
        entry.Known |= bit;
        if (value) entry.Holds |= bit;
    }
}

/// <summary>A sub-expression several guards read (<see cref="PreGuards"/>): evaluated by the first that reads it in a
/// state, its value kept for the others until the next state.</summary>
public sealed class SharedValueTerm : Term
{
    public readonly Term Inner;
    private readonly PreGuardMemo _memo;
    private int _stamp;
    private Value _value;

    public SharedValueTerm(Term inner, PreGuardMemo memo)
    {
        Inner = inner;
        _memo = memo;
        memo.Reset += () => _stamp = 0;
    }

    /// <summary>The memo's stamps start again: no value is known.</summary>
    internal static void Wrapped(PreGuardMemo memo) => memo.OnReset();

    public override Term[] Children => [Inner];
    public override Term WithChildren(Term[] children) => Like(new SharedValueTerm(Expect(children, 1)[0], _memo) { Lvl = children[0].Lvl });

    protected internal override Value EvalCore(EvalState es, Frame f)
    {
        int now = _memo.Stamp;
        if (_stamp == now) return _value;
        var v = Inner.Eval(es, f);
        _value = v;
        _stamp = now;
        return v;
    }
}

/// <summary>A LET definition read by a closed guard (<see cref="PreGuards"/>): its body, evaluated where it is read.
/// Not a <see cref="LocalTerm"/>, which reads a slot; like one, a class the evaluator does not look into (a function
/// application words its errors after the class of the function's term).</summary>
public sealed class LetBodyTerm : Term
{
    public readonly Term Body;
    public LetBodyTerm(Term body) { Body = body; }

    public override Term[] Children => [Body];
    public override Term WithChildren(Term[] children) => Like(new LetBodyTerm(Expect(children, 1)[0]) { Lvl = children[0].Lvl });
    protected internal override Value EvalCore(EvalState es, Frame f) => Body.Eval(es, f);
}
