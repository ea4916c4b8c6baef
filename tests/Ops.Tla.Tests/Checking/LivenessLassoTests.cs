using System.Text;
using Ops.Tla.Checking;
using Ops.Tla.Checking.Liveness;
using Ops.Tla.Output;
using Ops.Tla.Values;
using Xunit;

namespace Ops.Tla.Tests.Checking;

/// <summary>
/// Liveness counterexamples as TLC prints them: the same states in the same order, the same "Back to state N" or
/// "Stuttering". TLC's lasso depends on its fingerprint polynomial (TLC's -fp, chosen at random when not given), which
/// orders each state's successors in its behaviour graph; each expected trace below is what TLC 2026.04.29 (rev
/// cc6b616) printed with <c>-workers 1 -fp N</c> for the same specification and configuration.
/// </summary>
public class LivenessLassoTests
{
    /// <summary>The trace TLC's way, blank lines left out (shared with <see cref="Liveness.LassoParityTests"/>).</summary>
    internal static string Trace(CheckResult r)
    {
        var sb = new StringBuilder();
        TlcText.WriteTrace(r, sb);
        return string.Join("\n", sb.ToString().Replace("\r\n", "\n").Split('\n').Where(l => l.Length > 0));
    }

    internal static void AssertLasso(string expected, CheckResult r)
    {
        Assert.Equal(13, r.ExitCode);
        Assert.Equal(expected.Replace("\r\n", "\n").Trim(), Trace(r));
    }

