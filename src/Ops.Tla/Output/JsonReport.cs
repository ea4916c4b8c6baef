using System.Text;
using System.Text.Json;
using Ops.Tla.Checking;
using Ops.Tla.Values;

namespace Ops.Tla.Output;

/// <summary>
/// The machine-readable result: one JSON object with result, statesGenerated, distinctStates, depth, durationMs,
/// violation and trace (states in the Informal Trace Format's value encoding, with "loop" for a lasso).
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
            w.WriteStartArray("warnings");
            foreach (var s in r.Warnings) w.WriteStringValue(s);
            w.WriteEndArray();
            w.WriteStartArray("output");
            foreach (var s in r.Output) w.WriteStringValue(s);
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(ms.ToArray());
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
        _ => "evaluation error",
    };

    /// <summary>The trace as an ITF document: {"vars": [...], "states": [...], "loop": n?}.</summary>
    public static void WriteTrace(Utf8JsonWriter w, CheckResult r)
    {
        if (r.Trace.Count == 0)
        {
            w.WriteNullValue();
            return;
        }
        w.WriteStartObject();
        w.WriteStartObject("#meta");
        w.WriteString("format", "ITF");
        w.WriteString("source", r.SpecPath);
        w.WriteEndObject();
        w.WriteStartArray("vars");
        foreach (var v in r.Trace[0].Variables) w.WriteStringValue(v);
        w.WriteEndArray();
        w.WriteStartArray("states");
        foreach (var s in r.Trace)
        {
            w.WriteStartObject();
            w.WriteStartObject("#meta");
            w.WriteNumber("index", s.Number - 1);
            w.WriteString("action", s.Action);
            w.WriteEndObject();
            for (int i = 0; i < s.Variables.Length; i++)
            {
                w.WritePropertyName(s.Variables[i]);
                WriteValue(w, s.Values[i]);
            }
            w.WriteEndObject();
        }
        w.WriteEndArray();
        if (r.LoopIndex.HasValue) w.WriteNumber("loop", r.LoopIndex.Value);
        w.WriteEndObject();
    }

    /// <summary>ITF value encoding: integers as {"#bigint": "n"}, sets {"#set": []}, tuples as arrays, records as
    /// objects, other functions {"#map": [[k, v]]}, model values as {"#unserializable": "name"}.</summary>
    public static void WriteValue(Utf8JsonWriter w, Value v)
    {
        switch (v)
        {
            case BoolValue b: w.WriteBooleanValue(b.B); break;
            case IntValue i:
                w.WriteStartObject();
                w.WriteString("#bigint", i.V.ToString(System.Globalization.CultureInfo.InvariantCulture));
                w.WriteEndObject();
                break;
            case StringValue s: w.WriteStringValue(s.S); break;
            case ModelValue m:
                w.WriteStartObject();
                w.WriteString("#unserializable", m.Name);
                w.WriteEndObject();
                break;
            case SetBase set:
                w.WriteStartObject();
                w.WriteStartArray("#set");
                foreach (var e in set.Elements) WriteValue(w, e);
                w.WriteEndArray();
                w.WriteEndObject();
                break;
            case FcnBase fb:
            {
                var f = fb.ToFcn();
                if (f.IsTuple)
                {
                    w.WriteStartArray();
                    foreach (var e in f.Vals) WriteValue(w, e);
                    w.WriteEndArray();
                }
                else if (f.IsRecord)
                {
                    w.WriteStartObject();
                    for (int i = 0; i < f.Size; i++)
                    {
                        w.WritePropertyName(((StringValue)f.Keys[i]).S);
                        WriteValue(w, f.Vals[i]);
                    }
                    w.WriteEndObject();
                }
                else
                {
                    w.WriteStartObject();
                    w.WriteStartArray("#map");
                    for (int i = 0; i < f.Size; i++)
                    {
                        w.WriteStartArray();
                        WriteValue(w, f.Keys[i]);
                        WriteValue(w, f.Vals[i]);
                        w.WriteEndArray();
                    }
                    w.WriteEndArray();
                    w.WriteEndObject();
                }
                break;
            }
            default:
                w.WriteStartObject();
                w.WriteString("#unserializable", v.ToString());
                w.WriteEndObject();
                break;
        }
    }
}
