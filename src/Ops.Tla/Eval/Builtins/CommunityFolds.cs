using Ops.Tla.Values;

namespace Ops.Tla.Eval.Builtins;

/// <summary>Helpers shared by the community modules.</summary>
internal static class Community
{
    /// <summary>TLC's error for a CHOOSE no element satisfies.</summary>
    public static ValueException ChooseFailed() =>
        new("Attempted to compute the value of an expression of form\nCHOOSE x \\in S: P, but no element of S satisfied P.");

    public static bool Test(Value op, Value arg, string nth, string name)
    {
        var r = Conv.Call(op, arg);
        if (r is BoolValue b) return b.B;
        throw Err.Arg(nth, name, "boolean-valued operator", op);
    }

    public static Value ApplyFcn(FcnValue f, Value arg)
    {
        var r = f.Apply(arg);
        if (r != null) return r;
        // Worded as TLC words f[arg] in the operator's TLA+ definition (FcnApplTerm): after the kind of value f is.
        if (f.FromConstructor)
            throw new ValueException($"In applying the function\n{Ppr.Format(f)},\nthe first argument is:\n{Ppr.Format(arg)}\nwhich is not in its domain.\n");
        if (f is { IsTuple: true, BuiltAsFunction: false })
        {
            if (arg is IntValue index) throw new ValueException($"Attempted to access index {index.V} of tuple\n{Err.Show(f)}\nwhich is out of bounds.");
            throw new ValueException($"Attempted to access tuple at a non integral index: {Err.Show(arg)}");
        }
        throw new ValueException($"Attempted to apply function:\n{Err.Show(f)}\nto argument {Err.Show(arg)}, which is not in the domain of the function.");
    }

    public static SetValue Set(Value v, string nth, string op) =>
        Conv.EnumSet(v) ?? throw Err.Arg(nth, op, "finite set", v);

    public static FcnValue Fcn(Value v, string nth, string op) =>
        Conv.Fcn(v) ?? throw Err.Arg(nth, op, "function", v);

    public static FcnValue Seq(Value v, string nth, string op) =>
        Conv.Tuple(v) ?? throw Err.Arg(nth, op, "sequence", v);

    public static long Int(Value v, string nth, string op) =>
        v is IntValue i ? i.V : throw Err.Arg(nth, op, "natural number", v);
}

/// <summary>Folds (CommunityModules): MapThenFoldSet.</summary>
internal static class FoldsModule
{
    public static BuiltinModule Create() =>
        new BuiltinModule("Folds")
            .Add("MapThenFoldSet", 5, a => MapThenFoldSet(a[0], a[1], a[2], a[3], a[4]));

    /// <summary>op(f(x1), op(f(x2), ... op(f(xn), base))) where x1 = choose(S), x2 = choose(S \ {x1}), ...</summary>
    public static Value MapThenFoldSet(Value op, Value b, Value f, Value choose, Value s)
    {
        var set = Community.Set(s, "fifth", "MapThenFoldSet");
        var remaining = new List<Value>(set.Elems);
        var order = new List<Value>(remaining.Count);
        while (remaining.Count > 0)
        {
            var x = Conv.Call(choose, new SetValue(remaining.ToArray())).Normalize();
            int i = remaining.FindIndex(e => e.Equals(x));
            if (i < 0)
                throw new ValueException($"The choose operator of MapThenFoldSet returned {Err.Show(x)}, which is not an element of\n{Err.Show(new SetValue(remaining.ToArray()))}");
            remaining.RemoveAt(i);
            order.Add(x);
        }
        var acc = b;
        for (int i = order.Count - 1; i >= 0; i--) acc = Conv.Call(op, Conv.Call(f, order[i]), acc);
        return acc;
    }
}

