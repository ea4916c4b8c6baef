using System.IO.MemoryMappedFiles;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Ops.Tla.Checking.Storage;

/// <summary>
/// A fingerprint set that keeps a bounded part in memory and the rest in sorted files (the design of TLC's
/// <c>DiskFPSet</c>/<c>MSBDiskFPSet</c>, written anew): new fingerprints go to an open-addressing table in memory;
/// when the table is three quarters full its fingerprints are sorted and merged with the sorted file into a new one,
/// and the table is emptied. A lookup asks the table, then the file: an index in memory holds the first fingerprint of
/// every page of the file, so a lookup reads one page (4 KB, <see cref="PageEntries"/> fingerprints). The file is mapped
/// into memory (read-only), so that a lookup reads its page there, without a system call and a copy (a read of the
/// page where the system cannot map it).
/// <para>
/// The set is split by the fingerprints' top bits into <see cref="Parts"/> parts, each with its own table, file and
/// lock, so that the parallel search's workers rarely wait for each other and a merge rewrites a sixteenth of the
/// fingerprints. Its files are in the directory given, which the caller removes.
/// </para>
/// </summary>
public sealed class DiskFingerprintSet : IFingerprintSet
{
    /// <summary>The number of independent parts (a power of two).</summary>
    public const int Parts = 16;
    private const int PartBits = 4;
    /// <summary>The fingerprints of one page of a file: what a lookup on disk reads.</summary>
    public const int PageEntries = 512;

    private readonly Part[] _parts = new Part[Parts];

    /// <param name="directory">Where the files go (it exists; the caller removes it).</param>
    /// <param name="memoryBytes">The memory of the tables in memory, all parts together (at least 16 KB used).</param>
    public DiskFingerprintSet(string directory, long memoryBytes)
    {
        long perPart = Math.Max(memoryBytes / Parts, 1024 * sizeof(ulong));
        int capacity = 1024;
        while ((long)capacity * 2 * sizeof(ulong) <= perPart && capacity < (1 << 28)) capacity *= 2;
        for (int i = 0; i < Parts; i++) _parts[i] = new Part(Path.Combine(directory, $"fp{i:D2}"), capacity, i == Parts - 1 ? ulong.MaxValue : ((ulong)(i + 1) << (64 - PartBits)) - 1);
    }

    /// <summary>The most slots the table of each part grows to (its memory: 8 bytes a slot); then it is merged.</summary>
    public int TableCapacity => _parts[0].MaxCapacity;

    /// <summary>How many times a table was merged into its file, all parts together.</summary>
    public long Merges
    {
        get
        {
            long n = 0;
            foreach (var p in _parts) n += Interlocked.Read(ref p.Merges);
            return n;
        }
    }

    public long Count
    {
        get
        {
            long n = 0;
            foreach (var p in _parts)
                lock (p) n += p.Count;
            return n;
        }
    }

    public bool Add(ulong fp)
    {
        fp = FingerprintSlots.Stored(fp);
        var p = _parts[(int)(fp >> (64 - PartBits))];
        lock (p) return p.Add(fp);
    }

    /// <summary>Asks the processor for the table slot where the lookup of <paramref name="fp"/> starts (a hint, as
    /// <see cref="FingerprintSet.Prefetch"/>; without the lock: a table replaced meanwhile only costs the hint).</summary>
    public void Prefetch(ulong fp)
    {
        fp = FingerprintSlots.Stored(fp);
        _parts[(int)(fp >> (64 - PartBits))].Prefetch(fp);
    }

    public bool Contains(ulong fp)
    {
        fp = FingerprintSlots.Stored(fp);
        var p = _parts[(int)(fp >> (64 - PartBits))];
        lock (p) return p.Contains(fp);
    }

    public void ForEach(Action<ulong> each)
    {
        foreach (var p in _parts)
            lock (p) p.ForEach(each);
    }

    public void Dispose()
    {
        foreach (var p in _parts)
            lock (p) p.Dispose();
    }

    private sealed unsafe class Part
    {
        private readonly string _basePath;
        private ulong[] _table;
        private int _mask, _growAt;
        public readonly int MaxCapacity;
        private int _tableCount;
        // The sorted file: its handle, its number of fingerprints, the first fingerprint of each page.
        private SafeFileHandle _file;
        private string _filePath;
        private long _fileCount;
        private ulong[] _index = Array.Empty<ulong>();
        private readonly ulong[] _page = new ulong[PageEntries];
        // The file mapped into memory (null where it could not be): its first fingerprint.
        private MemoryMappedFile _map;
        private MemoryMappedViewAccessor _view;
        private ulong* _mapped;
        private int _generation;
        public long Merges;
        // The last fingerprint Contains looked for and whether the file holds it: the search asks Contains, then Add,
        // of one successor (see BfsChecker.CheckHeld), and Add then need not search the file again. Cleared when the
        // file changes.
        private ulong _lastAsked;
        private bool _lastOnDisk;
        private readonly ulong _last;

