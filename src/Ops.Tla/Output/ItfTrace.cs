using System.Globalization;
using System.Text;
using System.Text.Json;
using Ops.Tla.Checking;
using Ops.Tla.Values;

namespace Ops.Tla.Output;

/// <summary>
/// Counterexamples in Apalache's Informal Trace Format (ITF, ADR-015): a JSON object with <c>vars</c> (the variable
/// names), <c>states</c> (one object per state mapping every variable to its value) and, for a lasso, <c>loop</c>
/// (the index of the state the cycle returns to). Files end in <c>.itf.json</c>.
/// <para>Value encoding: booleans and strings as JSON; integers as <c>{"#bigint": "n"}</c>; sequences and tuples
/// (functions with domain 1..n) as JSON arrays; records (functions from strings) as JSON objects; other functions as
/// <c>{"#map": [[key, value], ...]}</c>; sets as <c>{"#set": [...]}</c> in TLC's order; model values, infinite sets and
/// operators as <c>{"#unserializable": "text"}</c> with their TLA+ text.</para>
/// </summary>
public static class ItfTrace
{
    public const string FormatDescription = "https://apalache-mc.org/docs/adr/015adr-trace.html";

    /// <summary>The trace of <paramref name="r"/> as an ITF document, or null when the result has no trace.</summary>
    public static string Serialize(CheckResult r, bool indented = true)
    {
        if (r.Trace.Count == 0) return null;
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms, new JsonWriterOptions { Indented = indented }))
            Write(w, r);
        return Encoding.UTF8.GetString(ms.ToArray());
    }

    /// <summary>Writes the ITF file for <paramref name="r"/>'s trace; returns false (and writes nothing) when the
    /// result has no trace.</summary>
    public static bool WriteFile(CheckResult r, string path)
    {
        var doc = Serialize(r);
        if (doc == null) return false;
        File.WriteAllText(path, doc + "\n");
        return true;
    }

    /// <summary>Writes the trace object (or JSON null when there is no trace).</summary>
    public static void Write(Utf8JsonWriter w, CheckResult r)
    {
        if (r.Trace.Count == 0)
        {
            w.WriteNullValue();
            return;
        }
        w.WriteStartObject();
        w.WriteStartObject("#meta");
        w.WriteString("format", "ITF");
        w.WriteString("format-description", FormatDescription);
        if (r.SpecPath != null) w.WriteString("source", Path.GetFileName(r.SpecPath));
        if (r.Violation != null)
        {
            w.WriteString("status", JsonReport.KindText(r.Violation.Kind));
            if (r.Violation.Property != null) w.WriteString("property", r.Violation.Property);
            w.WriteString("description", r.Violation.Message);
        }
        w.WriteString("generator", "Ops model checker");
        w.WriteEndObject();
        w.WriteStartArray("vars");
        foreach (var v in r.Trace[0].Variables) w.WriteStringValue(v);
        w.WriteEndArray();
        w.WriteStartArray("states");
        for (int n = 0; n < r.Trace.Count; n++)
        {
            var s = r.Trace[n];
            w.WriteStartObject();
            w.WriteStartObject("#meta");
            w.WriteNumber("index", n);
            if (s.Action != null) w.WriteString("action", s.Action);
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

    /// <summary>One value in the ITF encoding (see the class summary).</summary>
    public static void WriteValue(Utf8JsonWriter w, Value v)
    {
        switch (v)
        {
            case BoolValue b: w.WriteBooleanValue(b.B); break;
            case IntValue i:
                w.WriteStartObject();
                w.WriteString("#bigint", i.V.ToString(CultureInfo.InvariantCulture));
                w.WriteEndObject();
                break;
            case StringValue s: w.WriteStringValue(s.S); break;
            case SetBase set when set.IsFinite:
            {
                IEnumerable<Value> elements;
                try { elements = set.Elements.ToList(); }
                catch (ValueException) { Unserializable(w, v); break; }
                w.WriteStartObject();
                w.WriteStartArray("#set");
                foreach (var e in elements) WriteValue(w, e);
                w.WriteEndArray();
                w.WriteEndObject();
                break;
            }
            case FcnBase fb:
            {
                FcnValue f;
                try { f = fb.ToFcn(); }
                catch (ValueException) { Unserializable(w, v); break; }
                if (f.IsTuple)
                {
                    w.WriteStartArray();
                    foreach (var e in f.Vals) WriteValue(w, e);
                    w.WriteEndArray();
                }
                else if (f.IsRecord && f.Keys.All(k => !((StringValue)k).S.StartsWith('#')))
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
            case ModelValue m:
                w.WriteStartObject();
                w.WriteString("#unserializable", m.Name);
                w.WriteEndObject();
                break;
            default:
                Unserializable(w, v);
                break;
        }
    }

    private static void Unserializable(Utf8JsonWriter w, Value v)
    {
        string text;
        try { text = v.ToString(); }
        catch (Exception e) when (e is ValueException or InvalidOperationException) { text = v.GetType().Name; }
        w.WriteStartObject();
        w.WriteString("#unserializable", text);
        w.WriteEndObject();
    }
}
