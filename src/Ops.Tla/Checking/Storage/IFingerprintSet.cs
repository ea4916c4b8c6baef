namespace Ops.Tla.Checking.Storage;

/// <summary>
/// The set of the fingerprints of the states seen (TLC's <c>FPSet</c>): the search asks it, for every successor,
/// whether the state is new. <see cref="FingerprintSet"/> and <see cref="ConcurrentFingerprintSet"/> keep them all in memory; <see cref="DiskFingerprintSet"/>
/// keeps a bounded part in memory and the rest in a sorted file. Which one a search uses is decided in one place,
/// <see cref="SearchStorage"/>. <see cref="FingerprintSet"/> is for one thread (the one-worker search); the others are
/// safe to use from several workers.
/// </summary>
public interface IFingerprintSet : IDisposable
{
    /// <summary>The number of distinct fingerprints added.</summary>
    long Count { get; }

    /// <summary>Adds the fingerprint; true when it was not there before.</summary>
    bool Add(ulong fp);

    /// <summary>Is the fingerprint in the set?</summary>
    bool Contains(ulong fp);

    /// <summary>Calls <paramref name="each"/> with every fingerprint, in no particular order (not concurrently with
    /// <see cref="Add"/>): how a set in memory hands its content to one on disk.</summary>
    void ForEach(Action<ulong> each);
}
