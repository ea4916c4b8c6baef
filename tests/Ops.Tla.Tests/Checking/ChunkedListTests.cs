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
}
