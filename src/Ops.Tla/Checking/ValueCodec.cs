using System.Text;
using Ops.Tla.Values;

namespace Ops.Tla.Checking;

/// <summary>
/// How a <see cref="ValueWriter"/> writes, and a <see cref="ValueReader"/> reads back, the values it does not write out
/// itself: strings, model values and any value that is not a boolean, an integer, an enumerated set, a function or an
/// interval (a lazily represented set or function). The two codecs of states differ only there:
/// <see cref="StateCodec"/> (between processes) writes strings and model values by name and enumerates a finite lazy
/// value; <see cref="Storage.SpillCodec"/> (to disk, in this process) writes each as a number in a table kept in memory.
/// </summary>
public interface IAtomCodec
{
    /// <summary>True when the bytes are read back by the process that wrote them: sets and functions come back in the
    /// order written. False: the reader sorts them again where its order differs (the order of strings is the
    /// receiving model's).</summary>
    bool SameProcess { get; }

    /// <summary>Writes <paramref name="v"/>: either <see cref="ValueWriter.Atom"/> and what <see cref="Read"/> reads
    /// back, or another value (<see cref="ValueWriter.Value"/>) equal to it.</summary>
    void Write(ValueWriter w, Value v);

    /// <summary>Reads back what <see cref="Write"/> wrote after <see cref="ValueWriter.Atom"/>.</summary>
    Value Read(ref ValueReader r);
}

/// <summary>
/// Values to bytes: each a tag byte and its payload. Booleans; integers as zig-zag varints; intervals as their bounds;
/// enumerated sets as their element count and elements; functions as their kind (a tuple, a function on 1..n, a
/// function with its keys), whether a constructor made them, their size, then their keys and values, in their stored
/// order; anything else through the <see cref="IAtomCodec"/>. A growing buffer, written from the start again after
/// <see cref="Clear"/>.
/// </summary>
public sealed class ValueWriter(IAtomCodec atoms, int capacity = 256)
{
    internal const byte False = 1, True = 2, Int = 3, AtomTag = 4, Set = 5, Tuple = 6, FunctionOnInterval = 7, Function = 8,
        Interval = 9, Reference = 10, FunctionNotRecord = 11, FromConstructorFlag = 0x80,
        // A function whose domain is not of its kind's usual sort: one on 1..n over an enumerated set ([i \in {1, 2}
        // |-> e]), one with keys over an interval ([i \in 2..3 |-> e]); see FcnValue.IntervalDomain.
        OtherDomainFlag = 0x40,
        // The set's or function's fingerprint follows the tag (8 bytes, little-endian): see Fingerprints.
        FingerprintFlag = 0x20;

    private byte[] _buf = new byte[Math.Max(capacity, 16)];
    private int _n;
    // With references on (SpillCodec): each set and function written since the last Clear, by instance, numbered in
    // the order their writing ended; an instance met again is written as its number.
    private Dictionary<Value, int> _written;

    /// <summary>Writes a set or function already written since the last <see cref="Clear"/> (the same instance) as a
    /// reference to it: a reader with <see cref="ValueReader.WithReferences"/> gives back that one instance. The
    /// states of one chunk that a search spills share most of their values (the successors of one state share what
    /// the action left unchanged), and share them again when read back.</summary>
    public bool References
    {
        get => _written != null;
        set => _written = value ? _written ?? new Dictionary<Value, int>(ReferenceEqualityComparer.Instance) : null;
    }

    /// <summary>Writes the fingerprint of each set and function whose fingerprint is known after its tag, and a reader
    /// gives it to the value it reads back (<see cref="SetValue.KnownFingerprint"/>): the search on disk
    /// (<see cref="Storage.SpillCodec"/>) reads its states back with their fingerprints instead of computing them again
    /// from all their parts. Only for bytes read back by this process's own code (the fingerprints are Ops's).</summary>
    public bool Fingerprints { get; init; }

    /// <summary>The bytes written since the last <see cref="Clear"/>.</summary>
    public ReadOnlySpan<byte> Written => _buf.AsSpan(0, _n);

    public int Length => _n;

    public void Clear()
    {
        _n = 0;
        _written?.Clear();
    }

    public byte[] ToArray() => Written.ToArray();

    /// <summary>Writes <paramref name="v"/>; with <see cref="References"/>, a set or function written before since the
    /// last <see cref="Clear"/> as a reference to it.</summary>
    public void Value(Value v) => NumberedValue(v);

