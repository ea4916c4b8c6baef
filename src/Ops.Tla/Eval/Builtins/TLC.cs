using Ops.Tla.Values;

namespace Ops.Tla.Eval.Builtins;

/// <summary>
/// TLC: Print, PrintT, Assert, JavaTime, TLCGet, TLCSet, :&gt;, @@, Permutations, SortSeq, RandomElement, Any,
/// ToString, TLCEval (TLC's tlc2.module.TLC and TLCGetSet).
/// <para>TLCGet(k) is answered by <see cref="IBuiltinHost.TlcGet"/> for k a nonnegative integer (a register) or
/// a string. The host should answer, as TLC does: "level" (0 in the initial predicate and constant expressions,
/// else the level of the current state), "diameter", "distinct", "queue", "generated", "duration" (seconds since
/// start), "stats" (record [diameter, distinct, duration, generated, queue, traces, levels...]), "config" (record
/// [mode, depth, deadlock, traces, seed, worker, fingerprint, aril, install, ...]), "spec", "action", "revision"
/// and integer registers; it returns null (or throws <see cref="ValueException"/>) for a key it cannot answer,
/// which becomes TLC's "TLCGet(k) was undefined.".</para>
/// <para>TLCSet(k, v) calls <see cref="IBuiltinHost.TlcSet"/> for k a nonnegative integer, a named register "s:name", "exit" (v = TRUE stops
/// the run) or "pause"; it returns TRUE.</para>
/// </summary>
internal static class TlcModule
{
    public static readonly InfiniteSetValue AnySet = new(InfiniteSetValue.Which.Any, null);

    public static BuiltinModule Create() =>
        new BuiltinModule("TLC")
            .Add("Print", 2, (a, h) => Print(a[0], a[1], h))
            .Add("PrintT", 1, (a, h) => PrintT(a[0], h))
            .Add("Assert", 2, a => Assert(a[0], a[1]))
            .Add("JavaTime", 0, _ => JavaTime())
            .Add("TLCGet", 1, (a, h) => TlcGet(a[0], h))
            .Add("TLCSet", 2, (a, h) => TlcSet(a[0], a[1], h))
            .Add(":>", (x, y) => MakeFcn(x, y))
            .Add("@@", (x, y) => CombineFcn(x, y))
            .Add("Permutations", 1, a => Permutations(a[0]))
            .Add("SortSeq", 2, a => SortSeq(a[0], a[1]))
            .Add("RandomElement", 1, (a, h) => RandomElement(a[0], h.Random))
            .Add("Any", 0, _ => AnySet)
            .Add("ToString", 1, a => StringValue.Of(Expanded(a[0], "ToString(tlc2.value.impl.Value)")))
            .Add("TLCEval", 1, a => TlcEval(a[0]))
            .WithEffects("JavaTime")
            .ReadingSearchState("TLCGet");

    /// <summary>Prints "out  val" (two spaces) and returns val.</summary>
    public static Value Print(Value output, Value val, IBuiltinHost host)
    {
        const string method = "Print(tlc2.value.impl.Value,tlc2.value.impl.Value)";
        host.Print(Ppr.Format(Expanded(output, method)) + "  " + Ppr.Format(Expanded(val, method)));
        return val;
    }

    public static Value PrintT(Value output, IBuiltinHost host)
    {
        host.Print(Ppr.Format(Expanded(output, "PrintT(tlc2.value.impl.Value)")));
        return BoolValue.True;
    }

    /// <summary>A value as TLC's Print, PrintT and ToString print it: sets expanded, and a set that cannot be
    /// enumerated is the override's error (see <see cref="PrintOptions.Expanding"/>).</summary>
    private static string Expanded(Value v, string method)
    {
        try { return PrintOptions.Expanded(v.ToString); }
        catch (ValueException e) { throw Err.InOverride("public static tlc2.value.impl.Value tlc2.module.TLC." + method, e.Message); }
    }

    public static Value Assert(Value cond, Value msg)
    {
        if (cond is BoolValue b && b.B) return cond;
        throw new TlcAssertException("The first argument of Assert evaluated to FALSE; the second argument was:\n" + Err.Show(msg));
    }