        /// <param name="maxCapacity">The table grows (from 1,024 slots) up to this, and is merged when three
        /// quarters of it are used.</param>
        /// <param name="last">The largest fingerprint the part may hold (its range ends there).</param>
        public Part(string basePath, int maxCapacity, ulong last)
        {
            _last = last;
            _basePath = basePath;
            MaxCapacity = maxCapacity;
            Allocate(Math.Min(1024, maxCapacity));
        }

        private void Allocate(int capacity)
        {
            _table = new ulong[capacity];
            _mask = capacity - 1;
            _growAt = capacity / 4 * 3;
        }

        /// <summary>A table twice as large holding the same fingerprints.</summary>
        private void Grow()
        {
            var old = _table;
            Allocate(old.Length * 2);
            foreach (var fp in old)
            {
                if (fp == 0) continue;
                int i = Slot(fp);
                while (_table[i] != 0) i = (i + 1) & _mask;
                _table[i] = fp;
            }
        }
        public long Count => _tableCount + _fileCount;

        private int Slot(ulong fp) => (int)(fp * 0x9E3779B97F4A7C15UL >> 20) & _mask;

        /// <summary>Asks for the table's slot and, when the file may hold <paramref name="fp"/>, for the line of the
        /// page where the lookup will guess it is (see <see cref="InPage"/>). Without the lock: what a merge replaces
        /// meanwhile only makes the hint wrong (a prefetch of any address is harmless).</summary>
        public void Prefetch(ulong fp)
        {
            StatePrefetch.TouchSlot(_table, Slot(fp));
            var mapped = _mapped;
            var index = _index;
            long count = _fileCount;
            if (mapped == null || index.Length == 0 || fp < index[0]) return;
            var (first, _, at) = Locate(index, count, fp);
            if (System.Runtime.Intrinsics.X86.Sse.IsSupported) System.Runtime.Intrinsics.X86.Sse.Prefetch0(mapped + first + at);
        }

        /// <summary>Where the file (its page <paramref name="index"/>, <paramref name="count"/> fingerprints) would
        /// hold <paramref name="fp"/>: the first entry of its page, the page's length, and the entry in it to start
        /// from (<see cref="Guess"/>). For the lookup (<see cref="OnDisk"/>) and its hint (<see cref="Prefetch"/>).</summary>
        private (long First, int Length, int Guess) Locate(ulong[] index, long count, ulong fp)
        {
            int page = PageOf(index, fp);
            long first = (long)page * PageEntries;
            int n = (int)Math.Clamp(count - first, 1, PageEntries);
            return (first, n, Guess(fp, index[page], page + 1 < index.Length ? index[page + 1] : _last, n));
        }

        /// <summary>The page of the file that would hold <paramref name="fp"/> (at least the first page's first).</summary>
        private static int PageOf(ulong[] index, ulong fp)
        {
            int lo = 0, hi = index.Length - 1;
            while (lo < hi)
            {
                int mid = (lo + hi + 1) >> 1;
                if (index[mid] <= fp) lo = mid; else hi = mid - 1;
            }
            return lo;
        }

        /// <summary>Where in a page of <paramref name="n"/> fingerprints from <paramref name="first"/> (its first) to
        /// below <paramref name="end"/> (the next page's first, or the part's last) <paramref name="fp"/> would be if
        /// they were spread evenly.</summary>
        private static int Guess(ulong fp, ulong first, ulong end, int n)
        {
            if (end <= first) return 0;
            return Math.Clamp((int)((double)(fp - first) / (end - first) * n), 0, n - 1);
        }

        public bool Add(ulong fp)
        {
            int i = Slot(fp);
            while (true)
            {
                var s = _table[i];
                if (s == fp) return false;
                if (s == 0) break;
                i = (i + 1) & _mask;
            }
            if (fp == _lastAsked ? _lastOnDisk : OnDisk(fp)) return false;
            _table[i] = fp;
            if (++_tableCount >= _growAt)
            {
                if (_table.Length < MaxCapacity) Grow();
                else Merge();
            }
            return true;
        }

        public bool Contains(ulong fp)
        {
            int i = Slot(fp);
            while (true)
            {
                var s = _table[i];
                if (s == fp) return true;
                if (s == 0)
                {
                    _lastAsked = fp;
                    return _lastOnDisk = OnDisk(fp);
                }
                i = (i + 1) & _mask;
            }
        }

        /// <summary>Is the fingerprint in the file? The index says which page could hold it; one read of that page.</summary>
        private bool OnDisk(ulong fp)
        {
            if (_fileCount == 0 || fp < _index[0]) return false;
            var (first, n, guess) = Locate(_index, _fileCount, fp);
            if (_mapped != null) return InPage(new ReadOnlySpan<ulong>(_mapped + first, n), fp, guess);
            var page = _page.AsSpan(0, n);
            ReadExactly(_file, MemoryMarshal.AsBytes(page), first * sizeof(ulong));
            return InPage(page, fp, guess);
        }

