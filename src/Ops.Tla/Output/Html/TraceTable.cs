using System.Globalization;
using System.Text;
using Ops.Tla.Checking;
using Ops.Tla.Values;

namespace Ops.Tla.Output.Html;

/// <summary>A counterexample to draw: the states, and how the behaviour ends (a lasso's loop, stuttering).</summary>
public sealed class TraceView
{
    public IReadOnlyList<TraceState> States { get; init; } = Array.Empty<TraceState>();
    /// <summary>The model's actions (a state's ActionIndex names its action and location), or null.</summary>
    public IReadOnlyList<ActionInfo> Actions { get; init; }
    public int? LoopIndex { get; init; }
    public bool Stuttering { get; init; }
    /// <summary>The label of the step back into the loop (TLC's "Back to state N: &lt;label&gt;").</summary>
    public string LoopAction { get; init; }
    public int LoopActionIndex { get; init; } = -1;
    /// <summary>The last state violates what was checked (an invariant, a deadlock, an assertion).</summary>
    public bool LastViolates { get; init; }

    public static TraceView Of(CheckResult r) => new()
    {
        States = r.Trace, Actions = r.Actions, LoopIndex = r.LoopIndex, Stuttering = r.Stuttering, LoopAction = r.LoopAction,
        LoopActionIndex = r.LoopActionIndex,
        LastViolates = r.LoopIndex == null && r.Violation?.Kind is ViolationKind.Invariant or ViolationKind.ActionProperty or ViolationKind.Deadlock
            or ViolationKind.Assert or ViolationKind.Evaluation,
    };

    public static TraceView Of(ReportedViolation v, IReadOnlyList<ActionInfo> actions) =>
        new() { States = v.Trace, Actions = actions, LastViolates = true };
}

/// <summary>
/// A counterexample as a table: a row per state (its number, the action that led to it with the action's location),
/// a column per variable; a cell whose value differs from the previous state's is highlighted (class
/// <c>changed</c>). A lasso's loop is marked: the state the behaviour returns to (<c>loop-start</c>), the states of
/// the loop (<c>in-loop</c>) and a last row for the step back (<c>back-edge</c>, its values compared with the last
/// state's); a behaviour that ends stuttering gets a <c>stuttering</c> row.
/// </summary>
public static class TraceTable
{
    /// <param name="nodeOf">The state graph's node of a trace state (0: none), so that rows and nodes link.</param>
    public static void Write(HtmlPage page, TraceView t, Func<TraceState, int> nodeOf = null)
    {
        var states = t.States;
        if (states.Count == 0) return;
        var vars = states[0].Variables;
        page.Open("div", "class", "scroll");
        page.Open("table", "class", "trace", "data-states", states.Count.ToString(CultureInfo.InvariantCulture));
        page.Open("thead").Open("tr");
        page.Element("th", "State").Element("th", "Action");
        foreach (var v in vars) page.Element("th", v, "class", "var");
        page.Close("tr").Close("thead");
        page.Open("tbody");
        for (int i = 0; i < states.Count; i++)
        {
            var s = states[i];
            var cls = new List<string> { "state" };
            if (t.LoopIndex is int li)
            {
                if (i == li) cls.Add("loop-start");
                if (i >= li && !t.Stuttering) cls.Add("in-loop");
            }
            if (i == states.Count - 1 && t.LastViolates) cls.Add("violation");
            int node = nodeOf?.Invoke(s) ?? 0;
            page.Open("tr", "class", string.Join(" ", cls), "id", null, "data-state", s.Number.ToString(CultureInfo.InvariantCulture),
                "data-node", node > 0 ? node.ToString(CultureInfo.InvariantCulture) : null);
            page.Open("td", "class", "step num");
            page.Text(s.Number.ToString(CultureInfo.InvariantCulture));
            if (t.LoopIndex == i)
                page.Element("span", t.Stuttering ? " \u2190 stutters here forever" : " \u21BB loop starts here", "class", "marker");
            page.Close("td");
            ActionCell(page, s.Action, s.ActionIndex, t.Actions);
            var prev = i > 0 ? states[i - 1] : null;
            for (int v = 0; v < vars.Length; v++)
                ValueCell(page, v < s.Values.Length ? s.Values[v] : null, prev != null && v < prev.Values.Length ? prev.Values[v] : null, prev != null);
            page.Close("tr");
        }
        if (t.LoopIndex is int loop && loop < states.Count)
        {
            var last = states[^1];
            if (t.Stuttering)
            {
                page.Open("tr", "class", "stuttering");
                page.Element("td", (last.Number + 1).ToString(CultureInfo.InvariantCulture), "class", "step num");
                page.Open("td", "colspan", (vars.Length + 1).ToString(CultureInfo.InvariantCulture));
                page.Element("span", "Stuttering", "class", "action");
                page.Text($": the behaviour stays in state {last.Number} forever (no step it must take ever happens).");
                page.Close("td").Close("tr");
            }
            else
            {
                var target = states[loop];
                page.Open("tr", "class", "back-edge", "data-state", target.Number.ToString(CultureInfo.InvariantCulture));
                page.Open("td", "class", "step");
                page.Element("span", $"\u21A9 back to state {target.Number}", "class", "marker");
                page.Close("td");
                ActionCell(page, t.LoopAction, t.LoopActionIndex, t.Actions);
                for (int v = 0; v < vars.Length; v++)
                    ValueCell(page, v < target.Values.Length ? target.Values[v] : null, v < last.Values.Length ? last.Values[v] : null, true);
                page.Close("tr");
            }
        }
        page.Close("tbody");
        page.Close("table");
        page.Close("div");
    }

    private static void ActionCell(HtmlPage page, string label, int index, IReadOnlyList<ActionInfo> actions)
    {
        page.Open("td", "class", "action-cell");
        if (index >= 0 && actions != null && index < actions.Count)
        {
            var a = actions[index];
            page.Element("span", a.Name + a.Params, "class", "action");
            if (a.Span.Line > 0) page.Element("span", a.Span.ToTlcString(a.Module), "class", "location");
        }
        else
        {
            page.Element("span", label ?? "", "class", "action");
        }
        page.Close("td");
    }

    private static void ValueCell(HtmlPage page, Value value, Value previous, bool compare)
    {
        bool changed = compare && value != null && (previous == null || !value.Equals(previous));
        var sb = new StringBuilder();
        value?.Print(sb);
        page.Element("td", sb.ToString(), "class", changed ? "value changed" : "value");
    }
}
