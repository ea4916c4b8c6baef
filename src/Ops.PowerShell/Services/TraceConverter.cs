using Ops.Tla.Checking;
using Ops.Tla.Values;

namespace Ops.PowerShell;

/// <summary>
/// Turns checker values into plain .NET objects a PowerShell user can navigate:
/// <list type="bullet">
/// <item>integers become <see cref="long"/>, strings <see cref="string"/>, booleans <see cref="bool"/>;</item>
/// <item>model values become their names (strings), so <c>$state.owner.n1</c> works;</item>
/// <item>sets and sequences/tuples become <c>object[]</c> (sets in TLC's order);</item>
/// <item>records and other functions become a <see cref="TlaMap"/> (an ordered dictionary);</item>
/// <item>values with no such form (infinite sets, operators) become their TLA+ text.</item>
/// </list>
/// </summary>
public static class TraceConverter
{
    public static object ToObject(Value v, int depth = 0)
    {
        if (depth > 64) return v.ToString();
        switch (v)
        {
            case null: return null;
            case BoolValue b: return b.B;
            case IntValue i: return i.V;
            case StringValue s: return s.S;
            case ModelValue m: return m.Name;
            case SetBase set when set.IsFinite:
                try { return set.Elements.Select(e => ToObject(e, depth + 1)).ToArray(); }
                catch (ValueException) { return set.ToString(); }
            case FcnBase fb:
            {
                FcnValue f;
                try { f = fb.ToFcn(); }
                catch (ValueException) { return fb.ToString(); }
                if (f.IsTuple) return f.Vals.Select(e => ToObject(e, depth + 1)).ToArray();
                var map = new TlaMap { Text = f.ToString() };
                for (int k = 0; k < f.Size; k++)
                {
                    var key = ToObject(f.Keys[k], depth + 1);
                    if (!map.Contains(key)) map.Add(key, ToObject(f.Vals[k], depth + 1));
                }
                return map;
            }
            default:
                return v.ToString();
        }
    }

    /// <summary>One counterexample state as an object with one entry per variable.</summary>
    public static ModelCheckTraceState ToState(TraceState s)
    {
        var variables = new TlaMap();
        var text = new List<string>();
        for (int i = 0; i < s.Variables.Length; i++)
        {
            variables.Add(s.Variables[i], ToObject(s.Values[i]));
            text.Add(s.Variables[i] + " = " + s.Values[i]);
        }
        return new ModelCheckTraceState(s.Number, s.Action, variables, text);
    }
}

/// <summary>
/// One state of a counterexample: its step, its action, and in PowerShell one property per variable
/// (<c>$r.Trace[-1].balance</c>; Invoke-ModelCheck adds them, see <see cref="VariableProperties"/>). The variables and
/// the TLC text are methods, not properties (<see cref="GetVariables"/>, <see cref="ToTlcText"/>), so the state shows
/// and serializes (ConvertTo-Json) its values once.
/// </summary>
public sealed class ModelCheckTraceState
{
    /// <summary>Names of this class's own properties; a variable with one of these names (compared as PowerShell
    /// compares names, ignoring case) is reachable only as <c>.GetVariables()['name']</c>.</summary>
    public static readonly IReadOnlySet<string> ReservedNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "Step", "Action" };

    public ModelCheckTraceState(int step, string action, TlaMap variables, IReadOnlyList<string> assignments)
    {
        Step = step;
        Action = action;
        _variables = variables;
        Assignments = assignments;
    }

    /// <summary>1-based, as TLC numbers states ("State 3:").</summary>
    public int Step { get; }

    /// <summary>"Initial predicate", or the action and its location ("Next line 50, col 5 to line 57, col 23 of module bank").</summary>
    public string Action { get; }

    private readonly TlaMap _variables;

    /// <summary>Every variable's value, in the specification's order.</summary>
    public TlaMap GetVariables() => _variables;

    private IReadOnlyList<string> Assignments { get; }

    /// <summary>The state as TLC prints it: one "/\ var = value" line per variable.</summary>
    public string ToTlcText() => string.Join(Environment.NewLine, Assignments.Select(a => "/\\ " + a));

    /// <summary>The variables to expose as properties of the state's PowerShell object (all but the reserved names).</summary>
    public IEnumerable<KeyValuePair<string, object>> VariableProperties()
    {
        foreach (System.Collections.DictionaryEntry e in _variables)
        {
            var name = (string)e.Key;
            if (!ReservedNames.Contains(name)) yield return new KeyValuePair<string, object>(name, e.Value);
        }
    }

    /// <summary>One line: "x = 1, owner = (n1 :> 0 @@ n2 :> 0)".</summary>
    public override string ToString() => string.Join(", ", Assignments);
}