    /// <summary>Seconds since the epoch, as a nonnegative 31-bit integer (TLC since 2021).</summary>
    public static Value JavaTime()
    {
        long t = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        return IntValue.Of((int)t & 0x7FFFFFFF);
    }

    /// <summary>The Java method TLC evaluates TLCGet with (TLCGetSet.TLCGetEval): a key never set fails inside it, and
    /// TLC wraps the failure in its words for an override ("Attempted to apply the operator overridden by the Java
    /// method ..., but it produced the following error: TLCGet(7) was undefined.").</summary>
    private const string TlcGetEvalMethod = "public static tlc2.value.impl.Value tlc2.module.TLCGetSet.TLCGetEval(tlc2.tool.impl.Tool,tla2sany.semantic.ExprOrOpArgNode[],tlc2.util.Context,tlc2.tool.TLCState,tlc2.tool.TLCState,int,tlc2.tool.coverage.CostModel)";

    public static Value TlcGet(Value key, IBuiltinHost host)
    {
        if ((key is IntValue i && i.V >= 0) || key is StringValue)
            return host.TlcGet(key) ?? throw Err.InOverride(TlcGetEvalMethod, Err.TlcGetUndefined(key).Message);
        throw Err.OneArg("TLCGet", "nonnegative integer", key);
    }

    /// <summary>TLCGet("action") in TLC's breadth-first search (tla2tools cc6b616): its states (TLCStateMut) do not
    /// record the action that made them, so the answer is always the unnamed action, in an invariant, a constraint,
    /// an action's body or an ALIAS alike.</summary>
    public static Value UnnamedAction() =>
        FcnValue.Record(new[] { "name", "location" }, new Value[]
        {
            StringValue.Of("UnnamedAction"),
            FcnValue.Record(new[] { "beginLine", "beginColumn", "endLine", "endColumn", "module" },
                new Value[] { IntValue.Of(0), IntValue.Of(0), IntValue.Of(0), IntValue.Of(0), StringValue.Of("--TLA+ BUILTINS--") }),
        });

    public static Value TlcSet(Value key, Value val, IBuiltinHost host)
    {
        if ((key is IntValue i && i.V >= 0) || (key is StringValue s && (s.S == "exit" || s.S == "pause" || s.S.StartsWith("s:", StringComparison.Ordinal))))
        {
            host.TlcSet(key, val);
            return BoolValue.True;
        }
        throw Err.Arg("first", "TLCSet", "nonnegative integer", key);
    }

    /// <summary>Whether <c>TLCSet(key, value)</c> asks the run to end: <c>TLCSet("exit", TRUE)</c> (TLC's
    /// mainChecker.stop() or simulator.stop()). Every search that hosts TLCSet reads it through this one test.</summary>
    public static bool IsExitRequest(Value key, Value value) => key is StringValue { S: "exit" } && ReferenceEquals(value, BoolValue.True);

    public static Value MakeFcn(Value d, Value e) => FcnValue.FromPairs(new[] { d }, new[] { e }).AsFunction();

    /// <summary>f @@ g: f's mapping where both are defined.</summary>
    public static Value CombineFcn(Value f1, Value f2)
    {
        var a = Conv.Fcn(f1) ?? throw Err.Arg("first", "@@", "function", f1);
        var b = Conv.Fcn(f2) ?? throw Err.Arg("second", "@@", "function", f2);
        if (b.Size == 0) return a;
        if (a.Size == 0) return b;
        var keys = new List<Value>(a.Size + b.Size);
        var vals = new List<Value>(a.Size + b.Size);
        for (int i = 0; i < a.Size; i++) { keys.Add(a.KeyAt(i)); vals.Add(a.Vals[i]); }
        for (int i = 0; i < b.Size; i++) { keys.Add(b.KeyAt(i)); vals.Add(b.Vals[i]); }
        return FcnValue.FromPairs(keys, vals).AsFunction();
    }

