using System.Text;
using System.Text.Json;
using Ops.Tla.Checking;
using Ops.Tla.Values;

namespace Ops.Tla.Output;

/// <summary>
/// The machine-readable result (`ops check -json`): one JSON object with result (success, assumption failure,
/// deadlock failure, safety failure, liveness failure, error), exitCode, statesGenerated, distinctStates, depth,
/// durationMs, violation (kind, property, message, location) and trace (an ITF document, see <see cref="ItfTrace"/>,
/// or null). Also: spec, config, statesLeftOnQueue, workers, complete (false when cancelled or out of time),
/// invariants and properties (the names checked), warnings and output (Print/PrintT lines); with -continue,
/// continued (the violations reported while the search went on); with -coverage, coverage (see
/// <see cref="WriteCoverage"/>).
/// </summary>
public static class JsonReport
{
    public static string Serialize(CheckResult r)
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("result", r.OutcomeText);
            w.WriteNumber("exitCode", r.ExitCode);
            w.WriteString("spec", r.SpecPath);
            if (r.ConfigPath != null) w.WriteString("config", r.ConfigPath);
            w.WriteNumber("statesGenerated", r.StatesGenerated);
            w.WriteNumber("distinctStates", r.DistinctStates);
            w.WriteNumber("statesLeftOnQueue", r.StatesLeftOnQueue);
            w.WriteNumber("depth", r.Depth);
            w.WriteNumber("durationMs", r.DurationMs);
            w.WriteNumber("workers", r.Workers);
            w.WriteBoolean("complete", !r.Incomplete);
            if (r.Simulation is { } sim)
            {
                // -simulate: TLC's figures for the run (statesGenerated is TLC's "states checked").
                w.WriteStartObject("simulation");
                w.WriteNumber("seed", sim.Seed);
                w.WriteNumber("behaviors", sim.Behaviors);
                w.WriteNumber("depth", sim.Depth);
                w.WriteNumber("lengthMean", sim.LengthMean);
                w.WriteEndObject();
            }
            w.WriteStartArray("invariants");
            foreach (var s in r.Invariants) w.WriteStringValue(s);
            w.WriteEndArray();
            w.WriteStartArray("properties");
            foreach (var s in r.Properties) w.WriteStringValue(s);
            w.WriteEndArray();
            if (r.Violation == null) w.WriteNull("violation");
            else
            {
                w.WriteStartObject("violation");
                w.WriteString("kind", KindText(r.Violation.Kind));
                if (r.Violation.Property != null) w.WriteString("property", r.Violation.Property);
                else w.WriteNull("property");
                w.WriteString("message", r.Violation.Message);
                if (r.Violation.Location != null) w.WriteString("location", r.Violation.Location);
                w.WriteEndObject();
            }
            w.WritePropertyName("trace");
            WriteTrace(w, r);
            if (r.Continued.Count > 0)
            {
                // -continue: the violations reported while the search went on (their traces are in the text output).
                w.WriteStartArray("continued");
                foreach (var c in r.Continued)
                {
                    w.WriteStartObject();
                    w.WriteString("kind", KindText(c.Violation.Kind));
                    w.WriteString("property", c.Violation.Property);
                    w.WriteString("message", c.Violation.Message);
                    w.WriteNumber("traceLength", c.Trace.Count);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
            }
            if (r.Coverage != null)
            {
                w.WritePropertyName("coverage");
                WriteCoverage(w, r.Coverage);
            }
            w.WriteStartArray("warnings");
            foreach (var s in r.Warnings) w.WriteStringValue(s);
            w.WriteEndArray();
            w.WriteStartArray("output");
            foreach (var s in r.Output.Concat(r.OutputAfterTrace)) w.WriteStringValue(s);
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(ms.ToArray());
    }

    /// <summary>TLC's coverage statistics (-coverage): <c>variables</c> (name, location, distinctValues) and
    /// <c>actions</c> (kind: init, next, invariant or constraint; name, label, location, formulaLocation, found,
    /// distinct, expressions: location, count, cost, depth). A location is an object: module, line, col, endLine,
    /// endCol.</summary>
    public static void WriteCoverage(Utf8JsonWriter w, CoverageReport c)
    {
        w.WriteStartObject();
        w.WriteBoolean("final", c.Final);
        w.WriteStartArray("variables");
        foreach (var v in c.Variables)
        {
            w.WriteStartObject();
            w.WriteString("name", v.Name);
            WriteLocation(w, "location", v.Location);
            w.WriteNumber("distinctValues", v.DistinctValues);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("actions");
        foreach (var a in c.Actions)
        {
            w.WriteStartObject();
            w.WriteString("kind", a.Kind.ToString().ToLowerInvariant());
            w.WriteString("name", a.Name);
            w.WriteString("label", a.Label);
            WriteLocation(w, "location", a.Location);
            WriteLocation(w, "formulaLocation", a.FormulaLocation);
            w.WriteNumber("found", a.Found);
            w.WriteNumber("distinct", a.Distinct);
            w.WriteStartArray("expressions");
            foreach (var e in a.Expressions)
            {
                w.WriteStartObject();
                WriteLocation(w, "location", e.Location);
                w.WriteNumber("count", e.Count);
                w.WriteNumber("cost", e.Cost);
                w.WriteNumber("depth", e.Depth);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteLocation(Utf8JsonWriter w, string name, CoverageLocation l)
    {
        w.WriteStartObject(name);
        w.WriteString("module", l.Module);
        w.WriteNumber("line", l.Line);
        w.WriteNumber("col", l.Col);
        w.WriteNumber("endLine", l.EndLine);
        w.WriteNumber("endCol", l.EndCol);
        w.WriteEndObject();
    }

    public static string KindText(ViolationKind k) => k switch
    {
        ViolationKind.Invariant => "invariant",
        ViolationKind.ActionProperty => "action property",
        ViolationKind.Deadlock => "deadlock",
        ViolationKind.Assumption => "assumption",
        ViolationKind.Assert => "assert",
        ViolationKind.Temporal => "temporal property",
        ViolationKind.Parse => "parse error",
        ViolationKind.Config => "config error",
        ViolationKind.Unsupported => "unsupported",
        ViolationKind.TlcRefused => "refused by TLC",
        ViolationKind.Cancelled => "cancelled",
        ViolationKind.TimeLimit => "time limit",
        ViolationKind.MemoryBudget => "memory budget",
        ViolationKind.Postcondition => "postcondition",
        _ => "evaluation error",
    };

    /// <summary>The trace as an ITF document (see <see cref="ItfTrace"/>), or null when there is no trace.</summary>
    public static void WriteTrace(Utf8JsonWriter w, CheckResult r) => ItfTrace.Write(w, r);

    /// <summary>One value in the ITF encoding (see <see cref="ItfTrace"/>).</summary>
    public static void WriteValue(Utf8JsonWriter w, Value v) => ItfTrace.WriteValue(w, v);
}
