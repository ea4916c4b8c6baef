using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;
using Ops.Tla.Values;

namespace Ops.Tla.Checking;

/// <summary>
/// Asks the processor to bring the states the search will expand next into its cache while it expands the current
/// one. A breadth-first search expands states it stored long ago: their arrays and values (shared by many states, but
/// spread over the whole heap) are seldom in the cache, and every action reads them: on MCLamportMutex a third of
/// the samples of a function application were the first read of a state variable's value. The states are prefetched
/// in stages, a level of their values further down at each state the search moves on, so that every stage reads
/// only what the one before it brought in: the state array four states ahead, its variables' values three ahead,
/// their element arrays two ahead and those elements one ahead. A prefetch is a hint: it never fails, changes
/// nothing the program sees, and an address the collector has moved since only costs the hint.
/// </summary>
internal static class StatePrefetch
{
    /// <summary>The stages for the state about to be expanded at <paramref name="index"/>. Only the states whose chunk
    /// of the list is in memory (<see cref="ChunkedList{T}.Peek"/>): on disk, a hint never reads a chunk back.</summary>
    public static void Ahead(ChunkedList<Value[]> states, int index)
    {
        if (!Sse.IsSupported) return;
        Touch(states.Peek(index + 4));
        Values(states.Peek(index + 3));
        ElementArrays(states.Peek(index + 2));
        Elements(states.Peek(index + 1));
    }

    /// <summary>The stages <see cref="Ahead"/> would have asked for by the time a search reaches the first states of a
    /// range [from, to) (a parallel worker's chunk): all four for the first state, one fewer for each state after it
    /// (Ahead at each state then asks for the rest).</summary>
    public static void RangeStart(ChunkedList<Value[]> states, int from, int to)
    {
        if (!Sse.IsSupported) return;
        int n = Math.Min(to - from, 4);
        for (int k = 0; k < n; k++)
        {
            var state = states.Peek(from + k);
            Touch(state);
            if (k < n - 1) Values(state);
            if (k < n - 2) ElementArrays(state);
            if (k < n - 3) Elements(state);
        }
    }

    /// <summary>Stage two: a state's variables' values.</summary>
    private static void Values(Value[] state)
    {
        if (state == null) return;
        foreach (var v in state) Touch(v);
    }

    /// <summary>Stage three: the element arrays of its functions.</summary>
    private static void ElementArrays(Value[] state)
    {
        if (state == null) return;
        foreach (var v in state)
            if (v is FcnValue f) Touch(f.Vals);
    }

    /// <summary>Stage four: the elements of its functions of at most 16.</summary>
    private static void Elements(Value[] state)
    {
        if (state == null) return;
        foreach (var v in state)
            if (v is FcnValue { Vals.Length: <= 16 } f)
                foreach (var e in f.Vals) Touch(e);
    }

    /// <summary>Asks for an array's header and the cache line of its element <paramref name="index"/>, computing the
    /// address from the reference alone: a read of the array (its length, a bounds check) would be the very miss the
    /// hint is there to hide (the fingerprint set's and the interner's slots).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static unsafe void TouchSlot<T>(T[] array, int index)
    {
        if (!Sse.IsSupported) return;
        byte* table = (byte*)Unsafe.As<T[], nint>(ref array);
        Sse.Prefetch0(table);
        Sse.Prefetch0(table + 2 * sizeof(nint) + (nint)Unsafe.SizeOf<T>() * index);
    }

    /// <summary>Asks for the cache line of an object (a hint; nothing when null or without SSE).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static unsafe void Touch(object o)
    {
        if (o != null) Sse.Prefetch0((void*)Unsafe.As<object, nint>(ref o));
    }
}
