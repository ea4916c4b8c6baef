namespace Ops.Tla.Checking.Storage;

/// <summary>
/// Where the full chunks of a <see cref="ChunkedList{T}"/> go when memory does not keep them (see
/// <see cref="ChunkedList{T}.SpillTo"/>): each chunk is written once, in order, and read back whenever the list is
/// read there again. The search's state list is its queue (the states from the queue's head to the end are those
/// still to expand, in breadth-first order) and its trace file (each state's predecessor, action and fingerprint):
/// spilling its chunks is TLC's <c>DiskStateQueue</c> and its trace file at once.
/// </summary>
public interface IChunkStore<T> : IDisposable
{
    /// <summary>Writes chunk number <paramref name="chunk"/> (all of <paramref name="items"/>); chunks are written
    /// in increasing order, each once.</summary>
    void Write(int chunk, T[] items);

    /// <summary>A new array holding chunk <paramref name="chunk"/> as written. Safe to call from several threads.</summary>
    T[] Read(int chunk);
}
