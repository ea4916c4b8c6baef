using Ops.Tla.Checking;
using Ops.Tla.Checking.Storage;
using Ops.Tla.Values;
using Xunit;

namespace Ops.Tla.Tests.Checking.Storage;

/// <summary>The search's lists spill their full chunks to disk and read them back in order: the queue of states keeps
/// its breadth-first order, and a state read back is the state written.</summary>
public sealed class SpillingListTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ops-spill-test-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void A_queue_read_from_its_head_while_it_grows_keeps_its_order_across_spills()
    {
        var list = new ChunkedList<int>();
        using var store = new RecordChunkStore<int>(Path.Combine(_dir, "q"));
        int head = 0, next = 0;
        // Some items in memory first, then spilled; then a breadth-first pattern: take one from the head, append two.
        for (; next < 10_000; next++) list.Add(next * 3);
        list.SpillTo(store);
        Assert.True(list.Spilled);
        while (head < list.Count && next < 200_000)
        {
            Assert.Equal(head * 3, list[head]);
            head++;
            list.Add(next * 3); next++;
            list.Add(next * 3); next++;
        }
        // Everything is still there, in order, from any place (a trace reads backwards).
        for (int i = list.Count - 1; i >= 0; i -= 7) Assert.Equal(i * 3, list[i]);
        Assert.Equal(next, list.Count);
    }

    [Fact]
    public void States_read_back_are_equal_with_the_same_kinds_and_flags()
    {
        using var strings = StringOrder.Enter(new StringOrder());
        var models = new ModelValueTable();
        var a = models.Get("a");
        var record = FcnValue.Record(new[] { "pc", "x" }, new Value[] { StringValue.Of("idle"), IntValue.Of(-5_000_000_000) });
        var fromConstructor = FcnValue.FunctionOnInterval(new Value[] { BoolValue.True, BoolValue.False });
        fromConstructor.FromConstructor = true;
        var fcn = FcnValue.FromPairs(new Value[] { a, StringValue.Of("k") }, new Value[] { SetValue.Empty, FcnValue.EmptyTuple });
        var state0 = new Value[]
        {
            record, fromConstructor, fcn, SetValue.Of(IntValue.Of(1), IntValue.Of(1000), StringValue.Of("s")),
            FcnValue.Tuple(new Value[] { a, IntervalValue.Of(3, 9), FcnValue.EmptyFunction }), new InfiniteSetValue(InfiniteSetValue.Which.Seq, SetValue.Of(IntValue.Of(1))),
        };
        var states = new List<Value[]>();
        for (int i = 0; i < ChunkedList<Value[]>.ChunkSize * 3 + 5; i++)
            states.Add(i % 5 == 4 ? null : i % 2 == 0 ? state0 : new Value[] { IntValue.Of(i), SetValue.Of(IntValue.Of(i)), a, StringValue.Of("s" + i % 11), record, fromConstructor });
        var list = new ChunkedList<Value[]>();
        var codec = new SpillCodec();
        using var store = new StateChunkStore(Path.Combine(_dir, "states"), codec);
        list.SpillTo(store);
        foreach (var s in states) list.Add(s);
        for (int i = 0; i < states.Count; i++)
        {
            var expected = states[i];
            var got = list[i];
            if (expected == null) { Assert.Null(got); continue; }
            Assert.Equal(expected.Length, got.Length);
            for (int k = 0; k < expected.Length; k++)
            {
                Assert.Equal(expected[k], got[k]);
                // A set that cannot be enumerated (Seq({1}), kept by a variable a VIEW leaves out) has no fingerprint.
                if (expected[k] is not SetBase { IsFinite: false }) Assert.Equal(expected[k].Fingerprint, got[k].Fingerprint);
                Assert.Equal(expected[k].GetType(), got[k].GetType());
                Assert.Equal(expected[k].ToString(), got[k].ToString());
                if (expected[k] is FcnValue f)
                {
                    var g = (FcnValue)got[k];
                    Assert.Equal(f.BuiltAsFunction, g.BuiltAsFunction);
                    Assert.Equal(f.FromConstructor, g.FromConstructor);
                }
            }
        }
        // Strings and model values are kept once each in memory, written as numbers.
        Assert.True(codec.Atoms <= 2 + 11 + 2 + 1 + 2, $"{codec.Atoms} values kept in memory");
    }
}
