using System.Text;
using Ops.Tla.Checking;
using Ops.Tla.Tests.Checking;
using Ops.Tla.Values;
using Xunit;

namespace Ops.Tla.Tests.Values;

/// <summary>A function's fingerprint is the sum of its entries' hashes (key and value hashed together), so that a copy
/// with one entry changed (EXCEPT) gets its fingerprint from the original's without reading the other entries.</summary>
public class FunctionFingerprintTests
{
    /// <summary>A value that counts how often its fingerprint is read.</summary>
    private sealed class Counted : Value
    {
        public int Reads;
        public override ValueKind Kind => ValueKind.Int;
        public override int CompareTo(Value other) => ReferenceEquals(this, other) ? 0 : -1;
        public override bool Equals(Value other) => ReferenceEquals(this, other);
        public override ulong Fingerprint { get { Reads++; return 0x1234_5678_9ABC_DEF0UL; } }
        public override void Print(StringBuilder sb) => sb.Append("counted");
    }

    private static Value I(long x) => IntValue.Of(x);
    private static FcnValue Tup(params Value[] xs) => FcnValue.Tuple(xs);

    [Fact]
    public void A_copy_of_a_fingerprinted_function_gets_its_fingerprint_without_reading_the_entries_it_shares()
    {
        var shared = new Counted();
        var f = Tup(shared, I(1), I(2));
        ulong before = f.Fingerprint;
        Assert.Equal(1, shared.Reads);
        var copy = f.With(2, I(7));
        ulong after = copy.Fingerprint;
        Assert.Equal(1, shared.Reads);
        Assert.NotEqual(before, after);
        // The same as the fingerprint of the function built whole (which reads every entry).
        Assert.Equal(Tup(shared, I(1), I(7)).Fingerprint, after);
        Assert.Equal(2, shared.Reads);
    }

    [Fact]
    public void A_copy_has_the_fingerprint_of_the_equal_function_built_whole()
    {
        var rec = FcnValue.Record(new[] { "type", "clock" }, new[] { (Value)StringValue.Of("req"), I(3) });
        _ = rec.Fingerprint;
        var changed = rec.With(rec.IndexOf(StringValue.Of("clock")), I(4));
        Assert.Equal(FcnValue.Record(new[] { "clock", "type" }, new[] { I(4), (Value)StringValue.Of("req") }).Fingerprint, changed.Fingerprint);

        var keys = new Value[] { StringValue.Of("x"), I(5), Tup(I(1), I(2)) };
        var g = FcnValue.FromPairs(keys, new[] { I(1), I(2), I(3) });
        _ = g.Fingerprint;
        var g2 = g.With(g.IndexOf(I(5)), Tup(I(9)));
        Assert.Equal(FcnValue.FromPairs(keys, new[] { I(1), Tup(I(9)), I(3) }).Fingerprint, g2.Fingerprint);
        Assert.True(g2.Equals(FcnValue.FromPairs(keys, new[] { I(1), Tup(I(9)), I(3) })));

        // Changed back: the original's fingerprint again.
        Assert.Equal(g.Fingerprint, g2.With(g2.IndexOf(I(5)), I(2)).Fingerprint);
    }

    [Fact]
    public void Permuted_values_and_keys_give_different_fingerprints()
    {
        Assert.NotEqual(Tup(I(1), I(2)).Fingerprint, Tup(I(2), I(1)).Fingerprint);
        Assert.NotEqual(Tup(I(1), I(2), I(3)).Fingerprint, Tup(I(3), I(1), I(2)).Fingerprint);
        var a = FcnValue.Record(new[] { "a", "b" }, new[] { I(1), I(2) });
        var b = FcnValue.Record(new[] { "a", "b" }, new[] { I(2), I(1) });
        Assert.NotEqual(a.Fingerprint, b.Fingerprint);
        // A function is not the set of its pairs, nor the tuple of its values.
        Assert.NotEqual(Tup(I(1), I(2)).Fingerprint, SetValue.Of(Tup(I(1), I(1)), Tup(I(2), I(2))).Fingerprint);
        Assert.NotEqual(Tup().Fingerprint, Tup(I(0)).Fingerprint);
        Assert.NotEqual(Tup(Tup(I(1)), Tup(I(2))).Fingerprint, Tup(Tup(I(2)), Tup(I(1))).Fingerprint);
    }

    [Fact]
    public void The_fingerprint_of_a_tuple_not_built_is_the_built_one()
    {
        var items = new[] { I(3), StringValue.Of("a"), Tup(I(1)) };
        Assert.Equal(Tup(items).Fingerprint, FcnValue.TupleFingerprint(items));
        Assert.Equal(Tup().Fingerprint, FcnValue.TupleFingerprint(ReadOnlySpan<Value>.Empty));
        var seventy = Enumerable.Range(0, 70).Select(i => I(i)).ToArray();
        Assert.Equal(Tup(seventy).Fingerprint, FcnValue.TupleFingerprint(seventy));
        // A function over 1..n is the tuple.
        Assert.Equal(Tup(I(4), I(5)).Fingerprint, FcnValue.FromPairs(new[] { I(2), I(1) }, new[] { I(5), I(4) }).Fingerprint);
    }

    [Fact]
    public void Nested_EXCEPT_of_several_clauses_keeps_TLCs_counts()
    {
        // The clauses after the first change the first one's copy in place, its fingerprint with it. TLC cc6b616:
        // 382 states generated, 143 distinct, depth 10.
        const string tla = """
            ---- MODULE ExceptFp ----
            EXTENDS Naturals, Sequences
            VARIABLES g, r
            Init == /\ g = [p \in 1..2 |-> [q \in 1..2 |-> <<>>]]
                    /\ r = [a |-> 0, b |-> 0]
            Send(p, q) == /\ Len(g[p][q]) < 3
                          /\ g' = [g EXCEPT ![p][q] = Append(@, r.a), ![q][p] = IF @ = <<>> THEN @ ELSE Tail(@)]
                          /\ r' = [r EXCEPT !.a = (@ + 1) % 2, !.b = @]
            Swap == /\ r' = [r EXCEPT !.a = r.b, !.b = r.a]
                    /\ UNCHANGED g
            Next == \/ \E p, q \in 1..2 : p # q /\ Send(p, q)
                    \/ Swap
            ====
            """;
        foreach (int workers in new[] { 1, 2 })
        {
            var r = InlineSpec.Check("ExceptFp", tla, "INIT Init\nNEXT Next\n", workers);
            Assert.Equal((382L, 143L), (r.StatesGenerated, r.DistinctStates));
        }
    }
}
