using Ops.Tla.Checking;
using Ops.Tla.Values;
using Xunit;

namespace Ops.Tla.Tests.Checking;

/// <summary>The search's shared instances of variable values: equal values become one instance, nothing else changes.</summary>
public class ValueInternerTests
{
    private static FcnValue Seq(params long[] xs) => FcnValue.Tuple(xs.Select(x => (Value)IntValue.Of(x)).ToArray());

    [Fact]
    public void An_equal_value_built_again_is_replaced_by_the_first_instance()
    {
        var interner = new ValueInterner(1);
        var first = Seq(1, 2, 3);
        var again = Seq(1, 2, 3);
        Assert.NotSame(first, again);
        Assert.Same(first, interner.Intern(0, first));
        Assert.Same(first, interner.Intern(0, again));
        var other = Seq(1, 2, 4);
        Assert.Same(other, interner.Intern(0, other));
        Assert.Equal(1, interner.Hits);
    }

    [Fact]
    public void Equal_values_of_different_kinds_are_not_exchanged()
    {
        // 1..3 and {1, 2, 3} are equal, but a trace prints them differently.
        var interner = new ValueInterner(1);
        var interval = new IntervalValue(1, 3);
        var set = new SetValue(new Value[] { IntValue.Of(1), IntValue.Of(2), IntValue.Of(3) });
        Assert.True(interval.Equals(set));
        Assert.Same(interval, interner.Intern(0, interval));
        Assert.Same(set, interner.Intern(0, set));
    }

    [Fact]
    public void Only_the_variables_that_differ_from_the_predecessor_are_looked_up()
    {
        var interner = new ValueInterner(2);
        var shared = Seq(7);
        var before = new Value[] { shared, Seq(1) };
        interner.InternChanged(null, before);
        var after = new Value[] { shared, Seq(1) }; // the action left the first variable as it was and rebuilt the second
        interner.InternChanged(before, after);
        Assert.Same(shared, after[0]);
        Assert.Same(before[1], after[1]);
        var stats = interner.Statistics().ToList();
        Assert.Equal(1, stats[0].Lookups);
        Assert.Equal((2L, 1L), (stats[1].Lookups, stats[1].Found));
    }

    [Fact]
    public void A_variable_whose_values_never_repeat_is_given_up_and_a_search_that_keeps_every_state_never_gives_up()
    {
        var judged = new ValueInterner(1);
        var kept = new ValueInterner(1, keepAll: true);
        for (int i = 0; i < 40_000; i++)
        {
            judged.Intern(0, Seq(i, i + 1));
            kept.Intern(0, Seq(i, i + 1));
        }
        Assert.False(judged.IsInterned(0));
        Assert.True(kept.IsInterned(0));
        // Given up: a value equal to one seen before is no longer exchanged.
        var again = Seq(5, 6);
        Assert.Same(again, judged.Intern(0, again));
        Assert.NotSame(again, kept.Intern(0, again));
    }

    [Fact]
    public void Values_that_repeat_after_a_burst_of_new_ones_stay_interned()
    {
        // The first levels of a search meet mostly new values (here 4 in 5), the later ones repeat them.
        var interner = new ValueInterner(1);
        for (int i = 0; i < 20_000; i++)
        {
            interner.Intern(0, Seq(i));
            if (i % 4 == 0) interner.Intern(0, Seq(i / 2));
        }
        Assert.True(interner.IsInterned(0));
        for (int round = 0; round < 5; round++)
            for (int i = 0; i < 20_000; i++) interner.Intern(0, Seq(i));
        Assert.True(interner.IsInterned(0));
        Assert.Equal(5_000 + 100_000, interner.Hits);
    }

    [Fact]
    public void Workers_interning_the_same_values_at_once_get_one_instance_each()
    {
        var interner = new ValueInterner(1, concurrent: true);
        var results = new Value[2][];
        Parallel.For(0, 2, w =>
        {
            var tally = interner.NewTally();
            results[w] = new Value[5_000];
            for (int i = 0; i < results[w].Length; i++)
            {
                var state = new Value[] { Seq(i % 1_000, 42) };
                interner.InternChanged(null, state, tally);
                results[w][i] = state[0];
            }
        });
        for (int i = 0; i < 5_000; i++)
        {
            Assert.Same(results[0][i], results[1][i]);
            Assert.Same(results[0][i % 1_000], results[0][i]);
        }
        Assert.Equal(10_000 - 1_000, interner.Hits);
    }
    private static FcnValue Tup(params Value[] xs) => FcnValue.Tuple(xs);