    private static CheckResult Check(string name, string tla, string cfg, int fp) =>
        InlineSpec.Check(name, tla, cfg, new CheckOptions { FingerprintIndex = fp });
    private const string Simple = """
        ------------------------------ MODULE Simple ------------------------------
        EXTENDS Integers
        CONSTANT N
        ASSUME NAssump ==  (N \in Nat) /\ (N > 0)
        VARIABLES x, y, pc
        vars == << x, y, pc >>
        ProcSet == (0..N-1)
        Init == (* Global variables *)
                /\ x = [i \in 0..(N-1) |-> 0]
                /\ y = [i \in 0..(N-1) |-> 0]
                /\ pc = [self \in ProcSet |-> "a"]
        a(self) == /\ pc[self] = "a"
                   /\ x' = [x EXCEPT ![self] = 1]
                   /\ pc' = [pc EXCEPT ![self] = "b"]
                   /\ y' = y
        b(self) == /\ pc[self] = "b"
                   /\ y' = [y EXCEPT ![self] = x[(self-1) % N]]
                   /\ pc' = [pc EXCEPT ![self] = "Done"]
                   /\ x' = x
        proc(self) == a(self) \/ b(self)
        Next == (\E self \in 0..N-1: proc(self))
                   \/ (* Disjunct to prevent deadlock on termination *)
                      ((\A self \in ProcSet: pc[self] = "Done") /\ UNCHANGED vars)
        Spec == Init /\ [][Next]_vars
        FairSpec == Spec /\ \A self \in ProcSet : WF_vars(proc(self))
        Termination == <>(\A self \in ProcSet: pc[self] = "Done")
        PCorrect == (\A i \in 0..(N-1) : pc[i] = "Done") => 
                        (\E i \in 0..(N-1) : y[i] = 1)
        AllY == <>(\A i \in 0..(N-1) : y[i] = 1)
        =============================================================================
        """;
    private const string SFs = """
        ---- MODULE SFs ----
        EXTENDS Naturals
        VARIABLES x, y, z
        vars == <<x, y, z>>
        Init == x = 0 /\ y = 0 /\ z = "a"
        A == x' = (x + 1) % 3 /\ UNCHANGED <<y, z>>
        B == y' = 1 - y /\ UNCHANGED <<x, z>>
        C == x = 2 /\ x' = 0 /\ y' = y /\ z' = IF z = "a" THEN "b" ELSE "a"
        Spec == Init /\ [][A \/ B \/ C]_vars /\ SF_vars(A) /\ SF_vars(B)
        Spec2 == Init /\ [][A \/ B \/ C]_vars /\ WF_vars(A) /\ SF_vars(C)
        Prop == <>[](y = 0)
        Leads == (x = 1) ~> (y = 1 /\ z = "b")
        Ev == <>(x = 2 /\ y = 1 /\ z = "b")
        Both == Leads /\ Prop
        ====
        """;
    private const string ST = """
        ---- MODULE ST ----
        EXTENDS Naturals
        VARIABLES x, owner, s
        vars == <<x, owner, s>>
        P == {"p1", "p2", "p3"}
        Init == x = 0 /\ owner = "p1" /\ s = {}
        Init2 == x = 0 /\ owner \in {1, 2, 3} /\ s = {}
        Next == \/ x' = (x + 1) % 3 /\ UNCHANGED <<owner, s>>
                \/ \E p \in P : owner' = p /\ s' = s \cup {p} /\ UNCHANGED x
        Next2 == \/ x' = (x + 1) % 3 /\ UNCHANGED <<owner, s>>
                \/ \E p \in {1, 2, 3} : owner' = p /\ s' = s \cup {p} /\ UNCHANGED x
        Spec == Init /\ [][Next]_vars /\ WF_vars(Next)
        Spec2 == Init2 /\ [][Next2]_vars /\ WF_vars(Next2)
        Prop == []<>(x = 2 /\ s = P)
        Prop2 == []<>(x = 2 /\ s = {1,2,3})
        Prop3 == <>[](x = 0)
        Prop4 == <>(s = P)
        SpecNoFair == Init /\ [][Next]_vars
        ====
        """;
    /// <summary>Simple (TLA+ Examples, N = 3): the tableau of []~Termination; the two polynomials give two different lassos, each TLC's.</summary>
    [Theory]
    [InlineData(0)]
    [InlineData(54)]
    public void Without_fairness_an_eventuality_is_violated_by_stuttering_where_TLC_stutters(int fp)
    {
        var expected = fp switch
        {
            0 => """
                State 1: <Initial predicate>
                /\ x = (0 :> 0 @@ 1 :> 0 @@ 2 :> 0)
                /\ y = (0 :> 0 @@ 1 :> 0 @@ 2 :> 0)
                /\ pc = (0 :> "a" @@ 1 :> "a" @@ 2 :> "a")
                State 2: <a(2) line 12, col 12 to line 15, col 20 of module Simple>
                /\ x = (0 :> 0 @@ 1 :> 0 @@ 2 :> 1)
                /\ y = (0 :> 0 @@ 1 :> 0 @@ 2 :> 0)
                /\ pc = (0 :> "a" @@ 1 :> "a" @@ 2 :> "b")
                State 3: <a(1) line 12, col 12 to line 15, col 20 of module Simple>
                /\ x = (0 :> 0 @@ 1 :> 1 @@ 2 :> 1)
                /\ y = (0 :> 0 @@ 1 :> 0 @@ 2 :> 0)
                /\ pc = (0 :> "a" @@ 1 :> "b" @@ 2 :> "b")
                State 4: <b(1) line 16, col 12 to line 19, col 20 of module Simple>
                /\ x = (0 :> 0 @@ 1 :> 1 @@ 2 :> 1)
                /\ y = (0 :> 0 @@ 1 :> 0 @@ 2 :> 0)
                /\ pc = (0 :> "a" @@ 1 :> "Done" @@ 2 :> "b")
                State 5: <b(2) line 16, col 12 to line 19, col 20 of module Simple>
                /\ x = (0 :> 0 @@ 1 :> 1 @@ 2 :> 1)
                /\ y = (0 :> 0 @@ 1 :> 0 @@ 2 :> 1)
                /\ pc = (0 :> "a" @@ 1 :> "Done" @@ 2 :> "Done")
                State 6: <a(0) line 12, col 12 to line 15, col 20 of module Simple>
                /\ x = (0 :> 1 @@ 1 :> 1 @@ 2 :> 1)
                /\ y = (0 :> 0 @@ 1 :> 0 @@ 2 :> 1)
                /\ pc = (0 :> "b" @@ 1 :> "Done" @@ 2 :> "Done")
                State 7: Stuttering
                """,
            54 => """
                State 1: <Initial predicate>
                /\ x = (0 :> 0 @@ 1 :> 0 @@ 2 :> 0)
                /\ y = (0 :> 0 @@ 1 :> 0 @@ 2 :> 0)
                /\ pc = (0 :> "a" @@ 1 :> "a" @@ 2 :> "a")
                State 2: <a(2) line 12, col 12 to line 15, col 20 of module Simple>
                /\ x = (0 :> 0 @@ 1 :> 0 @@ 2 :> 1)
                /\ y = (0 :> 0 @@ 1 :> 0 @@ 2 :> 0)
                /\ pc = (0 :> "a" @@ 1 :> "a" @@ 2 :> "b")
                State 3: <b(2) line 16, col 12 to line 19, col 20 of module Simple>
                /\ x = (0 :> 0 @@ 1 :> 0 @@ 2 :> 1)
                /\ y = (0 :> 0 @@ 1 :> 0 @@ 2 :> 0)
                /\ pc = (0 :> "a" @@ 1 :> "a" @@ 2 :> "Done")
                State 4: <a(0) line 12, col 12 to line 15, col 20 of module Simple>
                /\ x = (0 :> 1 @@ 1 :> 0 @@ 2 :> 1)
                /\ y = (0 :> 0 @@ 1 :> 0 @@ 2 :> 0)
                /\ pc = (0 :> "b" @@ 1 :> "a" @@ 2 :> "Done")
                State 5: <b(0) line 16, col 12 to line 19, col 20 of module Simple>
                /\ x = (0 :> 1 @@ 1 :> 0 @@ 2 :> 1)
                /\ y = (0 :> 1 @@ 1 :> 0 @@ 2 :> 0)
                /\ pc = (0 :> "Done" @@ 1 :> "a" @@ 2 :> "Done")
                State 6: <a(1) line 12, col 12 to line 15, col 20 of module Simple>
                /\ x = (0 :> 1 @@ 1 :> 1 @@ 2 :> 1)
                /\ y = (0 :> 1 @@ 1 :> 0 @@ 2 :> 0)
                /\ pc = (0 :> "Done" @@ 1 :> "b" @@ 2 :> "Done")
                State 7: Stuttering
                """,
            _ => throw new ArgumentOutOfRangeException(nameof(fp)),
        };
        AssertLasso(expected, Check("Simple", Simple, "CONSTANT N = 3\nSPECIFICATION Spec\nPROPERTY Termination\n", fp));
    }

