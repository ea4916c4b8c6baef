using Ops.Tla.Values;

namespace Ops.Tla.Checking.Storage;

/// <summary>
/// The small sets and functions the search on disk read back lately, by the bytes they were written as
/// (<see cref="SpillCodec"/>, with <see cref="ValueReader.WithReadBack"/>): a value whose bytes were read before is
/// given back as the instance read then, without allocating it again. In memory the value interner makes the states
/// share their values; the states read back from disk shared only what one chunk wrote once (its references), so each
/// chunk read back was mostly new objects, which lived as long as the chunk was expanded and were copied by the
/// collector meanwhile. The states of MCLamportMutex, for instance, hold a few hundred distinct messages, queues and
/// clocks between them, and read back share those again.
/// <para>
/// Exact: only bytes equal to those read before give the value read then (never a hash alone), and only bytes without
/// a reference to another value of their chunk (which would mean another value in another chunk). Atoms are numbers in
/// the codec's table, which never renumbers. Bounded: <see cref="Size"/> entries of at most <see cref="MaxBytes"/>
/// bytes each, an entry replaced by the next value whose bytes fall in its slot (a few hundred kilobytes with what
/// they hold). One reader at a time (the codec's read lock).
/// </para>
/// </summary>
public sealed class ReadBackValues
{
    /// <summary>The longest bytes of a value kept (and looked for).</summary>
    public const int MaxBytes = 128;
    /// <summary>How many values are kept at most.</summary>
    public const int Size = 1 << 12;
    private const int Mask = Size - 1;

    private readonly byte[][] _bytes = new byte[Size][];
    private readonly Value[] _values = new Value[Size];
    // The sets and functions inside each value, in the order a reader numbers them (see ValueReader.WithReferences).
    private readonly Value[][] _parts = new Value[Size][];

    /// <summary>Values given back from here, and values read and kept.</summary>
    public long Found, Kept;

    internal static int Slot(ReadOnlySpan<byte> bytes)
    {
        var h = new HashCode();
        h.AddBytes(bytes);
        return h.ToHashCode() & Mask;
    }

    /// <summary>The value read before from exactly <paramref name="bytes"/> (null if none is kept), and the sets and
    /// functions inside it.</summary>
    internal Value Find(ReadOnlySpan<byte> bytes, int slot, out Value[] parts)
    {
        var kept = _bytes[slot];
        if (kept != null && bytes.SequenceEqual(kept))
        {
            Found++;
            parts = _parts[slot];
            return _values[slot];
        }
        parts = null;
        return null;
    }

    internal void Keep(ReadOnlySpan<byte> bytes, int slot, Value v, Value[] parts)
    {
        Kept++;
        _bytes[slot] = bytes.ToArray();
        _values[slot] = v;
        _parts[slot] = parts;
    }
}