    /// <summary>As <see cref="Value"/>, and with <see cref="References"/> the number a later
    /// <see cref="ReferenceTo"/> refers to <paramref name="v"/> by (-1: not a set or function, or no references).</summary>
    public int NumberedValue(Value v)
    {
        if (_written == null || v is not (SetValue or FcnValue))
        {
            Composite(v);
            return -1;
        }
        if (_written.TryGetValue(v, out int k))
        {
            ReferenceTo(k);
            return k;
        }
        Composite(v);
        k = _written.Count;
        _written.Add(v, k);
        return k;
    }

    /// <summary>Writes again the value <see cref="NumberedValue"/> numbered <paramref name="k"/> since the last
    /// <see cref="Clear"/>: what <see cref="Value"/> writes for that instance, without looking it up.</summary>
    public void ReferenceTo(int k)
    {
        Byte(Reference);
        VarUInt((ulong)k);
    }

    private void Composite(Value v)
    {
        switch (v)
        {
            case BoolValue b:
                Byte(b.B ? True : False);
                return;
            case IntValue i:
                Byte(Int);
                VarInt(i.V);
                return;
            case SetValue s:
                TagAndFingerprint(Set, s.KnownFingerprint);
                VarUInt((ulong)s.Elems.Length);
                foreach (var e in s.Elems) Value(e);
                return;
            case FcnValue f:
                var kind = f.Keys != null ? (f.NotRecord ? FunctionNotRecord : Function) : f.BuiltAsFunction ? FunctionOnInterval : Tuple;
                // Made by a one-parameter constructor: only an error's wording depends on it, but it is kept.
                TagAndFingerprint((byte)(kind | (f.FromConstructor ? FromConstructorFlag : 0) | (f.IntervalDomain != (f.Keys == null) ? OtherDomainFlag : 0)), f.KnownFingerprint);
                VarUInt((ulong)f.Vals.Length);
                if (f.Keys != null)
                    foreach (var k in f.Keys) Value(k);
                foreach (var x in f.Vals) Value(x);
                return;
            case IntervalValue iv:
                Byte(Interval);
                VarInt(iv.Lo);
                VarInt(iv.Hi);
                return;
            default:
                atoms.Write(this, v);
                return;
        }
    }

    /// <summary>A set's or function's tag, and its fingerprint when <see cref="Fingerprints"/> and it is known.</summary>
    private void TagAndFingerprint(byte tag, ulong fp)
    {
        if (!Fingerprints || fp == 0)
        {
            Byte(tag);
            return;
        }
        if (_n + 9 > _buf.Length) Grow(9);
        _buf[_n] = (byte)(tag | FingerprintFlag);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(_buf.AsSpan(_n + 1), fp);
        _n += 9;
    }

    /// <summary>Starts a value the <see cref="IAtomCodec"/> writes and reads itself.</summary>
    public void Atom() => Byte(AtomTag);

    public void Byte(byte x)
    {
        if (_n == _buf.Length) Grow(1);
        _buf[_n++] = x;
    }

    public void VarUInt(ulong v)
    {
        if (_n + 10 > _buf.Length) Grow(10);
        while (v >= 0x80)
        {
            _buf[_n++] = (byte)(v | 0x80);
            v >>= 7;
        }
        _buf[_n++] = (byte)v;
    }

    public void VarInt(long v) => VarUInt((ulong)((v << 1) ^ (v >> 63)));

    /// <summary>A string as its UTF-8 length and bytes.</summary>
    public void Text(string s)
    {
        int n = Encoding.UTF8.GetByteCount(s);
        VarUInt((ulong)n);
        if (_n + n > _buf.Length) Grow(n);
        _n += Encoding.UTF8.GetBytes(s, _buf.AsSpan(_n));
    }

    private void Grow(int k) => Array.Resize(ref _buf, Math.Max(_buf.Length * 2, _n + k));
}

