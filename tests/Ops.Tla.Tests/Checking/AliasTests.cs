using Ops.Tla.Checking;
using Ops.Tla.Output;
using Xunit;

namespace Ops.Tla.Tests.Checking;

/// <summary>ALIAS: error traces print the alias record's fields in place of the variables, as TLC does.</summary>
public class AliasTests
{
    private const string Spec = @"---- MODULE Al ----
EXTENDS Naturals, TLC
VARIABLES x, y
Init == x = 0 /\ y = 0
Next == x' = x + 1 /\ y' = y + 2
Inv == x < 2
Alias == [zz |-> x + y, aa |-> x, step |-> x' - x]
Sorted == [x |-> x] @@ [b |-> y]
Broken == [v |-> 1 \div (1 - x)]
NotARecord == <<x, y>>
====";

    private static CheckResult Check(string alias) =>
        InlineSpec.Check("Al", Spec, $"INIT Init\nNEXT Next\nINVARIANT Inv\nALIAS {alias}\n");

    [Fact]
    public void Trace_states_show_the_alias_fields_in_the_order_written()
    {
        var r = Check("Alias");
        Assert.Equal(CheckOutcome.SafetyFailure, r.Outcome);
        Assert.Equal(3, r.Trace.Count);
        Assert.Equal(new[] { "zz", "aa", "step" }, r.Trace[0].Variables);
        var text = TlcText.Format(r);
        Assert.Contains("State 2: <Next line 5, col 9 to line 5, col 32 of module Al>\n/\\ zz = 3\n/\\ aa = 1\n/\\ step = 1\n", text.Replace("\r\n", "\n"));
        // The alias sees the successor in the trace; the last state is its own successor.
        Assert.Equal("1", r.Trace[0].Values[2].ToString());
        Assert.Equal("0", r.Trace[2].Values[2].ToString());
        // The state itself is kept.
        Assert.Equal(new[] { "x", "y" }, r.Trace[2].StateVariables);
        Assert.Equal("4", r.Trace[2].StateValues[1].ToString());
    }

    [Fact]
    public void A_record_built_otherwise_prints_its_fields_in_TLC_order()
    {
        var r = Check("Sorted");
        // TLC orders a record's fields as it orders strings, by first intern: x (a variable) comes before b.
        Assert.Equal(new[] { "x", "b" }, r.Trace[1].Variables);
    }

    [Fact]
    public void A_state_whose_alias_fails_is_printed_with_the_error()
    {
        // TLC (Tool.evalAlias, tla2tools cc6b616): the state's variables and _ALIASEvalError, the error's message
        // (TwoWorkersTlcTests has TLC's whole report of such a trace).
        var r = Check("Broken");
        Assert.Equal(CheckOutcome.SafetyFailure, r.Outcome);
        Assert.Equal(new[] { "v" }, r.Trace[0].Variables);
        Assert.Equal(new[] { "x", "y", "_ALIASEvalError" }, r.Trace[1].Variables); // 1 \div 0
        Assert.Equal("\"The second argument of \\\\div is 0.\"", r.Trace[1].Values[2].ToString());
        Assert.Equal(new[] { "v" }, r.Trace[2].Variables);
    }

    [Fact]
    public void An_alias_that_is_not_a_record_leaves_the_trace_alone()
    {
        var r = Check("NotARecord");
        Assert.All(r.Trace, s => Assert.Equal(new[] { "x", "y" }, s.Variables));
    }

    [Fact]
    public void A_state_of_one_field_is_printed_without_a_bullet_as_TLC_does()
    {
        var text = TlcText.Format(Check("Broken")).Replace("\r\n", "\n");
        Assert.Contains("State 1: <Initial predicate>\nv = 1\n", text);
        Assert.Contains("\n/\\ x = 1\n/\\ y = 2\n", text);
    }

    [Fact]
    public void A_lasso_shows_the_alias_and_its_last_state_sees_the_state_it_goes_back_to()
    {
        const string tla = @"---- MODULE Loop ----
EXTENDS Naturals
VARIABLE x
Init == x = 0
Next == x' = (x + 1) % 2
Spec == Init /\ [][Next]_x /\ WF_x(Next)
Never == <>(x = 5)
Alias == [now |-> x, then |-> x']
====";
        var r = InlineSpec.Check("Loop", tla, "SPECIFICATION Spec\nPROPERTY Never\nALIAS Alias\n");
        Assert.Equal(CheckOutcome.LivenessFailure, r.Outcome);
        Assert.Equal(new[] { "now", "then" }, r.Trace[0].Variables);
        var last = r.Trace.Last(t => t.StateValues != null);
        Assert.Equal("1", last.Values[0].ToString());
        Assert.Equal("0", last.Values[1].ToString());
    }

    [Fact]
    public void The_ITF_trace_carries_the_alias_fields()
    {
        var json = JsonReport.Serialize(Check("Alias"));
        using var doc = System.Text.Json.JsonDocument.Parse(json);
        var trace = doc.RootElement.GetProperty("trace");
        Assert.Equal("zz", trace.GetProperty("vars")[0].GetString());
        Assert.Equal("3", trace.GetProperty("states")[1].GetProperty("zz").GetProperty("#bigint").GetString());
    }
}
