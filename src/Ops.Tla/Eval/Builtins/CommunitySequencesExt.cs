using Ops.Tla.Values;

namespace Ops.Tla.Eval.Builtins;

/// <summary>SequencesExt (CommunityModules; EXTENDS Sequences, Naturals, FiniteSets, FiniteSetsExt, Folds,
/// Functions, Bags, TLC in its current text). Follows TLC's Java overrides where they exist, else the TLA+
/// definitions.</summary>
internal static class SequencesExtModule
{
    public static BuiltinModule Create() =>
        new BuiltinModule("SequencesExt", "Sequences", "Naturals", "FiniteSets", "FiniteSetsExt", "Folds", "Functions", "Bags", "TLC")
            .Add("ToSet", 1, a => ToSet(a[0]))
            .Add("ToBag", 1, a => ToBag(a[0]))
            .Add("SetToSeq", 1, a => SetToSeq(a[0]))
            .Add("SetToSeqs", 1, a => SetToSeqs(a[0]))
            .Add("SetToSortSeq", 2, a => TlcModule.SortSeq(SetToSeq(a[0]), a[1]))
            .Add("SetToAllKPermutations", 1, a => SetToAllKPermutations(a[0]))
            .Add("TupleOf", 2, a => TupleOf(a[0], a[1]))
            .Add("SeqOf", 2, a => SeqOf(a[0], a[1], "SeqOf"))
            .Add("BoundedSeq", 2, a => SeqOf(a[0], a[1], "BoundedSeq"))
            .Add("Contains", 2, a => Contains(a[0], a[1]))
            .Add("IsSorted", 2, a => IsSorted(a[0], a[1]))
            .Add("Reverse", 1, a => Reverse(a[0]))
            .Add("Remove", 2, a => Remove(a[0], a[1]))
            .Add("ReplaceAll", 3, a => ReplaceAll(a[0], a[1], a[2]))
            .Add("SelectInSeq", 2, a => SelectIn(a[0], a[1], "SelectInSeq", last: false))
            .Add("SelectLastInSeq", 2, a => SelectIn(a[0], a[1], "SelectLastInSeq", last: true))
            .Add("SelectInSubSeq", 4, a => SelectInSub(a[0], a[1], a[2], a[3], "SelectInSubSeq", last: false))
            .Add("SelectLastInSubSeq", 4, a => SelectInSub(a[0], a[1], a[2], a[3], "SelectLastInSubSeq", last: true))
            .Add("InsertAt", 3, a => InsertAt(a[0], a[1], a[2]))
            .Add("ReplaceAt", 3, a => ReplaceAt(a[0], a[1], a[2]))
            .Add("RemoveAt", 2, a => RemoveAt(a[0], a[1]))
            .Add("RemoveFirst", 2, a => RemoveFirstWhere(a[0], x => x.Equals(a[1]), "RemoveFirst"))
            .Add("RemoveFirstMatch", 2, a => RemoveFirstWhere(a[0], x => Community.Test(a[1], x, "second", "RemoveFirstMatch"), "RemoveFirstMatch"))
            .Add("Cons", 2, a => SequencesModule.Concat(FcnValue.Tuple(new[] { a[0] }), a[1]))
            .Add("Snoc", 2, a => SequencesModule.Append(a[1], a[0]))
            .Add("Front", 1, a => Front(a[0]))
            .Add("Last", 1, a => Last(a[0]))
            .Add("IsPrefix", 2, a => BoolValue.Of(IsPrefix(a[0], a[1])))
            .Add("IsStrictPrefix", 2, a => BoolValue.Of(IsPrefix(a[0], a[1]) && !a[0].Equals(a[1])))
            .Add("IsSuffix", 2, a => BoolValue.Of(IsSuffix(a[0], a[1])))
            .Add("IsStrictSuffix", 2, a => BoolValue.Of(IsSuffix(a[0], a[1]) && !a[0].Equals(a[1])))
            .Add("Prefixes", 1, a => Prefixes(a[0]))
            .Add("Suffixes", 1, a => Suffixes(a[0]))
            .Add("CommonPrefixes", 1, a => CommonPrefixes(a[0]))
            .Add("LongestCommonPrefix", 1, a => LongestCommonPrefix(a[0]))
            .Add("SeqMod", 2, a => SeqMod(a[0], a[1]))
            .Add("FoldSeq", 3, a => FunctionsModule.FoldFunction(a[0], a[1], a[2]))
            .Add("FoldLeft", 3, a => FoldLeft(a[0], a[1], a[2], domain: false))
            .Add("FoldRight", 3, a => FoldRight(a[0], a[1], a[2], domain: false))
            .Add("FoldLeftDomain", 3, a => FoldLeft(a[0], a[1], a[2], domain: true))
            .Add("FoldRightDomain", 3, a => FoldRight(a[0], a[1], a[2], domain: true))
            .Add("FlattenSeq", 1, a => FlattenSeq(a[0]))
            .Add("Zip", 2, a => Zip(a[0], a[1]))
            .Add("Interleave", 2, a => Interleave(a[0], a[1]))
            .Add("SubSeqs", 1, a => SubSeqs(a[0]))
            .Add("AllSubSeqs", 1, a => AllSubSeqs(a[0]))
            .Add("IndexFirstSubSeq", 2, a => IndexFirstSubSeq(a[0], a[1]))
            .Add("ReplaceSubSeqAt", 4, a => ReplaceSubSeqAt(a[0], a[1], a[2], a[3]))
            .Add("ReplaceFirstSubSeq", 3, a => ReplaceSubSeqs(a[0], a[1], a[2], all: false))
            .Add("ReplaceAllSubSeqs", 3, a => ReplaceSubSeqs(a[0], a[1], a[2], all: true));