/// <summary>Functions (CommunityModules, EXTENDS Folds).</summary>
internal static class FunctionsModule
{
    public static BuiltinModule Create() =>
        new BuiltinModule("Functions", "Folds")
            .Add("Restrict", 2, a => Restrict(a[0], a[1]))
            .Add("RestrictDomain", 2, a => RestrictBy(a[0], a[1], onValues: false))
            .Add("RestrictValues", 2, a => RestrictBy(a[0], a[1], onValues: true))
            .Add("IsRestriction", 2, a => IsRestriction(a[0], a[1]))
            .Add("Range", 1, a => Range(a[0]))
            .Add("Pointwise", 3, a => Pointwise(a[0], a[1], a[2]))
            .Add("Inverse", 3, a => Inverse(a[0], a[1], a[2]))
            .Add("AntiFunction", 1, a => AntiFunction(a[0]))
            .Add("IsInjective", 1, a => IsInjective(a[0]))
            .Add("Injection", 2, a => Functions(a[0], a[1], inj: true, surj: false))
            .Add("Surjection", 2, a => Functions(a[0], a[1], inj: false, surj: true))
            .Add("Bijection", 2, a => Functions(a[0], a[1], inj: true, surj: true))
            .Add("ExistsInjection", 2, a => Exists(a[0], a[1], "ExistsInjection", (s, t) => s <= t))
            .Add("ExistsSurjection", 2, a => Exists(a[0], a[1], "ExistsSurjection", (s, t) => t == 0 ? s == 0 : s >= t))
            .Add("ExistsBijection", 2, a => Exists(a[0], a[1], "ExistsBijection", (s, t) => s == t))
            .Add("FoldFunction", 3, a => FoldFunction(a[0], a[1], a[2]))
            .Add("FoldFunctionOnSet", 4, a => FoldFunctionOnSet(a[0], a[1], a[2], a[3]));

    /// <summary>[x \in S |-> f[x]]</summary>
    public static Value Restrict(Value f, Value s)
    {
        var fn = Community.Fcn(f, "first", "Restrict");
        var set = Community.Set(s, "second", "Restrict");
        var vals = new Value[set.Elems.Length];
        for (int i = 0; i < vals.Length; i++) vals[i] = Community.ApplyFcn(fn, set.Elems[i]);
        return FcnValue.FromSorted(set.Elems, vals).AsFunction();
    }

    public static Value RestrictBy(Value f, Value test, bool onValues)
    {
        var name = onValues ? "RestrictValues" : "RestrictDomain";
        var fn = Community.Fcn(f, "first", name);
        var ks = new List<Value>();
        var vs = new List<Value>();
        for (int i = 0; i < fn.Size; i++)
        {
            if (!Community.Test(test, onValues ? fn.Vals[i] : fn.KeyAt(i), "second", name)) continue;
            ks.Add(fn.KeyAt(i));
            vs.Add(fn.Vals[i]);
        }
        return FcnValue.FromSorted(ks.ToArray(), vs.ToArray()).AsFunction();
    }

    public static Value IsRestriction(Value narrow, Value wide)
    {
        var n = Community.Fcn(narrow, "first", "IsRestriction");
        var w = Community.Fcn(wide, "second", "IsRestriction");
        for (int i = 0; i < n.Size; i++)
        {
            var wv = w.Apply(n.KeyAt(i));
            if (wv == null || !wv.Equals(n.Vals[i])) return BoolValue.False;
        }
        return BoolValue.True;
    }

    // Functions.tla: Range(f) == {f[x] : x \in DOMAIN f}, a set TLC sorts only when it must (SetValue.Build).
    public static Value Range(Value f) => SetValue.BuildFrom(Community.Fcn(f, "first", "Range").Vals);

    public static Value Pointwise(Value f, Value g, Value op)
    {
        var a = Community.Fcn(f, "first", "Pointwise");
        var b = Community.Fcn(g, "second", "Pointwise");
        var vals = new Value[a.Size];
        for (int i = 0; i < a.Size; i++) vals[i] = Conv.Call(op, a.Vals[i], Community.ApplyFcn(b, a.KeyAt(i)));
        return a.IsTuple ? FcnValue.Tuple(vals) : FcnValue.FromSorted(a.Keys, vals).AsFunction();
    }

