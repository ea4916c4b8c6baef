using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Ops.Tla.Checking.Storage;

/// <summary>
/// Chunks of fixed-size records (a state's predecessor, action, level, fingerprint) in one file, chunk c at
/// c × its size: TLC's trace file of (fingerprint, predecessor) records, one file per field. Reads are positional,
/// so several readers may read at once.
/// </summary>
public sealed class RecordChunkStore<T> : IChunkStore<T> where T : unmanaged
{
    private readonly SafeFileHandle _file;
    private readonly string _path;

    public RecordChunkStore(string path)
    {
        _path = path;
        _file = File.OpenHandle(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None);
    }

    private static long Offset(int chunk) => (long)chunk * ChunkedList<T>.ChunkSize * Marshal.SizeOf<T>();

    public void Write(int chunk, T[] items) => RandomAccess.Write(_file, MemoryMarshal.AsBytes(items.AsSpan()), Offset(chunk));

    public T[] Read(int chunk)
    {
        var items = new T[ChunkedList<T>.ChunkSize];
        DiskFingerprintSet.ReadExactly(_file, MemoryMarshal.AsBytes(items.AsSpan()), Offset(chunk));
        return items;
    }

    public void Dispose()
    {
        _file.Dispose();
        try { File.Delete(_path); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
