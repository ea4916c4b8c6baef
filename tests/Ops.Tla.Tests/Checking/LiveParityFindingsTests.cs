using Ops.Tla.Checking;
using Ops.Tla.Output;
using Xunit;

namespace Ops.Tla.Tests.Checking;

/// <summary>
/// Differences with TLC around liveness runs (docs/differential-testing.md, "Liveness runs against TLC, round 4"):
/// constants named as properties or invariants, the POSTCONDITION after a counterexample, the blank lines of TLC's
/// liveness counterexample. Expected exit codes, counts and text are what TLC printed (tla2tools cc6b616,
/// -workers 1 -fp 0).
/// </summary>
public class LiveParityFindingsTests
{
    private const string Constants = """
        ---- MODULE PV ----
        EXTENDS Naturals
        VARIABLE x
        Init == x = 0
        Next == x' = (x + 1) % 3
        Spec == Init /\ [][Next]_x
        Q == 3
        P == {0}
        ====
        """;

    private static CheckResult CheckProperty(string body, string cfg = "SPECIFICATION Spec\nPROPERTY P\n") =>
        InlineSpec.Check("PV", Constants.Replace("P == {0}", "P == " + body), cfg);

    /// <summary>A property named in the configuration whose definition is a numeral or string literal: TLC leaves the
    /// definition in place (it folds every other constant definition into its value), so it is a constant-level
    /// property checked on the initial states, where it is not a Boolean: "TLC expected a boolean value, but did not
    /// find one. 3", exit 75, 1 generated / 1 distinct. Ops said "The operator P, which equals 3, cannot be used as a
    /// property" (151).</summary>
    [Theory]
    [InlineData("3")]
    [InlineData("\"a\"")]
    public void A_property_defined_as_a_numeral_or_string_is_evaluated_on_the_initial_states(string body)
    {
        var r = CheckProperty(body);
        Assert.Equal(75, r.ExitCode);
        Assert.Equal(1, r.StatesGenerated);
        Assert.Equal(1, r.DistinctStates);
    }

    /// <summary>Any other constant that is not a Boolean: TLC_CONFIG_ID_HAS_VALUE at the configured name ("The
    /// property of P is equal to {1}"); inside the formula, a constant definition TLC reaches
    /// (TLC_CONFIG_OP_IS_EQUAL, its message broken over two lines), also after a conjunct TLC cannot fold (Q /\ TRUE
    /// fails to evaluate, so TLC walks it). Ops said "The operator P, which equals ..." for the first and failed
    /// evaluating Q /\ TRUE (75) for the second.</summary>
    [Theory]
    [InlineData("{1}", "The property of P is equal to {1}")]
    [InlineData("1 + 2", "The property of P is equal to 3")]
    [InlineData("Q", "The property of P is equal to 3")]
    [InlineData("FALSE", "The property of P is equal to FALSE")]
    [InlineData("Q /\\ TRUE", "The operator Q, which equals 3,\ncannot be used as a property")]
    [InlineData("<>[](x = 0) /\\ Q", "The operator Q, which equals 3,\ncannot be used as a property")]
    public void A_constant_property_that_is_not_TRUE_is_TLCs_configuration_error(string body, string message)
    {
        var r = CheckProperty(body);
        Assert.Equal(151, r.ExitCode);
        Assert.Equal(message, r.Violation.Message);
    }

    /// <summary>The same rule for INVARIANT, CONSTRAINT and ACTION_CONSTRAINT (processConfigInvariants,
    /// processModelConstraints, processActionConstraints): I == {1} is "The invariant of I is equal to {1}" (151),
    /// where Ops evaluated it on the initial state (75); I == 3 stays a definition, evaluated on the initial state (75,
    /// 1 generated).</summary>
    [Theory]
    [InlineData("INVARIANT", "invariant")]
    [InlineData("CONSTRAINT", "constraint")]
    [InlineData("ACTION_CONSTRAINT", "action constraint")]
    public void A_constant_invariant_or_constraint_that_is_not_a_Boolean_is_TLCs_configuration_error(string section, string what)
    {
        var set = CheckProperty("{1}", $"SPECIFICATION Spec\n{section} P\n");
        Assert.Equal(151, set.ExitCode);
        Assert.Equal($"The {what} of P is equal to {{1}}", set.Violation.Message);
    }

    [Fact]
    public void A_numeral_invariant_stays_a_definition_evaluated_on_the_initial_state()
    {
        var numeral = CheckProperty("3", "SPECIFICATION Spec\nINVARIANT P\n");
        Assert.Equal(75, numeral.ExitCode);
        Assert.Equal(1, numeral.StatesGenerated);
    }

    private const string LivePost = """
        ---- MODULE LivePost ----
        EXTENDS Naturals, TLC
        VARIABLE x
        Init == x = 0
        Next == x < 3 /\ x' = x + 1
        Spec == Init /\ [][Next]_x
        Prop == <>[](x = 2)
        Inv == x < 2
        Post == PrintT(TLCGet("level")) /\ FALSE
        ====
        """;

