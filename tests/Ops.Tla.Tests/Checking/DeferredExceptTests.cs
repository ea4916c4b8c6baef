using Ops.Tla.Checking;
using Ops.Tla.Values;
using Xunit;

namespace Ops.Tla.Tests.Checking;

/// <summary>The one-worker search leaves a successor's <c>x' = [x EXCEPT ![p][q] = ..., ![q][p] = ...]</c> unbuilt
/// (<see cref="PendingExcept"/>) until the state is found new or x' is read, fingerprints a successor before its
/// constraints (a state already seen was admitted when it was found), and gives a successor the constraints exclude
/// the kept equal values before its invariants are evaluated. None of it may change what TLC reports: the figures
/// below are TLC's (cc6b616, one worker) on the same spec, and each check runs with and without the deferral
/// (OPS_NO_DEFER_EXCEPT).</summary>
public class DeferredExceptTests
{
    private static FcnValue T(params long[] xs) => FcnValue.Tuple(xs.Select(x => (Value)IntValue.Of(x)).ToArray());

    // <<<<1, 2>>, <<3, 4>>, <<5, 6>>>>
    private static FcnValue Grid() => FcnValue.Tuple(new Value[] { T(1, 2), T(3, 4), T(5, 6) });

    [Fact]
    public void A_pending_except_has_the_fingerprint_of_the_function_it_builds()
    {
        var f = Grid();
        // [f EXCEPT ![2][1] = 7, ![3] = <<8>>]
        var p = new PendingExcept(f, 1, 0, IntValue.Of(7));
        p.AddSecond(2, -1, T(8));
        ulong fp = p.Fingerprint;
        var built = p.ToFcn();
        Assert.Equal(FcnValue.Tuple(new Value[] { T(1, 2), T(7, 4), T(8) }), built);
        // The fingerprint computed from f's, the built function's (computed from f's too) and one computed afresh.
        Assert.Equal(FcnValue.Tuple(new Value[] { T(1, 2), T(7, 4), T(8) }).Fingerprint, fp);
        Assert.Equal(fp, built.Fingerprint);
        Assert.Same(built, p.ToFcn());
        // f itself is unchanged, and the row not changed is shared.
        Assert.Equal(FcnValue.Tuple(new Value[] { T(1, 2), T(3, 4), T(5, 6) }), f);
        Assert.Same(f.Vals[0], built.Vals[0]);
    }

    [Fact]
    public void A_pending_except_that_changes_nothing_keeps_the_fingerprint()
    {
        var f = Grid();
        var p = new PendingExcept(f, 0, 1, f.Vals[0] is FcnValue row ? row.Vals[1] : null);
        Assert.Equal(f.Fingerprint, p.Fingerprint);
        Assert.Equal(f, p.ToFcn());
        Assert.True(p.Equals(f) && f.Equals(p));
    }

    private const string Spec = """
        ---- MODULE D ----
        EXTENDS Naturals, Sequences
        VARIABLES net, clk
        P == 1..2
        Init == /\ net = [p \in P |-> [q \in P |-> <<>>]]
                /\ clk = [p \in P |-> 0]
        Send(p, q) == /\ Len(net[p][q]) < 2
                      /\ net' = [net EXCEPT ![p][q] = Append(@, clk[p])]
                      /\ clk' = [clk EXCEPT ![p] = @ + 1]
        Recv(p, q) == /\ net[p][q] # <<>>
                      /\ net' = [net EXCEPT ![p][q] = Tail(@), ![q][p] = Append(@, 0)]
                      /\ clk' = [clk EXCEPT ![q] = IF net'[q][p] = <<>> THEN @ ELSE @ + 1]
        Reset(p) == /\ net[p][p] # <<>>
                    /\ net' = [net EXCEPT ![p][p] = <<>>, ![p][p] = Append(@, 9)]
                    /\ UNCHANGED clk
        Next == \E p, q \in P : Send(p, q) \/ Recv(p, q) \/ Reset(p)
        Constraint == \A p \in P : clk[p] <= 3
        Inv == \A p, q \in P : Len(net[p][q]) <= 3
        InvClk == clk[1] # 4
        InvNet == net[2][1] # <<0, 0>>
        Bad == \A p \in P : 10 \div (3 - clk[p]) >= 0
        ====
        """;

    private static CheckResult Check(string cfg, bool defer) =>
        InlineSpec.Check("D", Spec, cfg, new CheckOptions { Workers = 1, Diagnostics = new DiagnosticOptions { NoDeferExcept = !defer } });