    private static FcnValue Seq(Value v, string nth, string op) => Community.Seq(v, nth, op);

    // SequencesExt.tla: ToSet(s) == {s[i] : i \in DOMAIN s}, a set TLC sorts only when it must (SetValue.Build).
    public static Value ToSet(Value s) => SetValue.BuildFrom(Community.Fcn(s, "first", "ToSet").Vals);

    public static Value ToBag(Value s)
    {
        var f = Community.Fcn(s, "first", "ToBag");
        var counts = new Dictionary<Value, long>();
        foreach (var v in f.Vals)
        {
            var k = v.Normalize();
            counts[k] = counts.TryGetValue(k, out var n) ? n + 1 : 1;
        }
        return FcnValue.FromPairs(counts.Keys.ToList(), counts.Values.Select(n => (Value)IntValue.Of(n)).ToList()).AsFunction();
    }

    /// <summary>The elements of S in TLC's order (TLC's override).</summary>
    public static Value SetToSeq(Value s)
    {
        var set = Conv.EnumSet(s) ?? throw Err.WrongValue("SetToSeq", "a finite set", s);
        return FcnValue.Tuple((Value[])set.Elems.Clone());
    }

    /// <summary>All sequences containing each element of S exactly once.</summary>
    public static Value SetToSeqs(Value s)
    {
        var set = Conv.EnumSet(s) ?? throw Err.WrongValue("SetToSeqs", "a finite set", s);
        return SetValue.FromList(Arrangements(set.Elems, set.Elems.Length));
    }

    private static List<Value> Arrangements(Value[] elems, int k)
    {
        var result = new List<Value>();
        var cur = new Value[k];
        var used = new bool[elems.Length];
        void Rec(int i)
        {
            if (i == k)
            {
                result.Add(FcnValue.Tuple((Value[])cur.Clone()));
                if (result.Count > 20_000_000) throw new ValueException("too many sequences to enumerate");
                return;
            }
            for (int j = 0; j < elems.Length; j++)
            {
                if (used[j]) continue;
                used[j] = true;
                cur[i] = elems[j];
                Rec(i + 1);
                used[j] = false;
            }
        }
        Rec(0);
        return result;
    }

    public static Value SetToAllKPermutations(Value s)
    {
        var set = Conv.EnumSet(s) ?? throw Err.WrongValue("SetToAllKPermutations", "a finite set", s);
        var all = new List<Value>();
        for (int k = 0; k <= set.Elems.Length; k++) all.AddRange(Arrangements(set.Elems, k));
        return SetValue.FromList(all);
    }

    /// <summary>[1..n -&gt; set]</summary>
    public static Value TupleOf(Value set, Value n)
    {
        if (set is not SetBase s) throw Err.Arg("first", "TupleOf", "set", set);
        long len = Community.Int(n, "second", "TupleOf");
        return new FunctionSetValue(new IntervalValue(1, len), s);
    }

