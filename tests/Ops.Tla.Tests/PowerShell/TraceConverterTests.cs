using Ops.PowerShell;
using Ops.Tla.Checking;
using Ops.Tla.Values;
using Xunit;

namespace Ops.Tla.Tests.PowerShell;

/// <summary>Trace states as PowerShell objects: one property per variable, values as plain .NET objects.</summary>
public class TraceConverterTests
{
    private static readonly ModelValueTable Mv = new();

    [Fact]
    public void Scalars_become_long_string_bool_and_model_values_their_names()
    {
        Assert.Equal(42L, TraceConverter.ToObject(IntValue.Of(42)));
        Assert.Equal("open", TraceConverter.ToObject(StringValue.Of("open")));
        Assert.Equal(true, TraceConverter.ToObject(BoolValue.True));
        Assert.Equal("c1", TraceConverter.ToObject(Mv.Get("c1")));
    }

    [Fact]
    public void Sets_and_sequences_become_arrays_records_and_functions_maps()
    {
        var set = SetValue.From(new Value[] { IntValue.Of(3), IntValue.Of(1), IntValue.Of(2) });
        Assert.Equal(new object[] { 1L, 2L, 3L }, TraceConverter.ToObject(set));
        var seq = FcnValue.Tuple(new Value[] { StringValue.Of("a"), StringValue.Of("b") });
        Assert.Equal(new object[] { "a", "b" }, TraceConverter.ToObject(seq));

        var rec = (TlaMap)TraceConverter.ToObject(FcnValue.Record(new[] { "to", "amount" }, new Value[] { Mv.Get("c2"), IntValue.Of(5) }));
        Assert.Equal(5L, rec["amount"]);
        Assert.Equal("c2", rec["to"]);
        Assert.Equal("[amount |-> 5, to |-> c2]", rec.ToString());

        var byModelValue = (TlaMap)TraceConverter.ToObject(FcnValue.FromPairs(new Value[] { Mv.Get("c1"), Mv.Get("c2") }, new Value[] { IntValue.Of(0), IntValue.Of(-1) }));
        Assert.Equal(-1L, byModelValue["c2"]);

        var byInt = (TlaMap)TraceConverter.ToObject(FcnValue.FromPairs(new Value[] { IntValue.Of(0), IntValue.Of(7) }, new Value[] { StringValue.Of("zero"), StringValue.Of("seven") }));
        Assert.Equal("seven", byInt[7]);       // an int32 key finds the long key
        Assert.Equal("zero", byInt[(short)0]);
        Assert.Null(byInt[1]);
        Assert.True(byInt.Contains(7));
        Assert.Equal(2, byInt.Count);
        Assert.Throws<NotSupportedException>(() => byInt.Clear());
    }

    [Fact]
    public void A_state_has_its_variables_in_order_and_TLCs_text()
    {
        var ts = new TraceState
        {
            Number = 2,
            Action = "Next line 5, col 1 to line 6, col 3 of module M",
            Variables = new[] { "x", "state", "Step" },
            Values = new Value[] { IntValue.Of(1), StringValue.Of("open"), BoolValue.False },
        };
        var s = TraceConverter.ToState(ts);
        Assert.Equal(2, s.Step);
        Assert.Equal(ts.Action, s.Action);
        Assert.Equal(new object[] { "x", "state", "Step" }, s.GetVariables().Keys.Cast<object>());
        Assert.Equal("x = 1, state = \"open\", Step = FALSE", s.ToString());
        Assert.Equal("/\\ x = 1" + Environment.NewLine + "/\\ state = \"open\"" + Environment.NewLine + "/\\ Step = FALSE", s.ToTlcText());
        // "Step" collides with the state's own property: reachable only through Variables.
        Assert.Equal(new[] { "x", "state" }, s.VariableProperties().Select(p => p.Key));
        Assert.Equal(false, s.GetVariables()["Step"]);
    }

    [Fact]
    public void Unenumerable_values_become_their_text()
    {
        Assert.Equal("Nat", TraceConverter.ToObject(InfiniteSetValue.Nat));
    }
}
