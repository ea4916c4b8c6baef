namespace Ops.Tla.Checking;

/// <summary>
/// A list grown by chunks of a fixed size, never copied: what the search keeps for every distinct state (the
/// state, its predecessor, its action, its level, its fingerprint) stays out of the large-object heap, whose
/// allocations (a <see cref="List{T}"/> doubling its array) would each count towards a full collection.
/// </summary>
public sealed class ChunkedList<T> : IReadOnlyList<T>
{
    private const int Shift = 12, Size = 1 << Shift, Mask = Size - 1;
    private T[][] _chunks = new T[4][];
    private int _count;

    public int Count => _count;

    public T this[int i]
    {
        get
        {
            if ((uint)i >= (uint)_count) throw new ArgumentOutOfRangeException(nameof(i));
            return _chunks[i >> Shift][i & Mask];
        }
        set
        {
            if ((uint)i >= (uint)_count) throw new ArgumentOutOfRangeException(nameof(i));
            _chunks[i >> Shift][i & Mask] = value;
        }
    }

    public void Add(T item)
    {
        int c = _count >> Shift;
        if (c == _chunks.Length) Array.Resize(ref _chunks, _chunks.Length * 2);
        var chunk = _chunks[c] ??= new T[Size];
        chunk[_count & Mask] = item;
        _count++;
    }

    public IEnumerator<T> GetEnumerator()
    {
        for (int i = 0; i < _count; i++) yield return this[i];
    }

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
