using Xunit;
using Ops.Tla.Checking;
using Ops.Tla.Config;

namespace Ops.Tla.Tests.Checking;

/// <summary>The front end as real specifications use it: monolith specs, TLC's config entries, TLCExt.</summary>
public class FrontEndTests
{
    /// <summary>Writes <paramref name="tla"/> as <paramref name="name"/>.tla and checks it with the .tla itself as
    /// the configuration, as TLC does for a monolith spec (config embedded in a CONFIG section).</summary>
    private static CheckResult CheckMonolith(string name, string tla)
    {
        var dir = Path.Combine(Path.GetTempPath(), "ops-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            var path = Path.Combine(dir, name + ".tla");
            File.WriteAllText(path, tla);
            return ModelChecker.Check(path, new CheckOptions { Workers = 1, ConfigPath = path });
        }
        finally
        {
            try { Directory.Delete(dir, true); } catch (IOException) { }
        }
    }

    [Fact]
    public void A_monolith_spec_takes_its_config_and_its_other_modules_from_the_tla_file()
    {
        const string tla = @"---- CONFIG Mono ----
CONSTANT N <- Three
INIT Init NEXT Next
INVARIANT Small
====
---- MODULE Mono ----
EXTENDS Counter
Three == 3
====
---- MODULE Counter ----
EXTENDS Naturals
CONSTANT N
VARIABLE x
Init == x = 0
Next == x' = IF x < N THEN x + 1 ELSE x
Small == x <= N
====
---- CONFIG Other ----
INIT Nope
====
";
        var r = CheckMonolith("Mono", tla);
        Assert.Equal(CheckOutcome.Success, r.Outcome);
        Assert.Equal(4, r.DistinctStates);
        Assert.Equal(5, r.StatesGenerated);
    }

    [Fact]
    public void The_monolith_config_keeps_the_line_numbers_of_the_tla_file()
    {
        var text = ConfigParser.MonolithConfig("---- MODULE A ----\n====\n------ CONFIG A ------\nINIT Init\n=====\nNEXT X\n", "A");
        var c = ConfigParser.Parse(text, "A.tla");
        Assert.Equal(4, c.Init.Span.Line);
        Assert.Null(c.Next);
        Assert.Null(ConfigParser.Parse(ConfigParser.MonolithConfig("---- CONFIG B ----\nINIT I\n====\n", "A"), "A.tla").Init);
    }

    private const string Counter = @"---- MODULE Post ----
EXTENDS Naturals, FiniteSets, TLC, TLCExt
VARIABLE x
Init == x = 0
Next == x < 3 /\ x' = x + 1
Inv == x < 2
Trace3 == ToTrace(CounterExample) = <<[x |-> 0], [x |-> 1], [x |-> 2]>>
NoCe == CounterExample = [state |-> {}, action |-> {}]
Steps == Cardinality(CounterExample.action) = 2
    /\ \A e \in CounterExample.action : e[2].name = ""Next"" /\ e[2].location.beginLine = 5 /\ e[3][1] = e[1][1] + 1
Generated == TLCGet(""generated"") = 4
====";

    [Fact]
    public void Postconditions_see_the_counterexample_of_the_violation_found()
    {
        var r = InlineSpec.Check("Post", Counter, "INIT Init\nNEXT Next\nINVARIANT Inv\nPOSTCONDITIONS Trace3 Steps\n");
        Assert.Equal(CheckOutcome.SafetyFailure, r.Outcome);
        Assert.Equal(12, r.ExitCode);
        Assert.DoesNotContain(r.OutputAfterTrace, l => l.Contains("Postcondition"));
    }

    [Fact]
    public void A_false_postcondition_after_a_violation_is_reported_and_the_violation_keeps_its_exit_code()
    {
        var r = InlineSpec.Check("Post", Counter, "INIT Init\nNEXT Next\nINVARIANT Inv\nPOSTCONDITION NoCe\n");
        Assert.Equal(12, r.ExitCode);
        Assert.Contains(r.OutputAfterTrace, l => l.Contains("Postcondition NoCe at line 8, col 9 to line 8, col 54 of module Post is false."));
    }

    [Fact]
    public void A_false_postcondition_after_a_clean_search_exits_10()
    {
        var ok = InlineSpec.Check("Post", Counter, "INIT Init\nNEXT Next\nCHECK_DEADLOCK FALSE\nPOSTCONDITION NoCe\nPOSTCONDITION Generated\n");
        Assert.Equal(0, ok.ExitCode);
        var r = InlineSpec.Check("Post", Counter, "INIT Init\nNEXT Next\nCHECK_DEADLOCK FALSE\nPOSTCONDITIONS NoCe Trace3\n");
        Assert.Equal(10, r.ExitCode);
        Assert.Equal(CheckOutcome.AssumptionFailure, r.Outcome);
        Assert.Contains("Postcondition Trace3 at line 7", r.Violation.Message);
    }

    private const string Possible = @"---- MODULE Pos ----
EXTENDS Naturals, TLC
VARIABLE x
Init == x \in {0, 1}
Next == x' = 1 \/ x' = 2
One == x = 1
ToOne == x' = 1
Five == x = 5
Jump == x' = x + 3
Counts == TLCGet(""all:named"")[""s:_possible""][1] = [One |-> 4, ToOne |-> 3]
====";

