using Ops.Tla.Values;

namespace Ops.Tla.Checking.Storage;

/// <summary>
/// States to bytes and back, for the states a search spills to disk in this process (<see cref="StateChunkStore"/>;
/// the distributed search sends states between processes with <see cref="Ops.Tla.Checking.StateCodec"/>). A state read
/// back is equal to the one written, value for value, with the same runtime types and the flags that change how a
/// value prints or is written as JSON (a tuple against a function on 1..n, a function made by a constructor), so
/// that the search goes on, and a trace prints, exactly as from memory.
/// <para>
/// Booleans, integers, enumerated sets, functions (tuples, records) and intervals are written out. Strings and model
/// values are written as numbers in a table kept in memory, which holds the instance of each (there are few of
/// them, and a string's instance carries its rank in the model's string order). A value of any other kind (an
/// infinite set, a lazily represented one kept in a state) goes to that table too, by reference, so it is kept in
/// memory as it is.
/// </para>
/// Thread-safe: the parallel search's workers read chunks back while nothing is written.
/// </summary>
public sealed class SpillCodec
{
    private const byte False = 1, True = 2, Int = 3, Atom = 4, Set = 5, Tuple = 6, FunctionOnInterval = 7, Function = 8,
        Interval = 9, FromConstructorFlag = 0x80;

    private readonly List<Value> _atoms = new();
    private readonly Dictionary<Value, int> _byValue = new();
    private readonly Dictionary<object, int> _byReference = new(ReferenceEqualityComparer.Instance);
    private readonly object _lock = new();

    /// <summary>The number of strings, model values and other values kept in memory.</summary>
    public int Atoms
    {
        get { lock (_lock) return _atoms.Count; }
    }

    /// <summary>The states (null ones included) as bytes.</summary>
    public byte[] Encode(IReadOnlyList<Value[]> states)
    {
        var w = new Writer();
        lock (_lock)
        {
            foreach (var s in states)
            {
                if (s == null) { w.VarUInt(0); continue; }
                w.VarUInt((ulong)s.Length + 1);
                foreach (var v in s) Write(w, v);
            }
        }
        return w.ToArray();
    }

    /// <summary>The <paramref name="count"/> states of <see cref="Encode"/>'s bytes.</summary>
    public Value[][] Decode(byte[] bytes, int count)
    {
        var states = new Value[count][];
        int pos = 0;
        lock (_lock)
        {
            for (int i = 0; i < count; i++)
            {
                ulong n = ReadVarUInt(bytes, ref pos);
                if (n == 0) continue;
                var s = new Value[n - 1];
                for (int k = 0; k < s.Length; k++) s[k] = Read(bytes, ref pos);
                states[i] = s;
            }
        }
        if (pos != bytes.Length) throw new InvalidDataException("a chunk of spilled states was not read to its end");
        return states;
    }

    private void Write(Writer w, Value v)
    {
        switch (v)
        {
            case BoolValue b:
                w.Byte(b.B ? True : False);
                return;
            case IntValue i:
                w.Byte(Int);
                w.VarInt(i.V);
                return;
            case SetValue s:
                w.Byte(Set);
                w.VarUInt((ulong)s.Elems.Length);
                foreach (var e in s.Elems) Write(w, e);
                return;
            case FcnValue f:
                byte tag = f.Keys != null ? Function : f.BuiltAsFunction ? FunctionOnInterval : Tuple;
                w.Byte((byte)(tag | (f.FromConstructor ? FromConstructorFlag : 0)));
                w.VarUInt((ulong)f.Vals.Length);
                if (f.Keys != null)
                    foreach (var k in f.Keys) Write(w, k);
                foreach (var x in f.Vals) Write(w, x);
                return;
            case IntervalValue iv:
                w.Byte(Interval);
                w.VarInt(iv.Lo);
                w.VarInt(iv.Hi);
                return;
            default:
                w.Byte(Atom);
                w.VarUInt((ulong)AtomOf(v));
                return;
        }
    }

    private int AtomOf(Value v)
    {
        // Strings and model values by value (one entry each); anything else by reference (its own instance back).
        var byValue = v is StringValue or ModelValue;
        if (byValue ? _byValue.TryGetValue(v, out int id) : _byReference.TryGetValue(v, out id)) return id;
        id = _atoms.Count;
        _atoms.Add(v);
        if (byValue) _byValue[v] = id; else _byReference[v] = id;
        return id;
    }

    private Value Read(byte[] b, ref int pos)
    {
        byte tag = b[pos++];
        bool fromConstructor = (tag & FromConstructorFlag) != 0;
        switch (tag & ~FromConstructorFlag)
        {
            case False: return BoolValue.False;
            case True: return BoolValue.True;
            case Int: return IntValue.Of(ReadVarInt(b, ref pos));
            case Atom: return _atoms[(int)ReadVarUInt(b, ref pos)];
            case Set:
            {
                int n = (int)ReadVarUInt(b, ref pos);
                if (n == 0) return SetValue.Empty;
                var elems = new Value[n];
                for (int i = 0; i < n; i++) elems[i] = Read(b, ref pos);
                return new SetValue(elems);
            }
            case Tuple or FunctionOnInterval or Function:
            {
                int n = (int)ReadVarUInt(b, ref pos);
                Value[] keys = null;
                if ((tag & ~FromConstructorFlag) == Function)
                {
                    keys = new Value[n];
                    for (int i = 0; i < n; i++) keys[i] = Read(b, ref pos);
                }
                var vals = new Value[n];
                for (int i = 0; i < n; i++) vals[i] = Read(b, ref pos);
                var f = (tag & ~FromConstructorFlag) switch
                {
                    Tuple => FcnValue.Tuple(vals),
                    FunctionOnInterval => FcnValue.FunctionOnInterval(vals),
                    _ => FcnValue.FromSorted(keys, vals),
                };
                if (fromConstructor && n > 0) f.FromConstructor = true;
                return f;
            }
            case Interval:
            {
                long lo = ReadVarInt(b, ref pos);
                return IntervalValue.Of(lo, ReadVarInt(b, ref pos));
            }
            default: throw new InvalidDataException($"a spilled state holds an unknown value tag {tag}");
        }
    }

    private static ulong ReadVarUInt(byte[] b, ref int pos)
    {
        ulong v = 0;
        for (int shift = 0; ; shift += 7)
        {
            byte x = b[pos++];
            v |= (ulong)(x & 0x7F) << shift;
            if (x < 0x80) return v;
        }
    }

    private static long ReadVarInt(byte[] b, ref int pos)
    {
        ulong z = ReadVarUInt(b, ref pos);
        return (long)(z >> 1) ^ -(long)(z & 1);
    }

    /// <summary>A growing byte buffer.</summary>
    private sealed class Writer
    {
        private byte[] _buf = new byte[1 << 16];
        private int _n;

        private void Room(int k)
        {
            if (_n + k > _buf.Length) Array.Resize(ref _buf, Math.Max(_buf.Length * 2, _n + k));
        }

        public void Byte(byte x)
        {
            Room(1);
            _buf[_n++] = x;
        }

        public void VarUInt(ulong v)
        {
            Room(10);
            while (v >= 0x80)
            {
                _buf[_n++] = (byte)(v | 0x80);
                v >>= 7;
            }
            _buf[_n++] = (byte)v;
        }

        public void VarInt(long v) => VarUInt((ulong)((v << 1) ^ (v >> 63)));

        public byte[] ToArray() => _buf.AsSpan(0, _n).ToArray();
    }
}