    /// <summary>UNION {[1..m -&gt; set] : m \in 0..n}</summary>
    public static Value SeqOf(Value set, Value n, string name)
    {
        var s = Community.Set(set, "first", name);
        long max = Community.Int(n, "second", name);
        var all = new List<Value>();
        for (long m = 0; m <= max; m++)
        {
            var fs = new FunctionSetValue(new IntervalValue(1, m), s);
            all.AddRange(fs.ToEnumerated().Elems);
            if (all.Count > 20_000_000) throw new ValueException($"{name} is too large to enumerate");
            if (s.Elems.Length == 0) break;
        }
        return SetValue.FromList(all);
    }

    public static Value Contains(Value s, Value e)
    {
        var t = Conv.Tuple(s) ?? throw Err.OneArg("Contains", "sequence", s);
        foreach (var v in t.Vals) if (v.Equals(e)) return BoolValue.True;
        return BoolValue.False;
    }

    /// <summary>\A i, j \in 1..Len(s) : i &lt; j =&gt; op(s[i], s[j])</summary>
    public static Value IsSorted(Value s, Value op)
    {
        var t = Seq(s, "first", "IsSorted");
        for (int i = 0; i < t.Size; i++)
            for (int j = i + 1; j < t.Size; j++)
            {
                var r = Conv.Call(op, t.Vals[i], t.Vals[j]);
                if (r is not BoolValue b) throw Err.Arg("second", "IsSorted", "boolean-valued operator", op);
                if (!b.B) return BoolValue.False;
            }
        return BoolValue.True;
    }

    public static Value Reverse(Value s)
    {
        // TLC's SequencesExt defines Reverse in TLA+ ([i \in 1..Len(s) |-> s[(Len(s) - i) + 1]]), without a Java
        // override: Len of a string is its length, but applying the string fails.
        if (s is StringValue str && str.S.Length > 0)
            throw new ValueException("A non-function (a string) was applied as a function.");
        if (s is StringValue) return FcnValue.Tuple(Array.Empty<Value>());
        var t = Seq(s, "first", "Reverse");
        var vals = (Value[])t.Vals.Clone();
        Array.Reverse(vals);
        return FcnValue.Tuple(vals);
    }

    public static Value Remove(Value s, Value e)
    {
        var t = Seq(s, "first", "Remove");
        return FcnValue.Tuple(t.Vals.Where(v => !v.Equals(e)).ToArray());
    }

    public static Value ReplaceAll(Value s, Value old, Value nw)
    {
        var t = Seq(s, "first", "ReplaceAll");
        return FcnValue.Tuple(t.Vals.Select(v => v.Equals(old) ? nw : v).ToArray());
    }

    public static Value SelectIn(Value s, Value test, string name, bool last)
    {
        var t = Seq(s, "first", name);
        if (!last)
        {
            for (int i = 0; i < t.Size; i++)
                if (Community.Test(test, t.Vals[i], "second", name)) return IntValue.Of(i + 1);
        }
        else
        {
            for (int i = t.Size - 1; i >= 0; i--)
                if (Community.Test(test, t.Vals[i], "second", name)) return IntValue.Of(i + 1);
        }
        return IntValue.Of(0);
    }

    /// <summary>The index (in s) of the first/last element in s[from..to] satisfying Test, or 0.</summary>
    public static Value SelectInSub(Value s, Value f, Value to, Value test, string name, bool last)
    {
        var t = Seq(s, "first", name);
        if (f is not IntValue fi) throw Err.Arg("second", name, "natural", f);
        if (to is not IntValue ti) throw Err.Arg("third", name, "natural", to);
        long from = fi.V, upto = ti.V;
        if (from > upto) return IntValue.Of(0);
        if (from < 1 || from > t.Size) throw Err.NotInDomain("second", name, "first", s, f);
        if (upto < 1 || upto > t.Size) throw Err.NotInDomain("third", name, "first", s, to);
        if (!last)
        {
            for (long i = from; i <= upto; i++)
                if (Community.Test(test, t.Vals[i - 1], "fourth", name)) return IntValue.Of(i);
        }
        else
        {
            for (long i = upto; i >= from; i--)
                if (Community.Test(test, t.Vals[i - 1], "fourth", name)) return IntValue.Of(i);
        }
        return IntValue.Of(0);
    }