    [Fact]
    public void Possible_predicates_are_counted_on_every_generated_state_and_step()
    {
        // TLC: x = 1 holds in one initial state and in the three steps to x = 1 (states seen before count too).
        var r = InlineSpec.Check("Pos", Possible, "INIT Init\nNEXT Next\n_POSSIBLE One ToOne\nPOSTCONDITION Counts\n");
        Assert.Equal(0, r.ExitCode);
        Assert.Equal(8, r.StatesGenerated);
    }

    [Fact]
    public void A_possible_predicate_that_never_holds_is_a_false_postcondition()
    {
        var r = InlineSpec.Check("Pos", Possible, "INIT Init\nNEXT Next\n_POSSIBLE One Jump Five\n");
        Assert.Equal(10, r.ExitCode);
        Assert.Equal("Postcondition Jump at line 9, col 9 to line 9, col 18 of module Pos is false.", r.Violation.Message);
        var temporal = InlineSpec.Check("Pos", Possible.Replace("Five == x = 5", "Five == <>(x = 5)"), "INIT Init\nNEXT Next\n_POSSIBLE Five\n");
        Assert.Equal(CheckOutcome.Error, temporal.Outcome);
    }

    [Fact]
    public void AssertError_is_true_only_when_its_expression_fails_with_that_message()
    {
        const string tla = @"---- MODULE AE ----
EXTENDS Naturals, TLC, TLCExt
ASSUME AssertError(""The second argument of \\div is 0."", 1 \div 0)
ASSUME ~AssertError(""another message"", 1 \div 0)
ASSUME ~AssertError(""The second argument of \\div is 0."", 1 + 1)
ASSUME LET F(a, b) == a \div b IN AssertError(""The second argument of \\div is 0."", F(2, 0))
====";
        var r = InlineSpec.Check("AE", tla, "");
        Assert.True(r.ExitCode == 0, string.Join("\n", r.Output) + r.Violation?.Message);
    }

    [Fact]
    public void A_nested_module_sees_what_its_enclosing_module_declared_defined_and_extended_before_it()
    {
        // TLC agrees: % and SelectSeq from the outer EXTENDS, the outer K and Two, inside Inner.
        const string tla = @"---- MODULE Sub ----
EXTENDS Naturals, Sequences
CONSTANT K
Two == 2
  ---- MODULE Inner ----
  CONSTANT c
  A == (K + 1) % c
  C == SelectSeq(<<1,2,3>>, LAMBDA e: e < c)
  x $$ y == ((x + y) % c) + Two - 2
  ====
I(c) == INSTANCE Inner
ASSUME I(3)!C = <<1,2>>
ASSUME \A c \in {3} : I(c)!A = 2
ASSUME I(5)!$$(2, 4) = 1
VARIABLE v
Init == v = 0
Next == UNCHANGED v
====
";
        var r = InlineSpec.Check("Sub", tla, "INIT Init NEXT Next\nCONSTANT K = 4\n");
        Assert.True(r.ExitCode == 0, r.Violation?.Message);
        Assert.Equal(2, r.StatesGenerated);
    }

    [Fact]
    public void The_Possible_module_gives_the_counts_and_TLCModelValue_works_in_assumptions()
    {
        const string tla = @"---- MODULE PM ----
EXTENDS Naturals, TLC, TLCExt, _Possible
VARIABLE x
ASSUME TLCModelValue(""mv"") = TLCModelValue(""mv"") /\ ToString(TLCModelValue(""mv"")) = ""mv""
Init == x = 0
Next == x' = (x + 1) % 3
Two == x = 2
Post == _Counts = [Two |-> 1] /\ _CheckName(""Two"")
====";
        var r = InlineSpec.Check("PM", tla, "INIT Init\nNEXT Next\n_POSSIBLE Two\nPOSTCONDITION Post\n");
        Assert.True(r.ExitCode == 0, r.Violation?.Message);
    }

    [Fact]
    public void RealTime_is_found_in_the_standard_library_and_declares_now()
    {
        const string tla = @"---- MODULE UsesRT ----
EXTENDS Naturals, RealTime
VARIABLE x
Init == now = 0 /\ x = 0
Next == now < 3 /\ now' = now + 1 /\ UNCHANGED x
Timed == RTnow(x)
====";
        var r = InlineSpec.Check("UsesRT", tla, "INIT Init\nNEXT Next\nCHECK_DEADLOCK FALSE\n");
        Assert.True(r.ExitCode == 0, r.Violation?.Message);
        Assert.Equal(4, r.DistinctStates);
    }

    [Fact]
    public void TLCGet_all_gives_the_numbered_registers_per_worker()
    {
        const string tla = @"---- MODULE GA ----
EXTENDS Naturals, TLC
ASSUME TLCSet(3, 0) /\ TLCSet(""s:n"", 7)
VARIABLE x
Init == x = 0
Next == TLCSet(3, TLCGet(3) + 1) /\ x' = (x + 1) % 4
Post == TLCGet(""all"") = (3 :> <<4>>) /\ TLCGet(""all:named"") = (""s:n"" :> <<7>>)
====";
        var r = InlineSpec.Check("GA", tla, "INIT Init\nNEXT Next\nPOSTCONDITION Post\n");
        Assert.True(r.ExitCode == 0, r.Violation?.Message);
    }
}
