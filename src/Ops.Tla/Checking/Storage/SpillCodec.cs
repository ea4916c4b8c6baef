using Ops.Tla.Values;

namespace Ops.Tla.Checking.Storage;

/// <summary>
/// States to bytes and back, for the states a search spills to disk in this process (<see cref="StateChunkStore"/>;
/// the distributed search sends states between processes with <see cref="Ops.Tla.Checking.StateCodec"/>). A state read
/// back is equal to the one written, value for value, with the same runtime types and the flags that change how a
/// value prints or is written as JSON (a tuple against a function on 1..n, a function made by a constructor), so
/// that the search goes on, and a trace prints, exactly as from memory.
/// <para>
/// Booleans, integers, enumerated sets, functions (tuples, records) and intervals are written out by the
/// <see cref="ValueWriter"/> the distributed search's codec uses too. Strings and model values are written as numbers in
/// a table kept in memory (this codec's <see cref="IAtomCodec"/>, <see cref="AtomTable"/>), which holds the instance of each (there are few of
/// them, and a string's instance carries its rank in the model's string order). A value of any other kind (an
/// infinite set, a lazily represented one kept in a state) goes to that table too, by reference, so it is kept in
/// memory as it is.
/// </para>
/// Thread-safe: one chunk is encoded at a time (<see cref="StateChunkStore"/>'s writer) while others are decoded (the
/// search, the parallel search's workers): the writer adds to the table, the readers only read the entries the chunk
/// they read was written with.
/// </summary>
public sealed class SpillCodec
{
    private readonly AtomTable _table = new();
    private readonly object _writeLock = new(), _readLock = new();
    private ValueWriter _writer;
    // Encode's numbers of the values of the state written last and of the one being written (see Encode).
    private int[] _numbers = Array.Empty<int>(), _numbersBefore = Array.Empty<int>();
    private readonly List<Value> _read = new();
    // The small values read back lately, shared by the states read back after (see ReadBackValues).
    private readonly ReadBackValues _readBack = new();

    /// <summary>The small values read back lately (see <see cref="ReadBackValues"/>).</summary>
    public ReadBackValues ReadBack => _readBack;

    /// <summary>What <see cref="Encode(IReadOnlyList{Value[]}, BytesSink)"/> hands over: the bytes, valid during the call.</summary>
    public delegate void BytesSink(ReadOnlySpan<byte> bytes);

    /// <summary>The number of strings, model values and other values kept in memory.</summary>
    public int Atoms
    {
        get { return _table.Count; }
    }

    /// <summary>The states (null ones included) as bytes.</summary>
    public byte[] Encode(IReadOnlyList<Value[]> states)
    {
        byte[] bytes = null;
        Encode(states, b => bytes = b.ToArray());
        return bytes;
    }

    /// <summary>The states (null ones included) as bytes, handed to <paramref name="sink"/> from a buffer this codec
    /// reuses (a chunk's bytes are often over the size of the large-object heap, where an array a chunk would count
    /// towards a full collection). Each set and function is written once: where the states share an instance (the
    /// successors of one state share what its action left unchanged), the others refer to it, and the states read
    /// back share one instance again.</summary>
    public void Encode(IReadOnlyList<Value[]> states, BytesSink sink)
    {
        lock (_writeLock)
        {
            var w = _writer ??= new ValueWriter(_table, 1 << 16) { References = true, Fingerprints = true };
            w.Clear();
            // The successors of one state are stored one after the other and share the values their actions left
            // unchanged: a value the state before holds at the same place is referred to by the number it was given
            // there, without looking it up among all the chunk's values.
            Value[] before = null;
            int[] numbers = _numbers, numbersBefore = _numbersBefore;
            foreach (var s in states)
            {
                if (s == null) { w.VarUInt(0); before = null; continue; }
                w.VarUInt((ulong)s.Length + 1);
                if (numbers.Length < s.Length)
                {
                    _numbers = numbers = new int[s.Length];
                    _numbersBefore = numbersBefore = new int[s.Length];
                    before = null;
                }
                for (int k = 0; k < s.Length; k++)
                {
                    var v = s[k];
                    if (before != null && k < before.Length && ReferenceEquals(v, before[k]) && numbersBefore[k] >= 0)
                    {
                        w.ReferenceTo(numbersBefore[k]);
                        numbers[k] = numbersBefore[k];
                    }
                    else numbers[k] = w.NumberedValue(v);
                }
                before = s;
                (numbers, numbersBefore) = (numbersBefore, numbers);
            }
            sink(w.Written);
            // The references to the chunk's values are not kept past it.
            w.Clear();
        }
    }

    /// <summary>The <paramref name="count"/> states of <see cref="Encode(IReadOnlyList{Value[]})"/>'s bytes.</summary>
    public Value[][] Decode(byte[] bytes, int count) => Decode(bytes.AsSpan(), count);

    /// <summary>The <paramref name="count"/> states of <see cref="Encode(IReadOnlyList{Value[]})"/>'s bytes.</summary>
    public Value[][] Decode(ReadOnlySpan<byte> bytes, int count)
    {
        var states = new Value[count][];
        lock (_readLock)
        {
            var r = new ValueReader(bytes, 0, _table).WithReferences(_read).WithReadBack(_readBack);
            for (int i = 0; i < count; i++)
            {
                ulong n = r.VarUInt();
                if (n == 0) continue;
                var s = new Value[n - 1];
                for (int k = 0; k < s.Length; k++) s[k] = r.Value();
                states[i] = s;
            }
            _read.Clear();
            if (!r.AtEnd) throw new InvalidDataException("a chunk of spilled states was not read to its end");
        }
        return states;
    }

    /// <summary>Strings and model values by value (one entry each), any value of another kind by reference (its own
    /// instance back), each written as its number in the table. Read back in this process: sets and functions keep
    /// the order they were written in.</summary>
    private sealed class AtomTable : IAtomCodec
    {
        // Written by the one encoding thread (under the write lock), read by decoding ones without a lock: an entry is
        // set before the chunk that uses it is written, and a larger array holds the entries of the one it replaces.
        private Value[] _atoms = new Value[64];
        private int _count;
        private readonly Dictionary<Value, int> _byValue = new();
        private readonly Dictionary<object, int> _byReference = new(ReferenceEqualityComparer.Instance);

        public int Count => Volatile.Read(ref _count);

        public bool SameProcess => true;

        public void Write(ValueWriter w, Value v)
        {
            w.Atom();
            w.VarUInt((ulong)AtomOf(v));
        }

        public Value Read(ref ValueReader r)
        {
            ulong id = r.VarUInt();
            var atoms = Volatile.Read(ref _atoms);
            if (id >= (ulong)Volatile.Read(ref _count) || id >= (ulong)atoms.Length) throw ValueReader.Malformed("refers to a value not written");
            return atoms[(int)id];
        }

        private int AtomOf(Value v)
        {
            var byValue = v is StringValue or ModelValue;
            if (byValue ? _byValue.TryGetValue(v, out int id) : _byReference.TryGetValue(v, out id)) return id;
            id = _count;
            if (id == _atoms.Length)
            {
                var larger = new Value[id * 2];
                Array.Copy(_atoms, larger, id);
                Volatile.Write(ref _atoms, larger);
            }
            _atoms[id] = v;
            Volatile.Write(ref _count, id + 1);
            if (byValue) _byValue[v] = id; else _byReference[v] = id;
            return id;
        }
    }
}