    [Fact]
    public void The_parts_of_a_new_value_become_the_instances_of_equal_parts_kept_before()
    {
        // A value's rows and the rows' channels (network[p][q]): a new value equal in some parts to one kept before
        // holds the kept instances of those parts, so that comparing it with the next equal value stops at them.
        var interner = new ValueInterner(1);
        var first = Tup(Tup(Seq(1), Seq(2)), Tup(Seq(3)));
        Assert.Same(first, interner.Intern(0, first));
        var second = Tup(Tup(Seq(1), Seq(9)), Tup(Seq(3)));
        Assert.Same(second, interner.Intern(0, second));
        Assert.Same(first.Vals[1], second.Vals[1]);
        Assert.Same(((FcnValue)first.Vals[0]).Vals[0], ((FcnValue)second.Vals[0]).Vals[0]);
        // The value itself is unchanged.
        Assert.True(second.Equals(Tup(Tup(Seq(1), Seq(9)), Tup(Seq(3)))));
        Assert.Equal(Tup(Tup(Seq(1), Seq(9)), Tup(Seq(3))).Fingerprint, second.Fingerprint);
        // A later equal value is the second one.
        Assert.Same(second, interner.Intern(0, Tup(Tup(Seq(1), Seq(9)), Tup(Seq(3)))));
    }

    [Fact]
    public void A_part_built_another_way_is_not_exchanged()
    {
        // <<1, 2>> and [i \in {1, 2} |-> ...] are equal, but DOMAIN of the second prints {1, 2}.
        var interner = new ValueInterner(1);
        interner.Intern(0, Tup(Seq(1, 2), IntValue.Of(0)));
        var overSet = FcnValue.FunctionOnInterval(new Value[] { IntValue.Of(1), IntValue.Of(2) }, intervalDomain: false);
        var second = Tup(overSet, IntValue.Of(1));
        interner.Intern(0, second);
        Assert.Same(overSet, second.Vals[0]);
        Assert.Equal("{1, 2}", overSet.Domain.ToString());
    }

    // <<<<1, 2>>, <<3, 4>>, <<5, 6>>>>, a value a state holds (kept, its fingerprint known).
    private static FcnValue Grid() => Tup(Seq(1, 2), Seq(3, 4), Seq(5, 6));

    [Fact]
    public void An_except_not_built_yet_is_given_the_kept_equal_value_and_never_built()
    {
        // A new state's [g EXCEPT ![2][1] = 7, ![3] = <<8>>], equal to a value kept before: the kept instance, without
        // the copies of g and of its row.
        var interner = new ValueInterner(1);
        var g = Grid();
        var before = new Value[] { g };
        interner.InternChanged(null, before);
        var kept = Tup(Seq(1, 2), Seq(7, 4), Seq(8));
        Assert.Same(kept, interner.Intern(0, kept));
        var p = new PendingExcept(g, 1, 0, IntValue.Of(7));
        p.AddSecond(2, -1, Seq(8));
        var after = new Value[] { p };
        interner.InternChanged(before, after);
        Assert.Same(kept, after[0]);
        Assert.Null(p.Built);
        Assert.Equal(1L, interner.Statistics().Single().Found);
        // A successor the constraints exclude: the same (ShareKept).
        var q = new PendingExcept(g, 1, 0, IntValue.Of(7));
        q.AddSecond(2, -1, Seq(8));
        var excluded = new Value[] { q };
        interner.ShareKept(before, excluded);
        Assert.Same(kept, excluded[0]);
        Assert.Null(q.Built);
    }

