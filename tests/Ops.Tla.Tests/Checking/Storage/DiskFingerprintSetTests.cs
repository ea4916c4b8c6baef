using Ops.Tla.Checking.Storage;
using System.Linq;
using Xunit;

namespace Ops.Tla.Tests.Checking.Storage;

/// <summary>The fingerprint set on disk answers as a set in memory would, across many merges of its tables into its
/// files.</summary>
public sealed class DiskFingerprintSetTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ops-fpset-test-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    public void Adds_and_lookups_agree_with_a_hash_set_across_merges(int seed)
    {
        static ulong Stored(ulong fp) => fp < 2 ? fp + 2 : fp;
        var random = new Random(seed);
        // A pool smaller than the draws, so that many adds are of fingerprints already there (in the table or on disk).
        var pool = new ulong[60_000];
        for (int i = 0; i < pool.Length; i++) pool[i] = (ulong)random.NextInt64() ^ ((ulong)random.Next() << 40);
        pool[0] = 0;          // stored as 2 (0 and 1 are not stored as they are), as the sets in memory store it
        pool[1] = ulong.MaxValue;
        var oracle = new HashSet<ulong>();
        // The smallest tables there are: 16 parts of 1,024 slots, merged at 768 fingerprints each.
        using var set = new DiskFingerprintSet(_dir, 0);
        Assert.Equal(1024, set.TableCapacity);
        for (int k = 0; k < 150_000; k++)
        {
            ulong fp = pool[random.Next(pool.Length)];
            ulong stored = Stored(fp);
            Assert.Equal(oracle.Add(stored), set.Add(fp));
            if (k % 97 == 0)
            {
                ulong probe = random.Next(3) == 0 ? (ulong)random.NextInt64() : pool[random.Next(pool.Length)];
                Assert.Equal(oracle.Contains(Stored(probe)), set.Contains(probe));
            }
        }
        Assert.Equal(oracle.Count, set.Count);
        Assert.True(set.Merges >= 3 * DiskFingerprintSet.Parts, $"only {set.Merges} merges");
        foreach (var fp in pool) Assert.Equal(oracle.Contains(Stored(fp)), set.Contains(fp));
        var all = new List<ulong>();
        set.ForEach(all.Add);
        Assert.Equal(oracle.Count, all.Count);
        Assert.True(oracle.SetEquals(all));
    }

    [Theory]
    [InlineData(3)]
    [InlineData(11)]
    public void A_lookup_then_an_add_of_each_fingerprint_agree_with_a_hash_set_across_merges(int seed)
    {
        // The search asks whether a successor was seen (Contains), then adds it (Add): the set remembers the file's
        // answer to the lookup for the add, and forgets it when a merge rewrites the file (a fingerprint added after
        // the lookup is then on disk, not in the table).
        static ulong Stored(ulong fp) => fp < 2 ? fp + 2 : fp;
        var random = new Random(seed);
        var pool = new ulong[40_000];
        for (int i = 0; i < pool.Length; i++) pool[i] = (ulong)random.NextInt64() ^ ((ulong)random.Next() << 40);
        var oracle = new HashSet<ulong>();
        using var set = new DiskFingerprintSet(_dir, 0);
        for (int k = 0; k < 120_000; k++)
        {
            ulong fp = pool[random.Next(pool.Length)];
            Assert.Equal(oracle.Contains(Stored(fp)), set.Contains(fp));
            if (random.Next(4) != 0) set.Prefetch(fp);
            Assert.Equal(oracle.Add(Stored(fp)), set.Add(fp));
        }
        Assert.True(set.Merges >= 2 * DiskFingerprintSet.Parts, $"only {set.Merges} merges");
        // Every fingerprint again, after the merges: each added once only.
        foreach (var fp in pool)
        {
            Assert.Equal(oracle.Contains(Stored(fp)), set.Contains(fp));
            Assert.Equal(oracle.Add(Stored(fp)), set.Add(fp));
        }
        Assert.Equal(oracle.Count, set.Count);
    }

    [Theory]
    [InlineData(1, 512)]
    [InlineData(2, 7)]
    [InlineData(5, 300)]
    public void The_file_holds_exactly_what_was_merged_into_it_however_its_fingerprints_are_spread(int seed, int spread)
    {
        // Pages whose fingerprints are not spread evenly (runs of neighbours, gaps): the search in a page guesses
        // where a fingerprint is from its value, and must find every one there and none that is not.
        var random = new Random(seed);
        var fps = new List<ulong>();
        ulong x = (ulong)random.NextInt64();
        for (int i = 0; i < 30_000; i++)
        {
            x += random.Next(8) == 0 ? (ulong)random.NextInt64() >> random.Next(1, 20) : (ulong)random.Next(1, spread + 1);
            fps.Add(x);
        }
        using var set = new DiskFingerprintSet(_dir, 0);
        foreach (var fp in fps) set.Add(fp);
        Assert.True(set.Merges > 0);
        var all = new HashSet<ulong>(fps.Select(fp => fp < 2 ? fp + 2 : fp));
        foreach (var fp in fps)
        {
            Assert.True(set.Contains(fp));
            Assert.Equal(all.Contains(fp + 1), set.Contains(fp + 1));
            Assert.Equal(all.Contains(fp - 1), set.Contains(fp - 1));
        }
    }

    [Fact]
    public void Files_are_closed_and_removed_on_dispose()
    {
        var set = new DiskFingerprintSet(_dir, 0);
        for (ulong i = 1; i <= 40_000; i++) set.Add(i * 0x9E3779B97F4A7C15UL);
        Assert.NotEmpty(Directory.GetFiles(_dir));
        set.Dispose();
        Assert.Empty(Directory.GetFiles(_dir));
    }

    [Fact]
    public void The_set_in_memory_hands_its_content_to_one_on_disk()
    {
        var memory = new Ops.Tla.Checking.FingerprintSet();
        for (ulong i = 0; i < 5_000; i++) memory.Add(i * 31);
        using var storage = new SearchStorage(new Ops.Tla.Checking.CheckOptions { StorageDirectory = _dir }, 1 << 20);
        var disk = storage.MoveToDisk(memory);
        Assert.IsType<DiskFingerprintSet>(disk);
        Assert.Equal(5_000, disk.Count);
        for (ulong i = 0; i < 5_000; i++) Assert.False(disk.Add(i * 31));
        Assert.True(disk.Add(7));
        storage.Dispose();
        Assert.Empty(Directory.GetFileSystemEntries(_dir));
    }
}