    /// <summary>TLC evaluates the POSTCONDITION once the counterexample is printed (LiveWorker, and after a safety
    /// violation's trace), in its empty state: TLCGet("level") is 0. Its PrintT output and "Error: Postcondition ...
    /// is false." follow the trace (for a lasso, after the stuttering warning, with no blank line after either). Ops
    /// printed them before the trace, with TLCGet("level") the search's depth (4).</summary>
    [Fact]
    public void A_postcondition_after_a_liveness_counterexample_follows_the_trace_at_level_0()
    {
        var r = InlineSpec.Check("LivePost", LivePost, "SPECIFICATION Spec\nPROPERTY Prop\nPOSTCONDITION Post\nCHECK_DEADLOCK FALSE\n",
            new CheckOptions { FingerprintIndex = 0 });
        Assert.Equal(13, r.ExitCode);
        Assert.Empty(r.Output);
        var text = TlcText.Format(r).Replace("\r\n", "\n");
        var expected = """
            Error: Temporal property Prop was violated.

            Error: The following behavior constitutes a counter-example:

            State 1: <Initial predicate>
            x = 0

            State 2: <Next line 5, col 9 to line 5, col 27 of module LivePost>
            x = 1

            State 3: <Next line 5, col 9 to line 5, col 27 of module LivePost>
            x = 2

            State 4: <Next line 5, col 9 to line 5, col 27 of module LivePost>
            x = 3

            State 5: Stuttering
            Warning: The stuttering counterexample above may be caused by the absence of a fairness constraint in the behavior specification Spec defined at line 6, col 1 to line 6, col 26 of module LivePost. To rule out such counterexamples, conjoin a suitable fairness constraint to Spec (compare Chapter 8, page 87ff of Specifying Systems at https://lamport.azurewebsites.net/tla/book.html).
            (Use the -nowarning option to disable this warning.)
            0
            Error: Postcondition Post at line 9, col 9 to line 9, col 40 of module LivePost is false.
            4 states generated, 4 distinct states found, 0 states left on queue.
            The depth of the complete state graph search is 4.

            """.Replace("\r\n", "\n");
        Assert.StartsWith(expected, text.Substring(text.IndexOf("Error: Temporal", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_postcondition_after_an_invariant_violation_follows_the_trace_at_level_0()
    {
        var r = InlineSpec.Check("LivePost", LivePost, "SPECIFICATION Spec\nINVARIANT Inv\nPOSTCONDITION Post\nCHECK_DEADLOCK FALSE\n");
        Assert.Equal(12, r.ExitCode);
        var text = TlcText.Format(r).Replace("\r\n", "\n");
        Assert.Contains("State 3: <Next line 5, col 9 to line 5, col 27 of module LivePost>\nx = 2\n\n0\n"
            + "Error: Postcondition Post at line 9, col 9 to line 9, col 40 of module LivePost is false.\n"
            + "3 states generated, 3 distinct states found, 0 states left on queue.\n", text);
    }

    private const string CeParams = """
        ---- MODULE CeParams ----
        EXTENDS Naturals, TLC, TLCExt
        CONSTANT Procs
        VARIABLE x
        Init == x = 0
        Step(p, q) == x < 2 /\ x' = x + 1
        Next == \E p \in Procs : Step(p, p)
        Spec == Init /\ [][Next]_x
        Prop == <>(x = 5)
        A == CHOOSE pr \in Procs : TRUE
        StepRec == [ name |-> "Step",
                     location |-> [ beginLine |-> 6, beginColumn |-> 15, endLine |-> 6, endColumn |-> 33, module |-> "CeParams" ],
                     context |-> [p |-> A, q |-> A],
                     parameters |-> <<"p", "q">> ]
        Post == CounterExample =
            [ action |-> { << <<1, [x |-> 0]>>, StepRec, <<2, [x |-> 1]>> >>,
                           << <<2, [x |-> 1]>>, StepRec, <<3, [x |-> 2]>> >>,
                           << <<3, [x |-> 2]>>, StepRec, <<3, [x |-> 2]>> >> },
              state |-> {<<1, [x |-> 0]>>, <<2, [x |-> 1]>>, <<3, [x |-> 2]>>} ]
        ====
        """;

    /// <summary>TLCExt!CounterExample as TLC builds it (the value TLC printed for this lasso, PrintT(CounterExample)):
    /// the record of an action with arguments has its definition's parameters bound to their values (context) and
    /// their names (parameters), the \E's own identifier not among them; a stuttering lasso is closed by the action of
    /// its last step. Ops had name and location only, and UnnamedAction for the stuttering edge, so TLC's regression
    /// models' postconditions (Prisoners, BlockingQueuePoisonApple, CodePlexBug08's MCa) were false in Ops.</summary>
    [Fact]
    public void The_counterexample_of_a_lasso_has_TLCs_action_records()
    {
        var r = InlineSpec.Check("CeParams", CeParams, "CONSTANT Procs = {a}\nSPECIFICATION Spec\nPROPERTY Prop\nPOSTCONDITION Post\nCHECK_DEADLOCK FALSE\n",
            new CheckOptions { FingerprintIndex = 0 });
        Assert.Equal(13, r.ExitCode);
        Assert.True(r.Stuttering);
        Assert.DoesNotContain(r.OutputAfterTrace, l => l.Contains("Postcondition"));
    }

    /// <summary>TLC's lasso ends "Back to state N: &lt;A&gt;" and a blank line; a stuttering one ends "State N:
    /// Stuttering" without one (here with fairness, so without the warning).</summary>
    [Fact]
    public void A_stuttering_lasso_ends_without_a_blank_line()
    {
        var r = InlineSpec.Check("LivePost", LivePost.Replace("Inv == x < 2", "Fair == Spec /\\ WF_x(Next)"),
            "SPECIFICATION Fair\nPROPERTY Prop\nCHECK_DEADLOCK FALSE\n", new CheckOptions { FingerprintIndex = 0 });
        Assert.Equal(13, r.ExitCode);
        var text = TlcText.Format(r).Replace("\r\n", "\n");
        Assert.Contains("x = 3\n\nState 5: Stuttering\n4 states generated, 4 distinct states found, 0 states left on queue.\n", text);
    }
}