    /// <summary>WF per process, <>(\\A i : y[i] = 1): a tableau and a []<> condition on steps.</summary>
    [Fact]
    public void Weak_fairness_and_a_tableau_give_TLCs_lasso()
    {
        const string expected = """
            State 1: <Initial predicate>
            /\ x = (0 :> 0 @@ 1 :> 0 @@ 2 :> 0)
            /\ y = (0 :> 0 @@ 1 :> 0 @@ 2 :> 0)
            /\ pc = (0 :> "a" @@ 1 :> "a" @@ 2 :> "a")
            State 2: <a(1) line 12, col 12 to line 15, col 20 of module Simple>
            /\ x = (0 :> 0 @@ 1 :> 1 @@ 2 :> 0)
            /\ y = (0 :> 0 @@ 1 :> 0 @@ 2 :> 0)
            /\ pc = (0 :> "a" @@ 1 :> "b" @@ 2 :> "a")
            State 3: <a(0) line 12, col 12 to line 15, col 20 of module Simple>
            /\ x = (0 :> 1 @@ 1 :> 1 @@ 2 :> 0)
            /\ y = (0 :> 0 @@ 1 :> 0 @@ 2 :> 0)
            /\ pc = (0 :> "b" @@ 1 :> "b" @@ 2 :> "a")
            State 4: <b(1) line 16, col 12 to line 19, col 20 of module Simple>
            /\ x = (0 :> 1 @@ 1 :> 1 @@ 2 :> 0)
            /\ y = (0 :> 0 @@ 1 :> 1 @@ 2 :> 0)
            /\ pc = (0 :> "b" @@ 1 :> "Done" @@ 2 :> "a")
            State 5: <b(0) line 16, col 12 to line 19, col 20 of module Simple>
            /\ x = (0 :> 1 @@ 1 :> 1 @@ 2 :> 0)
            /\ y = (0 :> 0 @@ 1 :> 1 @@ 2 :> 0)
            /\ pc = (0 :> "Done" @@ 1 :> "Done" @@ 2 :> "a")
            State 6: <a(2) line 12, col 12 to line 15, col 20 of module Simple>
            /\ x = (0 :> 1 @@ 1 :> 1 @@ 2 :> 1)
            /\ y = (0 :> 0 @@ 1 :> 1 @@ 2 :> 0)
            /\ pc = (0 :> "Done" @@ 1 :> "Done" @@ 2 :> "b")
            State 7: <b(2) line 16, col 12 to line 19, col 20 of module Simple>
            /\ x = (0 :> 1 @@ 1 :> 1 @@ 2 :> 1)
            /\ y = (0 :> 0 @@ 1 :> 1 @@ 2 :> 1)
            /\ pc = (0 :> "Done" @@ 1 :> "Done" @@ 2 :> "Done")
            State 8: Stuttering
            """;
        AssertLasso(expected, Check("Simple", Simple, "CONSTANT N = 3\nSPECIFICATION FairSpec\nPROPERTY AllY\n", 7));
    }

    /// <summary>Two SF conditions: four possible error models, searched in TLC's order; the cycle closes on state 1.</summary>
    [Fact]
    public void Strong_fairness_splits_into_TLCs_error_models_and_the_lasso_goes_back_to_the_initial_state()
    {
        const string expected = """
            State 1: <Initial predicate>
            /\ x = 0
            /\ y = 0
            /\ z = "a"
            State 2: <A line 6, col 6 to line 6, col 43 of module SFs>
            /\ x = 1
            /\ y = 0
            /\ z = "a"
            State 3: <B line 7, col 6 to line 7, col 37 of module SFs>
            /\ x = 1
            /\ y = 1
            /\ z = "a"
            State 4: <A line 6, col 6 to line 6, col 43 of module SFs>
            /\ x = 2
            /\ y = 1
            /\ z = "a"
            State 5: <A line 6, col 6 to line 6, col 43 of module SFs>
            /\ x = 0
            /\ y = 1
            /\ z = "a"
            Back to state 1: <B line 7, col 6 to line 7, col 37 of module SFs>
            """;
        AssertLasso(expected, Check("SFs", SFs, "SPECIFICATION Spec\nPROPERTY Prop\n", 3));
    }