    /// <summary>[t \in T |-> CHOOSE s \in S : t \in Range(f) =&gt; f[s] = t]</summary>
    public static Value Inverse(Value f, Value s, Value t)
    {
        var fn = Community.Fcn(f, "first", "Inverse");
        var dom = Community.Set(s, "second", "Inverse");
        var cod = Community.Set(t, "third", "Inverse");
        var range = SetValue.From(fn.Vals);
        var vals = new Value[cod.Elems.Length];
        for (int i = 0; i < vals.Length; i++)
        {
            var y = cod.Elems[i];
            bool inRange = range.Contains(y);
            Value chosen = null;
            foreach (var x in dom.Elems)
            {
                if (!inRange || Community.ApplyFcn(fn, x).Equals(y)) { chosen = x; break; }
            }
            vals[i] = chosen ?? throw Community.ChooseFailed();
        }
        return FcnValue.FromSorted(cod.Elems, vals).AsFunction();
    }

    public static Value AntiFunction(Value f)
    {
        var fn = Community.Fcn(f, "first", "AntiFunction");
        // TLC's override (Functions.antiFunction) makes the function from the values to the keys and normalizes it: a
        // value that occurs twice is its error, wrapped as every failing Java override's is.
        if (RepeatedInNormalization(fn.Vals) is { } dup)
            throw Err.InOverride("public static tlc2.value.impl.Value tlc2.overrides.Functions.antiFunction(tlc2.value.impl.Value)",
                "The value\n" + dup + "\noccurs multiple times in the function domain.");
        return Inverse(fn, fn.Domain.ToEnumerated(), SetValue.From(fn.Vals));
    }

    /// <summary>The value TLC's FcnRcdValue.normalize names when <paramref name="keys"/> (in the order given) holds
    /// one twice, or null: its pass that brings the least key first, then its insertion sort, which names the slot
    /// <c>domain[i]</c> after the shifts (not always the repeated key itself).</summary>
    private static Value RepeatedInNormalization(Value[] keys)
    {
        var d = (Value[])keys.Clone();
        for (int i = 1; i < d.Length; i++)
        {
            int cmp = d[0].CompareTo(d[i]);
            if (cmp == 0) return d[i];
            if (cmp > 0) (d[0], d[i]) = (d[i], d[0]);
        }
        for (int i = 2; i < d.Length; i++)
        {
            var v = d[i];
            int j = i, cmp;
            while ((cmp = v.CompareTo(d[j - 1])) < 0)
            {
                d[j] = d[j - 1];
                j--;
            }
            if (cmp == 0) return d[i];
            d[j] = v;
        }
        return null;
    }

    public static Value IsInjective(Value f)
    {
        var fn = Conv.Fcn(f) ?? throw Err.OneArg("IsInjective", "function", f);
        var seen = new HashSet<Value>();
        foreach (var v in fn.Vals)
            if (!seen.Add(v.Normalize())) return BoolValue.False;
        return BoolValue.True;
    }

    private static Value Functions(Value s, Value t, bool inj, bool surj)
    {
        var name = inj && surj ? "Bijection" : inj ? "Injection" : "Surjection";
        var dom = Community.Set(s, "first", name);
        var cod = Community.Set(t, "second", name);
        var all = new FunctionSetValue(dom, cod).ToEnumerated();
        var result = new List<Value>();
        foreach (var e in all.Elems)
        {
            var f = (FcnValue)e;
            var img = SetValue.From(f.Vals);
            if (inj && img.Elems.Length != f.Size) continue;
            if (surj && img.Elems.Length != cod.Elems.Length) continue;
            result.Add(f);
        }
        return new SetValue(result.ToArray());
    }

    private static Value Exists(Value s, Value t, string name, Func<long, long, bool> test)
    {
        var dom = Conv.FiniteSet(s) ?? throw Err.Arg("first", name, "finite set", s);
        var cod = Conv.FiniteSet(t) ?? throw Err.Arg("second", name, "finite set", t);
        return BoolValue.Of(test(dom.Count, cod.Count));
    }

    /// <summary>As TLC's override: over DOMAIN fun in ascending order, acc := op(fun[x], acc).</summary>
    public static Value FoldFunction(Value op, Value b, Value fun)
    {
        var fn = Community.Fcn(fun, "third", "FoldFunction");
        var acc = b;
        for (int i = 0; i < fn.Size; i++) acc = Conv.Call(op, fn.Vals[i], acc);
        return acc;
    }

