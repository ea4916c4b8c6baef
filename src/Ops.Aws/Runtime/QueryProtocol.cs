using System.Collections;
using System.Globalization;
using System.Text;
using System.Xml.Linq;

namespace Ops.Aws.Runtime;

/// <summary>The AWS query protocol: requests as form parameters (lists as Name.member.N), answers as XML
/// (&lt;OpResponse&gt;&lt;OpResult&gt;...). Used by RDS and ELBv2.</summary>
public static class QueryProtocol
{
    public static byte[] Serialize(string action, string version, object request)
    {
        var parameters = new List<KeyValuePair<string, string>> { new("Action", action), new("Version", version) };
        Flatten("", request, request.GetType(), parameters);
        return Encoding.UTF8.GetBytes(string.Join("&", parameters.Select(p => SigV4.UriEncode(p.Key) + "=" + SigV4.UriEncode(p.Value))));
    }

    private static void Flatten(string prefix, object v, Type t, List<KeyValuePair<string, string>> into, string listMember = null)
    {
        t = Nullable.GetUnderlyingType(t) ?? t;
        switch (v)
        {
            case string s: into.Add(new(prefix, s)); return;
            case bool b: into.Add(new(prefix, b ? "true" : "false")); return;
            case int i: into.Add(new(prefix, i.ToString(CultureInfo.InvariantCulture))); return;
            case long l: into.Add(new(prefix, l.ToString(CultureInfo.InvariantCulture))); return;
            case double d: into.Add(new(prefix, d.ToString("R", CultureInfo.InvariantCulture))); return;
            case DateTime dt: into.Add(new(prefix, dt.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture))); return;
            case byte[] bytes: into.Add(new(prefix, Convert.ToBase64String(bytes))); return;
        }
        if (WireMembers.MapValueType(t) is { } valueType)
        {
            int n = 0;
            foreach (DictionaryEntry e in (IDictionary)v)
            {
                n++;
                into.Add(new($"{prefix}.entry.{n}.key", (string)e.Key));
                Flatten($"{prefix}.entry.{n}.value", e.Value, valueType, into);
            }
            return;
        }
        if (WireMembers.ListItemType(t) is { } itemType)
        {
            var list = (IList)v;
            if (list.Count == 0) { into.Add(new(prefix, "")); return; }
            for (int i = 0; i < list.Count; i++) Flatten($"{prefix}.{listMember ?? "member"}.{i + 1}", list[i], itemType, into);
            return;
        }
        foreach (var m in WireMembers.Of(t))
        {
            var value = m.Property.GetValue(v);
            if (value == null) continue;
            Flatten(prefix.Length == 0 ? m.PascalName : prefix + "." + m.PascalName, value, m.Property.PropertyType, into, m.ListMember);
        }
    }

    public static T Deserialize<T>(string action, byte[] body) where T : AwsResponse, new()
    {
        var doc = XDocument.Parse(Encoding.UTF8.GetString(body));
        var root = doc.Root!;
        var result = root.Elements().FirstOrDefault(e => e.Name.LocalName == action + "Result");
        var response = result != null ? (T)ReadStructure(result, typeof(T)) : new T();
        var requestId = root.Elements().FirstOrDefault(e => e.Name.LocalName == "ResponseMetadata")?.Elements().FirstOrDefault(e => e.Name.LocalName == "RequestId")?.Value;
        response.ResponseMetadata = new ResponseMetadata { RequestId = requestId };
        return response;
    }

    private static object ReadStructure(XElement e, Type t)
    {
        var obj = Activator.CreateInstance(t)!;
        foreach (var m in WireMembers.Of(t))
        {
            var child = e.Elements().FirstOrDefault(c => c.Name.LocalName == m.PascalName);
            if (child != null) m.Property.SetValue(obj, ReadValue(child, m.Property.PropertyType));
        }
        return obj;
    }

    private static object ReadValue(XElement e, Type t)
    {
        var u = Nullable.GetUnderlyingType(t) ?? t;
        var text = e.Value;
        if (u == typeof(string)) return text;
        if (u == typeof(bool)) return text.Trim() == "true";
        if (u == typeof(int)) return int.Parse(text, CultureInfo.InvariantCulture);
        if (u == typeof(long)) return long.Parse(text, CultureInfo.InvariantCulture);
        if (u == typeof(double)) return double.Parse(text, CultureInfo.InvariantCulture);
        if (u == typeof(byte[])) return Convert.FromBase64String(text);
        if (u == typeof(DateTime)) return DateTime.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
        if (WireMembers.MapValueType(u) is { } valueType)
        {
            var map = (IDictionary)Activator.CreateInstance(u)!;
            foreach (var entry in e.Elements())
            {
                var k = entry.Elements().FirstOrDefault(x => x.Name.LocalName is "key" or "Key");
                var v = entry.Elements().FirstOrDefault(x => x.Name.LocalName is "value" or "Value");
                if (k != null) map[k.Value] = v == null ? null : ReadValue(v, valueType);
            }
            return map;
        }
        if (WireMembers.ListItemType(u) is { } itemType)
        {
            var list = (IList)Activator.CreateInstance(u)!;
            foreach (var item in e.Elements()) list.Add(ReadValue(item, itemType));
            return list;
        }
        return ReadStructure(e, u);
    }

    public static (string Code, string Message, string Type, string RequestId) ReadError(byte[] body)
    {
        try
        {
            var doc = XDocument.Parse(Encoding.UTF8.GetString(body));
            var error = doc.Descendants().FirstOrDefault(e => e.Name.LocalName == "Error");
            string Child(XElement parent, string name) => parent?.Elements().FirstOrDefault(c => c.Name.LocalName == name)?.Value;
            var requestId = doc.Descendants().FirstOrDefault(e => e.Name.LocalName == "RequestId")?.Value;
            return (Child(error, "Code"), Child(error, "Message"), Child(error, "Type"), requestId);
        }
        catch (System.Xml.XmlException)
        {
            return (null, null, null, null);
        }
    }

    public const string ContentType = "application/x-www-form-urlencoded; charset=utf-8";
}
