using Ops.Tla.Values;

namespace Ops.Tla.Checking;

/// <summary>
/// A compact byte form of a state (its variables' values), for sending states between processes (the distributed
/// search, <c>src/Ops.Tla.Distributed</c>): the state's length, then each value as <see cref="ValueWriter"/> writes it,
/// with strings and model values by name (UTF-8) and a finite lazily represented value as its enumeration
/// (<see cref="ByName"/>). Decoding needs the receiving model (its model values by name, its strings' order: call it
/// where the model's <see cref="StringOrder"/> is current); a set or function is re-sorted there only if the receiver
/// orders its elements differently. Fingerprints do not depend on the encoding: a decoded state has the fingerprint of
/// the state encoded.
/// </summary>
public static class StateCodec
{
    /// <summary>A writer per thread, its buffer reused from one state to the next.</summary>
    [ThreadStatic] private static ValueWriter _writer;

    /// <summary>Appends the encoding of <paramref name="state"/> to <paramref name="into"/>.</summary>
    public static void Encode(Value[] state, List<byte> into)
    {
        ArgumentNullException.ThrowIfNull(state);
        var w = _writer ??= new ValueWriter(ByName.Writing);
        w.Clear();
        w.VarUInt((ulong)state.Length);
        foreach (var v in state) w.Value(v);
        into.AddRange(w.Written);
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
        var r = new ValueReader(bytes, offset, new ByName(modelValues));
        var state = new Value[r.Count()];
        for (int i = 0; i < state.Length; i++) state[i] = r.Value();
        offset = r.Offset;
        return state;
    }

    /// <summary>Decodes a state encoded alone (<see cref="Encode(Value[])"/>).</summary>
    public static Value[] Decode(byte[] bytes, ModelValueTable modelValues)
    {
        int offset = 0;
        var state = Decode(bytes, ref offset, modelValues);
        if (offset != bytes.Length) throw ValueReader.Malformed("has bytes after its end");
        return state;
    }

    /// <summary>Strings and model values by name; a finite lazy set or function as its enumeration; nothing else (an
    /// infinite value cannot be sent).</summary>
    private sealed class ByName(ModelValueTable modelValues) : IAtomCodec
    {
        private const byte String = 0, Model = 1;

        /// <summary>The codec that writes (it needs no model).</summary>
        public static readonly ByName Writing = new(null);

        public bool SameProcess => false;

        public void Write(ValueWriter w, Value v)
        {
            switch (v)
            {
                case StringValue s:
                    w.Atom();
                    w.Byte(String);
                    w.Text(s.S);
                    return;
                case ModelValue m:
                    w.Atom();
                    w.Byte(Model);
                    w.Text(m.Name);
                    return;
                case SetBase s when s.IsFinite:
                    w.Value(s.ToEnumerated());
                    return;
                case FcnBase f when f.Domain.IsFinite:
                    w.Value(f.ToFcn());
                    return;
                default:
                    throw new TlaException(ErrorKind.Unsupported,
                        $"a state holds the value {Describe(v)}, which cannot be sent to another process (only finite values can)");
            }
        }

        public Value Read(ref ValueReader r)
        {
            byte kind = r.Byte();
            switch (kind)
            {
                case String: return StringValue.Of(r.Text());
                case Model:
                    if (modelValues == null) throw ValueReader.Malformed("holds a model value, and no model was given to decode it");
                    return modelValues.Get(r.Text());
                default: throw ValueReader.Malformed($"holds an unknown kind of atom {kind}");
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
}
