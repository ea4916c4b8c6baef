using Ops.Tla.Checking;
using Ops.Tla.Eval;
using Ops.Tla.Eval.Builtins;
using Ops.Tla.Tests.Checking;
using Ops.Tla.Values;
using Xunit;

namespace Ops.Tla.Tests.Eval;

/// <summary>
/// A call of a module-level definition whose body lets nothing keep its frame leaves the frame to the next call
/// (<see cref="EvalState.FramesKept"/>), unless a thunk was made meanwhile (a LET definition passed on to another
/// call keeps the frame it was made in); and pairs of small integers are made once and shared. Either must give what
/// a new frame and a new tuple give: TLC's figures, values and traces.
/// </summary>
public class KeptFrameTests
{
    private static readonly Builtin Plus = new("+", 2, (a, _) => IntValue.Of(((IntValue)a[0]).V + ((IntValue)a[1]).V),
        a => IntValue.Of(((IntValue)a[0]).V + ((IntValue)a[1]).V));

    private static ConstTerm K(long n) => new(IntValue.Of(n));

    private static LocalTerm Local(int slot) => new(0, slot, "x" + slot, Level.Constant);

    private static BuiltinCallTerm Add(Term a, Term b) => new(Plus, [a, b], Level.Constant);

    private static OpDef Def(string name, int arity, int frameSize, Term body) => new()
    {
        Name = name, Arity = arity, ParamNames = Enumerable.Range(0, arity).Select(i => "p" + i).ToArray(),
        ParamArities = new int[arity], FrameSize = frameSize, Body = body,
    };

    [Fact]
    public void A_call_whose_body_keeps_nothing_leaves_its_frame_to_the_next_call()
    {
        // F(a) == LET y == a + 1 IN y + y
        var f = Def("F", 1, 2, new LetTerm([1], [Add(Local(0), K(1))], Add(Local(1), Local(1))));
        var es = new EvalState(null, Array.Empty<string>());
        Assert.Equal(IntValue.Of(8), new OpCallTerm(f, [K(3)], 0, Level.Constant).Eval(es, Frame.Root(0)));
        Assert.Equal(1, es.FramesKept);
        // The next call takes it (the LET's slot evaluated again for the new argument) and leaves it again.
        Assert.Equal(IntValue.Of(12), new OpCallTerm(f, [K(5)], 0, Level.Constant).Eval(es, Frame.Root(0)));
        Assert.Equal(1, es.FramesKept);
    }

    [Fact]
    public void A_LET_definition_passed_on_to_a_call_keeps_its_frame()
    {
        // H(b) == b + b; G(a) == LET y == a + 1 IN H(y): y goes to H as a thunk of G's frame, so G's frame is not
        // left to the next call (H's is).
        var h = Def("H", 1, 1, Add(Local(0), Local(0)));
        var g = Def("G", 1, 2, new LetTerm([1], [Add(Local(0), K(1))], new OpCallTerm(h, [Local(1)], 0, Level.Constant)));
        var es = new EvalState(null, Array.Empty<string>());
        Assert.Equal(IntValue.Of(8), new OpCallTerm(g, [K(3)], 0, Level.Constant).Eval(es, Frame.Root(0)));
        Assert.Equal(1, es.FramesKept);
        Assert.Equal(IntValue.Of(10), new OpCallTerm(g, [K(4)], 0, Level.Constant).Eval(es, Frame.Root(0)));
        Assert.Equal(1, es.FramesKept);
    }

    [Fact]
    public void A_body_that_may_keep_its_frame_gets_a_new_one_each_call()
    {
        // L(g) == [i \in {1, 2} |-> g + i] may stay a function built on demand, holding its frame.
        var binder = new Binder { Slots = [1], Names = ["i"], Set = new SetEnumTerm([K(1), K(2)]) };
        var l = Def("L", 1, 2, new FcnConsTerm([binder], Add(Local(0), Local(1))));
        var es = new EvalState(null, Array.Empty<string>());
        var v = new OpCallTerm(l, [K(10)], 0, Level.Constant).Eval(es, Frame.Root(0));
        Assert.Equal(0, es.FramesKept);
        Assert.Equal(IntValue.Of(12), ((FcnBase)v).Apply(IntValue.Of(2)));
    }