    private static Value SubSeq(Value s, long m, long n) => SequencesModule.SubSeq(s, IntValue.Of(m), IntValue.Of(n));

    /// <summary>SubSeq(s, 1, i-1) \o &lt;&lt;e&gt;&gt; \o SubSeq(s, i, Len(s))</summary>
    public static Value InsertAt(Value s, Value i, Value e)
    {
        var t = Seq(s, "first", "InsertAt");
        long idx = Community.Int(i, "second", "InsertAt");
        var left = SubSeq(t, 1, idx - 1);
        var right = SubSeq(t, idx, t.Size);
        return SequencesModule.Concat(SequencesModule.Concat(left, FcnValue.Tuple(new[] { e })), right);
    }

    /// <summary>[s EXCEPT ![i] = e] (unchanged when i is not an index of s).</summary>
    public static Value ReplaceAt(Value s, Value i, Value e)
    {
        var t = Seq(s, "first", "ReplaceAt");
        int k = t.IndexOf(i);
        return k < 0 ? t : t.With(k, e);
    }

    /// <summary>SubSeq(s, 1, i-1) \o SubSeq(s, i+1, Len(s))</summary>
    public static Value RemoveAt(Value s, Value i)
    {
        var t = Seq(s, "first", "RemoveAt");
        long idx = Community.Int(i, "second", "RemoveAt");
        return SequencesModule.Concat(SubSeq(t, 1, idx - 1), SubSeq(t, idx + 1, t.Size));
    }

    private static Value RemoveFirstWhere(Value s, Func<Value, bool> match, string name)
    {
        var t = Seq(s, "first", name);
        for (int i = 0; i < t.Size; i++)
        {
            if (!match(t.Vals[i])) continue;
            var vals = new List<Value>(t.Vals);
            vals.RemoveAt(i);
            return FcnValue.Tuple(vals);
        }
        return t;
    }

    /// <summary>SubSeq(s, 1, Len(s)-1)</summary>
    public static Value Front(Value s)
    {
        if (s is StringValue str) return SubSeq(str, 1, str.S.Length - 1);
        var t = Seq(s, "first", "Front");
        return SubSeq(t, 1, t.Size - 1);
    }

    /// <summary>s[Len(s)]</summary>
    public static Value Last(Value s)
    {
        var t = Seq(s, "first", "Last");
        return Community.ApplyFcn(t, IntValue.Of(t.Size));
    }

    public static bool IsPrefix(Value s, Value t)
    {
        if (s is StringValue a && t is StringValue b) return b.S.StartsWith(a.S, StringComparison.Ordinal);
        var x = Seq(s, "first", "IsPrefix");
        var y = Seq(t, "second", "IsPrefix");
        if (x.Size > y.Size) return false;
        for (int i = 0; i < x.Size; i++) if (!x.Vals[i].Equals(y.Vals[i])) return false;
        return true;
    }

    public static bool IsSuffix(Value s, Value t)
    {
        if (s is StringValue a && t is StringValue b) return b.S.EndsWith(a.S, StringComparison.Ordinal);
        var x = Seq(s, "first", "IsSuffix");
        var y = Seq(t, "second", "IsSuffix");
        if (x.Size > y.Size) return false;
        int off = y.Size - x.Size;
        for (int i = 0; i < x.Size; i++) if (!x.Vals[i].Equals(y.Vals[off + i])) return false;
        return true;
    }

    public static Value Prefixes(Value s)
    {
        var t = Seq(s, "first", "Prefixes");
        var all = new List<Value>();
        for (int l = 0; l <= t.Size; l++) all.Add(FcnValue.Tuple(t.Vals.AsSpan(0, l).ToArray()));
        return SetValue.FromList(all);
    }

    public static Value Suffixes(Value s)
    {
        var t = Seq(s, "first", "Suffixes");
        var all = new List<Value> { FcnValue.EmptyTuple };
        for (int l = 0; l < t.Size; l++) all.Add(FcnValue.Tuple(t.Vals.AsSpan(l).ToArray()));
        return SetValue.FromList(all);
    }

    public static Value CommonPrefixes(Value s)
    {
        var set = Community.Set(s, "first", "CommonPrefixes");
        var candidates = new List<Value>();
        foreach (var e in set.Elems) candidates.AddRange(((SetValue)Prefixes(e)).Elems);
        return SetValue.FromList(candidates.Where(p => set.Elems.All(t => IsPrefix(p, t))).ToList());
    }

