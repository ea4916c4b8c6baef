using System.Text;
using Ops.Tla.Values;

namespace Ops.Tla.Checking;

/// <summary>
/// A compact byte form of a state (its variables' values), for sending states between processes (the distributed
/// search, <c>src/Ops.Tla.Distributed</c>). Each value is a tag byte and its payload: integers as zig-zag varints,
/// strings and model values as UTF-8 with their length, sets and functions as their element count and elements in
/// their stored order. Decoding needs the receiving model (its model values by name, its strings' order: call it where
/// the model's <see cref="StringOrder"/> is current); a set or function is re-sorted there only if the receiver orders
/// its elements differently. Fingerprints do not depend on the encoding: a decoded state has the fingerprint of the
/// state encoded.
/// </summary>
public static class StateCodec
{
    private const byte TagFalse = 0, TagTrue = 1, TagInt = 2, TagString = 3, TagModelValue = 4, TagSet = 5, TagInterval = 6,
        TagTuple = 7, TagFunctionOnInterval = 8, TagFunction = 9, TagFromConstructor = 10;

    /// <summary>Appends the encoding of <paramref name="state"/> to <paramref name="into"/>.</summary>
    public static void Encode(Value[] state, List<byte> into)
    {
        ArgumentNullException.ThrowIfNull(state);
        var w = new Writer(into);
        w.VarUInt((ulong)state.Length);
        foreach (var v in state) w.Value(v);
    }

    /// <summary>The encoding of <paramref name="state"/>.</summary>
    public static byte[] Encode(Value[] state)
    {
        var bytes = new List<byte>(64);
        Encode(state, bytes);
        return bytes.ToArray();
    }

    /// <summary>Decodes one state from <paramref name="bytes"/> at <paramref name="offset"/> (moved past it), with the
    /// model values of <paramref name="modelValues"/>.</summary>
    public static Value[] Decode(ReadOnlySpan<byte> bytes, ref int offset, ModelValueTable modelValues)
    {
        var r = new Reader(bytes, offset, modelValues);
        int n = (int)r.VarUInt();
        var state = new Value[n];
        for (int i = 0; i < n; i++) state[i] = r.Value();
        offset = r.Offset;
        return state;
    }

    /// <summary>Decodes a state encoded alone (<see cref="Encode(Value[])"/>).</summary>
    public static Value[] Decode(byte[] bytes, ModelValueTable modelValues)
    {
        int offset = 0;
        var state = Decode(bytes, ref offset, modelValues);
        if (offset != bytes.Length) throw new FormatException("a serialised state has bytes after its end");
        return state;
    }

    private readonly struct Writer(List<byte> b)
    {
        public void VarUInt(ulong v)
        {
            while (v >= 0x80)
            {
                b.Add((byte)(v | 0x80));
                v >>= 7;
            }
            b.Add((byte)v);
        }

        private void VarInt(long v) => VarUInt((ulong)((v << 1) ^ (v >> 63)));

        private void Text(string s)
        {
            int n = Encoding.UTF8.GetByteCount(s);
            VarUInt((ulong)n);
            Span<byte> buf = n <= 256 ? stackalloc byte[n] : new byte[n];
            Encoding.UTF8.GetBytes(s, buf);
            foreach (var x in buf) b.Add(x);
        }

        public void Value(Value v)
        {
            switch (v)
            {
                case BoolValue bv:
                    b.Add(bv.B ? TagTrue : TagFalse);
                    return;
                case IntValue iv:
                    b.Add(TagInt);
                    VarInt(iv.V);
                    return;
                case StringValue sv:
                    b.Add(TagString);
                    Text(sv.S);
                    return;
                case ModelValue mv:
                    b.Add(TagModelValue);
                    Text(mv.Name);
                    return;
                case IntervalValue iv:
                    b.Add(TagInterval);
                    VarInt(iv.Lo);
                    VarInt(iv.Hi);
                    return;
                case SetValue sv:
                    b.Add(TagSet);
                    VarUInt((ulong)sv.Elems.Length);
                    foreach (var e in sv.Elems) Value(e);
                    return;
                case FcnValue f:
                    // Made by a one-parameter constructor: only an error's wording depends on it, but it is kept.
                    if (f.FromConstructor) b.Add(TagFromConstructor);
                    if (f.Keys == null)
                    {
                        b.Add(f.BuiltAsFunction ? TagFunctionOnInterval : TagTuple);
                        VarUInt((ulong)f.Vals.Length);
                        foreach (var x in f.Vals) Value(x);
                        return;
                    }
                    b.Add(TagFunction);
                    VarUInt((ulong)f.Keys.Length);
                    for (int i = 0; i < f.Keys.Length; i++)
                    {
                        Value(f.Keys[i]);
                        Value(f.Vals[i]);
                    }
                    return;
                case SetBase s when s.IsFinite:
                    Value(s.ToEnumerated());
                    return;
                case FcnBase fb when fb.Domain.IsFinite:
                    Value(fb.ToFcn());
                    return;
                default:
                    throw new TlaException(ErrorKind.Unsupported,
                        $"a state holds the value {Describe(v)}, which cannot be sent to another process (only finite values can)");
            }
        }

        private static string Describe(Value v)
        {
            try
            {
                var s = v.ToString();
                return s.Length > 80 ? s[..80] + "..." : s;
            }
            catch (Exception) { return v.GetType().Name; }
        }
    }

