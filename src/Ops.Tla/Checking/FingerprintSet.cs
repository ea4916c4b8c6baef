using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;
using Ops.Tla.Checking.Storage;

namespace Ops.Tla.Checking;

/// <summary>
/// An open-addressing set of 64-bit state fingerprints in memory (TLC's FPSet), for one thread: the one-worker
/// search's. No lock and no interlocked instruction; <see cref="ConcurrentFingerprintSet"/> is the same set for
/// several workers. One table outside the managed heap, grown by doubling, which on Linux the kernel is asked to back
/// with huge pages (<c>madvise(MADV_HUGEPAGE)</c>; the system's transparent huge pages are commonly on "madvise"):
/// a probe is a random slot of tens of megabytes, and with 4 KiB pages each probe was an address-translation miss as
/// well as a cache miss, which under a virtual machine's nested page tables costs a walk of two levels of tables
/// (on MCLamportMutexLarge, the samples on the probe's prefetch were 7% of the search thread's). The collector never
/// traces or moves the table; its size counts towards the memory budget through <see cref="Bytes"/>. The set that
/// spills to disk is <see cref="DiskFingerprintSet"/> (see <see cref="SearchStorage"/>).
/// </summary>
public sealed unsafe class FingerprintSet : IFingerprintSet
{
    // 65,536 slots (512 KiB of address space; pages are given as they are first written).
    private const int InitialBits = 16;
    private ulong* _slots;
    private int _bits;
    private long _mask;
    private long _count;
    // The slots' bytes (0 once disposed).
    private long _bytes;

    public FingerprintSet()
    {
        _bits = InitialBits;
        _mask = (1L << _bits) - 1;
        _slots = NativeTable.Allocate(_mask + 1, out _bytes);
    }

    ~FingerprintSet() => Free();

    public long Count => _count;

    /// <summary>The memory the table takes (outside the managed heap).</summary>
    public long Bytes => Volatile.Read(ref _bytes);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static long Home(ulong fp, int bits) => (long)(fp * 0x9E3779B97F4A7C15UL >> (64 - bits));

    /// <summary>Adds the fingerprint; true when it was not there before.</summary>
    public bool Add(ulong fp)
    {
        fp = FingerprintSlots.Stored(fp);
        var slots = _slots;
        if (slots == null) throw new ObjectDisposedException(nameof(FingerprintSet));
        long mask = _mask;
        for (long i = Home(fp, _bits); ; i = (i + 1) & mask)
        {
            ulong x = slots[i];
            if (x == fp) return false;
            if (x == FingerprintSlots.Empty)
            {
                slots[i] = fp;
                if (++_count * 4 > (mask + 1) * 3) Grow();
                return true;
            }
        }
    }

    /// <summary>Asks the processor for the slot where the probe for <paramref name="fp"/> starts (a hint: nothing
    /// changes, nothing is read), so that an <see cref="Add"/> of it a little later finds it in the cache: the search
    /// asks when it has a successor's fingerprint and adds it once it has generated the next successor.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Prefetch(ulong fp)
    {
        if (!Sse.IsSupported) return;
        Sse.Prefetch0(_slots + Home(FingerprintSlots.Stored(fp), _bits));
    }

    public bool Contains(ulong fp)
    {
        fp = FingerprintSlots.Stored(fp);
        var slots = _slots;
        if (slots == null) throw new ObjectDisposedException(nameof(FingerprintSet));
        long mask = _mask;
        for (long i = Home(fp, _bits); ; i = (i + 1) & mask)
        {
            ulong x = slots[i];
            if (x == fp) return true;
            if (x == FingerprintSlots.Empty) return false;
        }
    }

