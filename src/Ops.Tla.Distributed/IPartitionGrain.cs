using Orleans.Concurrency;

namespace Ops.Tla.Distributed;

/// <summary>
/// One partition of a distributed search (key: "SEARCH/INDEX"): it owns the states whose fingerprint modulo the number
/// of partitions is its index (their fingerprints, their predecessor links, the frontier of them to expand) and
/// expands its frontier level by level when the coordinator says so. See docs/distributed.md.
/// </summary>
public interface IPartitionGrain : IGrainWithStringKey
{
    /// <summary>Builds the model on this silo; null, or why it could not.</summary>
    [ResponseTimeout("00:10:00")]
    Task<string> Open(SearchSetup setup);

    /// <summary>The initial states this partition owns, in the order of the search (their keys are their ranks).</summary>
    [ResponseTimeout("00:10:00")]
    Task Seed(StateBatch initial);

    /// <summary>Makes the states of the level just closed the frontier (<paramref name="ranks"/>: their ranks in the
    /// whole level, in the order of <see cref="Close"/>'s keys; null for the initial states, already ranked), then
    /// expands it: every successor is sent to its owner before this returns.</summary>
    [ResponseTimeout("06:00:00")]
    Task<ExpandReport> Expand(int level, int[] ranks);

    /// <summary>Successors sent by an expanding partition (interleaved with this partition's own expansion).</summary>
    [AlwaysInterleave, ResponseTimeout("01:00:00")]
    Task Receive(StateBatch batch);

    /// <summary>Ends the level: the new states received are checked (invariants, in the search's order) and their
    /// order keys returned.</summary>
    [ResponseTimeout("06:00:00")]
    Task<CloseReport> Close(int level);

    /// <summary>For the figures at a failure of order (rank, ordinal): the successors this partition's frontier
    /// generated before state <paramref name="rank"/>, and its new states whose key is at most (rank, ordinal).</summary>
    Task<CountReport> CountBefore(int rank, long ordinal);

    /// <summary>The predecessor link of a state this partition owns (for a trace).</summary>
    Task<TraceLink> Link(ulong fingerprint);

    /// <summary>Drops what this partition holds (the search is over).</summary>
    Task Release();
}
