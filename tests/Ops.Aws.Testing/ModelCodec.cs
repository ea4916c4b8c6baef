using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Xml;

namespace Ops.Aws.Testing;

/// <summary>Reads requests and writes answers by the model's shapes, and validates values against them
/// (required members, unknown members, types, enums, lengths, ranges, patterns).</summary>
public static class ModelCodec
{
    // ---------------- validation ----------------

    public static List<string> Validate(ServiceModel model, string shapeName, JsonNode value, string path)
    {
        var errors = new List<string>();
        Validate(model, shapeName, value, path, errors, 0);
        return errors;
    }

    private static void Validate(ServiceModel model, string shapeName, JsonNode value, string path, List<string> errors, int depth)
    {
        if (depth > 40) { errors.Add($"{path}: nested too deep"); return; }
        var shape = model.Shape(shapeName);
        var type = (string)shape["type"];
        if (value == null) { errors.Add($"{path}: null is not a {type}"); return; }
        switch (type)
        {
            case "structure":
            {
                if (value is not JsonObject obj) { errors.Add($"{path}: expected a structure ({shapeName})"); return; }
                var members = shape["members"]!.AsObject();
                foreach (var req in shape["required"]?.AsArray() ?? new JsonArray())
                    if (!obj.ContainsKey((string)req!)) errors.Add($"{path}: missing required member {req} ({shapeName})");
                foreach (var (k, v) in obj)
                {
                    if (members[k] is not JsonObject m) { errors.Add($"{path}: unknown member {k} ({shapeName})"); continue; }
                    Validate(model, (string)m["shape"], v, path.Length == 0 ? k : path + "." + k, errors, depth + 1);
                }
                return;
            }
            case "list":
            {
                if (value is not JsonArray arr) { errors.Add($"{path}: expected a list ({shapeName})"); return; }
                Range(shape, arr.Count, path, "items", errors);
                for (int i = 0; i < arr.Count; i++) Validate(model, (string)shape["member"]!["shape"], arr[i], $"{path}[{i}]", errors, depth + 1);
                return;
            }
            case "map":
            {
                if (value is not JsonObject map) { errors.Add($"{path}: expected a map ({shapeName})"); return; }
                Range(shape, map.Count, path, "entries", errors);
                foreach (var (k, v) in map)
                {
                    Validate(model, (string)shape["key"]!["shape"], JsonValue.Create(k), $"{path}<key>", errors, depth + 1);
                    Validate(model, (string)shape["value"]!["shape"], v, $"{path}[{k}]", errors, depth + 1);
                }
                return;
            }
            case "string":
            {
                if (!IsKind(value, JsonValueKind.String)) { errors.Add($"{path}: expected a string ({shapeName})"); return; }
                var s = value.GetValue<string>();
                Range(shape, new StringInfo(s).LengthInTextElements, path, "characters", errors);
                if (shape["enum"] is JsonArray en && !en.Any(e => (string)e == s))
                    errors.Add($"{path}: '{Short(s)}' is not one of {string.Join(", ", en.Select(e => (string)e))}");
                if (shape["pattern"] is JsonValue pattern && !Matches((string)pattern, s))
                    errors.Add($"{path}: value does not match the pattern {(string)pattern} ({shapeName})");
                return;
            }
            case "integer":
            case "long":
            {
                if (!IsKind(value, JsonValueKind.Number) || !long.TryParse(value.ToJsonString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n)) { errors.Add($"{path}: expected an integer ({shapeName})"); return; }
                if (shape["min"] != null && n < (long)shape["min"]!.GetValue<double>()) errors.Add($"{path}: {n} is below the minimum {shape["min"]}");
                if (shape["max"] != null && n > (long)shape["max"]!.GetValue<double>()) errors.Add($"{path}: {n} is above the maximum {shape["max"]}");
                return;
            }
            case "double":
            case "float":
                if (!IsKind(value, JsonValueKind.Number)) errors.Add($"{path}: expected a number ({shapeName})");
                return;
            case "boolean":
                if (!IsKind(value, JsonValueKind.True) && !IsKind(value, JsonValueKind.False)) errors.Add($"{path}: expected a boolean ({shapeName})");
                return;
            case "timestamp":
                if (!IsKind(value, JsonValueKind.Number) && !(IsKind(value, JsonValueKind.String) && DateTime.TryParse(value.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out _)))
                    errors.Add($"{path}: expected a timestamp ({shapeName})");
                return;
            case "blob":
                if (!IsKind(value, JsonValueKind.String)) { errors.Add($"{path}: expected base64 ({shapeName})"); return; }
                try { Convert.FromBase64String(value.GetValue<string>()); }
                catch (FormatException) { errors.Add($"{path}: not base64 ({shapeName})"); }
                return;
            default:
                errors.Add($"{path}: unsupported shape type {type}");
                return;
        }
    }