        /// <summary>Is <paramref name="fp"/> in the sorted <paramref name="page"/>? The fingerprints are spread evenly
        /// over their range, so the search starts where fp would be from its value (<paramref name="guess"/>, see
        /// <see cref="Guess"/>; the line <see cref="Prefetch"/> asked for) and goes on from there, entry by entry, in
        /// fp's direction: a line or two of the page, where halving reads nine lines of it.</summary>
        internal static bool InPage(ReadOnlySpan<ulong> page, ulong fp, int guess)
        {
            int k = guess;
            ulong x = page[k];
            if (x < fp)
            {
                while (++k < page.Length)
                {
                    x = page[k];
                    if (x >= fp) return x == fp;
                }
                return false;
            }
            while (x > fp && --k >= 0) x = page[k];
            return x == fp;
        }

        /// <summary>The table's fingerprints, sorted, merged with the file into a new file; the table emptied.</summary>
        private void Merge()
        {
            var fresh = new ulong[_tableCount];
            int k = 0;
            foreach (var s in _table)
                if (s != 0) fresh[k++] = s;
            Array.Sort(fresh);
            string path = $"{_basePath}.{++_generation}";
            long total = _fileCount + fresh.Length;
            var index = new ulong[(int)((total + PageEntries - 1) / PageEntries)];
            using (var output = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                var outBuf = new ulong[8192];
                int outN = 0;
                long written = 0;
                void Put(ulong v)
                {
                    if (written % PageEntries == 0) index[written / PageEntries] = v;
                    written++;
                    outBuf[outN++] = v;
                    if (outN == outBuf.Length)
                    {
                        output.Write(MemoryMarshal.AsBytes(outBuf.AsSpan()));
                        outN = 0;
                    }
                }
                // The old file, read in blocks, and the sorted new fingerprints (none of which is in the file).
                var inBuf = new ulong[8192];
                long read = 0;
                int inN = 0, inPos = 0, f = 0;
                while (true)
                {
                    if (inPos == inN && read < _fileCount)
                    {
                        inN = (int)Math.Min(inBuf.Length, _fileCount - read);
                        ReadExactly(_file, MemoryMarshal.AsBytes(inBuf.AsSpan(0, inN)), read * sizeof(ulong));
                        read += inN;
                        inPos = 0;
                    }
                    bool haveOld = inPos < inN;
                    if (!haveOld && f == fresh.Length) break;
                    if (haveOld && (f == fresh.Length || inBuf[inPos] < fresh[f])) Put(inBuf[inPos++]);
                    else Put(fresh[f++]);
                }
                if (outN > 0) output.Write(MemoryMarshal.AsBytes(outBuf.AsSpan(0, outN)));
            }
            CloseFile();
            _file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete);
            _filePath = path;
            _fileCount = total;
            _index = index;
            Map();
            Array.Clear(_table);
            _tableCount = 0;
            _lastAsked = 0;
            Interlocked.Increment(ref Merges);
        }

        public void ForEach(Action<ulong> each)
        {
            foreach (var s in _table)
                if (s != 0) each(s);
            var buf = new ulong[8192];
            for (long read = 0; read < _fileCount;)
            {
                int n = (int)Math.Min(buf.Length, _fileCount - read);
                ReadExactly(_file, MemoryMarshal.AsBytes(buf.AsSpan(0, n)), read * sizeof(ulong));
                for (int i = 0; i < n; i++) each(buf[i]);
                read += n;
            }
        }

        /// <summary>Maps the file into memory; where that fails, lookups read their page.</summary>
        private void Map()
        {
            try
            {
                _map = MemoryMappedFile.CreateFromFile(_file, null, 0, MemoryMappedFileAccess.Read, HandleInheritability.None, leaveOpen: true);
                _view = _map.CreateViewAccessor(0, 0, MemoryMappedFileAccess.Read);
                byte* p = null;
                _view.SafeMemoryMappedViewHandle.AcquirePointer(ref p);
                _mapped = (ulong*)(p + _view.PointerOffset);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
            {
                Unmap();
            }
        }

        private void Unmap()
        {
            if (_mapped != null) _view.SafeMemoryMappedViewHandle.ReleasePointer();
            _mapped = null;
            _view?.Dispose();
            _view = null;
            _map?.Dispose();
            _map = null;
        }

        private void CloseFile()
        {
            Unmap();
            if (_file == null) return;
            _file.Dispose();
            _file = null;
            try { File.Delete(_filePath); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }

        public void Dispose()
        {
            CloseFile();
            _fileCount = 0;
            _index = Array.Empty<ulong>();
        }
    }

    /// <summary>Reads exactly <paramref name="into"/>'s length from <paramref name="offset"/> (the file holds it).</summary>
    internal static void ReadExactly(SafeFileHandle file, Span<byte> into, long offset)
    {
        while (into.Length > 0)
        {
            int n = RandomAccess.Read(file, into, offset);
            if (n <= 0) throw new IOException("a search file ended before the data written to it (was it changed or truncated by another program?)");
            into = into[n..];
            offset += n;
        }
    }
}