    /// <summary>P ~> Q: the tableau of <>(P /\\ []~Q), WF and SF; a long walk through the component before the way back.</summary>
    [Fact]
    public void Leads_to_under_weak_and_strong_fairness_gives_TLCs_lasso()
    {
        const string expected = """
            State 1: <Initial predicate>
            /\ x = 0
            /\ y = 0
            /\ z = "a"
            State 2: <B line 7, col 6 to line 7, col 37 of module SFs>
            /\ x = 0
            /\ y = 1
            /\ z = "a"
            State 3: <A line 6, col 6 to line 6, col 43 of module SFs>
            /\ x = 1
            /\ y = 1
            /\ z = "a"
            State 4: <A line 6, col 6 to line 6, col 43 of module SFs>
            /\ x = 2
            /\ y = 1
            /\ z = "a"
            State 5: <A line 6, col 6 to line 6, col 43 of module SFs>
            /\ x = 0
            /\ y = 1
            /\ z = "a"
            State 6: <B line 7, col 6 to line 7, col 37 of module SFs>
            /\ x = 0
            /\ y = 0
            /\ z = "a"
            State 7: <B line 7, col 6 to line 7, col 37 of module SFs>
            /\ x = 0
            /\ y = 1
            /\ z = "a"
            State 8: <A line 6, col 6 to line 6, col 43 of module SFs>
            /\ x = 1
            /\ y = 1
            /\ z = "a"
            State 9: <A line 6, col 6 to line 6, col 43 of module SFs>
            /\ x = 2
            /\ y = 1
            /\ z = "a"
            State 10: <B line 7, col 6 to line 7, col 37 of module SFs>
            /\ x = 2
            /\ y = 0
            /\ z = "a"
            State 11: <C line 8, col 6 to line 8, col 67 of module SFs>
            /\ x = 0
            /\ y = 0
            /\ z = "b"
            State 12: <A line 6, col 6 to line 6, col 43 of module SFs>
            /\ x = 1
            /\ y = 0
            /\ z = "b"
            State 13: <A line 6, col 6 to line 6, col 43 of module SFs>
            /\ x = 2
            /\ y = 0
            /\ z = "b"
            State 14: <C line 8, col 6 to line 8, col 67 of module SFs>
            /\ x = 0
            /\ y = 0
            /\ z = "a"
            State 15: <A line 6, col 6 to line 6, col 43 of module SFs>
            /\ x = 1
            /\ y = 0
            /\ z = "a"
            State 16: <A line 6, col 6 to line 6, col 43 of module SFs>
            /\ x = 2
            /\ y = 0
            /\ z = "a"
            Back to state 4: <B line 7, col 6 to line 7, col 37 of module SFs>
            """;
        AssertLasso(expected, Check("SFs", SFs, "SPECIFICATION Spec2\nPROPERTY Leads\n", 17));
    }

    /// <summary><>[](x = 0) with x declared first but printed (and fingerprinted) last, as SANY orders the variables.</summary>
    [Fact]
    public void Eventually_always_over_sets_and_strings_is_fingerprinted_in_TLCs_variable_order()
    {
        const string expected = """
            State 1: <Initial predicate>
            /\ owner = "p1"
            /\ s = {}
            /\ x = 0
            State 2: <Next line 9, col 25 to line 9, col 68 of module ST>
            /\ owner = "p2"
            /\ s = {"p2"}
            /\ x = 0
            State 3: <Next line 9, col 25 to line 9, col 68 of module ST>
            /\ owner = "p1"
            /\ s = {"p1", "p2"}
            /\ x = 0
            State 4: <Next line 9, col 25 to line 9, col 68 of module ST>
            /\ owner = "p3"
            /\ s = {"p1", "p2", "p3"}
            /\ x = 0
            State 5: <Next line 9, col 25 to line 9, col 68 of module ST>
            /\ owner = "p2"
            /\ s = {"p1", "p2", "p3"}
            /\ x = 0
            State 6: <Next line 9, col 25 to line 9, col 68 of module ST>
            /\ owner = "p1"
            /\ s = {"p1", "p2", "p3"}
            /\ x = 0
            State 7: <Next line 8, col 12 to line 8, col 53 of module ST>
            /\ owner = "p1"
            /\ s = {"p1", "p2", "p3"}
            /\ x = 1
            State 8: <Next line 9, col 25 to line 9, col 68 of module ST>
            /\ owner = "p3"
            /\ s = {"p1", "p2", "p3"}
            /\ x = 1
            State 9: <Next line 8, col 12 to line 8, col 53 of module ST>
            /\ owner = "p3"
            /\ s = {"p1", "p2", "p3"}
            /\ x = 2
            Back to state 4: <Next line 8, col 12 to line 8, col 53 of module ST>
            """;
        AssertLasso(expected, Check("ST", ST, "SPECIFICATION Spec\nPROPERTY Prop3\n", 0));
    }

