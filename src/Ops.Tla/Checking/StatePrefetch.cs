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
    /// <summary>The stages for the state about to be expanded at <paramref name="index"/>.</summary>
    public static void Ahead(ChunkedList<Value[]> states, int index)
    {
        if (!Sse.IsSupported) return;
        int count = states.Count;
        if (index + 4 < count) Touch(states[index + 4]);
        if (index + 3 < count && states[index + 3] is { } s3)
            foreach (var v in s3) Touch(v);
        if (index + 2 < count && states[index + 2] is { } s2)
            foreach (var v in s2)
                if (v is FcnValue f) Touch(f.Vals);
        if (index + 1 < count && states[index + 1] is { } s1)
            foreach (var v in s1)
                if (v is FcnValue { Vals.Length: <= 16 } f)
                    foreach (var e in f.Vals) Touch(e);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void Touch(object o)
    {
        if (o != null) Sse.Prefetch0((void*)Unsafe.As<object, nint>(ref o));
    }
}
