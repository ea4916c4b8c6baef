using System.Collections;
using System.Text;
using System.Text.Json;

namespace Ops.Aws.Runtime;

/// <summary>AWS JSON 1.0/1.1 bodies from and to the model types. Timestamps are epoch seconds, blobs base64.</summary>
public static class JsonProtocol
{
    public static byte[] Serialize(object request, bool camelCase)
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms))
            WriteValue(w, request, request.GetType(), camelCase);
        return ms.ToArray();
    }

    private static void WriteValue(Utf8JsonWriter w, object v, Type t, bool camel)
    {
        t = Nullable.GetUnderlyingType(t) ?? t;
        switch (v)
        {
            case string s: w.WriteStringValue(s); return;
            case bool b: w.WriteBooleanValue(b); return;
            case int i: w.WriteNumberValue(i); return;
            case long l: w.WriteNumberValue(l); return;
            case double d: w.WriteNumberValue(d); return;
            case DateTime dt: w.WriteNumberValue(new DateTimeOffset(DateTime.SpecifyKind(dt, dt.Kind == DateTimeKind.Unspecified ? DateTimeKind.Utc : dt.Kind)).ToUnixTimeMilliseconds() / 1000.0); return;
            case byte[] bytes: w.WriteBase64StringValue(bytes); return;
        }
        if (WireMembers.MapValueType(t) is { } valueType)
        {
            w.WriteStartObject();
            foreach (DictionaryEntry e in (IDictionary)v)
            {
                w.WritePropertyName((string)e.Key);
                WriteValue(w, e.Value, valueType, camel);
            }
            w.WriteEndObject();
            return;
        }
        if (WireMembers.ListItemType(t) is { } itemType)
        {
            w.WriteStartArray();
            foreach (var item in (IList)v) WriteValue(w, item, itemType, camel);
            w.WriteEndArray();
            return;
        }
        w.WriteStartObject();
        foreach (var m in WireMembers.Of(t))
        {
            var value = m.Property.GetValue(v);
            if (value == null) continue;
            w.WritePropertyName(m.Name(camel));
            WriteValue(w, value, m.Property.PropertyType, camel);
        }
        w.WriteEndObject();
    }

    public static T Deserialize<T>(byte[] body, bool camelCase) where T : new()
    {
        if (body.Length == 0) return new T();
        using var doc = JsonDocument.Parse(body);
        return (T)ReadValue(doc.RootElement, typeof(T), camelCase);
    }

    public static object ReadValue(JsonElement e, Type t, bool camel)
    {
        if (e.ValueKind == JsonValueKind.Null) return null;
        var u = Nullable.GetUnderlyingType(t) ?? t;
        if (u == typeof(string)) return e.ValueKind == JsonValueKind.String ? e.GetString() : e.GetRawText();
        if (u == typeof(bool)) return e.GetBoolean();
        if (u == typeof(int)) return e.GetInt32();
        if (u == typeof(long)) return e.GetInt64();
        if (u == typeof(double)) return e.GetDouble();
        if (u == typeof(byte[])) return e.GetBytesFromBase64();
        if (u == typeof(DateTime))
        {
            if (e.ValueKind == JsonValueKind.Number) return DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(e.GetDouble() * 1000)).UtcDateTime;
            return DateTime.Parse(e.GetString()!, null, System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal);
        }
        if (WireMembers.MapValueType(u) is { } valueType)
        {
            var map = (IDictionary)Activator.CreateInstance(u)!;
            foreach (var p in e.EnumerateObject()) map[p.Name] = ReadValue(p.Value, valueType, camel);
            return map;
        }
        if (WireMembers.ListItemType(u) is { } itemType)
        {
            var list = (IList)Activator.CreateInstance(u)!;
            foreach (var item in e.EnumerateArray()) list.Add(ReadValue(item, itemType, camel));
            return list;
        }
        var obj = Activator.CreateInstance(u)!;
        if (e.ValueKind != JsonValueKind.Object) return obj;
        foreach (var m in WireMembers.Of(u))
        {
            if (e.TryGetProperty(m.Name(camel), out var pe)) m.Property.SetValue(obj, ReadValue(pe, m.Property.PropertyType, camel));
        }
        return obj;
    }

    /// <summary>Error code and message of a JSON error answer (__type may carry a namespace: "ns#Code").</summary>
    public static (string Code, string Message) ReadError(byte[] body, string errorTypeHeader)
    {
        string code = errorTypeHeader, message = null;
        try
        {
            if (body.Length > 0)
            {
                using var doc = JsonDocument.Parse(body);
                var root = doc.RootElement;
                if (root.ValueKind == JsonValueKind.Object)
                {
                    if (root.TryGetProperty("__type", out var t)) code = t.GetString();
                    else if (root.TryGetProperty("code", out var c)) code ??= c.GetString();
                    if (root.TryGetProperty("message", out var m) || root.TryGetProperty("Message", out m)) message = m.GetString();
                }
            }
        }
        catch (JsonException)
        {
            message = null;
        }
        if (code != null)
        {
            code = code.Split(':')[0];
            var hash = code.LastIndexOf('#');
            if (hash >= 0) code = code[(hash + 1)..];
        }
        return (code, message);
    }

    public static string ContentType(string jsonVersion) => "application/x-amz-json-" + jsonVersion;

    internal static string Utf8(byte[] b) => Encoding.UTF8.GetString(b);
}
