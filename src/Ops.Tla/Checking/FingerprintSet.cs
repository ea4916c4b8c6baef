using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;
using Ops.Tla.Checking.Storage;

namespace Ops.Tla.Checking;

/// <summary>
/// An open-addressing set of 64-bit state fingerprints in memory (TLC's FPSet), for one thread: the one-worker
/// search's. No lock and no interlocked instruction; <see cref="ConcurrentFingerprintSet"/> is the same set for
/// several workers. Many small segments (chosen by the fingerprint's top bits), each grown by doubling on its own: each
/// stays below the large-object heap up to millions of fingerprints (allocations there count towards full
/// collections), and a growth copies a thousandth of the set. The set that spills to disk is
/// <see cref="DiskFingerprintSet"/> (see <see cref="SearchStorage"/>).
/// </summary>
public sealed class FingerprintSet : IFingerprintSet
{
    private readonly ulong[][] _segments = new ulong[FingerprintSlots.Segments][];
    // Each segment's mask (its size less one) and count, side by side in one small array that stays in the cache: a
    // probe reads no segment's array header (the length), which is a memory miss of its own on a large set (the
    // headers of a thousand tables of kilobytes each are a thousand lines on as many pages), taken before the slot's
    // address is known.
    private readonly (int Mask, int Count)[] _sizes = new (int, int)[FingerprintSlots.Segments];

    public FingerprintSet()
    {
        for (int i = 0; i < _segments.Length; i++)
        {
            _segments[i] = new ulong[FingerprintSlots.InitialSlots];
            _sizes[i].Mask = FingerprintSlots.InitialSlots - 1;
        }
    }

    public long Count
    {
        get
        {
            long n = 0;
            foreach (var c in _sizes) n += c.Count;
            return n;
        }
    }

    /// <summary>Adds the fingerprint; true when it was not there before.</summary>
    public bool Add(ulong fp)
    {
        fp = FingerprintSlots.Stored(fp);
        int s = FingerprintSlots.Segment(fp);
        var slots = _segments[s];
        ref var size = ref _sizes[s];
        int mask = size.Mask;
        ref ulong first = ref MemoryMarshal.GetArrayDataReference(slots);
        for (int i = FingerprintSlots.Home(fp) & mask; ; i = (i + 1) & mask)
        {
            ref ulong slot = ref Unsafe.Add(ref first, i);
            ulong x = slot;
            if (x == fp) return false;
            if (x == FingerprintSlots.Empty)
            {
                slot = fp;
                if (++size.Count * 4 > (mask + 1) * 3)
                {
                    var grown = FingerprintSlots.Grown(slots);
                    _segments[s] = grown;
                    size.Mask = grown.Length - 1;
                }
                return true;
            }
        }
    }

    /// <summary>Asks the processor for the slot where the probe for <paramref name="fp"/> starts and for its table's
    /// header (a hint: nothing changes, nothing is read), so that an <see cref="Add"/> of it a little later finds both
    /// in the cache: the search asks when it has a successor's fingerprint and adds it once it has generated the next
    /// successor. The addresses come from the table's reference and the mask kept aside, without a read of the table
    /// (its length, or the null check of a reference to its elements, would be the very miss to avoid).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Prefetch(ulong fp)
    {
        if (!Sse.IsSupported) return;
        fp = FingerprintSlots.Stored(fp);
        int s = FingerprintSlots.Segment(fp);
        StatePrefetch.TouchSlot(_segments[s], FingerprintSlots.Home(fp) & _sizes[s].Mask);
    }

    public bool Contains(ulong fp)
    {
        fp = FingerprintSlots.Stored(fp);
        int s = FingerprintSlots.Segment(fp);
        ref ulong first = ref MemoryMarshal.GetArrayDataReference(_segments[s]);
        int mask = _sizes[s].Mask;
        for (int i = FingerprintSlots.Home(fp) & mask; ; i = (i + 1) & mask)
        {
            ulong x = Unsafe.Add(ref first, i);
            if (x == fp) return true;
            if (x == FingerprintSlots.Empty) return false;
        }
    }

