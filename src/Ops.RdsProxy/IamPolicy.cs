using System.Text.Json;
using System.Text.RegularExpressions;

namespace Ops.RdsProxy;

/// <summary>Evaluates an IAM identity policy document for one action on one resource, as IAM does for a single
/// policy: an explicit Deny wins, otherwise some Allow must match (Action/NotAction, Resource/NotResource with * and ?
/// wildcards, and the string/ARN condition operators). Unknown condition operators make a statement not match.</summary>
public sealed class IamPolicy
{
    private readonly List<JsonElement> _statements = new();

    private IamPolicy() { }

    public static IamPolicy Parse(string json)
    {
        var p = new IamPolicy();
        JsonDocument doc;
        try { doc = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true }); }
        catch (JsonException e) { throw new ConfigException($"the role policy is not valid JSON (line {e.LineNumber + 1})"); }
        var root = doc.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("Statement", out var st))
            throw new ConfigException("the role policy has no Statement");
        if (st.ValueKind == JsonValueKind.Array) p._statements.AddRange(st.EnumerateArray());
        else p._statements.Add(st);
        return p;
    }

    public bool IsAllowed(string action, string resource, IReadOnlyDictionary<string, string> context = null)
    {
        context ??= new Dictionary<string, string>();
        bool allowed = false;
        foreach (var s in _statements)
        {
            if (!Matches(s, action, resource, context)) continue;
            var effect = s.TryGetProperty("Effect", out var e) ? e.GetString() : null;
            if (effect == "Deny") return false;
            if (effect == "Allow") allowed = true;
        }
        return allowed;
    }

    private static bool Matches(JsonElement s, string action, string resource, IReadOnlyDictionary<string, string> context)
    {
        if (s.TryGetProperty("Action", out var a) && !Values(a).Any(p => Wildcard(p, action, ignoreCase: true))) return false;
        if (s.TryGetProperty("NotAction", out var na) && Values(na).Any(p => Wildcard(p, action, ignoreCase: true))) return false;
        if (!s.TryGetProperty("Action", out _) && !s.TryGetProperty("NotAction", out _)) return false;
        if (s.TryGetProperty("Resource", out var r) && !Values(r).Any(p => Wildcard(p, resource, ignoreCase: false))) return false;
        if (s.TryGetProperty("NotResource", out var nr) && Values(nr).Any(p => Wildcard(p, resource, ignoreCase: false))) return false;
        if (!s.TryGetProperty("Resource", out _) && !s.TryGetProperty("NotResource", out _)) return false;
        if (s.TryGetProperty("Condition", out var c) && !Conditions(c, context)) return false;
        return true;
    }

    private static bool Conditions(JsonElement c, IReadOnlyDictionary<string, string> context)
    {
        foreach (var op in c.EnumerateObject())
        {
            foreach (var key in op.Value.EnumerateObject())
            {
                var expected = Values(key.Value).ToList();
                var present = context.FirstOrDefault(kv => string.Equals(kv.Key, key.Name, StringComparison.OrdinalIgnoreCase)).Value;
                var name = op.Name.EndsWith("IfExists", StringComparison.Ordinal) ? op.Name[..^8] : op.Name;
                if (present == null)
                {
                    if (op.Name.EndsWith("IfExists", StringComparison.Ordinal) || name is "StringNotEquals" or "StringNotLike" or "ArnNotEquals" or "ArnNotLike") continue;
                    return false;
                }
                bool ok = name switch
                {
                    "StringEquals" or "ArnEquals" => expected.Contains(present, StringComparer.Ordinal),
                    "StringEqualsIgnoreCase" => expected.Contains(present, StringComparer.OrdinalIgnoreCase),
                    "StringNotEquals" or "ArnNotEquals" => !expected.Contains(present, StringComparer.Ordinal),
                    "StringNotEqualsIgnoreCase" => !expected.Contains(present, StringComparer.OrdinalIgnoreCase),
                    "StringLike" or "ArnLike" => expected.Any(p => Wildcard(p, present, false)),
                    "StringNotLike" or "ArnNotLike" => !expected.Any(p => Wildcard(p, present, false)),
                    _ => false,
                };
                if (!ok) return false;
            }
        }
        return true;
    }

    private static IEnumerable<string> Values(JsonElement e) =>
        e.ValueKind == JsonValueKind.Array ? e.EnumerateArray().Select(x => x.ToString()) : new[] { e.ToString() };

    public static bool Wildcard(string pattern, string value, bool ignoreCase)
    {
        var re = "^" + Regex.Escape(pattern).Replace("\\*", ".*").Replace("\\?", ".") + "$";
        return Regex.IsMatch(value, re, (ignoreCase ? RegexOptions.IgnoreCase : RegexOptions.None) | RegexOptions.Singleline | RegexOptions.CultureInvariant);
    }
}
