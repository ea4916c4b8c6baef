using Ops.Tla.Values;

namespace Ops.Tla.Checking.Storage;

/// <summary>Where a search keeps its fingerprints and the states it has stored (<see cref="CheckOptions.Storage"/>).</summary>
public enum StorageMode
{
    /// <summary>In memory, and on disk once memory would not do: when the live heap passes half the memory budget,
    /// the search moves its fingerprint set and its state lists to disk and goes on (the default).</summary>
    Auto,
    /// <summary>In memory only: a search that would need more than the budget stops with
    /// <see cref="ViolationKind.MemoryBudget"/> and its partial figures.</summary>
    Memory,
    /// <summary>On disk from the start (ops check -diskstates): for tests, and for a model known to be large.</summary>
    Disk,
}

/// <summary>
/// The one place that decides where a search keeps what grows with the states it finds (TLC chooses its
/// <c>FPSet</c> and <c>StateQueue</c> the same way, from its options): the fingerprint set
/// (<see cref="IFingerprintSet"/>), and the chunks of the state lists, whose end is the queue of states to expand and
/// whose records are the trace file (<see cref="IChunkStore{T}"/>). In memory they are a <see cref="FingerprintSet"/>
/// and lists that keep every chunk; on disk a <see cref="DiskFingerprintSet"/> and lists that write their full
/// chunks to files. The files are in a directory of their own (under <see cref="CheckOptions.StorageDirectory"/>,
/// TLC's -metadir, or the system's temporary folder) that <see cref="Dispose"/> removes, whatever ended the search.
/// </summary>
public sealed class SearchStorage : IDisposable
{
    private readonly CheckOptions _o;
    private readonly long _budgetBytes;
    private readonly List<IDisposable> _owned = new();
    private string _directory;

    public SearchStorage(CheckOptions options, long budgetBytes)
    {
        _o = options;
        _budgetBytes = budgetBytes;
    }

    /// <summary>Does the search start on disk?</summary>
    public bool StartOnDisk => _o.Storage == StorageMode.Disk;

    /// <summary>May the search move to disk when the memory budget would be exceeded?</summary>
    public static bool MayMoveToDisk(CheckOptions options) => options.Storage == StorageMode.Auto;

    /// <summary>The directory of the files (created on first use); null while there is none.</summary>
    public string Directory => _directory;

    /// <summary>The memory of a disk fingerprint set's tables: TLC's -fpmem (a fraction of the budget when below 1,
    /// else megabytes), by default a quarter of the budget.</summary>
    public long FingerprintMemoryBytes
    {
        get
        {
            double x = _o.FingerprintMemory ?? 0.25;
            long bytes = x < 1 ? (long)(Math.Min(_budgetBytes, 1L << 40) * x) : (long)(x * 1024 * 1024);
            return Math.Max(bytes, 64 * 1024);
        }
    }

    /// <summary>A fingerprint set on disk holding what <paramref name="inMemory"/> held (which is then disposed).</summary>
    /// <param name="share">The part of <see cref="FingerprintMemoryBytes"/> its table may use (a search's second set,
    /// the checked transitions of action properties, takes a quarter).</param>
    public IFingerprintSet MoveToDisk(IFingerprintSet inMemory, double share = 1)
    {
        if (inMemory is DiskFingerprintSet) return inMemory;
        var disk = NewDiskFingerprintSet(share);
        inMemory.ForEach(fp => disk.Add(fp));
        inMemory.Dispose();
        return disk;
    }

    private DiskFingerprintSet NewDiskFingerprintSet(double share)
    {
        string dir = CreateDirectory();
        string sub = Path.Combine(dir, "fps" + _owned.Count);
        System.IO.Directory.CreateDirectory(sub);
        return Own(new DiskFingerprintSet(sub, (long)(FingerprintMemoryBytes * share)));
    }

    /// <summary>A store for the chunks of a list of fixed-size records (a state's predecessor, action, ...).</summary>
    public IChunkStore<T> Records<T>(string name) where T : unmanaged =>
        Own(new RecordChunkStore<T>(Path.Combine(CreateDirectory(), name)));

    /// <summary>A store for the chunks of the list of states.</summary>
    public IChunkStore<Value[]> States(string name) =>
        Own(new StateChunkStore(Path.Combine(CreateDirectory(), name), new SpillCodec()));

    private T Own<T>(T d) where T : IDisposable
    {
        lock (_owned) _owned.Add(d);
        return d;
    }

    private string CreateDirectory()
    {
        if (_directory != null) return _directory;
        string parent = _o.StorageDirectory ?? Path.GetTempPath();
        string dir = Path.Combine(parent, $"ops-states-{Environment.ProcessId}-{Guid.NewGuid():N}");
        System.IO.Directory.CreateDirectory(dir);
        return _directory = dir;
    }

    /// <summary>Closes the files and removes the directory.</summary>
    public void Dispose()
    {
        lock (_owned)
        {
            foreach (var d in _owned) d.Dispose();
            _owned.Clear();
        }
        if (_directory == null) return;
        try { System.IO.Directory.Delete(_directory, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
        _directory = null;
    }
}
