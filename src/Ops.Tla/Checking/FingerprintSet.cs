using Ops.Tla.Checking.Storage;

namespace Ops.Tla.Checking;

/// <summary>An open-addressing set of 64-bit state fingerprints (TLC's FPSet). Thread-safe through striped locks.
/// Many small segments: each stays below the large-object heap up to millions of fingerprints (allocations there
/// count towards full collections), and workers rarely wait for the same lock. All in memory: the set that spills to
/// disk is <see cref="DiskFingerprintSet"/> (see <see cref="SearchStorage"/>).</summary>
public sealed class FingerprintSet : IFingerprintSet
{
    private const int StripeBits = 10, Stripes = 1 << StripeBits;
    private readonly Segment[] _segments = new Segment[Stripes];

    public FingerprintSet()
    {
        for (int i = 0; i < Stripes; i++) _segments[i] = new Segment();
    }

    public long Count
    {
        get
        {
            long n = 0;
            foreach (var s in _segments) n += s.Count;
            return n;
        }
    }

    /// <summary>Adds the fingerprint; true when it was not there before.</summary>
    public bool Add(ulong fp)
    {
        if (fp == 0) fp = 1;
        var seg = _segments[(int)(fp >> (64 - StripeBits))];
        lock (seg) return seg.Add(fp);
    }

    public bool Contains(ulong fp)
    {
        if (fp == 0) fp = 1;
        var seg = _segments[(int)(fp >> (64 - StripeBits))];
        lock (seg) return seg.Contains(fp);
    }

    public void ForEach(Action<ulong> each)
    {
        foreach (var seg in _segments)
            lock (seg) seg.ForEach(each);
    }

    public void Dispose() { }

    private sealed class Segment
    {
        private ulong[] _slots = new ulong[16];
        public long Count;
#pragma warning disable CS0169, IDE0051 // Padding: the fields written on every Add (the lock word in the object header
        // and Count) of two segments must not share a cache line, or workers adding to neighbours slow each other.
        private long _p0, _p1, _p2, _p3, _p4, _p5, _p6, _p7;
#pragma warning restore CS0169, IDE0051

        public bool Add(ulong fp)
        {
            if ((Count + 1) * 4 > _slots.Length * 3) Grow();
            return Insert(_slots, fp);
        }

        public void ForEach(Action<ulong> each)
        {
            foreach (var s in _slots)
                if (s != 0) each(s);
        }

        public bool Contains(ulong fp)
        {
            int mask = _slots.Length - 1;
            int i = (int)(fp * 0x9E3779B97F4A7C15UL >> 20) & mask;
            while (true)
            {
                var s = _slots[i];
                if (s == 0) return false;
                if (s == fp) return true;
                i = (i + 1) & mask;
            }
        }

        private bool Insert(ulong[] slots, ulong fp)
        {
            int mask = slots.Length - 1;
            int i = (int)(fp * 0x9E3779B97F4A7C15UL >> 20) & mask;
            while (true)
            {
                var s = slots[i];
                if (s == 0)
                {
                    slots[i] = fp;
                    if (ReferenceEquals(slots, _slots)) Count++;
                    return true;
                }
                if (s == fp) return false;
                i = (i + 1) & mask;
            }
        }

        private void Grow()
        {
            var old = _slots;
            var bigger = new ulong[old.Length * 2];
            foreach (var s in old)
                if (s != 0) Insert(bigger, s);
            _slots = bigger;
        }
    }
}