    public static Value LongestCommonPrefix(Value s)
    {
        var set = Conv.EnumSet(s);
        if (set == null || set.Elems.Length == 0) throw Err.OneArg("LongestCommonPrefix", "non-empty set", s);
        if (set.Elems[0] is StringValue)
        {
            var strs = set.Elems.Select(e => e is StringValue sv ? sv.S : throw Err.OneArg("LongestCommonPrefix", "sequence", s)).ToArray();
            int n = strs.Min(x => x.Length);
            int k = 0;
            while (k < n && strs.All(x => x[k] == strs[0][k])) k++;
            return StringValue.Of(strs[0].Substring(0, k));
        }
        var seqs = set.Elems.Select(e => Conv.Tuple(e) ?? throw Err.OneArg("LongestCommonPrefix", "sequence", s)).ToArray();
        int len = seqs.Min(x => x.Size);
        int j = 0;
        while (j < len && seqs.All(x => x.Vals[j].Equals(seqs[0].Vals[j]))) j++;
        return FcnValue.Tuple(seqs[0].Vals.AsSpan(0, j).ToArray());
    }

    /// <summary>IF a % b = 0 THEN b ELSE a % b</summary>
    public static Value SeqMod(Value a, Value b)
    {
        var r = Arith.Mod(a, b);
        return r.V == 0 ? b : r;
    }

    public static Value FoldLeft(Value op, Value b, Value s, bool domain)
    {
        var t = Seq(s, "third", domain ? "FoldLeftDomain" : "FoldLeft");
        var acc = b;
        for (int i = 0; i < t.Size; i++) acc = Conv.Call(op, acc, domain ? IntValue.Of(i + 1) : t.Vals[i]);
        return acc;
    }

    public static Value FoldRight(Value op, Value s, Value b, bool domain)
    {
        var t = Seq(s, "second", domain ? "FoldRightDomain" : "FoldRight");
        var acc = b;
        for (int i = t.Size - 1; i >= 0; i--) acc = Conv.Call(op, domain ? IntValue.Of(i + 1) : t.Vals[i], acc);
        return acc;
    }

    /// <summary>seqs[1] \o seqs[2] \o ... (also for sequences of strings).</summary>
    public static Value FlattenSeq(Value s)
    {
        var t = Seq(s, "first", "FlattenSeq");
        if (t.Size == 0) return t;
        var acc = t.Vals[0];
        for (int i = 1; i < t.Size; i++) acc = SequencesModule.Concat(acc, t.Vals[i]);
        return acc;
    }

    public static Value Zip(Value s, Value t)
    {
        var a = Seq(s, "first", "Zip");
        var b = Seq(t, "second", "Zip");
        int n = Math.Min(a.Size, b.Size);
        var vals = new Value[n];
        for (int i = 0; i < n; i++) vals[i] = FcnValue.Tuple(new[] { a.Vals[i], b.Vals[i] });
        return FcnValue.Tuple(vals);
    }

    public static Value Interleave(Value s, Value t)
    {
        var a = Seq(s, "first", "Interleave");
        var b = Seq(t, "second", "Interleave");
        if (a.Size != b.Size)
            throw new ValueException("Attempted to evaluate a CASE with no conditions true.\n(Interleave of sequences of different lengths)");
        var vals = new List<Value>(2 * a.Size);
        for (int i = 0; i < a.Size; i++)
        {
            vals.Add(FcnValue.Tuple(new[] { a.Vals[i] }));
            vals.Add(FcnValue.Tuple(new[] { b.Vals[i] }));
        }
        return FcnValue.Tuple(vals);
    }

    /// <summary>The contiguous subsequences of s, &lt;&lt;&gt;&gt; included.</summary>
    public static Value SubSeqs(Value s)
    {
        var t = Seq(s, "first", "SubSeqs");
        var all = new List<Value> { FcnValue.EmptyTuple };
        for (int i = 0; i < t.Size; i++)
            for (int j = i + 1; j <= t.Size; j++)
                all.Add(FcnValue.Tuple(t.Vals.AsSpan(i, j - i).ToArray()));
        return SetValue.FromList(all);
    }