    private static string[] Values(CheckResult r, string variable) =>
        r.Trace.Select(s => s.Values[Array.IndexOf(s.Variables, variable)].ToString()).ToArray();

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void The_search_finds_the_states_TLC_finds(bool defer)
    {
        // TLC: "21759 states generated, 2336 distinct states found, 0 states left on queue", depth 9.
        var r = Check("INIT Init\nNEXT Next\nCONSTRAINT Constraint\n", defer);
        Assert.Equal(CheckOutcome.Success, r.Outcome);
        Assert.Equal((21759L, 2336L, 0L, 9), (r.StatesGenerated, r.DistinctStates, r.StatesLeftOnQueue, r.Depth));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void An_invariant_violated_by_a_state_the_constraint_excludes_is_reported_with_its_values(bool defer)
    {
        // TLC: "Invariant Inv is violated.", 7 states, the last one excluded by the constraint (clk[1] = 4);
        // "4588 states generated, 1233 distinct states found, 696 states left on queue", depth 7.
        var r = Check("INIT Init\nNEXT Next\nCONSTRAINT Constraint\nINVARIANT Inv\n", defer);
        Assert.Equal(CheckOutcome.SafetyFailure, r.Outcome);
        Assert.Equal("Inv", r.Violation.Property);
        Assert.Equal(new[] { "<<0, 0>>", "<<0, 1>>", "<<0, 2>>", "<<1, 2>>", "<<2, 2>>", "<<3, 2>>", "<<4, 2>>" }, Values(r, "clk"));
        Assert.Equal("<<<<<<>>, <<0, 1, 0, 0>>>>, <<<<>>, <<>>>>>>", Values(r, "net")[^1]);
        Assert.StartsWith("Recv", r.Trace[^1].Action);
        Assert.Equal((4588L, 1233L, 696L, 7), (r.StatesGenerated, r.DistinctStates, r.StatesLeftOnQueue, r.Depth));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void An_invariant_violated_by_a_new_state_is_reported_with_its_values(bool defer)
    {
        // TLC: "Invariant InvNet is violated.", clk <<0, 0>> <<0, 1>> <<1, 1>> <<1, 2>>, the last net
        // <<<<<<>>, <<>>>>, <<<<0, 0>>, <<>>>>>>; "89 states generated, 60 distinct states found, 45 states left on queue".
        var r = Check("INIT Init\nNEXT Next\nCONSTRAINT Constraint\nINVARIANT InvNet\n", defer);
        Assert.Equal(CheckOutcome.SafetyFailure, r.Outcome);
        Assert.Equal(new[] { "<<0, 0>>", "<<0, 1>>", "<<1, 1>>", "<<1, 2>>" }, Values(r, "clk"));
        Assert.Equal("<<<<<<>>, <<>>>>, <<<<0, 0>>, <<>>>>>>", Values(r, "net")[^1]);
        Assert.Equal((89L, 60L, 45L, 4), (r.StatesGenerated, r.DistinctStates, r.StatesLeftOnQueue, r.Depth));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void An_error_in_the_constraint_names_the_successor_it_was_evaluated_on(bool defer)
    {
        // TLC: "The second argument of \div is 0.", the trace ending at the successor clk = <<3, 0>>,
        // net = <<<<<<1, 0>>, <<>>>>, <<<<>>, <<>>>>>>; "30 states generated, 23 distinct states found, 17 states left
        // on queue", depth 3, exit 255.
        var r = Check("INIT Init\nNEXT Next\nCONSTRAINT Bad\n", defer);
        Assert.Equal(CheckOutcome.Error, r.Outcome);
        Assert.Contains("The second argument of \\div is 0", r.Violation.Message);
        Assert.Equal(new[] { "<<0, 0>>", "<<1, 0>>", "<<2, 0>>", "<<3, 0>>" }, Values(r, "clk"));
        Assert.Equal("<<<<<<1, 0>>, <<>>>>, <<<<>>, <<>>>>>>", Values(r, "net")[^1]);
        Assert.Equal((30L, 23L, 17L, 3), (r.StatesGenerated, r.DistinctStates, r.StatesLeftOnQueue, r.Depth));
    }
    private static (CheckResult Result, string Trace) CheckTwoWorkers(string cfg, bool defer)
    {
        var output = new StringWriter();
        var r = InlineSpec.Check("D", Spec, cfg, new CheckOptions
        {
            Workers = 2,
            Diagnostics = new DiagnosticOptions { NoDeferExcept = !defer, ParallelTrace = true, Output = output },
        });
        return (r, output.ToString());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Two_workers_leave_the_excepts_unbuilt_as_one_worker_does_and_find_the_states_TLC_finds(bool defer)
    {
        // TLC (-workers 2, as with one): "21759 states generated, 2336 distinct states found, 0 states left on queue",
        // depth 9. Each worker leaves its successors' EXCEPTs unbuilt and fingerprints them before their constraints,
        // and stores the new states it finds itself.
        var (r, trace) = CheckTwoWorkers("INIT Init\nNEXT Next\nCONSTRAINT Constraint\n", defer);
        Assert.Equal(CheckOutcome.Success, r.Outcome);
        Assert.Equal((21759L, 2336L, 0L, 9), (r.StatesGenerated, r.DistinctStates, r.StatesLeftOnQueue, r.Depth));
        Assert.Equal(defer, trace.Contains("EXCEPTs left unbuilt"));
        Assert.Equal(defer, trace.Contains("fingerprints before constraints"));
        Assert.Contains("new states stored by the workers", trace);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Two_workers_report_an_invariant_violated_by_an_excluded_state_with_its_values_built(bool defer)
    {
        // TLC (-workers 2): "Invariant Inv is violated.", a 7-state trace (which of the violations of that level is
        // found first depends on the workers' interleaving, as in TLC), its last state excluded by the constraint.
        var (r, _) = CheckTwoWorkers("INIT Init\nNEXT Next\nCONSTRAINT Constraint\nINVARIANT Inv\n", defer);
        Assert.Equal(CheckOutcome.SafetyFailure, r.Outcome);
        Assert.Equal("Inv", r.Violation.Property);
        Assert.Equal(7, r.Trace.Count);
        var net = r.Trace[^1].Values[Array.IndexOf(r.Trace[^1].Variables, "net")];
        var rows = Assert.IsType<FcnValue>(net);
        Assert.Contains(rows.Vals, row => row is FcnValue r2 && r2.Vals.Any(ch => ch is FcnValue c && c.Vals.Length > 3));
        Assert.All(r.Trace, s => Assert.DoesNotContain(s.Values, v => v is PendingExcept));
    }
}
