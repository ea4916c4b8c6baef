using Ops.Tla.Checking;
using Xunit;

namespace Ops.Tla.Tests.Checking;

/// <summary>What TLC reports around the end of a search, each figure taken from TLC (cc6b616, one worker) on the same
/// specs: the states left on the queue at a violation (the violating successor is never enqueued), TLCGet("stats")
/// in the breadth-first search, and POSTCONDITIONs that are constant or fail to evaluate.</summary>
public class QueueAndPostconditionTests
{
    private const string Counter = """
        ---- MODULE Q ----
        EXTENDS Naturals, TLC
        VARIABLES x, y
        Init == x = 0 /\ y = 0
        Next == \/ x' = x + 1 /\ y' = y
                \/ y' = y + 1 /\ x' = x
                \/ x' = x + 2 /\ y' = y + 1
        Inv == x + y < 7
        ActProp == [][x' - x < 2 \/ y > 2]_<<x, y>>
        Bad == IF x = 3 /\ y = 2 THEN 1 \div 0 = 1 ELSE TRUE
        ====
        """;

    [Theory]
    // TLC: "22 states generated, 15 distinct states found, 7 states left on queue."
    [InlineData("INVARIANT Inv", 22, 15, 7)]
    // TLC: "4 states generated, 4 distinct states found, 2 states left on queue."
    [InlineData("PROPERTY ActProp", 4, 4, 2)]
    // An invariant that fails to evaluate on a new state. TLC: "19 states generated, 14 distinct states found, 7 states left on queue."
    [InlineData("INVARIANT Bad", 19, 14, 7)]
    public void The_violating_successor_is_not_left_on_the_queue(string check, long generated, long distinct, long queue)
    {
        var r = InlineSpec.Check("Q", Counter, "INIT Init\nNEXT Next\n" + check + "\n");
        Assert.NotEqual(CheckOutcome.Success, r.Outcome);
        Assert.Equal((generated, distinct, queue), (r.StatesGenerated, r.DistinctStates, r.StatesLeftOnQueue));
    }

    private const string Steps = """
        ---- MODULE P ----
        EXTENDS Naturals, TLC
        VARIABLES x
        Init == x = 0
        Next == x < 3 /\ x' = x + 1
        Stats == TLCGet("stats")
        Exact == Stats.distinct = 4 /\ Stats.generated = 4 /\ Stats.queue = 0 /\ Stats.diameter = 4 /\ Stats.duration >= 0
                 /\ Stats.initial = 1 /\ Stats.worker = 0
                 /\ DOMAIN Stats = {"distinct", "generated", "queue", "diameter", "duration", "worker", "initial"}
        TooMany == Stats.distinct = 100
        False == FALSE
        Fails == 1 \div 0 = 1
        ====
        """;

    private static CheckResult Post(string name) =>
        InlineSpec.Check("P", Steps, $"INIT Init\nNEXT Next\nPOSTCONDITION {name}\nCHECK_DEADLOCK FALSE\n");

    [Fact]
    public void TLCGet_stats_gives_the_search_figures_in_a_postcondition()
    {
        // TLC: exit 0 for Exact; exit 10 "Postcondition TooMany ... is false." for TooMany.
        var ok = Post("Exact");
        Assert.True(ok.Outcome == CheckOutcome.Success, ok.Violation?.Message);
        var r = Post("TooMany");
        Assert.Equal(10, r.ExitCode);
        Assert.Equal(ViolationKind.Postcondition, r.Violation.Kind);
        Assert.StartsWith("Postcondition TooMany at line 10, col 12 to line 10, col 31 of module P is false.", r.Violation.Message);
    }

    [Fact]
    public void A_postcondition_that_fails_to_evaluate_is_TLCs_assumption_evaluation_error()
    {
        // TLC: "Error: Evaluating postcondition Fails at line 12, col 10 to line 12, col 21 of module P failed."
        // then the evaluation's message, the counts, exit 10.
        var r = Post("Fails");
        Assert.Equal(10, r.ExitCode);
        Assert.StartsWith("Evaluating postcondition Fails at line 12, col 10 to line 12, col 21 of module P failed.", r.Violation.Message);
        Assert.Contains("The second argument of \\div is 0.", r.Violation.Message);
        Assert.Empty(r.Trace);
        Assert.Equal((4L, 4L), (r.StatesGenerated, r.DistinctStates));
    }

    [Fact]
    public void A_constant_postcondition_is_refused_as_TLC_refuses_it()
    {
        // TLC evaluates constant definitions before the search; a postcondition that became a value that way is
        // "The post condition False cannot be a constant." after the search, exit 255.
        var r = Post("False");
        Assert.Equal(255, r.ExitCode);
        Assert.Contains("The post condition False cannot be a constant.", r.Violation.Message);
        Assert.Equal((4L, 4L), (r.StatesGenerated, r.DistinctStates));
    }

    [Fact]
    public void After_a_simulation_a_constant_postcondition_is_a_configuration_error_and_a_failing_one_exit_10()
    {
        // TLC -simulate num=3 -depth 5 -seed 1: "Error: The post condition False cannot be a constant." exit 151;
        // "Evaluating postcondition Fails ... failed." exit 10.
        var dir = Path.Combine(Path.GetTempPath(), "ops-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            File.WriteAllText(Path.Combine(dir, "P.tla"), Steps);
            CheckResult Simulate(string name)
            {
                File.WriteAllText(Path.Combine(dir, name + ".cfg"), $"INIT Init\nNEXT Next\nPOSTCONDITION {name}\nCHECK_DEADLOCK FALSE\n");
                return ModelChecker.Check(Path.Combine(dir, "P.tla"), new CheckOptions
                {
                    ConfigPath = Path.Combine(dir, name + ".cfg"),
                    Simulation = new SimulationOptions { Behaviors = 3 },
                    Depth = 5,
                    Seed = 1,
                });
            }
            var constant = Simulate("False");
            Assert.Equal(151, constant.ExitCode);
            Assert.Equal("The post condition False cannot be a constant.", constant.Violation.Message);
            var failing = Simulate("Fails");
            Assert.Equal(10, failing.ExitCode);
            Assert.StartsWith("Evaluating postcondition Fails at line 12, col 10 to line 12, col 21 of module P failed.", failing.Violation.Message);
        }
        finally
        {
            try { Directory.Delete(dir, true); } catch (IOException) { }
        }
    }
}
