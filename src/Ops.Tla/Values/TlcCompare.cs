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
        if (ReferenceEquals(a, b)) return true;
        if (a.Kind == b.Kind && a.Kind is ValueKind.Int or ValueKind.String or ValueKind.Bool) return a.Equals(b);
        if (a.Equals(b)) return true;
        Unequal(a, b);
        return false;
    }

    /// <summary>The values are known to be structurally unequal: throws where TLC would have failed on the way to
    /// that answer (at the first difference, in TLC's order), else returns.</summary>
    public static void Unequal(Value a, Value b)
    {
        for (int depth = 0; depth < 10_000; depth++)
        {
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
            if (a.Kind != b.Kind || (a is FcnBase fa && IsRecord(fa) && !RecordLike(b)))
                throw new ValueException(EqualityMessage(a, b));
            switch (a)
            {
                case SetBase sa when sa.IsFinite && ((SetBase)b).IsFinite:
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

    private static bool IsRecord(FcnBase f) => f.ToFcn().IsRecord;

    /// <summary>Converts to a record in TLC (a record, or the empty function).</summary>
    private static bool RecordLike(Value v) => v is FcnBase f && (f.ToFcn() is var fn) && (fn.Size == 0 || fn.IsRecord);

    public static string EqualityMessage(Value receiver, Value other) => receiver switch
    {
        IntValue => $"Attempted to check equality of integer {Show(receiver)} with non-integer:\n{Show(other)}",
        BoolValue => $"Attempted to compare equality of boolean {Show(receiver)} with non-boolean:\n{Show(other)}",
        StringValue => $"Attempted to check equality of string {Show(receiver)} with non-string:\n{Show(other)}",
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
        catch (ValueException) { return v.GetType().Name; }
    }

    /// <summary>"Attempted to check if the value ... is an element of WHAT." (TLC's wording for Nat, Int, STRING,
    /// Seq(S)).</summary>
    public static ValueException NotAnElement(Value v, string what) =>
        new($"Attempted to check if the value:\n{Show(v)}\nis an element of {what}.");
}
