using System.Text;
using System.Text.Json;
using Ops.Tla.Checking;
using Ops.Tla.Values;

namespace Ops.Tla.Output;

/// <summary>
/// TLC's <c>-dumpTrace json FILE</c>: <c>{"counterexample":{"action":[[[1,STATE],{"name":..,"location":{..}},[2,STATE]],
/// ...],"state":[[1,STATE],...]},"vars":[..]}</c> on one line, a state as an object of its variables, "vars" the
/// variables in declaration order. Values as TLC's JSON module writes them: integers and booleans as JSON, strings as
/// JSON strings, sequences and tuples as arrays, records as objects, sets as arrays (in TLC's order), other functions
/// as objects keyed by the keys' text, model values as their name.
/// </summary>
public static class CounterExampleJson
{
    /// <summary>Writes the file; false (nothing written) when the result has no counterexample.</summary>
    public static bool WriteFile(CheckResult r, string path)
    {
        if (r.Trace.Count == 0) return false;
        File.WriteAllText(path, Serialize(r), new UTF8Encoding(false));
        return true;
    }

    public static string Serialize(CheckResult r)
    {
        var (states, steps) = CounterExampleSteps.Of(r);
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteStartObject("counterexample");
            w.WriteStartArray("action");
            foreach (var s in steps)
            {
                w.WriteStartArray();
                WriteState(w, s.From);
                w.WriteStartObject();
                w.WriteString("name", s.Action.Name);
                w.WriteStartObject("location");
                w.WriteNumber("beginLine", s.Action.Span.Line);
                w.WriteNumber("beginColumn", s.Action.Span.Col);
                w.WriteNumber("endLine", s.Action.Span.EndLine);
                w.WriteNumber("endColumn", s.Action.Span.EndCol);
                w.WriteString("module", s.Action.Module);
                w.WriteEndObject();
                w.WriteEndObject();
                WriteState(w, s.To);
                w.WriteEndArray();
            }
            w.WriteEndArray();
            w.WriteStartArray("state");
            foreach (var s in states) WriteState(w, s);
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteStartArray("vars");
            foreach (var v in states[0].Variables) w.WriteStringValue(v);
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(ms.ToArray());
    }

    private static void WriteState(Utf8JsonWriter w, CounterExampleSteps.State s)
    {
        w.WriteStartArray();
        w.WriteNumberValue(s.Number);
        w.WriteStartObject();
        for (int i = 0; i < s.Variables.Length; i++)
        {
            w.WritePropertyName(s.Variables[i]);
            WriteValue(w, s.Values[i]);
        }
        w.WriteEndObject();
        w.WriteEndArray();
    }

    public static void WriteValue(Utf8JsonWriter w, Value v)
    {
        switch (v)
        {
            case BoolValue b: w.WriteBooleanValue(b.B); break;
            case IntValue i: w.WriteRawValue(i.V.ToString(System.Globalization.CultureInfo.InvariantCulture)); break;
            case StringValue s: w.WriteStringValue(s.S); break;
            case SetBase set when set.IsFinite:
                w.WriteStartArray();
                foreach (var e in set.Elements.ToList()) WriteValue(w, e);
                w.WriteEndArray();
                break;
            case FcnBase fb:
            {
                var f = fb.ToFcn();
                if (f.IsTuple)
                {
                    w.WriteStartArray();
                    foreach (var e in f.Vals) WriteValue(w, e);
                    w.WriteEndArray();
                    break;
                }
                w.WriteStartObject();
                for (int i = 0; i < f.Size; i++)
                {
                    var k = f.Keys[i];
                    if (k is StringValue ks) w.WritePropertyName(ks.S);
                    else
                    {
                        var sb = new StringBuilder();
                        k.Print(sb);
                        w.WritePropertyName(sb.ToString());
                    }
                    WriteValue(w, f.Vals[i]);
                }
                w.WriteEndObject();
                break;
            }
            default:
            {
                var sb = new StringBuilder();
                v.Print(sb);
                w.WriteStringValue(sb.ToString());
                break;
            }
        }
    }
}
