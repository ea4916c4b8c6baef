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
    [Fact]
    public void A_value_shared_by_the_states_of_a_chunk_is_written_once_and_read_back_shared()
    {
        using var strings = StringOrder.Enter(new StringOrder());
        // The successors of one state share what the action left unchanged: here a large function, in every state.
        var big = FcnValue.FunctionOnInterval(Enumerable.Range(0, 200).Select(i => (Value)FcnValue.Record(new[] { "k" }, new Value[] { IntValue.Of(i) })).ToArray());
        var codec = new SpillCodec();
        var shared = new Value[ChunkedList<Value[]>.ChunkSize][];
        var apart = new Value[ChunkedList<Value[]>.ChunkSize][];
        for (int i = 0; i < shared.Length; i++)
        {
            shared[i] = new Value[] { IntValue.Of(i), big };
            // Equal values that are not the same instance are written out each time.
            apart[i] = new Value[] { IntValue.Of(i), FcnValue.FunctionOnInterval(big.Vals.ToArray()) };
        }
        var sharedBytes = codec.Encode(shared);
        var apartBytes = codec.Encode(apart);
        Assert.True(sharedBytes.Length * 50 < apartBytes.Length, $"{sharedBytes.Length} bytes shared, {apartBytes.Length} apart");
        var back = codec.Decode(sharedBytes, shared.Length);
        Assert.All(back, s => Assert.Same(back[0][1], s[1]));
        Assert.Equal(big, back[0][1]);
        Assert.Equal(big.Fingerprint, back[0][1].Fingerprint);
        var backApart = codec.Decode(apartBytes, apart.Length);
        Assert.NotSame(backApart[0][1], backApart[1][1]);
        Assert.Equal(big, backApart[1][1]);
    }

    [Fact]
    public void Values_at_the_same_place_as_in_the_state_before_are_read_back_as_written_and_shared()
    {
        using var strings = StringOrder.Enter(new StringOrder());
        // Successors of one state, one after the other: each keeps most of the values of the one before at the same
        // places (written as references to them), a null and a state of another length in between.
        var row = FcnValue.Tuple(new Value[] { IntValue.Of(1), SetValue.Of(IntValue.Of(2)) });
        var set = SetValue.Of(IntValue.Of(7), IntValue.Of(8));
        var states = new Value[][]
        {
            new Value[] { row, set, IntValue.Of(0) },
            new Value[] { row, set, IntValue.Of(1) },
            new Value[] { row, SetValue.Of(IntValue.Of(9)), IntValue.Of(1) },
            null,
            new Value[] { row, set },
            new Value[] { set, row, IntValue.Of(2), row },
            new Value[] { set, row, IntValue.Of(2), row },
        };
        var codec = new SpillCodec();
        var back = codec.Decode(codec.Encode(states), states.Length);
        for (int i = 0; i < states.Length; i++)
        {
            if (states[i] == null) { Assert.Null(back[i]); continue; }
            Assert.Equal(states[i].Length, back[i].Length);
            for (int k = 0; k < states[i].Length; k++)
            {
                Assert.Equal(states[i][k], back[i][k]);
                Assert.Equal(states[i][k].ToString(), back[i][k].ToString());
            }
        }
        Assert.Same(back[0][0], back[1][0]);
        Assert.Same(back[0][0], back[5][1]);
        Assert.Same(back[5][1], back[6][3]);
        Assert.Same(back[0][1], back[6][0]);
        Assert.NotSame(back[1][1], back[2][1]);
    }

    [Fact]
    public void A_set_or_function_is_read_back_with_the_fingerprint_it_was_written_with()
    {
        using var strings = StringOrder.Enter(new StringOrder());
        // The search's states have their values' fingerprints computed (the state's own fingerprint needs them): they
        // are written with them, and a state read back is fingerprinted without reading its values again.
        Value Message(int i) => FcnValue.Record(new[] { "clock", "type" }, new Value[] { IntValue.Of(i), StringValue.Of("req") });
        FcnValue Network() => FcnValue.Tuple(new Value[] { FcnValue.Tuple(new[] { Message(1), Message(2) }), FcnValue.EmptyTuple });
        var known = Network();
        var set = SetValue.Of(IntValue.Of(1), IntValue.Of(2));
        ulong fp = known.Fingerprint, setFp = set.Fingerprint;
        var unknown = Network();
        var codec = new SpillCodec();
        var withFps = codec.Encode(new[] { new Value[] { known, set } });
        var without = codec.Encode(new[] { new Value[] { unknown, SetValue.Of(IntValue.Of(1), IntValue.Of(2)) } });
        // 8 bytes for each of the network, its first row, that row's two messages and the set; none where the
        // fingerprints were not computed (the writer does not compute them).
        Assert.Equal(without.Length + 5 * 8, withFps.Length);
        var back = codec.Decode(withFps, 1)[0];
        Assert.Equal(known, back[0]);
        Assert.Equal(fp, back[0].Fingerprint);
        Assert.Equal(setFp, back[1].Fingerprint);
        Assert.Equal(fp, codec.Decode(without, 1)[0][0].Fingerprint);
        // The fingerprint is the one written, not one computed again: a changed one is read back as it is.
        int at = withFps.AsSpan().IndexOf(BitConverter.GetBytes(fp));
        Assert.True(at > 0);
        withFps[at] ^= 0x10;
        var tampered = codec.Decode(withFps, 1)[0][0];
        Assert.Equal(fp ^ 0x10, tampered.Fingerprint);
        Assert.Equal(known.ToString(), tampered.ToString());
    }

    [Fact]
    public void Small_values_read_back_before_are_given_back_as_the_instances_read_then()
    {
        using var strings = StringOrder.Enter(new StringOrder());
        // The states read back from disk hold few distinct small values between them (MCLamportMutex: its messages,
        // queues, clocks): one chunk read back gives again the instances an earlier one was read as.
        Value Message(int c) => FcnValue.Record(new[] { "clock", "type" }, new Value[] { IntValue.Of(c), StringValue.Of("req") });
        FcnValue Pair() => FcnValue.Tuple(new Value[] { SetValue.Of(IntValue.Of(1)), SetValue.Of(IntValue.Of(2)) });
        var codec = new SpillCodec();
        var first = codec.Decode(codec.Encode(new[] { new Value[] { Message(3), Pair() } }), 1)[0];
        var pair = Pair();
        var second = codec.Decode(codec.Encode(new[] { new Value[] { Message(3), pair }, new Value[] { pair.Vals[1], Message(4) } }), 2);
        Assert.Same(first[0], second[0][0]);
        Assert.Same(first[1], second[0][1]);
        // The sets inside the pair count as read: the next state refers to the second one by its number in the chunk.
        Assert.Same(((FcnValue)first[1]).Vals[1], second[1][0]);
        Assert.Equal(Message(4), second[1][1]);
        Assert.NotSame(first[0], second[1][1]);
        Assert.Equal(first[1].ToString(), second[0][1].ToString());
        // A value whose bytes refer to another value of their chunk (here a set it holds twice) is read anew: the same
        // bytes in another chunk would mean another value. Its small parts are still the ones read before.
        var s = SetValue.Of(IntValue.Of(5));
        var a = (FcnValue)codec.Decode(codec.Encode(new[] { new Value[] { FcnValue.Tuple(new Value[] { s, s }) } }), 1)[0][0];
        var b = (FcnValue)codec.Decode(codec.Encode(new[] { new Value[] { FcnValue.Tuple(new Value[] { s, s }) } }), 1)[0][0];
        Assert.NotSame(a, b);
        Assert.Equal(a, b);
        Assert.Same(a.Vals[0], a.Vals[1]);
        Assert.Same(a.Vals[0], b.Vals[1]);
        Assert.True(codec.ReadBack.Found >= 3, $"{codec.ReadBack.Found} found");
    }

    [Fact]
    public void Chunks_refer_to_their_own_values_only_and_read_back_in_any_order()
    {
        using var strings = StringOrder.Enter(new StringOrder());
        var list = new ChunkedList<Value[]>();
        using var store = new StateChunkStore(Path.Combine(_dir, "states"), new SpillCodec());
        list.SpillTo(store);
        // The same instance in every chunk: each chunk writes it out once, the others refer to it within the chunk.
        var shared = SetValue.Of(FcnValue.Tuple(new Value[] { IntValue.Of(1), StringValue.Of("x") }), IntValue.Of(2));
        int n = ChunkedList<Value[]>.ChunkSize * 4;
        for (int i = 0; i < n; i++) list.Add(new Value[] { IntValue.Of(i), i % 3 == 0 ? shared : SetValue.Of(IntValue.Of(i)), shared });
        foreach (int i in new[] { n - 1, 5, 2 * ChunkedList<Value[]>.ChunkSize + 7, ChunkedList<Value[]>.ChunkSize, 0, n - 2 })
        {
            var s = list[i];
            Assert.Equal(IntValue.Of(i), s[0]);
            Assert.Equal(i % 3 == 0 ? shared : SetValue.Of(IntValue.Of(i)), s[1]);
            Assert.Equal(shared, s[2]);
            if (i % 3 == 0) Assert.Same(s[1], s[2]);
        }
    }
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_chunk_read_while_its_writer_has_it_is_a_copy_and_the_file_gets_what_was_handed_over(bool background)
    {
        using var strings = StringOrder.Enter(new StringOrder());
        using var store = new StateChunkStore(Path.Combine(_dir, "states"), new SpillCodec(), background);
        Value[][] Chunk(int c) => Enumerable.Range(0, ChunkedList<Value[]>.ChunkSize)
            .Select(i => new Value[] { IntValue.Of(c), FcnValue.Tuple(new Value[] { IntValue.Of(i), StringValue.Of("s" + i % 7) }) }).ToArray();
        store.Write(0, Chunk(0));
        // Read at once: from the writer's hands or from the file; the caller may change what it read.
        var first = store.Read(0);
        Assert.Equal(Chunk(0), first);
        Array.Clear(first);
        // Handing over more chunks than may wait lets the writer write chunk 0 first.
        for (int c = 1; c <= StateChunkStore.MaxPending + 1; c++) store.Write(c, Chunk(c));
        for (int c = StateChunkStore.MaxPending + 1; c >= 0; c--) Assert.Equal(Chunk(c), store.Read(c));
        // Read in order: each read starts reading the next chunk ahead.
        for (int c = 0; c <= StateChunkStore.MaxPending + 1; c++) Assert.Equal(Chunk(c), store.Read(c));
        Assert.True(store.Bytes > 0);
    }
}
