using System.Text.Json;
using System.Text.RegularExpressions;

namespace Ops.Tla.Tests.Output;

/// <summary>
/// Checks a document against the Informal Trace Format (Apalache ADR-015): the trace object has "vars" (array of
/// strings) and "states" (array of objects), optional "#meta" (object), "params" (array of strings) and "loop"
/// (an index into states); every state defines every variable (and nothing else but "#meta"); every value is a
/// string, boolean, integer, list, record, or one of {"#bigint": "[-][0-9]+"}, {"#tup": [...]}, {"#set": [...]},
/// {"#map": [[k, v], ...]}, {"#unserializable": "..."}. Returns the problems found (empty when valid).
/// </summary>
public static class ItfSchema
{
    public static List<string> Validate(string json)
    {
        var problems = new List<string>();
        JsonDocument doc;
        try { doc = JsonDocument.Parse(json); }
        catch (JsonException e) { return new List<string> { "not JSON: " + e.Message }; }
        using (doc) Validate(doc.RootElement, problems);
        return problems;
    }

    public static void Validate(JsonElement root, List<string> problems)
    {
        if (root.ValueKind != JsonValueKind.Object) { problems.Add("the trace is not an object"); return; }
        foreach (var p in root.EnumerateObject())
            if (p.Name is not ("#meta" or "params" or "vars" or "states" or "loop"))
                problems.Add($"unknown trace field '{p.Name}'");
        if (root.TryGetProperty("#meta", out var meta) && meta.ValueKind != JsonValueKind.Object) problems.Add("#meta is not an object");
        var paramNames = new List<string>();
        if (root.TryGetProperty("params", out var pars))
        {
            if (pars.ValueKind != JsonValueKind.Array) problems.Add("params is not an array");
            else foreach (var n in pars.EnumerateArray())
                if (n.ValueKind != JsonValueKind.String) problems.Add("params holds a non-string"); else paramNames.Add(n.GetString());
        }
        var vars = new List<string>();
        if (!root.TryGetProperty("vars", out var vs) || vs.ValueKind != JsonValueKind.Array) problems.Add("vars (array of strings) is missing");
        else foreach (var n in vs.EnumerateArray())
            if (n.ValueKind != JsonValueKind.String) problems.Add("vars holds a non-string"); else vars.Add(n.GetString());
        if (!root.TryGetProperty("states", out var states) || states.ValueKind != JsonValueKind.Array)
        {
            problems.Add("states (array) is missing");
            return;
        }
        int count = 0;
        foreach (var s in states.EnumerateArray())
        {
            if (s.ValueKind != JsonValueKind.Object) { problems.Add($"state {count} is not an object"); count++; continue; }
            var names = new HashSet<string>();
            foreach (var p in s.EnumerateObject())
            {
                if (p.Name == "#meta")
                {
                    if (p.Value.ValueKind != JsonValueKind.Object) problems.Add($"state {count}: #meta is not an object");
                    continue;
                }
                names.Add(p.Name);
                if (!vars.Contains(p.Name) && !paramNames.Contains(p.Name)) problems.Add($"state {count}: '{p.Name}' is not in vars");
                ValidateValue(p.Value, $"state {count}.{p.Name}", problems);
            }
            foreach (var v in vars)
                if (!names.Contains(v)) problems.Add($"state {count} does not define variable '{v}'");
            if (count == 0)
                foreach (var v in paramNames)
                    if (!names.Contains(v)) problems.Add($"the initial state does not define parameter '{v}'");
            count++;
        }
        if (root.TryGetProperty("loop", out var loop))
        {
            if (loop.ValueKind != JsonValueKind.Number || !loop.TryGetInt32(out var l)) problems.Add("loop is not an integer");
            else if (l < 0 || l >= count) problems.Add($"loop {l} is not the index of a state");
        }
    }

    private static readonly Regex BigInt = new("^-?[0-9]+$");

    public static void ValidateValue(JsonElement v, string where, List<string> problems)
    {
        switch (v.ValueKind)
        {
            case JsonValueKind.String:
            case JsonValueKind.True:
            case JsonValueKind.False:
                return;
            case JsonValueKind.Number:
                if (!v.TryGetInt64(out var n) || Math.Abs(n) > (1L << 53) - 1) problems.Add($"{where}: {v} is not an integer in JSON's safe range");
                return;
            case JsonValueKind.Array:
                int i = 0;
                foreach (var e in v.EnumerateArray()) ValidateValue(e, $"{where}[{i++}]", problems);
                return;
            case JsonValueKind.Object:
                var props = v.EnumerateObject().ToList();
                var special = props.Where(p => p.Name.StartsWith('#')).ToList();
                if (special.Count == 0)
                {
                    foreach (var p in props) ValidateValue(p.Value, $"{where}.{p.Name}", problems);
                    return;
                }
                if (props.Count != 1) { problems.Add($"{where}: an object with a '#' field must have exactly one field"); return; }
                var s = special[0];
                switch (s.Name)
                {
                    case "#bigint":
                        if (s.Value.ValueKind != JsonValueKind.String || !BigInt.IsMatch(s.Value.GetString())) problems.Add($"{where}: #bigint must be a string of digits");
                        return;
                    case "#tup":
                    case "#set":
                        if (s.Value.ValueKind != JsonValueKind.Array) { problems.Add($"{where}: {s.Name} must be an array"); return; }
                        int k = 0;
                        foreach (var e in s.Value.EnumerateArray()) ValidateValue(e, $"{where}{s.Name}[{k++}]", problems);
                        return;
                    case "#map":
                        if (s.Value.ValueKind != JsonValueKind.Array) { problems.Add($"{where}: #map must be an array"); return; }
                        int m = 0;
                        foreach (var pair in s.Value.EnumerateArray())
                        {
                            if (pair.ValueKind != JsonValueKind.Array || pair.GetArrayLength() != 2) problems.Add($"{where}: #map entry {m} is not a [key, value] pair");
                            else
                            {
                                ValidateValue(pair[0], $"{where}#map[{m}].key", problems);
                                ValidateValue(pair[1], $"{where}#map[{m}].value", problems);
                            }
                            m++;
                        }
                        return;
                    case "#unserializable":
                        if (s.Value.ValueKind != JsonValueKind.String) problems.Add($"{where}: #unserializable must be a string");
                        return;
                    default:
                        problems.Add($"{where}: unknown ITF form {s.Name}");
                        return;
                }
            default:
                problems.Add($"{where}: null is not an ITF value");
                return;
        }
    }
}