/// <summary>Reads back what a <see cref="ValueWriter"/> wrote, from <see cref="Offset"/> on. A malformed input is an
/// <see cref="InvalidDataException"/>.</summary>
public ref struct ValueReader(ReadOnlySpan<byte> bytes, int offset, IAtomCodec atoms)
{
    private readonly ReadOnlySpan<byte> _b = bytes;
    // The sets and functions read so far, in the order their reading ended, when the writer wrote references.
    private List<Value> _read;
    // The small values read back before, by their bytes (null: none).
    private Storage.ReadBackValues _readBack;

    /// <summary>Reads what a <see cref="ValueWriter"/> with <see cref="ValueWriter.References"/> wrote (from the
    /// start of what it wrote since its last Clear).</summary>
    public ValueReader WithReferences(List<Value> table)
    {
        table.Clear();
        _read = table;
        return this;
    }

    /// <summary>With <see cref="WithReferences"/>: a small set or function whose bytes <paramref name="readBack"/>
    /// holds is given back as the instance read from them before (see <see cref="Storage.ReadBackValues"/>). Only for
    /// bytes whose atoms are each one number (<see cref="Storage.SpillCodec"/>'s table).</summary>
    public ValueReader WithReadBack(Storage.ReadBackValues readBack)
    {
        _readBack = readBack;
        return this;
    }

    /// <summary>Where the next value starts.</summary>
    public int Offset = offset;

    public bool AtEnd => Offset >= _b.Length;

    public byte Byte()
    {
        if (Offset >= _b.Length) throw Malformed("ends in the middle of a value");
        return _b[Offset++];
    }

    public ulong VarUInt()
    {
        ulong v = 0;
        for (int shift = 0; ; shift += 7)
        {
            if (shift > 63) throw Malformed("has a malformed number");
            byte x = Byte();
            v |= (ulong)(x & 0x7F) << shift;
            if (x < 0x80) return v;
        }
    }

    public long VarInt()
    {
        ulong z = VarUInt();
        return (long)(z >> 1) ^ -(long)(z & 1);
    }

    /// <summary>A count of values or bytes that follow (at most one per byte left).</summary>
    public int Count()
    {
        ulong n = VarUInt();
        if (n > (ulong)(_b.Length - Offset)) throw Malformed("has a count larger than what follows");
        return (int)n;
    }

    public string Text()
    {
        int n = Count();
        var s = Encoding.UTF8.GetString(_b.Slice(Offset, n));
        Offset += n;
        return s;
    }

    public Value Value()
    {
        if (_read == null) return Read();
        if (_b.Length > Offset && _b[Offset] == ValueWriter.Reference)
        {
            Offset++;
            ulong k = VarUInt();
            if (k >= (ulong)_read.Count) throw Malformed("refers to a value not read before");
            return _read[(int)k];
        }
        if (_readBack != null && Offset < _b.Length && IsComposite(_b[Offset])) return ReadBack();
        var v = Read();
        if (v is SetValue or FcnValue) _read.Add(v);
        return v;
    }

    private static bool IsComposite(byte tag) =>
        (tag & ~(ValueWriter.FromConstructorFlag | ValueWriter.OtherDomainFlag | ValueWriter.FingerprintFlag)) is
            ValueWriter.Set or ValueWriter.Tuple or ValueWriter.FunctionOnInterval or ValueWriter.Function or ValueWriter.FunctionNotRecord;

    /// <summary>A set or function (at <see cref="Offset"/>) through <see cref="_readBack"/>: the instance read before
    /// from the same bytes, else read and kept.</summary>
    private Value ReadBack()
    {
        int start = Offset, end = start;
        if (!SkipPlain(ref end, Math.Min(_b.Length, start + Storage.ReadBackValues.MaxBytes)))
        {
            var read = Read();
            _read.Add(read);
            return read;
        }
        var bytes = _b.Slice(start, end - start);
        int slot = Storage.ReadBackValues.Slot(bytes);
        var found = _readBack.Find(bytes, slot, out var parts);
        if (found != null)
        {
            Offset = end;
            // The writer numbered the sets and functions inside it too: later references count them.
            if (parts != null) _read.AddRange(parts);
            _read.Add(found);
            return found;
        }
        int before = _read.Count;
        var v = Read();
        Value[] inside = null;
        if (_read.Count > before)
        {
            inside = new Value[_read.Count - before];
            _read.CopyTo(before, inside, 0, inside.Length);
        }
        _readBack.Keep(bytes, slot, v, inside);
        _read.Add(v);
        return v;
    }

    /// <summary>Moves <paramref name="o"/> past the value there without reading it: false if it refers to another
    /// value of its chunk, is malformed or ends past <paramref name="limit"/> (then it is read as usual).</summary>
    private readonly bool SkipPlain(ref int o, int limit)
    {
        if (o >= limit) return false;
        byte tag = _b[o++];
        if ((tag & ValueWriter.FingerprintFlag) != 0) o += 8;
        switch (tag & ~(ValueWriter.FromConstructorFlag | ValueWriter.OtherDomainFlag | ValueWriter.FingerprintFlag))
        {
            case ValueWriter.False:
            case ValueWriter.True:
                return o <= limit;
            case ValueWriter.Int:
            case ValueWriter.AtomTag:
                return SkipNumber(ref o, limit, out _);
            case ValueWriter.Interval:
                return SkipNumber(ref o, limit, out _) && SkipNumber(ref o, limit, out _);
            case ValueWriter.Set:
            case ValueWriter.Tuple:
            case ValueWriter.FunctionOnInterval:
            case ValueWriter.Function:
            case ValueWriter.FunctionNotRecord:
            {
                if (!SkipNumber(ref o, limit, out ulong n)) return false;
                if ((tag & 0x1F) is ValueWriter.Function or ValueWriter.FunctionNotRecord) n *= 2;
                // Each value takes a byte at least.
                if (n > (ulong)Math.Max(0, limit - o)) return false;
                for (ulong i = 0; i < n; i++)
                    if (!SkipPlain(ref o, limit)) return false;
                return true;
            }
            default:
                return false;
        }
    }

    private readonly bool SkipNumber(ref int o, int limit, out ulong v)
    {
        v = 0;
        for (int shift = 0; shift <= 63; shift += 7)
        {
            if (o >= limit) return false;
            byte x = _b[o++];
            v |= (ulong)(x & 0x7F) << shift;
            if (x < 0x80) return true;
        }
        return false;
    }

    private Value Read()
    {
        byte tag = Byte();
        bool fromConstructor = (tag & ValueWriter.FromConstructorFlag) != 0;
        bool otherDomain = (tag & ValueWriter.OtherDomainFlag) != 0;
        ulong fp = 0;
        if ((tag & ValueWriter.FingerprintFlag) != 0)
        {
            if (_b.Length - Offset < 8) throw Malformed("ends in the middle of a value");
            fp = System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(_b.Slice(Offset, 8));
            Offset += 8;
        }
        switch (tag & ~(ValueWriter.FromConstructorFlag | ValueWriter.OtherDomainFlag | ValueWriter.FingerprintFlag))
        {
            case ValueWriter.False: return BoolValue.False;
            case ValueWriter.True: return BoolValue.True;
            case ValueWriter.Int: return IntValue.Of(VarInt());
            case ValueWriter.AtomTag: return atoms.Read(ref this);
            case ValueWriter.Set:
            {
                int n = Count();
                if (n == 0) return SetValue.Empty;
                var elems = Values(n);
                var set = atoms.SameProcess ? new SetValue(elems) : SetValue.FromArray(elems);
                if (fp != 0) set.KnownFingerprint = fp;
                return set;
            }
            case ValueWriter.Tuple: return Constructed(FcnValue.Tuple(Values(Count())), fromConstructor, fp);
            case ValueWriter.FunctionOnInterval: return Constructed(FcnValue.FunctionOnInterval(Values(Count()), !otherDomain), fromConstructor, fp);
            case ValueWriter.Function:
            case ValueWriter.FunctionNotRecord:
            {
                int n = Count();
                var keys = Values(n);
                var vals = Values(n);
                var f = atoms.SameProcess || Sorted(keys) ? FcnValue.FromSorted(keys, vals, otherDomain) : FcnValue.FromPairs(keys, vals);
                if ((tag & 0x1F) == ValueWriter.FunctionNotRecord) f.AsFunction();
                return Constructed(f, fromConstructor, fp);
            }
            case ValueWriter.Interval:
            {
                long lo = VarInt();
                return IntervalValue.Of(lo, VarInt());
            }
            default: throw Malformed($"holds an unknown value tag {tag}");
        }
    }

    private Value[] Values(int n)
    {
        var arr = new Value[n];
        for (int i = 0; i < n; i++) arr[i] = Value();
        return arr;
    }

    /// <summary>The flag and the fingerprint written set on a function read back (never on the shared empty ones).</summary>
    private static FcnValue Constructed(FcnValue f, bool fromConstructor, ulong fp)
    {
        if (f.Vals.Length > 0)
        {
            if (fromConstructor) f.FromConstructor = true;
            if (fp != 0) f.KnownFingerprint = fp;
        }
        return f;
    }

    private static bool Sorted(Value[] keys)
    {
        for (int i = 1; i < keys.Length; i++)
            if (keys[i - 1].CompareTo(keys[i]) >= 0) return false;
        return true;
    }

    public static InvalidDataException Malformed(string what) => new($"a serialised state {what}");
}