    [Fact]
    public void An_except_not_built_yet_and_not_kept_is_built_and_kept()
    {
        var interner = new ValueInterner(1);
        var g = Grid();
        var before = new Value[] { g };
        interner.InternChanged(null, before);
        var p = new PendingExcept(g, 0, 1, IntValue.Of(9));
        var after = new Value[] { p };
        interner.InternChanged(before, after);
        var built = Assert.IsType<FcnValue>(after[0]);
        Assert.Same(p.Built, built);
        Assert.Equal(Tup(Seq(1, 9), Seq(3, 4), Seq(5, 6)), built);
        // Kept: the same EXCEPT made again is given it.
        var again = new Value[] { new PendingExcept(g, 0, 1, IntValue.Of(9)) };
        interner.InternChanged(before, again);
        Assert.Same(built, again[0]);
    }

    [Fact]
    public void An_except_not_built_yet_is_not_given_an_equal_value_built_another_way()
    {
        // Equal, but printed differently: the function kept was built over {1, 2, 3} (DOMAIN prints {1, 2, 3}), its
        // row over {1, 2}, or a value in it is an interval where the EXCEPT's is a set. The EXCEPT is built (a copy of
        // g, a tuple) and kept apart, as the built value compared whole would be.
        var g = Grid();
        Value S(params long[] xs) => new SetValue(xs.Select(x => (Value)IntValue.Of(x)).ToArray());
        var cases = new (FcnValue Kept, Func<PendingExcept> Except)[]
        {
            (FcnValue.FunctionOnInterval(new Value[] { Seq(1, 2), Seq(7, 4), Seq(5, 6) }, intervalDomain: false),
                () => new PendingExcept(g, 1, 0, IntValue.Of(7))),
            (Tup(Seq(1, 2), FcnValue.FunctionOnInterval(new Value[] { IntValue.Of(7), IntValue.Of(4) }, intervalDomain: false), Seq(5, 6)),
                () => new PendingExcept(g, 1, 0, IntValue.Of(7))),
            (Tup(Seq(1, 2), new IntervalValue(1, 2), Seq(5, 6)),
                () => new PendingExcept(g, 1, -1, S(1, 2))),
            (Tup(Seq(1, 2), Seq(3, 4), Tup(IntValue.Of(5), S(1, 2))),
                () => new PendingExcept(g, 2, 1, new IntervalValue(1, 2))),
        };
        for (int n = 0; n < cases.Length; n++)
        {
            var (kept, except) = cases[n];
            var interner = new ValueInterner(1);
            var before = new Value[] { g };
            interner.InternChanged(null, before);
            Assert.Same(kept, interner.Intern(0, kept));
            var p = except();
            Assert.True(kept.Fingerprint == p.Fingerprint, $"case {n}: {kept} {p}");
            Assert.True(kept.Equals(p.ToFcn()), $"case {n}");
            var after = new Value[] { p };
            interner.InternChanged(before, after);
            Assert.NotSame(kept, after[0]);
            Assert.Same(p.Built, after[0]);
            var excluded = new Value[] { except() };
            interner.ShareKept(before, excluded);
            Assert.NotSame(kept, excluded[0]);
        }
    }

    [Fact]
    public void Forgotten_values_are_not_found_again_and_a_variable_given_up_stays_given_up()
    {
        var interner = new ValueInterner(2);
        var first = Seq(1, 2);
        Assert.Same(first, interner.Intern(0, first));
        Assert.Same(first, interner.Intern(0, Seq(1, 2)));
        for (int i = 0; i < 40_000; i++) interner.Intern(1, Seq(i));
        Assert.False(interner.IsInterned(1));
        Assert.True(interner.Kept >= 1);
        interner.Forget();
        Assert.Equal(0, interner.Kept);
        // An equal value is kept anew, and found from then on; the lookups counted before are still counted.
        var again = Seq(1, 2);
        Assert.Same(again, interner.Intern(0, again));
        Assert.Same(again, interner.Intern(0, Seq(1, 2)));
        Assert.Equal((4L, 2L), (interner.Statistics().First().Lookups, interner.Statistics().First().Found));
        Assert.False(interner.IsInterned(1));
        var late = Seq(5);
        Assert.Same(late, interner.Intern(1, late));
        Assert.InRange(interner.Kept, 1, 8);
    }
}
