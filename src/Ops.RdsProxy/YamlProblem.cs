using System.Reflection;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;
using YamlDotNet.Serialization;

namespace Ops.RdsProxy;

/// <summary>
/// Says what is wrong with a configuration file that YAML-reads but does not fit the configuration's shape, in the
/// file's words: the key path (<c>proxy.name</c>, <c>auth[1].login</c>), what it must be and what it is ("proxy must
/// be a mapping (key: value lines), not a list"), or the unknown key and the known ones. YamlDotNet's own message
/// names .NET types ("No node deserializer was able to deserialize the node into type Ops.RdsProxy.ProxySettings,
/// Ops.RdsProxy, Version=..."), which mean nothing to the file's author. Values are never quoted: a misplaced one may
/// be a password.
/// </summary>
internal static class YamlProblem
{
    public static string Explain(string yaml, YamlException e, Type rootType, INamingConvention naming)
    {
        if (e is SyntaxErrorException or SemanticErrorException) return FirstLine(e.Message);
        var stream = new YamlStream();
        try { stream.Load(new StringReader(yaml)); }
        catch (YamlException syntax) { return FirstLine(syntax.Message); }
        if (stream.Documents.Count == 0) return FirstLine(e.Message);

        var at = e.Start;
        var node = stream.Documents[0].RootNode;
        var type = rootType;
        var path = "";
        while (true)
        {
            var t = Nullable.GetUnderlyingType(type) ?? type;
            if (node is YamlMappingNode map && (IsObject(t) || IsDictionary(t, out _)))
            {
                // The entry the position falls in: the last whose key starts at or before it (entries are in file order).
                var entry = map.Children.LastOrDefault(kv => !After(kv.Key.Start, at));
                YamlNode next = entry.Key == null ? null : entry.Value;
                if (next != null)
                {
                    var key = (entry.Key as YamlScalarNode)?.Value ?? "";
                    if (IsDictionary(t, out var valueType)) type = valueType;
                    else if (Property(t, key, naming) is PropertyInfo p) type = p.PropertyType;
                    else return $"{Join(path, key)}: unknown key '{key}' ({(path.Length == 0 ? "the file" : path)} takes {string.Join(", ", Keys(t, naming))})";
                    path = Join(path, key);
                }
                if (next == null) break;
                node = next;
            }
            else if (node is YamlSequenceNode seq && ElementType(t) is Type element)
            {
                int i = seq.Children.Count - 1;
                while (i >= 0 && After(seq.Children[i].Start, at)) i--;
                YamlNode next = i >= 0 ? seq.Children[i] : null;
                if (next == null) break;
                path += $"[{i}]";
                type = element;
                node = next;
            }
            else break;
        }
        var expected = Expected(type);
        var name = path.Length == 0 ? "the file" : path;
        var actual = Kind(node);
        return Kind(node) == KindOf(type)
            ? $"{name} must be {expected}"
            : $"{name} must be {expected}, not {actual}";
    }

    private static bool After(Mark m, Mark at) => m.Line > at.Line || m.Line == at.Line && m.Column > at.Column;

    private static string Join(string path, string key) => path.Length == 0 ? key : path + "." + key;

    private static bool IsObject(Type t) => t.IsClass && t != typeof(string) && ElementType(t) == null && !IsDictionary(t, out _);

    private static bool IsDictionary(Type t, out Type valueType)
    {
        var d = t.IsGenericType && t.GetGenericTypeDefinition() == typeof(Dictionary<,>) ? t : null;
        valueType = d?.GetGenericArguments()[1];
        return d != null;
    }

    private static Type ElementType(Type t) =>
        t.IsArray ? t.GetElementType() : t.IsGenericType && t.GetGenericTypeDefinition() == typeof(List<>) ? t.GetGenericArguments()[0] : null;

    private static IEnumerable<PropertyInfo> Members(Type t) =>
        t.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite && p.GetCustomAttribute<YamlIgnoreAttribute>() == null);

    private static PropertyInfo Property(Type t, string key, INamingConvention naming) => Members(t).FirstOrDefault(p => naming.Apply(p.Name) == key);

    private static IEnumerable<string> Keys(Type t, INamingConvention naming) => Members(t).Select(p => naming.Apply(p.Name));

    private static string Kind(YamlNode n) => n switch
    {
        YamlSequenceNode => "a list",
        YamlMappingNode => "a mapping",
        _ => "a single value",
    };

    private static string KindOf(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        if (ElementType(t) != null) return "a list";
        if (IsDictionary(t, out _) || IsObject(t)) return "a mapping";
        return "a single value";
    }

    private static string Expected(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        if (t == typeof(SecretReference)) return "a password reference ({env: VARIABLE} or {vault: NAME, secret: NAME})";
        if (t == typeof(string)) return "a single value (text)";
        if (t == typeof(bool)) return "true or false";
        if (t == typeof(int) || t == typeof(long)) return "a whole number";
        if (ElementType(t) != null) return "a list";
        if (IsDictionary(t, out _) || IsObject(t)) return "a mapping (key: value lines)";
        return "a single value";
    }

    private static string FirstLine(string s) => s.Split('\n')[0].Trim();
}
