using System.Text.Json;
using System.Text.RegularExpressions;

namespace Ops.RdsProxy;

public enum SecretFormat
{
    Ok,
    NotJson,
    NoUsername,
    WrongUsername,
    NoPassword,
}

/// <summary>What RDS Proxy will make of a secret's value for a login, described without the value: a JSON object with
/// "username" equal to the login and a non-empty "password" is the only form it accepts.</summary>
public static class SecretInspection
{
    public static (SecretFormat Format, string Detail) Inspect(string value, string login)
    {
        if (value == null) return (SecretFormat.NotJson, "it has no SecretString (a binary secret)");
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(value);
        }
        catch (JsonException)
        {
            if (Regex.IsMatch(value, @"^\s*\{\s*'"))
                return (SecretFormat.NotJson, "it holds a Python dict's text ({'username': ..., 'password': ...} with single quotes), not JSON");
            return (SecretFormat.NotJson, "it is not JSON");
        }
        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind == JsonValueKind.String)
                return (SecretFormat.NotJson, "it is a JSON string that holds the object's text (encoded twice), not a JSON object");
            if (root.ValueKind != JsonValueKind.Object) return (SecretFormat.NotJson, $"it is a JSON {root.ValueKind.ToString().ToLowerInvariant()}, not an object");
            if (!root.TryGetProperty("username", out var u) || u.ValueKind != JsonValueKind.String || u.GetString()!.Length == 0)
                return (SecretFormat.NoUsername, "it has no \"username\"");
            if (u.GetString() != login)
                return (SecretFormat.WrongUsername, $"its \"username\" is '{u.GetString()}', not '{login}'");
            if (!root.TryGetProperty("password", out var p) || p.ValueKind != JsonValueKind.String || p.GetString()!.Length == 0)
                return (SecretFormat.NoPassword, "it has no non-empty \"password\"");
            return (SecretFormat.Ok, "a JSON object with the login's username and a password");
        }
    }
}
