using Ops.Tla.Checking.Storage;

namespace Ops.Tla.Checking;

/// <summary>
/// A list grown by chunks of a fixed size, never copied: what the search keeps for every distinct state (the
/// state, its predecessor, its action, its level, its fingerprint) stays out of the large-object heap, whose
/// allocations (a <see cref="List{T}"/> doubling its array) would each count towards a full collection.
/// <para>
/// Once <see cref="SpillTo"/> gave it a store, each full chunk is written there and dropped from memory; a read of a
/// dropped chunk reads it back into a small cache of chunks (<see cref="ResidentChunks"/>). The search reads its
/// lists where it expands (the queue's head) and appends at their end, so memory holds a few chunks of each.
/// </para>
/// </summary>
public sealed class ChunkedList<T> : IReadOnlyList<T>
{
    private const int Shift = 10, Size = 1 << Shift, Mask = Size - 1;
    /// <summary>The number of items in a chunk (what a <see cref="IChunkStore{T}"/> writes at once).</summary>
    public const int ChunkSize = Size;
    /// <summary>How many chunks read back from the store memory keeps at once (the oldest read is dropped first).</summary>
    public const int ResidentChunks = 3;
    private T[][] _chunks = new T[4][];
    private int _count;
    // A chunk whose items were all dropped (see ReleaseExpanded) reads as default everywhere: one shared chunk, never
    // written with anything else.
    private static readonly T[] Released = new T[Size];
    private int _releaseScan;
    private IChunkStore<T> _store;
    private readonly Queue<int> _resident = new();

    public int Count => _count;

    /// <summary>True once the full chunks go to a store.</summary>
    public bool Spilled => _store != null;

    public T this[int i]
    {
        get
        {
            if ((uint)i >= (uint)_count) throw new ArgumentOutOfRangeException(nameof(i));
            return (_chunks[i >> Shift] ?? Load(i >> Shift))[i & Mask];
        }
        set
        {
            if ((uint)i >= (uint)_count) throw new ArgumentOutOfRangeException(nameof(i));
            var chunk = _chunks[i >> Shift] ?? Load(i >> Shift);
            if (ReferenceEquals(chunk, Released) && !EqualityComparer<T>.Default.Equals(value, default))
                throw new InvalidOperationException("internal error: an item of a released chunk was set");
            chunk[i & Mask] = value;
        }
    }

    /// <summary>Item <paramref name="i"/> if its chunk is in memory, else default: for a hint (<see cref="StatePrefetch"/>)
    /// that must not read a chunk back from the store, nor drop one another thread reads (the parallel search's
    /// workers).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public T Peek(int i)
    {
        if ((uint)i >= (uint)_count) return default;
        var chunk = Volatile.Read(ref _chunks[i >> Shift]);
        return chunk != null ? chunk[i & Mask] : default;
    }

    /// <summary>Frees the memory of every chunk wholly below <paramref name="below"/> whose items are all default (the
    /// search's expanded states, once dropped: 8 bytes a state): such a chunk reads as default from then on. Each
    /// chunk is looked at once, so items below <paramref name="below"/> must not be set to anything but default
    /// afterwards. Not concurrently with any other call.</summary>
    public void ReleaseExpanded(int below)
    {
        int end = Math.Min(below, _count) >> Shift;
        for (; _releaseScan < end; _releaseScan++)
        {
            if (_chunks[_releaseScan] is not { } chunk || ReferenceEquals(chunk, Released)) continue;
            bool empty = true;
            foreach (var item in chunk)
                if (!EqualityComparer<T>.Default.Equals(item, default)) { empty = false; break; }
            if (empty) Volatile.Write(ref _chunks[_releaseScan], Released);
        }
    }

    /// <summary>Appends an item (never concurrently with another call).</summary>
    public void Add(T item)
    {
        int c = _count >> Shift;
        if (c == _chunks.Length) Array.Resize(ref _chunks, _chunks.Length * 2);
        var chunk = _chunks[c] ??= new T[Size];
        chunk[_count & Mask] = item;
        _count++;
        if (_store != null && (_count & Mask) == 0) WriteAndDrop(c);
    }

    // Taken to add chunks for reserved indices (see Reserve): the parallel search's workers, each in its own range.
    private readonly object _reserveGate = new();

