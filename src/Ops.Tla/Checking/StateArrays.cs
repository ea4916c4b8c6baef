using Ops.Tla.Values;

namespace Ops.Tla.Checking;

/// <summary>
/// The arrays of states the search expanded and dropped, emptied, for the next new states. A new state stored in one of
/// them allocates nothing, and the arrays stay in the collector's oldest generation: without them every new state was
/// a fresh array that the collections copied out of the youngest generations and that became garbage of the oldest
/// once its state was expanded (on MCLamportMutex nearly half the objects that outlived a collection). An array is
/// given back only by the one search that stored it, once nothing else holds it (see <see cref="BfsChecker"/>). Not
/// thread-safe.
/// </summary>
public sealed class StateArrays
{
    // At most this many kept: where a search's last levels expand more states than they find, the arrays beyond are
    // left to the collector rather than kept to the end.
    private const int MaxFree = 1 << 16;
    private Value[][] _free = new Value[64][];
    private int _count;

    /// <summary>The arrays free for new states.</summary>
    public int Count => _count;

    /// <summary>Gives back the array of a state no one reads any more: its values are let go at once (an array waiting
    /// here keeps nothing alive). Beyond <see cref="MaxFree"/> arrays waiting, it is left to the collector.</summary>
    public void Recycle(Value[] state)
    {
        if (state == null || _count == MaxFree) return;
        Array.Clear(state);
        if (_count == _free.Length) Array.Resize(ref _free, _free.Length * 2);
        _free[_count++] = state;
    }

    /// <summary>A copy of <paramref name="next"/>: in a free array of its length when there is one, else a new one.</summary>
    public Value[] Copy(Value[] next)
    {
        while (_count > 0)
        {
            var a = _free[--_count];
            _free[_count] = null;
            if (a.Length != next.Length) continue;
            next.AsSpan().CopyTo(a);
            return a;
        }
        return ValueArray.Copy(next);
    }
}