    /// <summary>EWD840 (tlc-test-model CodePlexBug08/EWD840MC2, N = 4): the property (\\A i : active[i] ~> ~active[i])
    /// ~> terminationDetected nests leads-to, so the lasso depends on TLC's particle tableau (its nodes and their
    /// order), not only on the graph.</summary>
    [CorpusTheory]
    [InlineData(0)]
    [InlineData(9)]
    public void A_nested_leads_to_gives_TLCs_lasso_through_TLCs_particle_tableau(int fp)
    {
        var dir = Path.Combine(Path.GetDirectoryName(TestPaths.Corpus), "tlc-test-model", "models", "CodePlexBug08");
        var expected = fp switch
        {
            0 => """
                State 1: <Initial predicate>
                /\ tpos = 0
                /\ active = (0 :> FALSE @@ 1 :> FALSE @@ 2 :> FALSE @@ 3 :> TRUE)
                /\ tcolor = "black"
                /\ color = (0 :> "white" @@ 1 :> "white" @@ 2 :> "white" @@ 3 :> "white")
                State 2: <InitiateProbe line 30, col 3 to line 35, col 43 of module EWD840>
                /\ tpos = 3
                /\ active = (0 :> FALSE @@ 1 :> FALSE @@ 2 :> FALSE @@ 3 :> TRUE)
                /\ tcolor = "white"
                /\ color = (0 :> "white" @@ 1 :> "white" @@ 2 :> "white" @@ 3 :> "white")
                State 3: <SendMsg(3) line 61, col 3 to line 65, col 31 of module EWD840>
                /\ tpos = 3
                /\ active = (0 :> FALSE @@ 1 :> FALSE @@ 2 :> TRUE @@ 3 :> TRUE)
                /\ tcolor = "white"
                /\ color = (0 :> "white" @@ 1 :> "white" @@ 2 :> "white" @@ 3 :> "white")
                State 4: <SendMsg(2) line 61, col 3 to line 65, col 31 of module EWD840>
                /\ tpos = 3
                /\ active = (0 :> TRUE @@ 1 :> FALSE @@ 2 :> TRUE @@ 3 :> TRUE)
                /\ tcolor = "white"
                /\ color = (0 :> "white" @@ 1 :> "white" @@ 2 :> "white" @@ 3 :> "white")
                State 5: <Deactivate(3) line 69, col 3 to line 71, col 38 of module EWD840>
                /\ tpos = 3
                /\ active = (0 :> TRUE @@ 1 :> FALSE @@ 2 :> TRUE @@ 3 :> FALSE)
                /\ tcolor = "white"
                /\ color = (0 :> "white" @@ 1 :> "white" @@ 2 :> "white" @@ 3 :> "white")
                State 6: <Deactivate(0) line 69, col 3 to line 71, col 38 of module EWD840>
                /\ tpos = 3
                /\ active = (0 :> FALSE @@ 1 :> FALSE @@ 2 :> TRUE @@ 3 :> FALSE)
                /\ tcolor = "white"
                /\ color = (0 :> "white" @@ 1 :> "white" @@ 2 :> "white" @@ 3 :> "white")
                State 7: <PassToken(3) line 47, col 3 to line 52, col 43 of module EWD840>
                /\ tpos = 2
                /\ active = (0 :> FALSE @@ 1 :> FALSE @@ 2 :> TRUE @@ 3 :> FALSE)
                /\ tcolor = "white"
                /\ color = (0 :> "white" @@ 1 :> "white" @@ 2 :> "white" @@ 3 :> "white")
                State 8: <SendMsg(2) line 61, col 3 to line 65, col 31 of module EWD840>
                /\ tpos = 2
                /\ active = (0 :> FALSE @@ 1 :> FALSE @@ 2 :> TRUE @@ 3 :> TRUE)
                /\ tcolor = "white"
                /\ color = (0 :> "white" @@ 1 :> "white" @@ 2 :> "black" @@ 3 :> "white")
                State 9: <PassToken(2) line 47, col 3 to line 52, col 43 of module EWD840>
                /\ tpos = 1
                /\ active = (0 :> FALSE @@ 1 :> FALSE @@ 2 :> TRUE @@ 3 :> TRUE)
                /\ tcolor = "black"
                /\ color = (0 :> "white" @@ 1 :> "white" @@ 2 :> "white" @@ 3 :> "white")
                State 10: <Deactivate(2) line 69, col 3 to line 71, col 38 of module EWD840>
                /\ tpos = 1
                /\ active = (0 :> FALSE @@ 1 :> FALSE @@ 2 :> FALSE @@ 3 :> TRUE)
                /\ tcolor = "black"
                /\ color = (0 :> "white" @@ 1 :> "white" @@ 2 :> "white" @@ 3 :> "white")
                Back to state 1: <PassToken(1) line 47, col 3 to line 52, col 43 of module EWD840>
                """,
            9 => """
                State 1: <Initial predicate>
                /\ tpos = 0
                /\ active = (0 :> FALSE @@ 1 :> FALSE @@ 2 :> FALSE @@ 3 :> TRUE)
                /\ tcolor = "black"
                /\ color = (0 :> "white" @@ 1 :> "white" @@ 2 :> "white" @@ 3 :> "white")
                State 2: <InitiateProbe line 30, col 3 to line 35, col 43 of module EWD840>
                /\ tpos = 3
                /\ active = (0 :> FALSE @@ 1 :> FALSE @@ 2 :> FALSE @@ 3 :> TRUE)
                /\ tcolor = "white"
                /\ color = (0 :> "white" @@ 1 :> "white" @@ 2 :> "white" @@ 3 :> "white")
                State 3: <SendMsg(3) line 61, col 3 to line 65, col 31 of module EWD840>
                /\ tpos = 3
                /\ active = (0 :> TRUE @@ 1 :> FALSE @@ 2 :> FALSE @@ 3 :> TRUE)
                /\ tcolor = "white"
                /\ color = (0 :> "white" @@ 1 :> "white" @@ 2 :> "white" @@ 3 :> "white")
                State 4: <SendMsg(0) line 61, col 3 to line 65, col 31 of module EWD840>
                /\ tpos = 3
                /\ active = (0 :> TRUE @@ 1 :> FALSE @@ 2 :> FALSE @@ 3 :> TRUE)
                /\ tcolor = "white"
                /\ color = (0 :> "black" @@ 1 :> "white" @@ 2 :> "white" @@ 3 :> "white")
                State 5: <Deactivate(3) line 69, col 3 to line 71, col 38 of module EWD840>
                /\ tpos = 3
                /\ active = (0 :> TRUE @@ 1 :> FALSE @@ 2 :> FALSE @@ 3 :> FALSE)
                /\ tcolor = "white"
                /\ color = (0 :> "black" @@ 1 :> "white" @@ 2 :> "white" @@ 3 :> "white")
                State 6: <SendMsg(0) line 61, col 3 to line 65, col 31 of module EWD840>
                /\ tpos = 3
                /\ active = (0 :> TRUE @@ 1 :> FALSE @@ 2 :> FALSE @@ 3 :> TRUE)
                /\ tcolor = "white"
                /\ color = (0 :> "black" @@ 1 :> "white" @@ 2 :> "white" @@ 3 :> "white")
                State 7: <Deactivate(0) line 69, col 3 to line 71, col 38 of module EWD840>
                /\ tpos = 3
                /\ active = (0 :> FALSE @@ 1 :> FALSE @@ 2 :> FALSE @@ 3 :> TRUE)
                /\ tcolor = "white"
                /\ color = (0 :> "black" @@ 1 :> "white" @@ 2 :> "white" @@ 3 :> "white")
                State 8: <SendMsg(3) line 61, col 3 to line 65, col 31 of module EWD840>
                /\ tpos = 3
                /\ active = (0 :> FALSE @@ 1 :> TRUE @@ 2 :> FALSE @@ 3 :> TRUE)
                /\ tcolor = "white"
                /\ color = (0 :> "black" @@ 1 :> "white" @@ 2 :> "white" @@ 3 :> "white")
                State 9: <Deactivate(3) line 69, col 3 to line 71, col 38 of module EWD840>
                /\ tpos = 3
                /\ active = (0 :> FALSE @@ 1 :> TRUE @@ 2 :> FALSE @@ 3 :> FALSE)
                /\ tcolor = "white"
                /\ color = (0 :> "black" @@ 1 :> "white" @@ 2 :> "white" @@ 3 :> "white")
                State 10: <PassToken(3) line 47, col 3 to line 52, col 43 of module EWD840>
                /\ tpos = 2
                /\ active = (0 :> FALSE @@ 1 :> TRUE @@ 2 :> FALSE @@ 3 :> FALSE)
                /\ tcolor = "white"
                /\ color = (0 :> "black" @@ 1 :> "white" @@ 2 :> "white" @@ 3 :> "white")
                State 11: <PassToken(2) line 47, col 3 to line 52, col 43 of module EWD840>
                /\ tpos = 1
                /\ active = (0 :> FALSE @@ 1 :> TRUE @@ 2 :> FALSE @@ 3 :> FALSE)
                /\ tcolor = "white"
                /\ color = (0 :> "black" @@ 1 :> "white" @@ 2 :> "white" @@ 3 :> "white")
                State 12: <SendMsg(1) line 61, col 3 to line 65, col 31 of module EWD840>
                /\ tpos = 1
                /\ active = (0 :> FALSE @@ 1 :> TRUE @@ 2 :> FALSE @@ 3 :> TRUE)
                /\ tcolor = "white"
                /\ color = (0 :> "black" @@ 1 :> "black" @@ 2 :> "white" @@ 3 :> "white")
                State 13: <PassToken(1) line 47, col 3 to line 52, col 43 of module EWD840>
                /\ tpos = 0
                /\ active = (0 :> FALSE @@ 1 :> TRUE @@ 2 :> FALSE @@ 3 :> TRUE)
                /\ tcolor = "black"
                /\ color = (0 :> "black" @@ 1 :> "white" @@ 2 :> "white" @@ 3 :> "white")
                State 14: <Deactivate(1) line 69, col 3 to line 71, col 38 of module EWD840>
                /\ tpos = 0
                /\ active = (0 :> FALSE @@ 1 :> FALSE @@ 2 :> FALSE @@ 3 :> TRUE)
                /\ tcolor = "black"
                /\ color = (0 :> "black" @@ 1 :> "white" @@ 2 :> "white" @@ 3 :> "white")
                Back to state 2: <InitiateProbe line 30, col 3 to line 35, col 43 of module EWD840>
                """,
            _ => throw new ArgumentOutOfRangeException(nameof(fp)),
        };
        var r = ModelChecker.Check(Path.Combine(dir, "EWD840MC2.tla"),
            new CheckOptions { ConfigPath = Path.Combine(dir, "EWD840MC2.cfg"), CheckDeadlock = false, FingerprintIndex = fp });
        AssertLasso(expected, r);
    }