    // TLC 2.19: 6 states generated, 6 distinct, depth 6 (no violation): a recursion over a set of pairs by CHOOSE,
    // a LET definition passed to a definition that builds a function of it, and a recursion called with a
    // function built in a LET's frame.
    private const string Recursion = @"---- MODULE KeptFrames ----
EXTENDS Naturals
VARIABLE n
RECURSIVE Sum(_, _)
Sum(f, S) == IF S = {} THEN 0 ELSE LET x == CHOOSE x \in S : TRUE IN f[x] + Sum(f, S \ {x})
Pairs(k) == {<<i, j>> : i, j \in 0..k}
W[p \in (0..3) \X (0..3)] == p[1] * 4 + p[2] + n
Lazy(g) == [i \in 0..3 |-> g + i]
Caller(k) == LET m == k * 2 IN Lazy(m)
Twice(k) == LET m == k + 1 IN Sum([i \in {m, m + 1} |-> i], {m, m + 1})
Init == n = 0
Next == n < 5 /\ n' = n + 1
Inv == /\ Sum(W, Pairs(3)) = 120 + 16 * n
       /\ Caller(n)[2] = 2 * n + 2
       /\ Twice(n) = 2 * n + 3
====";

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Recursions_over_sets_in_kept_frames_give_TLCs_figures(int workers)
    {
        var r = InlineSpec.Check("KeptFrames", Recursion, "INIT Init\nNEXT Next\nINVARIANT Inv\nCHECK_DEADLOCK FALSE\n", workers);
        Assert.Equal(CheckOutcome.Success, r.Outcome);
        Assert.Equal(6, r.StatesGenerated);
        Assert.Equal(6, r.DistinctStates);
        Assert.Equal(6, r.Depth);
    }

    [Fact]
    public void Pairs_of_small_integers_are_made_once()
    {
        var a = FcnValue.SmallPair(IntValue.Of(3), IntValue.Of(-64));
        Assert.Same(a, FcnValue.SmallPair(IntValue.Of(3), IntValue.Of(-64)));
        var made = FcnValue.Tuple(new Value[] { IntValue.Of(3), IntValue.Of(-64) });
        Assert.True(a.Equals(made));
        Assert.Equal(made.Fingerprint, a.Fingerprint);
        Assert.Equal("<<3, -64>>", a.ToString());
        Assert.Same(FcnValue.SmallPair(IntValue.Of(191), IntValue.Of(0)), FcnValue.SmallPair(IntValue.Of(191), IntValue.Of(0)));
        Assert.Null(FcnValue.SmallPair(IntValue.Of(192), IntValue.Of(0)));
        Assert.Null(FcnValue.SmallPair(IntValue.Of(0), IntValue.Of(-65)));
        Assert.Null(FcnValue.SmallPair(IntValue.Of(0), StringValue.Of("a")));
    }

    // TLC 2.19: Invariant Inv is violated, 42 states generated, 16 distinct, 2 left on the queue; the trace
    // <<190, -64>>, <<190, -65>>, <<190, -66>>, <<191, -66>>, <<192, -66>> (pairs inside and outside the shared range).
    private const string Moves = @"---- MODULE Moves ----
EXTENDS Integers
VARIABLE pos
Steps == {<<-1, 0>>, <<1, 0>>, <<0, -1>>, <<0, 1>>}
Inside(p) == p[1] \in 189..192 /\ p[2] \in -66..-63
Init == pos = <<190, -64>>
Next == \E s \in Steps : /\ pos' = <<pos[1] + s[1], pos[2] + s[2]>>
                         /\ Inside(pos')
Inv == pos /= <<192, -66>>
====";

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void States_of_shared_pairs_give_TLCs_figures_and_trace(int workers)
    {
        var r = InlineSpec.Check("Moves", Moves, "INIT Init\nNEXT Next\nINVARIANT Inv\n", workers);
        Assert.Equal(CheckOutcome.SafetyFailure, r.Outcome);
        Assert.Equal(ViolationKind.Invariant, r.Violation.Kind);
        var trace = r.Trace.Select(s => s.Values[0].ToString()).ToArray();
        if (workers == 1)
        {
            Assert.Equal(42, r.StatesGenerated);
            Assert.Equal(16, r.DistinctStates);
            Assert.Equal(new[] { "<<190, -64>>", "<<190, -65>>", "<<190, -66>>", "<<191, -66>>", "<<192, -66>>" }, trace);
        }
        else
        {
            // Two workers may find another shortest behaviour (as TLC's do): its ends and length are TLC's.
            Assert.Equal(5, trace.Length);
            Assert.Equal("<<190, -64>>", trace[0]);
            Assert.Equal("<<192, -66>>", trace[^1]);
        }
    }
}