    private ref struct Reader
    {
        private readonly ReadOnlySpan<byte> _b;
        private readonly ModelValueTable _mvs;
        public int Offset;

        public Reader(ReadOnlySpan<byte> b, int offset, ModelValueTable mvs)
        {
            _b = b;
            Offset = offset;
            _mvs = mvs;
        }

        public ulong VarUInt()
        {
            ulong v = 0;
            int shift = 0;
            while (true)
            {
                byte x = _b[Offset++];
                v |= (ulong)(x & 0x7F) << shift;
                if (x < 0x80) return v;
                shift += 7;
                if (shift > 63) throw new FormatException("a serialised state has a malformed number");
            }
        }

        private long VarInt()
        {
            ulong u = VarUInt();
            return (long)(u >> 1) ^ -(long)(u & 1);
        }

        private string Text()
        {
            int n = (int)VarUInt();
            var s = Encoding.UTF8.GetString(_b.Slice(Offset, n));
            Offset += n;
            return s;
        }

        private Value[] Values(int n)
        {
            var arr = new Value[n];
            for (int i = 0; i < n; i++) arr[i] = Value();
            return arr;
        }

        public Value Value()
        {
            byte tag = _b[Offset++];
            switch (tag)
            {
                case TagFalse: return BoolValue.False;
                case TagTrue: return BoolValue.True;
                case TagInt: return IntValue.Of(VarInt());
                case TagString: return StringValue.Of(Text());
                case TagModelValue:
                    if (_mvs == null) throw new FormatException("a serialised state holds a model value, and no model was given to decode it");
                    return _mvs.Get(Text());
                case TagInterval:
                {
                    long lo = VarInt();
                    long hi = VarInt();
                    return IntervalValue.Of(lo, hi);
                }
                case TagSet:
                {
                    var elems = Values((int)VarUInt());
                    return elems.Length == 0 ? SetValue.Empty : SetValue.FromArray(elems);
                }
                case TagFromConstructor:
                {
                    var f = (FcnValue)Value();
                    if (ReferenceEquals(f, FcnValue.EmptyTuple) || ReferenceEquals(f, FcnValue.EmptyFunction)) return f;
                    f.FromConstructor = true;
                    return f;
                }
                case TagTuple: return FcnValue.Tuple(Values((int)VarUInt()));
                case TagFunctionOnInterval: return FcnValue.FunctionOnInterval(Values((int)VarUInt()));
                case TagFunction:
                {
                    int n = (int)VarUInt();
                    var keys = new Value[n];
                    var vals = new Value[n];
                    for (int i = 0; i < n; i++)
                    {
                        keys[i] = Value();
                        vals[i] = Value();
                    }
                    return Sorted(keys) ? FcnValue.FromSorted(keys, vals) : FcnValue.FromPairs(keys, vals);
                }
                default:
                    throw new FormatException($"a serialised state has an unknown value tag {tag}");
            }
        }

        private static bool Sorted(Value[] keys)
        {
            for (int i = 1; i < keys.Length; i++)
                if (keys[i - 1].CompareTo(keys[i]) >= 0) return false;
            return true;
        }
    }
}