    /// <summary>The set of all permutations of a finite set S (bijections S -&gt; S).</summary>
    public static Value Permutations(Value s)
    {
        var set = Conv.EnumSet(s) ?? throw Err.WrongValue("Permutations", "a finite set", s);
        var dom = set.Elems;
        int n = dom.Length;
        if (n == 0) return SetValue.Of(FcnValue.EmptyTuple);
        if (n > 10) throw new ValueException($"Permutations of a set with {n} elements is too large to enumerate");
        var result = new List<Value>();
        var perm = new Value[n];
        var used = new bool[n];
        void Rec(int k)
        {
            if (k == n)
            {
                result.Add(FcnValue.FromSorted(dom, (Value[])perm.Clone()).AsFunction());
                return;
            }
            for (int j = 0; j < n; j++)
            {
                if (used[j]) continue;
                used[j] = true;
                perm[k] = dom[j];
                Rec(k + 1);
                used[j] = false;
            }
        }
        Rec(0);
        return SetValue.FromList(result);
    }

    /// <summary>Stable insertion sort: an element moves before its predecessor while Op(elem, pred) holds.</summary>
    public static Value SortSeq(Value s, Value cmp)
    {
        var t = Conv.Tuple(s) ?? throw Err.Arg("first", "SortSeq", "natural number", s);
        if (cmp is not OperatorValue && cmp is not FcnBase) throw Err.Arg("second", "SortSeq", "function", cmp);
        int len = t.Size;
        if (len == 0) return t;
        var sorted = new Value[len];
        sorted[0] = t.Vals[0];
        for (int i = 1; i < len; i++)
        {
            var x = t.Vals[i];
            int j = i;
            while (j > 0 && Less(cmp, x, sorted[j - 1]))
            {
                sorted[j] = sorted[j - 1];
                j--;
            }
            sorted[j] = x;
        }
        return FcnValue.Tuple(sorted);
    }

    private static bool Less(Value cmp, Value a, Value b)
    {
        var r = Conv.Call(cmp, a, b);
        if (r is BoolValue bv) return bv.B;
        throw Err.Arg("second", "SortSeq", "boolean function", r);
    }

    /// <summary>A uniformly chosen element of a finite set (without enumerating [S -&gt; T], records or products).</summary>
    public static Value RandomElement(Value s, Random rnd)
    {
        switch (s)
        {
            case FunctionSetValue fs:
            {
                var dom = Conv.EnumSet(fs.Domain) ?? throw Err.WrongValue("RandomElement", "a finite set", s);
                var vals = new Value[dom.Elems.Length];
                for (int i = 0; i < vals.Length; i++) vals[i] = RandomElement(fs.Range, rnd);
                return FcnValue.FromSorted(dom.Elems, vals, fs.Domain is IntervalValue).AsFunction();
            }
            case RecordSetValue rs:
            {
                var vals = new Value[rs.Fields.Length];
                for (int i = 0; i < vals.Length; i++) vals[i] = RandomElement(rs.Sets[i], rnd);
                return FcnValue.FromSorted(rs.Fields, vals);
            }
            case CartesianValue cs:
            {
                var vals = new Value[cs.Factors.Length];
                for (int i = 0; i < vals.Length; i++) vals[i] = RandomElement(cs.Factors[i], rnd);
                return FcnValue.Tuple(vals);
            }
            case IntervalValue iv:
            {
                if (iv.Count == 0) throw new ValueException("Attempted to apply RandomElement to the empty set.");
                return IntValue.Of(iv.Lo + (long)Math.Floor(rnd.NextDouble() * iv.Count));
            }
            default:
            {
                var set = Conv.EnumSet(s) ?? throw Err.WrongValue("RandomElement", "a finite set", s);
                if (set.Elems.Length == 0) throw new ValueException("Attempted to apply RandomElement to the empty set.");
                return set.Elems[rnd.Next(set.Elems.Length)];
            }
        }
    }

    /// <summary>Forces a lazily represented finite set or function into explicit form.</summary>
    public static Value TlcEval(Value v)
    {
        if (v is SetBase s) return s.IsFinite ? s.ToEnumerated() : v;
        if (v is FcnBase f) return Conv.Fcn(f) ?? v;
        return v;
    }
}