    [Fact]
    public void TLCs_fingerprints_of_values_are_reproduced()
    {
        // Values TLC 2026.04.29 computes with FP64.Init(0) (tlc2.value.impl.*.fingerPrint(FP64.New())).
        var f = TlcFingerprint.For(0);
        ulong start = TlcFingerprint.Polynomials[0];
        Assert.Equal(0xf67893cfa654c4b3UL, f.Extend(start, IntValue.Of(1)));
        Assert.Equal(0x67160b34d23c0a57UL, f.Extend(start, BoolValue.True));
        Assert.Equal(0xd06004bb3d77d3eaUL, f.Extend(start, StringValue.Of("ab")));
        Assert.Equal(0xb09105f67e5d496bUL, f.Extend(start, new SetValue(new Value[] { IntValue.Of(1), IntValue.Of(2) })));
        Assert.Equal(0x09bfe0c41a365a4aUL, f.Extend(start, SetValue.Empty));
        Assert.Equal(0xa6963336292fcfcaUL, f.Extend(start, FcnValue.Tuple(new Value[] { IntValue.Of(1), IntValue.Of(2) })));
    }

    private const string NineSF = """
        ---- MODULE NineSF ----
        EXTENDS Naturals
        VARIABLES b, x
        vars == <<b, x>>
        Init == b = [i \in 1..9 |-> 0] /\ x = 0
        A(i) == b[i] = 0 /\ (i > 5 => x = 1) /\ b' = [b EXCEPT ![i] = 1] /\ x' = x
        R == (\A i \in 1..5 : b[i] = 1) /\ b' = [i \in 1..9 |-> 0] /\ x' = x
        X == x' = 1 - x /\ b' = b
        Next == (\E i \in 1..9 : A(i)) \/ R \/ X
        Spec == Init /\ [][Next]_vars /\ WF_vars(Next) /\ \A i \in 1..9 : SF_vars(A(i))
        Prop == []<>(x = 1)
        ====
        """;