    private static bool IsKind(JsonNode n, JsonValueKind k) => n is JsonValue v && v.GetValueKind() == k;

    private static void Range(JsonObject shape, long count, string path, string unit, List<string> errors)
    {
        if (shape["min"] != null && count < shape["min"]!.GetValue<double>()) errors.Add($"{path}: {count} {unit}, the minimum is {shape["min"]}");
        if (shape["max"] != null && count > shape["max"]!.GetValue<double>()) errors.Add($"{path}: {count} {unit}, the maximum is {shape["max"]}");
    }

    private static readonly Dictionary<string, Regex> Patterns = new();

    private static bool Matches(string pattern, string s)
    {
        Regex re;
        lock (Patterns)
        {
            if (!Patterns.TryGetValue(pattern, out re))
            {
                try { re = new Regex(pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)); }
                catch (ArgumentException) { re = null; } // a Java-only construct: not checked
                Patterns[pattern] = re;
            }
        }
        if (re == null) return true;
        try { return re.IsMatch(s); }
        catch (RegexMatchTimeoutException) { return true; }
    }

    private static string Short(string s) => s.Length > 40 ? s[..40] + "..." : s;

    // ---------------- query protocol input ----------------

    /// <summary>Builds the structure of shape from flat query parameters; parameters that no member takes are reported.</summary>
    public static JsonObject ReadQuery(ServiceModel model, string shapeName, IReadOnlyDictionary<string, string> parameters, List<string> errors)
    {
        var used = new HashSet<string> { "Action", "Version" };
        var result = ReadQueryStructure(model, shapeName, "", parameters, used, errors) ?? new JsonObject();
        foreach (var k in parameters.Keys)
            if (!used.Contains(k)) errors.Add($"{k}: no member of {shapeName} takes this parameter");
        return result;
    }

    private static JsonObject ReadQueryStructure(ServiceModel model, string shapeName, string prefix, IReadOnlyDictionary<string, string> p, HashSet<string> used, List<string> errors)
    {
        if (prefix.Length > 0 && !p.Keys.Any(k => k.StartsWith(prefix + ".", StringComparison.Ordinal))) return null;
        var shape = model.Shape(shapeName);
        var obj = new JsonObject();
        foreach (var (name, m) in shape["members"]!.AsObject())
        {
            var wire = (string)m!["locationName"] ?? name;
            var key = prefix.Length == 0 ? wire : prefix + "." + wire;
            var node = ReadQueryValue(model, (string)m["shape"], key, p, used, errors, m["flattened"]?.GetValue<bool>() == true);
            if (node != null) obj[name] = node;
        }
        return obj;
    }

    private static JsonNode ReadQueryValue(ServiceModel model, string shapeName, string key, IReadOnlyDictionary<string, string> p, HashSet<string> used, List<string> errors, bool memberFlattened)
    {
        var shape = model.Shape(shapeName);
        var type = (string)shape["type"];
        switch (type)
        {
            case "structure":
                return ReadQueryStructure(model, shapeName, key, p, used, errors);
            case "list":
            {
                var flattened = memberFlattened || shape["flattened"]?.GetValue<bool>() == true;
                var itemName = (string)shape["member"]!["locationName"] ?? "member";
                var itemPrefix = flattened ? key : key + "." + itemName;
                if (p.TryGetValue(key, out var empty) && empty.Length == 0) { used.Add(key); return new JsonArray(); }
                var arr = new JsonArray();
                for (int i = 1; ; i++)
                {
                    var k = itemPrefix + "." + i;
                    if (!p.ContainsKey(k) && !p.Keys.Any(x => x.StartsWith(k + ".", StringComparison.Ordinal))) break;
                    arr.Add(ReadQueryValue(model, (string)shape["member"]!["shape"], k, p, used, errors, false));
                }
                return arr.Count == 0 ? null : arr;
            }
            case "map":
            {
                var flattened = shape["flattened"]?.GetValue<bool>() == true;
                var entry = flattened ? key : key + ".entry";
                var kn = (string)shape["key"]!["locationName"] ?? "key";
                var vn = (string)shape["value"]!["locationName"] ?? "value";
                var map = new JsonObject();
                for (int i = 1; p.ContainsKey($"{entry}.{i}.{kn}"); i++)
                {
                    used.Add($"{entry}.{i}.{kn}");
                    map[p[$"{entry}.{i}.{kn}"]] = ReadQueryValue(model, (string)shape["value"]!["shape"], $"{entry}.{i}.{vn}", p, used, errors, false);
                }
                return map.Count == 0 ? null : map;
            }
            default:
            {
                if (!p.TryGetValue(key, out var s)) return null;
                used.Add(key);
                switch (type)
                {
                    case "boolean":
                        if (s == "true") return JsonValue.Create(true);
                        if (s == "false") return JsonValue.Create(false);
                        errors.Add($"{key}: '{Short(s)}' is not true or false");
                        return null;
                    case "integer":
                    case "long":
                        if (long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n)) return JsonValue.Create(n);
                        errors.Add($"{key}: '{Short(s)}' is not an integer");
                        return null;
                    case "double":
                    case "float":
                        if (double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)) return JsonValue.Create(d);
                        errors.Add($"{key}: '{Short(s)}' is not a number");
                        return null;
                    default:
                        return JsonValue.Create(s);
                }
            }
        }
    }

    // ---------------- query protocol output ----------------

    public static string WriteQueryResponse(ServiceModel model, string operation, JsonObject output, string requestId)
    {
        var op = model.Operation(operation)!;
        var sb = new StringBuilder();
        using (var w = XmlWriter.Create(sb, new XmlWriterSettings { OmitXmlDeclaration = false, Indent = false }))
        {
            w.WriteStartElement(operation + "Response", model.XmlNamespace);
            if (op["output"] is JsonObject outRef)
            {
                w.WriteStartElement((string)outRef["resultWrapper"] ?? operation + "Result");
                WriteXmlStructure(model, (string)outRef["shape"], output, w);
                w.WriteEndElement();
            }
            w.WriteStartElement("ResponseMetadata");
            w.WriteElementString("RequestId", requestId);
            w.WriteEndElement();
            w.WriteEndElement();
        }
        return sb.ToString();
    }

    private static void WriteXmlStructure(ServiceModel model, string shapeName, JsonObject obj, XmlWriter w)
    {
        var members = model.Shape(shapeName)["members"]!.AsObject();
        foreach (var (name, m) in members)
        {
            if (obj[name] is not { } v) continue;
            var wire = (string)m!["locationName"] ?? name;
            WriteXmlValue(model, (string)m["shape"], wire, v, w, m["flattened"]?.GetValue<bool>() == true);
        }
    }

    private static void WriteXmlValue(ServiceModel model, string shapeName, string element, JsonNode v, XmlWriter w, bool memberFlattened)
    {
        var shape = model.Shape(shapeName);
        switch ((string)shape["type"])
        {
            case "structure":
                w.WriteStartElement(element);
                WriteXmlStructure(model, shapeName, v.AsObject(), w);
                w.WriteEndElement();
                return;
            case "list":
            {
                var flattened = memberFlattened || shape["flattened"]?.GetValue<bool>() == true;
                var itemName = (string)shape["member"]!["locationName"] ?? (flattened ? element : "member");
                if (!flattened) w.WriteStartElement(element);
                foreach (var item in v.AsArray()) WriteXmlValue(model, (string)shape["member"]!["shape"], itemName, item!, w, false);
                if (!flattened) w.WriteEndElement();
                return;
            }
            case "map":
                w.WriteStartElement(element);
                foreach (var (k, val) in v.AsObject())
                {
                    w.WriteStartElement("entry");
                    w.WriteElementString((string)shape["key"]!["locationName"] ?? "key", k);
                    WriteXmlValue(model, (string)shape["value"]!["shape"], (string)shape["value"]!["locationName"] ?? "value", val!, w, false);
                    w.WriteEndElement();
                }
                w.WriteEndElement();
                return;
            case "boolean":
                w.WriteElementString(element, v.GetValue<bool>() ? "true" : "false");
                return;
            case "timestamp":
                w.WriteElementString(element, IsKind(v, JsonValueKind.Number)
                    ? DateTimeOffset.FromUnixTimeMilliseconds((long)(v.GetValue<double>() * 1000)).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)
                    : v.GetValue<string>());
                return;
            default:
                w.WriteElementString(element, v is JsonValue jv && jv.GetValueKind() == JsonValueKind.String ? jv.GetValue<string>() : v.ToJsonString());
                return;
        }
    }

    public static string WriteQueryError(ServiceModel model, string code, string message, string type, string requestId)
    {
        var sb = new StringBuilder();
        using (var w = XmlWriter.Create(sb))
        {
            w.WriteStartElement("ErrorResponse", model.XmlNamespace);
            w.WriteStartElement("Error");
            w.WriteElementString("Type", type);
            w.WriteElementString("Code", code);
            w.WriteElementString("Message", message);
            w.WriteEndElement();
            w.WriteElementString("RequestId", requestId);
            w.WriteEndElement();
        }
        return sb.ToString();
    }
}