    /// <summary>Makes sure every index below <paramref name="end"/> has its chunk, so that <see cref="SetReserved"/>
    /// may write items past <see cref="Count"/> there: the parallel search's workers store the states they find in
    /// ranges of indices each reserved for itself. Safe from several threads at once (each writes its own range);
    /// not concurrently with <see cref="Add"/>, <see cref="SpillTo"/> or <see cref="Commit"/>, and only in memory.</summary>
    public void Reserve(int end)
    {
        if (end <= 0) return;
        lock (_reserveGate)
        {
            if (_store != null) throw new InvalidOperationException("internal error: indices reserved in a list on disk");
            int last = (end - 1) >> Shift;
            if (last >= _chunks.Length)
            {
                int n = _chunks.Length;
                while (n <= last) n *= 2;
                var spine = new T[n][];
                Array.Copy(_chunks, spine, _chunks.Length);
                Volatile.Write(ref _chunks, spine);
            }
            for (int c = _count >> Shift; c <= last; c++)
                if (_chunks[c] == null) Volatile.Write(ref _chunks[c], new T[Size]);
        }
    }

    /// <summary>Writes the item at index <paramref name="i"/>, at or past <see cref="Count"/>, within what
    /// <see cref="Reserve"/> made room for (by the thread that reserved it, or the one that commits).</summary>
    public void SetReserved(int i, T value) => _chunks[i >> Shift][i & Mask] = value;

    /// <summary>The item at a reserved index (see <see cref="SetReserved"/>).</summary>
    public T GetReserved(int i) => _chunks[i >> Shift][i & Mask];

    /// <summary>The items written at reserved indices below <paramref name="count"/> (every one of them, with no gap)
    /// become the list's: <see cref="Count"/> is <paramref name="count"/> from now on. Not concurrently with any other
    /// call.</summary>
    public void Commit(int count)
    {
        if (count < _count) throw new InvalidOperationException("internal error: a list cannot shrink");
        if (count > _count && _chunks[(count - 1) >> Shift] == null) throw new InvalidOperationException("internal error: items committed that were not reserved");
        _count = count;
    }

    /// <summary>From now on, full chunks are written to <paramref name="store"/> and dropped from memory (those full
    /// already at once). Not concurrently with any other call; the list does not own the store.</summary>
    public void SpillTo(IChunkStore<T> store)
    {
        if (_store != null) throw new InvalidOperationException("the list spills to a store already");
        _store = store;
        for (int c = 0; c < _count >> Shift; c++) WriteAndDrop(c);
    }

    private void WriteAndDrop(int c)
    {
        _store.Write(c, _chunks[c]);
        Volatile.Write(ref _chunks[c], null);
    }

    /// <summary>Reads a dropped chunk back (safe from several readers: the parallel search's workers).</summary>
    private T[] Load(int c)
    {
        lock (_resident)
        {
            if (Volatile.Read(ref _chunks[c]) is { } there) return there;
            var chunk = _store.Read(c);
            if (_resident.Count >= ResidentChunks) Volatile.Write(ref _chunks[_resident.Dequeue()], null);
            _resident.Enqueue(c);
            Volatile.Write(ref _chunks[c], chunk);
            return chunk;
        }
    }

    public IEnumerator<T> GetEnumerator()
    {
        for (int i = 0; i < _count; i++) yield return this[i];
    }

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}

/// <summary>
/// The breadth-first level of every stored state, from the states' order: the search stores the states level by level
/// (a successor one level below the state being expanded, which is the first not yet expanded), so the levels are
/// ranges of indices and the list keeps where each range starts instead of an int per state. Reads are safe from
/// several threads while nothing is added (the parallel search adds between levels).
/// </summary>
public sealed class LevelIndex
{
    // Where each run of equal levels starts, and its level, in increasing order.
    private readonly List<int> _starts = new();
    private readonly List<int> _levels = new();
    private int _count;

    public int Count => _count;

    /// <summary>Appends the level of the next state: never lower than the last one's.</summary>
    public void Add(int level)
    {
        int n = _levels.Count;
        if (n == 0 || level > _levels[n - 1])
        {
            _starts.Add(_count);
            _levels.Add(level);
        }
        else if (level < _levels[n - 1])
            throw new InvalidOperationException($"internal error: a state of level {level} stored after one of level {_levels[n - 1]}");
        _count++;
    }

    /// <summary>Appends <paramref name="count"/> states of one level, never lower than the last one's.</summary>
    public void Add(int level, int count)
    {
        if (count <= 0) return;
        Add(level);
        _count += count - 1;
    }

    public int this[int i]
    {
        get
        {
            if ((uint)i >= (uint)_count) throw new ArgumentOutOfRangeException(nameof(i));
            // The last run whose start is at most i.
            int lo = 0, hi = _starts.Count - 1;
            while (lo < hi)
            {
                int mid = (lo + hi + 1) >> 1;
                if (_starts[mid] <= i) lo = mid;
                else hi = mid - 1;
            }
            return _levels[lo];
        }
    }
}