    public void ForEach(Action<ulong> each)
    {
        foreach (var slots in _segments)
            foreach (ulong x in slots)
                if (x != FingerprintSlots.Empty) each(x);
    }

    public void Dispose() { }
}

/// <summary>
/// The fingerprint set of the parallel search's workers: the segments of <see cref="FingerprintSet"/>, without locks.
/// A lookup only reads (most successors are states seen before: 73% on MCLamportMutex); an insertion claims an empty
/// slot with a compare-and-swap, so two workers adding the same fingerprint agree on which added it. A full segment is
/// grown by one worker under the segment's lock: it first seals every empty slot of the old table (a compare-and-swap
/// from empty to <see cref="FingerprintSlots.Sealed"/>), so that an insertion either landed before (and is copied) or
/// meets the seal and waits for the new table; the occupied slots never change, so they are copied as they are.
/// <para>
/// What every probe reads (each segment's table and its mask) is kept in two dense arrays written only when a segment
/// grows, as <see cref="FingerprintSet"/> keeps them, so that they stay in each core's cache; each segment's count,
/// written on every insertion, and its lock are in an object of its own. With the tables' references in those
/// objects (beside the counts the other worker writes), the first read of a segment was a cache miss on most probes:
/// on MCLamportMutex with two workers, half of the samples of the workers' successor callback.
/// </para>
/// </summary>
public sealed class ConcurrentFingerprintSet : IFingerprintSet
{
    private readonly ulong[][] _tables = new ulong[FingerprintSlots.Segments][];
    // Each table's size less one, for Prefetch alone (written after the table; a prefetch that pairs a table with
    // another table's mask only asks for a useless line).
    private readonly int[] _masks = new int[FingerprintSlots.Segments];
    private readonly Segment[] _segments = new Segment[FingerprintSlots.Segments];

    public ConcurrentFingerprintSet()
    {
        for (int i = 0; i < _segments.Length; i++)
        {
            _segments[i] = new Segment();
            _tables[i] = new ulong[FingerprintSlots.InitialSlots];
            _masks[i] = FingerprintSlots.InitialSlots - 1;
        }
    }

    public long Count
    {
        get
        {
            long n = 0;
            foreach (var s in _segments) n += Volatile.Read(ref s.Count);
            return n;
        }
    }

    /// <summary>Adds the fingerprint; true when it was not there before (for exactly one of several workers adding it
    /// at once).</summary>
    public bool Add(ulong fp) => Probe(fp, add: true);

    public bool Contains(ulong fp) => Probe(fp, add: false);

    /// <summary>The one probe of <see cref="Add"/> and <see cref="Contains"/> (inlined in each, so <paramref name="add"/>
    /// costs nothing): found, the fingerprint was there; an empty slot ends a lookup, and an insertion claims it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool Probe(ulong fp, bool add)
    {
        fp = FingerprintSlots.Stored(fp);
        int s = FingerprintSlots.Segment(fp);
        while (true)
        {
            var slots = Volatile.Read(ref _tables[s]);
            int mask = slots.Length - 1;
            int i = FingerprintSlots.Home(fp) & mask;
            for (int probes = 0; probes <= mask; probes++, i = (i + 1) & mask)
            {
                ulong x = Volatile.Read(ref slots[i]);
                if (x == FingerprintSlots.Empty)
                {
                    if (!add) return false;
                    x = Interlocked.CompareExchange(ref slots[i], fp, FingerprintSlots.Empty);
                    if (x == FingerprintSlots.Empty)
                    {
                        // Counted once per fingerprint: a growth copies the slot, it never adds it again.
                        if (Interlocked.Increment(ref _segments[s].Count) * 4 > slots.Length * 3) Grow(s, slots);
                        return true;
                    }
                    // Another worker took the slot first: with this fingerprint, or another one (go on probing).
                }
                if (x == fp) return !add;
                if (x == FingerprintSlots.Sealed) break;
            }
            // The table is being replaced (a seal) or, with many workers racing past the growth threshold, full: the
            // segment's lock is held by the worker growing it; once it is free, the new table is in place.
            Grow(s, slots);
        }
    }

