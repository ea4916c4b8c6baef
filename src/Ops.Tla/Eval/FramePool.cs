namespace Ops.Tla.Eval;

/// <summary>
/// Frames of up to 16 slots kept by size for the next call that needs one, a frame and its slot array fewer per call:
/// the action enumerator's walks (<see cref="ActionEnumerator"/>) and calls evaluated as expressions
/// (<see cref="EvalState.TakeFrame"/>) each keep their own. A frame is kept only once nothing can hold it any longer
/// (the caller decides); a frame taken holds what its last call left, and the taker overwrites or clears every slot.
/// Not shared between threads: each worker's evaluator has its own.
/// </summary>
internal sealed class FramePool
{
    private const int Sizes = 17;
    private readonly int _perSize;
    private Frame[][] _frames;
    private byte[] _count;

    /// <param name="perSize">How many frames of one size are kept at most (a recursion needs one per level).</param>
    public FramePool(int perSize) => _perSize = perSize;

    /// <summary>A kept frame of <paramref name="size"/> slots, or a new one.</summary>
    public Frame Take(int size)
    {
        var counts = _count;
        if (counts != null && size < Sizes && counts[size] > 0) return _frames[size][--counts[size]];
        return new Frame(size, null);
    }

    /// <summary>Keeps <paramref name="frame"/> (of <paramref name="size"/> slots) for a later <see cref="Take"/>,
    /// unless frames of that size are kept enough already.</summary>
    public void Keep(Frame frame, int size)
    {
        if (size >= Sizes) return;
        if (_count == null)
        {
            _frames = new Frame[Sizes][];
            _count = new byte[Sizes];
        }
        int n = _count[size];
        if (n < _perSize)
        {
            (_frames[size] ??= new Frame[_perSize])[n] = frame;
            _count[size] = (byte)(n + 1);
        }
    }

    /// <summary>How many frames are kept: for tests and diagnostics.</summary>
    public int Count
    {
        get
        {
            int n = 0;
            if (_count != null) foreach (var c in _count) n += c;
            return n;
        }
    }
}