    public static Value FoldFunctionOnSet(Value op, Value b, Value fun, Value indices)
    {
        var fn = Community.Fcn(fun, "third", "FoldFunctionOnSet");
        var idx = Community.Set(indices, "fourth", "FoldFunctionOnSet");
        var acc = b;
        foreach (var x in idx.Elems)
        {
            Value v;
            // TLC's override applies fun itself; its error comes wrapped as every failing Java override's does.
            try { v = Community.ApplyFcn(fn, x); }
            catch (ValueException e)
            {
                throw Err.InOverride("public static tlc2.value.impl.Value tlc2.overrides.Functions.foldFunctionOnSet(tlc2.value.impl.OpValue,"
                    + "tlc2.value.impl.Value,tlc2.value.impl.Value,tlc2.value.impl.Value)", e.Message);
            }
            acc = Conv.Call(op, v, acc);
        }
        return acc;
    }
}

/// <summary>FiniteSetsExt (CommunityModules, EXTENDS Integers, FiniteSets, Folds, Functions).</summary>
internal static class FiniteSetsExtModule
{
    public static BuiltinModule Create() =>
        new BuiltinModule("FiniteSetsExt", "Integers", "FiniteSets", "Folds", "Functions")
            .Add("FoldSet", 3, a => FoldSet(a[0], a[1], a[2]))
            .Add("SumSet", 1, a => SumSet(a[0]))
            .Add("ProductSet", 1, a => ProductSet(a[0]))
            .Add("ReduceSet", 3, a => FoldSet(a[0], a[2], a[1]))
            .Add("MapThenSumSet", 2, a => MapThenSumSet(a[0], a[1]))
            .Add("FlattenSet", 1, a => FlattenSet(a[0]))
            .Add("SymDiff", 2, a => SymDiff(a[0], a[1]))
            .Add("Quantify", 2, a => Quantify(a[0], a[1]))
            .Add("kSubset", 2, a => KSubset(a[0], a[1]))
            .Add("Max", 1, a => Extreme(a[0], max: true))
            .Add("Min", 1, a => Extreme(a[0], max: false))
            .Add("Choices", 1, a => Choices(a[0]))
            .Add("ChooseUnique", 2, a => ChooseUnique(a[0], a[1]));

    /// <summary>As TLC's override: over the set in ascending order, acc := op(x, acc).</summary>
    public static Value FoldSet(Value op, Value b, Value s)
    {
        var set = Community.Set(s, "third", "FoldSet");
        var acc = b;
        foreach (var x in set.Elems) acc = Conv.Call(op, x, acc);
        return acc;
    }

    public static Value SumSet(Value s)
    {
        var set = Community.Set(s, "first", "SumSet");
        Value acc = IntValue.Of(0);
        foreach (var x in set.Elems) acc = Arith.Plus(x, acc);
        return acc;
    }

    public static Value ProductSet(Value s)
    {
        var set = Community.Set(s, "first", "ProductSet");
        Value acc = IntValue.Of(1);
        foreach (var x in set.Elems) acc = Arith.Times(x, acc);
        return acc;
    }

    public static Value MapThenSumSet(Value op, Value s)
    {
        var set = Community.Set(s, "second", "MapThenSumSet");
        Value acc = IntValue.Of(0);
        for (int i = set.Elems.Length - 1; i >= 0; i--) acc = Arith.Plus(Conv.Call(op, set.Elems[i]), acc);
        return acc;
    }

    public static Value FlattenSet(Value s)
    {
        var set = Community.Set(s, "first", "FlattenSet");
        var all = new List<Value>();
        foreach (var e in set.Elems)
        {
            var inner = Conv.EnumSet(e) ?? throw Err.Arg("first", "FlattenSet", "set of finite sets", s);
            all.AddRange(inner.Elems);
        }
        return SetValue.FromList(all);
    }