    /// <summary>As <see cref="FingerprintSet.Prefetch"/>: asks for the slot where the probe for <paramref name="fp"/>
    /// starts and for its table's header, from the dense arrays of tables and masks (a hint: a table replaced
    /// meanwhile only costs a useless line).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Prefetch(ulong fp)
    {
        if (!Sse.IsSupported) return;
        fp = FingerprintSlots.Stored(fp);
        int s = FingerprintSlots.Segment(fp);
        StatePrefetch.TouchSlot(_tables[s], FingerprintSlots.Home(fp) & _masks[s]);
    }

    /// <summary>Not concurrently with <see cref="Add"/>.</summary>
    public void ForEach(Action<ulong> each)
    {
        foreach (var slots in _tables)
            foreach (ulong x in slots)
                if (x != FingerprintSlots.Empty && x != FingerprintSlots.Sealed) each(x);
    }

    public void Dispose() { }

    /// <summary>Grows segment <paramref name="s"/>'s table if it is still <paramref name="old"/>: called past the growth
    /// threshold, or when a probe met a seal (then the lock is held by the worker growing it, and once it is free the
    /// table is new) or went round a full table (many workers past the threshold at once).</summary>
    private void Grow(int s, ulong[] old)
    {
        lock (_segments[s])
        {
            if (_tables[s] != old) return;
            var bigger = new ulong[old.Length * 2];
            int mask = bigger.Length - 1;
            for (int k = 0; k < old.Length; k++)
            {
                ulong x = Volatile.Read(ref old[k]);
                if (x == FingerprintSlots.Empty)
                {
                    x = Interlocked.CompareExchange(ref old[k], FingerprintSlots.Sealed, FingerprintSlots.Empty);
                    if (x == FingerprintSlots.Empty) continue;
                }
                int i = FingerprintSlots.Home(x) & mask;
                while (bigger[i] != FingerprintSlots.Empty) i = (i + 1) & mask;
                bigger[i] = x;
            }
            Volatile.Write(ref _tables[s], bigger);
            Volatile.Write(ref _masks[s], mask);
        }
    }

    /// <summary>A segment's count and lock (taken only to grow it).</summary>
    private sealed class Segment
    {
        public int Count;
#pragma warning disable CS0169, IDE0051 // Padding: the count written on every insertion (and the lock word in the object
        // header, taken only to grow) of two segments must not share a cache line.
        private long _p0, _p1, _p2, _p3, _p4, _p5, _p6, _p7;
#pragma warning restore CS0169, IDE0051
    }
}

/// <summary>What the in-memory fingerprint sets share: how a fingerprint is stored and where its slot is.</summary>
internal static class FingerprintSlots
{
    public const int SegmentBits = 10, Segments = 1 << SegmentBits, InitialSlots = 16;
    /// <summary>A slot no fingerprint has taken.</summary>
    public const ulong Empty = 0;
    /// <summary>An empty slot of a table being replaced (<see cref="ConcurrentFingerprintSet"/>).</summary>
    public const ulong Sealed = 1;

    /// <summary>The value stored for a fingerprint: never <see cref="Empty"/> or <see cref="Sealed"/> (the same in
    /// every set, so that one hands its content to another, see <see cref="IFingerprintSet.ForEach"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Stored(ulong fp) => fp > Sealed ? fp : fp + 2;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Segment(ulong fp) => (int)(fp >> (64 - SegmentBits));

    /// <summary>Where the probe for a fingerprint starts (masked by the table's size).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Home(ulong fp) => (int)(fp * 0x9E3779B97F4A7C15UL >> 20);

    /// <summary>A table twice the size holding the fingerprints of <paramref name="slots"/> (one thread).</summary>
    public static ulong[] Grown(ulong[] slots)
    {
        var bigger = new ulong[slots.Length * 2];
        int mask = bigger.Length - 1;
        foreach (ulong x in slots)
        {
            if (x == Empty) continue;
            int i = Home(x) & mask;
            while (bigger[i] != Empty) i = (i + 1) & mask;
            bigger[i] = x;
        }
        return bigger;
    }
}
