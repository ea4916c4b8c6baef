using System.Buffers;
using System.Runtime.ExceptionServices;
using Microsoft.Win32.SafeHandles;
using Ops.Tla.Values;

namespace Ops.Tla.Checking.Storage;

/// <summary>
/// Chunks of states, serialised by a <see cref="SpillCodec"/> and appended to one file in the order written (the
/// states still to expand are a suffix of the search's state list, so this is TLC's <c>DiskStateQueue</c>: written in
/// breadth-first order, read back in that order). The offset of each chunk is kept in memory (8 bytes for 1,024
/// states).
/// <para>
/// The chunks are encoded and written by a thread of the store's own (TLC's <c>StatePoolWriter</c>), so the search
/// goes on meanwhile: <see cref="Write"/> hands the chunk over and returns, and waits only when
/// <see cref="MaxPending"/> chunks are still to be written. A chunk still to be written is read from memory. An
/// error of the writer (a full disk) is thrown by the next <see cref="Write"/> or <see cref="Read"/>.
/// </para>
/// <para>
/// The search reads the chunks in order: once it read one from the file, the next one is read and decoded in the
/// background (TLC's <c>StatePoolReader</c>), and the next <see cref="Read"/> of it takes it from there.
/// </para>
/// </summary>
public sealed class StateChunkStore : IChunkStore<Value[]>
{
    /// <summary>How many chunks handed over may wait for the writer before <see cref="Write"/> waits.</summary>
    public const int MaxPending = 2;

    private readonly SafeFileHandle _file;
    private readonly string _path;
    private readonly SpillCodec _codec;
    private readonly bool _background;
    // Guarded by _lock: where each written chunk is, the chunks handed over and not yet written (in order), whether
    // the store is closing, the writer's error.
    private readonly object _lock = new();
    private readonly List<(long Offset, int Length)> _chunks = new();
    private readonly Queue<(int Chunk, Value[][] Items)> _pending = new();
    private int _handedOver;
    private bool _closing;
    private ExceptionDispatchInfo _fault;
    private Thread _writer;
    private long _end;
    // The chunk read ahead and its reading (null: none).
    private int _aheadChunk = -1;
    private Task<Value[][]> _ahead;

    /// <param name="background">False: each chunk is written by <see cref="Write"/> itself.</param>
    public StateChunkStore(string path, SpillCodec codec, bool background = true)
    {
        _path = path;
        _codec = codec;
        _background = background;
        _file = File.OpenHandle(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None);
    }

    /// <summary>The bytes written so far.</summary>
    public long Bytes => Interlocked.Read(ref _end);

    /// <summary>Hands chunk <paramref name="chunk"/> over to be written; the store owns <paramref name="items"/> from
    /// then on (the caller drops it).</summary>
    public void Write(int chunk, Value[][] items)
    {
        lock (_lock)
        {
            _fault?.Throw();
            if (chunk != _handedOver) throw new InvalidOperationException($"state chunks are written in order: {chunk} after {_handedOver - 1}");
            _handedOver++;
            if (!_background)
            {
                _pending.Enqueue((chunk, items));
            }
            else
            {
                while (_pending.Count >= MaxPending && _fault == null) Monitor.Wait(_lock);
                _fault?.Throw();
                _pending.Enqueue((chunk, items));
                if (_writer == null)
                {
                    _writer = new Thread(WriteAll) { IsBackground = true, Name = "ops state writer" };
                    _writer.Start();
                }
                Monitor.PulseAll(_lock);
                return;
            }
        }
        WriteOne(chunk, items);
        lock (_lock) _pending.Dequeue();
    }

    /// <summary>The writer thread: writes the chunks handed over, in order, until the store closes.</summary>
    private void WriteAll()
    {
        while (true)
        {
            (int Chunk, Value[][] Items) next;
            lock (_lock)
            {
                while (_pending.Count == 0 && !_closing) Monitor.Wait(_lock);
                if (_closing) return;
                next = _pending.Peek();
            }
            try
            {
                WriteOne(next.Chunk, next.Items);
            }
            catch (Exception e)
            {
                // Thrown to the search by its next Write or Read (an exception of this thread would end the process).
                lock (_lock)
                {
                    _fault = ExceptionDispatchInfo.Capture(e);
                    Monitor.PulseAll(_lock);
                }
                return;
            }
            lock (_lock)
            {
                // Written: from now on read from the file.
                _pending.Dequeue();
                Monitor.PulseAll(_lock);
            }
        }
    }

    private void WriteOne(int chunk, Value[][] items)
    {
        int length = 0;
        long at = Interlocked.Read(ref _end);
        _codec.Encode(items, bytes =>
        {
            RandomAccess.Write(_file, bytes, at);
            length = bytes.Length;
        });
        lock (_lock)
        {
            if (chunk != _chunks.Count) throw new InvalidOperationException($"internal error: state chunk {chunk} written after {_chunks.Count - 1}");
            _chunks.Add((at, length));
        }
        Interlocked.Add(ref _end, length);
    }

    public Value[][] Read(int chunk)
    {
        (long offset, int length) where;
        Task<Value[][]> ahead = null;
        lock (_lock)
        {
            if (_aheadChunk == chunk)
            {
                ahead = _ahead;
                _ahead = null;
                _aheadChunk = -1;
            }
            if (ahead == null && chunk < _chunks.Count) where = _chunks[chunk];
            else if (ahead != null) where = default;
            else
            {
                // Not written yet: a copy of what was handed over (the caller may change the copy it reads).
                foreach (var (c, items) in _pending)
                    if (c == chunk) return (Value[][])items.Clone();
                _fault?.Throw();
                throw new InvalidOperationException($"internal error: state chunk {chunk} read before it was written");
            }
            ReadAhead(chunk + 1);
        }
        return ahead != null ? ahead.GetAwaiter().GetResult() : ReadFromFile(where.offset, where.length);
    }

    /// <summary>Starts reading chunk <paramref name="chunk"/> in the background if it is in the file and no other is
    /// being read ahead (one read ahead and not asked for, once read, is dropped). Called under the lock.</summary>
    private void ReadAhead(int chunk)
    {
        if (_closing || chunk >= _chunks.Count || _aheadChunk == chunk) return;
        if (_ahead != null && !_ahead.IsCompleted) return;
        var (offset, length) = _chunks[chunk];
        _aheadChunk = chunk;
        _ahead = Task.Run(() => ReadFromFile(offset, length));
    }

    private Value[][] ReadFromFile(long offset, int length)
    {
        var where = (offset, length);
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

    /// <summary>Stops the writer (a chunk it is writing is finished; those still to be written are not: the search
    /// is over), closes and removes the file.</summary>
    public void Dispose()
    {
        Thread writer;
        lock (_lock)
        {
            _closing = true;
            writer = _writer;
            Monitor.PulseAll(_lock);
        }
        writer?.Join();
        Task ahead;
        lock (_lock) ahead = _ahead;
        // Its error, if any, no longer matters: the search is over.
        try { ahead?.Wait(); } catch (AggregateException) { }
        _file.Dispose();
        try { File.Delete(_path); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