    /// <summary>All subsequences of s (elements kept in order, any removed).</summary>
    public static Value AllSubSeqs(Value s)
    {
        var t = Seq(s, "first", "AllSubSeqs");
        if (t.Size > 24) throw new ValueException("AllSubSeqs of a sequence longer than 24 is too large to enumerate");
        var all = new List<Value>();
        var buf = new List<Value>();
        for (int mask = 0; mask < (1 << t.Size); mask++)
        {
            buf.Clear();
            for (int i = 0; i < t.Size; i++) if ((mask & (1 << i)) != 0) buf.Add(t.Vals[i]);
            all.Add(FcnValue.Tuple(buf.ToArray()));
        }
        return SetValue.FromList(all);
    }

    private static int Find(Value[] hay, Value[] needle, int from)
    {
        for (int i = from; i + needle.Length <= hay.Length; i++)
        {
            bool ok = true;
            for (int j = 0; j < needle.Length && ok; j++) ok = hay[i + j].Equals(needle[j]);
            if (ok) return i;
        }
        return -1;
    }

    /// <summary>The 1-based index where s first occurs in t (as the TLA+ definition: 1 - Len(s) + ... when absent).</summary>
    public static Value IndexFirstSubSeq(Value s, Value t)
    {
        var a = Seq(s, "first", "IndexFirstSubSeq");
        var b = Seq(t, "second", "IndexFirstSubSeq");
        int i = Find(b.Vals, a.Vals, 0);
        if (i < 0) throw Community.ChooseFailed();
        return IntValue.Of(i + 1);
    }

    /// <summary>SubSeq(t, 1, i-1) \o r \o SubSeq(t, i + Len(s), Len(t))</summary>
    public static Value ReplaceSubSeqAt(Value i, Value r, Value s, Value t)
    {
        long idx = Community.Int(i, "first", "ReplaceSubSeqAt");
        var len = ((IntValue)SequencesModule.Len(s)).V;
        var tl = ((IntValue)SequencesModule.Len(t)).V;
        var prefix = SubSeq(t, 1, idx - 1);
        var suffix = SubSeq(t, idx + len, tl);
        return SequencesModule.Concat(SequencesModule.Concat(prefix, r), suffix);
    }

    /// <summary>Replaces the first (or every, leftmost first, non-overlapping) occurrence of s in t by r.</summary>
    public static Value ReplaceSubSeqs(Value r, Value s, Value t, bool all)
    {
        if (r is StringValue rs && s is StringValue ss && t is StringValue ts)
        {
            if (ss.S.Length == 0)
            {
                if (!all) return StringValue.Of(rs.S + ts.S);
                var sb = new System.Text.StringBuilder(rs.S);
                for (int i = 0; i < ts.S.Length; i++)
                {
                    if (i != 0) sb.Append(rs.S);
                    sb.Append(ts.S[i]);
                }
                return StringValue.Of(sb.ToString());
            }
            if (!all)
            {
                int k = ts.S.IndexOf(ss.S, StringComparison.Ordinal);
                return k < 0 ? ts : StringValue.Of(ts.S.Substring(0, k) + rs.S + ts.S.Substring(k + ss.S.Length));
            }
            return StringValue.Of(ts.S.Replace(ss.S, rs.S, StringComparison.Ordinal));
        }
        var name = all ? "ReplaceAllSubSeqs" : "ReplaceFirstSubSeq";
        var rv = Seq(r, "first", name);
        var sv = Seq(s, "second", name);
        var tv = Seq(t, "third", name);
        if (all && sv.Equals(tv)) return rv;
        if (sv.Size == 0)
        {
            if (!all) return SequencesModule.Concat(rv, tv);
            if (tv.Size == 0) return tv;
            var outv = new List<Value>();
            for (int i = 0; i < tv.Size; i++)
            {
                outv.AddRange(rv.Vals);
                outv.Add(tv.Vals[i]);
            }
            return FcnValue.Tuple(outv);
        }
        var result = new List<Value>();
        int pos = 0;
        while (true)
        {
            int k = Find(tv.Vals, sv.Vals, pos);
            if (k < 0) break;
            for (int i = pos; i < k; i++) result.Add(tv.Vals[i]);
            result.AddRange(rv.Vals);
            pos = k + sv.Size;
            if (!all) break;
        }
        for (int i = pos; i < tv.Size; i++) result.Add(tv.Vals[i]);
        return FcnValue.Tuple(result);
    }
}