    /// <summary>Nine SF conditions: TLC searches 2^9 error models in turn; the first with a counterexample (A(1)..A(5)
    /// taken, A(6)..A(9) never enabled) is found by fixing the conditions one at a time, and gives TLC's lasso
    /// (TLC: <c>-fp 3 -lncheck final</c>; its periodic check finds the same one).</summary>
    [Fact]
    public void More_than_eight_strong_fairness_conditions_give_TLCs_first_error_model_and_its_lasso()
    {
        const string expected = """
            State 1: <Initial predicate>
            /\ b = <<0, 0, 0, 0, 0, 0, 0, 0, 0>>
            /\ x = 0
            State 2: <A(2) line 6, col 9 to line 6, col 74 of module NineSF>
            /\ b = <<0, 1, 0, 0, 0, 0, 0, 0, 0>>
            /\ x = 0
            State 3: <A(4) line 6, col 9 to line 6, col 74 of module NineSF>
            /\ b = <<0, 1, 0, 1, 0, 0, 0, 0, 0>>
            /\ x = 0
            State 4: <A(3) line 6, col 9 to line 6, col 74 of module NineSF>
            /\ b = <<0, 1, 1, 1, 0, 0, 0, 0, 0>>
            /\ x = 0
            State 5: <A(1) line 6, col 9 to line 6, col 74 of module NineSF>
            /\ b = <<1, 1, 1, 1, 0, 0, 0, 0, 0>>
            /\ x = 0
            State 6: <A(5) line 6, col 9 to line 6, col 74 of module NineSF>
            /\ b = <<1, 1, 1, 1, 1, 0, 0, 0, 0>>
            /\ x = 0
            Back to state 1: <R line 7, col 6 to line 7, col 68 of module NineSF>
            """;
        var r = Check("NineSF", NineSF, "SPECIFICATION Spec\nPROPERTY Prop\n", 3);
        AssertLasso(expected, r);
        Assert.Equal(1024, r.DistinctStates);
    }

    private const string Prefix = """
        ---- MODULE Prefix ----
        EXTENDS Naturals
        VARIABLE x
        Init == x = 0
        Next == x < 3 /\ x' = x + 1
        NoFair == Init /\ [][Next]_x
        WeakFair == Init /\ [][Next]_x /\ WF_x(Next)
        StateFair == Init /\ [][Next]_x /\ []<>(x \in Nat)
        TableauFair == Init /\ [][Next]_x /\ <>(x \in Nat)
        P1 == [](x = 1 => [](x # 2))
        ====
        """;

    /// <summary>[](x = 1 => [](x # 2)) fails on a finite prefix. TLC reports it while it searches, as a safety
    /// violation (exit 12) after expanding x = 2, only for a behaviour graph that has an error model without
    /// conditions: without fairness or with a fairness formula that goes into the tableau; with a []&lt;&gt;
    /// condition (WF, or []&lt;&gt;P) the violation is found on the complete graph, a stuttering lasso (exit 13).</summary>
    [Theory]
    [InlineData("NoFair", 12)]
    [InlineData("TableauFair", 12)]
    [InlineData("WeakFair", 13)]
    [InlineData("StateFair", 13)]
    public void A_finite_counterexample_is_found_while_searching_only_when_an_error_model_is_empty(string spec, int exit)
    {
        var r = InlineSpec.Check("Prefix", Prefix, $"SPECIFICATION {spec}\nPROPERTY P1\nCHECK_DEADLOCK FALSE\n", new CheckOptions());
        Assert.Equal(exit, r.ExitCode);
        Assert.Equal("Temporal property P1 was violated.", r.Violation.Message);
        var text = TlcText.Format(r).Replace("\r\n", "\n");
        // TLC follows each of its two error lines with a blank line (TLC cc6b616, -workers 1 -fp 0, all four specs).
        Assert.Contains("Error: Temporal property P1 was violated.\n\nError: The following behavior constitutes a counter-example:\n\nState 1: <Initial predicate>\nx = 0\n", text);
        Assert.Equal(4, r.DistinctStates);
        if (exit == 12)
        {
            // TLC: three states, the search stopped after expanding x = 2 (x = 3 still on the queue).
            Assert.Equal(new[] { 0, 1, 2 }, r.Trace.Select(t => (int)((IntValue)t.Values[0]).V));
            Assert.Equal(1, r.StatesLeftOnQueue);
            Assert.Null(r.LoopIndex);
        }
        else
        {
            Assert.Equal(new[] { 0, 1, 2, 3 }, r.Trace.Select(t => (int)((IntValue)t.Values[0]).V));
            Assert.True(r.Stuttering);
            Assert.Equal(0, r.StatesLeftOnQueue);
        }
    }