    public static Value SymDiff(Value a, Value b)
    {
        var x = Community.Set(a, "first", "SymDiff");
        var y = Community.Set(b, "second", "SymDiff");
        var r = new List<Value>();
        foreach (var e in x.Elems) if (!y.Contains(e)) r.Add(e);
        foreach (var e in y.Elems) if (!x.Contains(e)) r.Add(e);
        return SetValue.FromList(r);
    }

    public static Value Quantify(Value s, Value p)
    {
        var set = Conv.EnumSet(s) ?? throw Err.Arg("first", "Quantify", "set", s);
        long n = 0;
        foreach (var e in set.Elems)
            if (Community.Test(p, e, "second", "Quantify")) n++;
        return IntValue.Of(n);
    }

    /// <summary>The k-element subsets of S ({} when k is not in 0..Cardinality(S)).</summary>
    public static Value KSubset(Value kv, Value s)
    {
        var set = Conv.EnumSet(s) ?? throw Err.Arg("second", "kSubset", "set", s);
        if (kv is not IntValue ki) throw Err.Arg("first", "kSubset", "natural number", kv);
        var elems = set.Elems;
        if (ki.V < 0 || ki.V > elems.Length) return SetValue.Empty;
        int k = (int)ki.V, n = elems.Length;
        var result = new List<Value>();
        var idx = new int[k];
        for (int i = 0; i < k; i++) idx[i] = i;
        while (true)
        {
            var sub = new Value[k];
            for (int i = 0; i < k; i++) sub[i] = elems[idx[i]];
            result.Add(new SetValue(sub));
            if (result.Count > 20_000_000) throw new ValueException("kSubset is too large to enumerate");
            int j = k - 1;
            while (j >= 0 && idx[j] == n - k + j) j--;
            if (j < 0) break;
            idx[j]++;
            for (int i = j + 1; i < k; i++) idx[i] = idx[i - 1] + 1;
        }
        return SetValue.FromList(result);
    }

    /// <summary>CHOOSE x \in S : \A y \in S : x &gt;= y (or =&lt;).</summary>
    public static Value Extreme(Value s, bool max)
    {
        var set = Community.Set(s, "first", max ? "Max" : "Min");
        if (set.Elems.Length == 0) throw Community.ChooseFailed();
        string op = max ? ">=" : "<=";
        IntValue best = null;
        foreach (var e in set.Elems)
        {
            if (e is not IntValue i) throw Err.ArgAn("first", op, "integer", e);
            if (best == null || (max ? i.V > best.V : i.V < best.V)) best = i;
        }
        return best;
    }

    /// <summary>{ Range(f) : f a choice function of Sets }.</summary>
    public static Value Choices(Value s)
    {
        var sets = Community.Set(s, "first", "Choices");
        var parts = new SetValue[sets.Elems.Length];
        for (int i = 0; i < parts.Length; i++)
            parts[i] = Conv.EnumSet(sets.Elems[i]) ?? throw Err.Arg("first", "Choices", "set of finite sets", s);
        if (parts.Any(p => p.Elems.Length == 0)) return SetValue.Empty;
        var result = new List<Value>();
        var idx = new int[parts.Length];
        var buf = new List<Value>(parts.Length);
        while (true)
        {
            buf.Clear();
            for (int i = 0; i < parts.Length; i++) buf.Add(parts[i].Elems[idx[i]]);
            result.Add(SetValue.From(buf));
            if (result.Count > 20_000_000) throw new ValueException("Choices is too large to enumerate");
            int k = parts.Length - 1;
            while (k >= 0)
            {
                if (++idx[k] < parts[k].Elems.Length) break;
                idx[k] = 0;
                k--;
            }
            if (k < 0) break;
        }
        return SetValue.FromList(result);
    }

    public static Value ChooseUnique(Value s, Value p)
    {
        var set = Community.Set(s, "first", "ChooseUnique");
        Value found = null;
        foreach (var e in set.Elems)
        {
            if (!Community.Test(p, e, "second", "ChooseUnique")) continue;
            if (found != null) throw Community.ChooseFailed();
            found = e;
        }
        return found ?? throw Community.ChooseFailed();
    }
}
