using Ops.Tla.Checking;
using Xunit;

namespace Ops.Tla.Tests.Checking;

/// <summary>What the search keeps per state: chunks of dropped states are freed, and levels are kept as ranges.</summary>
public class ChunkedListTests
{
    [Fact]
    public void Chunks_whose_items_were_all_dropped_are_released_and_read_as_default()
    {
        var list = new ChunkedList<string>();
        int n = ChunkedList<string>.ChunkSize * 3 + 5;
        for (int i = 0; i < n; i++) list.Add("s" + i);
        list[0] = null;
        // The first chunk keeps one item (an initial state), the second is dropped whole, the third half.
        for (int i = 2; i < ChunkedList<string>.ChunkSize * 2; i++) list[i] = null;
        list.ReleaseExpanded(ChunkedList<string>.ChunkSize * 3);
        Assert.Equal("s1", list[1]);
        Assert.Null(list[ChunkedList<string>.ChunkSize + 7]);
        list[ChunkedList<string>.ChunkSize + 7] = null;
        Assert.Throws<InvalidOperationException>(() => list[ChunkedList<string>.ChunkSize + 7] = "again");
        Assert.Equal("s" + (ChunkedList<string>.ChunkSize * 2 + 1), list[ChunkedList<string>.ChunkSize * 2 + 1]);
        list.Add("last");
        Assert.Equal("last", list[n]);
        Assert.Equal(n + 1, list.Count);
    }

    [Fact]
    public void Levels_are_read_back_from_their_ranges()
    {
        var levels = new LevelIndex();
        var expected = new List<int>();
        foreach (var (level, count) in new[] { (1, 3), (2, 1), (3, 2_000), (5, 1), (6, 700) })
            for (int k = 0; k < count; k++)
            {
                levels.Add(level);
                expected.Add(level);
            }
        Assert.Equal(expected.Count, levels.Count);
        for (int i = 0; i < expected.Count; i++) Assert.Equal(expected[i], levels[i]);
        Assert.Throws<InvalidOperationException>(() => levels.Add(4));
        Assert.Throws<ArgumentOutOfRangeException>(() => levels[expected.Count]);
    }
    [Fact]
    public void Items_written_at_reserved_indices_by_several_threads_become_the_lists_when_committed()
    {
        // The parallel search's workers each store new states in ranges they reserve past the list's end.
        var list = new ChunkedList<string>();
        for (int i = 0; i < 10; i++) list.Add("s" + i);
        int next = list.Count;
        const int Range = 300, PerThread = 20;
        var threads = Enumerable.Range(0, 2).Select(t => new Thread(() =>
        {
            for (int k = 0; k < PerThread; k++)
            {
                int from = Interlocked.Add(ref next, Range) - Range;
                list.Reserve(from + Range);
                for (int i = from; i < from + Range; i++) list.SetReserved(i, "r" + i);
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        Assert.Equal(10, list.Count);
        Assert.Equal("r" + (next - 1), list.GetReserved(next - 1));
        list.Commit(next);
        Assert.Equal(10 + 2 * PerThread * Range, list.Count);
        for (int i = 10; i < list.Count; i++) Assert.Equal("r" + i, list[i]);
        list.Add("last");
        Assert.Equal("last", list[next]);
        Assert.Throws<InvalidOperationException>(() => list.Commit(5));
    }
}