    /// <summary>The table twice the size, the fingerprints moved over (a thousandth of a second per million). Compiled
    /// optimized at once: called a few times a run, it never reached the second tier, and its first-tier code was
    /// 0.8% of MCLamportMutexLarge's samples.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Grow()
    {
        int bits = _bits + 1;
        long mask = (1L << bits) - 1;
        var bigger = NativeTable.Allocate(mask + 1, out long bytes);
        var old = _slots;
        for (long k = 0; k <= _mask; k++)
        {
            ulong x = old[k];
            if (x == FingerprintSlots.Empty) continue;
            long i = Home(x, bits);
            while (bigger[i] != FingerprintSlots.Empty) i = (i + 1) & mask;
            bigger[i] = x;
        }
        NativeTable.Free(old, _bytes);
        _slots = bigger;
        _bits = bits;
        _mask = mask;
        Volatile.Write(ref _bytes, bytes);
    }

    public void ForEach(Action<ulong> each)
    {
        for (long k = 0; k <= _mask; k++)
        {
            ulong x = _slots[k];
            if (x != FingerprintSlots.Empty) each(x);
        }
    }

    public void Dispose()
    {
        Free();
        GC.SuppressFinalize(this);
    }

    private void Free()
    {
        if (_slots == null) return;
        NativeTable.Free(_slots, _bytes);
        _slots = null;
        _mask = -1;
        Volatile.Write(ref _bytes, 0);
    }
}

/// <summary>Zeroed tables of unmanaged slots outside the managed heap: on Linux an anonymous mapping (zero pages,
/// given as first written) the kernel is asked to back with huge pages; elsewhere zeroed native memory.</summary>
internal static unsafe partial class NativeTable
{
    private const int ProtRead = 1, ProtWrite = 2, MapPrivate = 2, MapAnonymous = 0x20, MadvHugePage = 14;
    private const long HugePage = 2 << 20;

    /// <summary>Whether huge pages are asked for (OPS_NO_HUGEPAGES=1: not, to measure what they give).</summary>
    private static readonly bool HugePages = Environment.GetEnvironmentVariable("OPS_NO_HUGEPAGES") != "1";

    [LibraryImport("libc", EntryPoint = "mmap", SetLastError = true)]
    private static partial nint Mmap(nint addr, nuint length, int prot, int flags, int fd, nint offset);

    [LibraryImport("libc", EntryPoint = "munmap", SetLastError = true)]
    private static partial int Munmap(nint addr, nuint length);

    [LibraryImport("libc", EntryPoint = "madvise", SetLastError = true)]
    private static partial int Madvise(nint addr, nuint length, int advice);

    /// <summary><paramref name="slots"/> zeroed 8-byte slots; <paramref name="bytes"/> what they take.</summary>
    public static ulong* Allocate(long slots, out long bytes)
    {
        bytes = slots * sizeof(ulong);
        if (OperatingSystem.IsLinux())
        {
            bool huge = HugePages && bytes >= HugePage;
            // A huge page covers an aligned 2 MiB only: the table is mapped with 2 MiB to spare, and the spare cut off
            // either side of the aligned range.
            long mapped = huge ? bytes + HugePage : bytes;
            nint p = Mmap(0, (nuint)mapped, ProtRead | ProtWrite, MapPrivate | MapAnonymous, -1, 0);
            if (p == -1) throw new OutOfMemoryException($"a fingerprint table of {bytes >> 20} MB could not be mapped");
            if (!huge) return (ulong*)p;
            nint start = (nint)((p + (HugePage - 1)) & ~(HugePage - 1));
            if (start > p) Munmap(p, (nuint)(start - p));
            long tail = (long)p + mapped - ((long)start + bytes);
            if (tail > 0) Munmap((nint)(start + bytes), (nuint)tail);
            // A hint: where the kernel gives no huge pages, the table works as well with small ones.
            Madvise(start, (nuint)bytes, MadvHugePage);
            return (ulong*)start;
        }
        return (ulong*)NativeMemory.AllocZeroed((nuint)bytes);
    }

    public static void Free(ulong* table, long bytes)
    {
        if (OperatingSystem.IsLinux()) Munmap((nint)table, (nuint)bytes);
        else NativeMemory.Free(table);
    }
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
}