    private const string Actions = """
        ---- MODULE Actions ----
        EXTENDS Naturals
        VARIABLE x
        Init == x = 0
        Next == x' = (x + 1) % 3
        Spec == Init /\ [][Next]_x /\ WF_x(Next)
        BoxedAfter == (x = 1) => [][x' = 2]_x
        EventuallyFair == <>(x = 2 /\ []<><<Next>>_x)
        Fair2 == WF_x(Next) /\ ((x = 0) => [][Next]_x)
        Spec2 == Init /\ [][Next]_x /\ Fair2
        Often == []<>(x = 1)
        ====
        """;

    /// <summary>TLC classifies each disjunct of (fairness /\ ~property): an action may only be the A of a <>[]A or
    /// []<>A conjunct; one left for the tableau (from P => [][A]_v, a []<>A under <>, or a [][A]_v in the fairness
    /// under an implication) is TLC's error, exit 255.</summary>
    [Theory]
    [InlineData("Spec", "BoxedAfter")]
    [InlineData("Spec", "EventuallyFair")]
    [InlineData("Spec2", "Often")]
    public void An_action_left_for_the_tableau_is_TLCs_error(string spec, string prop)
    {
        var r = InlineSpec.Check("Actions", Actions, $"SPECIFICATION {spec}\nPROPERTY {prop}\n", new CheckOptions());
        Assert.Equal(255, r.ExitCode);
        Assert.Equal(ViolationKind.TlcRefused, r.Violation.Kind);
        Assert.Contains("Temporal formulas containing actions must be of forms <>[]A or []<>A.", r.Violation.Message);
    }

    /// <summary>With a VIEW, a state's fingerprint is its view's (TLC's TLCStateMut.fingerPrint), and TLC orders the
    /// successors in its behaviour graph by it: the lasso follows the view's fingerprints, not the variables'.</summary>
    [Fact]
    public void With_a_view_the_lasso_follows_the_views_fingerprints_as_TLCs()
    {
        const string expected = """
            State 1: <Initial predicate>
            /\ x = (0 :> 0 @@ 1 :> 0 @@ 2 :> 0)
            /\ y = (0 :> 0 @@ 1 :> 0 @@ 2 :> 0)
            /\ pc = (0 :> "a" @@ 1 :> "a" @@ 2 :> "a")
            State 2: <a(1) line 12, col 12 to line 15, col 20 of module Simple>
            /\ x = (0 :> 0 @@ 1 :> 1 @@ 2 :> 0)
            /\ y = (0 :> 0 @@ 1 :> 0 @@ 2 :> 0)
            /\ pc = (0 :> "a" @@ 1 :> "b" @@ 2 :> "a")
            State 3: <a(0) line 12, col 12 to line 15, col 20 of module Simple>
            /\ x = (0 :> 1 @@ 1 :> 1 @@ 2 :> 0)
            /\ y = (0 :> 0 @@ 1 :> 0 @@ 2 :> 0)
            /\ pc = (0 :> "b" @@ 1 :> "b" @@ 2 :> "a")
            State 4: <b(0) line 16, col 12 to line 19, col 20 of module Simple>
            /\ x = (0 :> 1 @@ 1 :> 1 @@ 2 :> 0)
            /\ y = (0 :> 0 @@ 1 :> 0 @@ 2 :> 0)
            /\ pc = (0 :> "Done" @@ 1 :> "b" @@ 2 :> "a")
            State 5: <b(1) line 16, col 12 to line 19, col 20 of module Simple>
            /\ x = (0 :> 1 @@ 1 :> 1 @@ 2 :> 0)
            /\ y = (0 :> 0 @@ 1 :> 1 @@ 2 :> 0)
            /\ pc = (0 :> "Done" @@ 1 :> "Done" @@ 2 :> "a")
            State 6: <a(2) line 12, col 12 to line 15, col 20 of module Simple>
            /\ x = (0 :> 1 @@ 1 :> 1 @@ 2 :> 1)
            /\ y = (0 :> 0 @@ 1 :> 1 @@ 2 :> 0)
            /\ pc = (0 :> "Done" @@ 1 :> "Done" @@ 2 :> "b")
            State 7: Stuttering
            """;
        var withView = Simple.Replace("AllY ==", "View == <<pc, y, x>>\nAllY ==");
        AssertLasso(expected, Check("Simple", withView, "CONSTANT N = 3\nSPECIFICATION Spec\nPROPERTY Termination\nVIEW View\n", 0));
    }
}
