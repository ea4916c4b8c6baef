using Ops.Tla.Checking;
using Ops.Tla.Checking.Storage;
using Xunit;

namespace Ops.Tla.Tests.Checking.Storage;

/// <summary>The in-memory fingerprint sets: the one-worker set and the workers' set without locks agree on every
/// answer, and among workers adding the same fingerprints at once exactly one is told each is new.</summary>
public class FingerprintSetTests
{
    // Fingerprints spread as the search's are (a multiplicative hash of a counter), with 0 and 1 among them.
    private static ulong Fp(long i) => i < 2 ? (ulong)i : (ulong)i * 0xD6E8FEB86659FD93UL;

    [Fact]
    public void Both_sets_answer_as_a_set_of_numbers_through_many_growths()
    {
        foreach (IFingerprintSet set in new IFingerprintSet[] { new FingerprintSet(), new ConcurrentFingerprintSet() })
        {
            var reference = new HashSet<ulong>();
            for (long i = 0; i < 200_000; i++)
            {
                ulong fp = Fp(i % 150_000);
                Assert.Equal(reference.Add(fp), set.Add(fp));
            }
            Assert.Equal(150_000, set.Count);
            for (long i = 0; i < 150_000; i++) Assert.True(set.Contains(Fp(i)));
            Assert.False(set.Contains(Fp(150_001)));
            var all = new HashSet<ulong>();
            set.ForEach(fp => all.Add(fp));
            Assert.Equal(150_000, all.Count);
        }
    }

    [Fact]
    public void The_one_worker_set_tells_the_memory_its_table_takes_outside_the_heap()
    {
        // 65,536 slots of 8 bytes to begin with, doubled whenever three quarters are taken; nothing once disposed.
        var set = new FingerprintSet();
        Assert.Equal(65_536L * 8, set.Bytes);
        for (long i = 0; i < 100_000; i++) set.Add(Fp(i));
        Assert.Equal(262_144L * 8, set.Bytes);
        Assert.True(set.Contains(Fp(99_999)));
        set.Dispose();
        Assert.Equal(0, set.Bytes);
        Assert.Throws<ObjectDisposedException>(() => set.Contains(Fp(1)));
        set.Dispose();
    }

    [Fact]
    public void Workers_adding_the_same_fingerprints_at_once_are_told_each_is_new_exactly_once()
    {
        // Four threads add overlapping ranges while the segments grow from 16 slots to thousands; every fingerprint
        // is reported new to one thread only, and none is lost in a growth.
        var set = new ConcurrentFingerprintSet();
        const int Threads = 4, PerThread = 300_000;
        var newOnes = new int[Threads];
        var threads = Enumerable.Range(0, Threads).Select(t => new Thread(() =>
        {
            for (long i = 0; i < PerThread; i++)
                if (set.Add(Fp((i * 7 + t * 100_003) % 400_000))) newOnes[t]++;
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        var expected = new HashSet<ulong>();
        for (int t = 0; t < Threads; t++)
            for (long i = 0; i < PerThread; i++) expected.Add(Fp((i * 7 + t * 100_003) % 400_000));
        Assert.Equal(expected.Count, newOnes.Sum());
        Assert.Equal(expected.Count, set.Count);
        foreach (var fp in expected) Assert.True(set.Contains(fp));
        foreach (var fp in expected) Assert.False(set.Add(fp));
    }

    [Fact]
    public void Fingerprints_0_and_1_are_stored_as_the_disk_set_stores_them()
    {
        // The slot values 0 (empty) and 1 (sealed) are not fingerprints: 0 and 1 are stored as 2 and 3 by every
        // set, so a set in memory hands them to one on disk and both answer alike.
        foreach (IFingerprintSet memory in new IFingerprintSet[] { new FingerprintSet(), new ConcurrentFingerprintSet() })
            ZeroAndOneGoToDisk(memory);
    }

    private static void ZeroAndOneGoToDisk(IFingerprintSet memory)
    {
        Assert.True(memory.Add(0));
        Assert.True(memory.Add(1));
        Assert.True(memory.Contains(0));
        var dir = Path.Combine(Path.GetTempPath(), "ops-fpset-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            using var disk = new DiskFingerprintSet(dir, 0);
            memory.ForEach(fp => disk.Add(fp));
            Assert.False(disk.Add(0));
            Assert.False(disk.Add(1));
        }
        finally { Directory.Delete(dir, recursive: true); }
    }
}
