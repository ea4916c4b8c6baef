using System.Buffers;
using Microsoft.Win32.SafeHandles;
using Ops.Tla.Values;

namespace Ops.Tla.Checking.Storage;

/// <summary>
/// Chunks of states, serialised by a <see cref="SpillCodec"/> and appended to one file in the order written (the
/// states still to expand are a suffix of the search's state list, so this is TLC's <c>DiskStateQueue</c>: written in
/// breadth-first order, read back in that order). The offset of each chunk is kept in memory (8 bytes for 1,024
/// states).
/// </summary>
public sealed class StateChunkStore : IChunkStore<Value[]>
{
    private readonly SafeFileHandle _file;
    private readonly string _path;
    private readonly SpillCodec _codec;
    private readonly List<(long Offset, int Length)> _chunks = new();
    private long _end;

    public StateChunkStore(string path, SpillCodec codec)
    {
        _path = path;
        _codec = codec;
        _file = File.OpenHandle(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None);
    }

    /// <summary>The bytes written so far.</summary>
    public long Bytes => Interlocked.Read(ref _end);

    public void Write(int chunk, Value[][] items)
    {
        if (chunk != _chunks.Count) throw new InvalidOperationException($"state chunks are written in order: {chunk} after {_chunks.Count - 1}");
        int length = 0;
        _codec.Encode(items, bytes =>
        {
            RandomAccess.Write(_file, bytes, _end);
            length = bytes.Length;
        });
        lock (_chunks) _chunks.Add((_end, length));
        Interlocked.Add(ref _end, length);
    }

    public Value[][] Read(int chunk)
    {
        (long offset, int length) where;
        lock (_chunks) where = _chunks[chunk];
        // A rented buffer: a chunk's bytes are often over the size of the large-object heap, and are not kept.
        var bytes = ArrayPool<byte>.Shared.Rent(where.length);
        try
        {
            var span = bytes.AsSpan(0, where.length);
            DiskFingerprintSet.ReadExactly(_file, span, where.offset);
            return _codec.Decode(span, ChunkedList<Value[]>.ChunkSize);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }

    public void Dispose()
    {
        _file.Dispose();
        try { File.Delete(_path); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
