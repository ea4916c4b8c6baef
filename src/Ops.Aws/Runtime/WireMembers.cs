using System.Collections.Concurrent;
using System.Reflection;

namespace Ops.Aws.Runtime;

/// <summary>The wire members of a request/response/structure type, found once by reflection.</summary>
internal static class WireMembers
{
    internal sealed record Member(PropertyInfo Property, string PascalName, string CamelName, string ListMember)
    {
        public string Name(bool camel) => camel ? CamelName : PascalName;
    }

    private static readonly ConcurrentDictionary<Type, Member[]> Cache = new();

    public static Member[] Of(Type t) => Cache.GetOrAdd(t, type => type
        .GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Where(p => p.CanRead && p.CanWrite && p.GetCustomAttribute<AwsIgnoreAttribute>() == null)
        .Select(p =>
        {
            var explicitName = p.GetCustomAttribute<AwsNameAttribute>()?.Name;
            var pascal = explicitName ?? p.Name;
            var camel = explicitName ?? char.ToLowerInvariant(p.Name[0]) + p.Name[1..];
            return new Member(p, pascal, camel, p.GetCustomAttribute<AwsListMemberAttribute>()?.Name);
        })
        .ToArray());

    public static Type ListItemType(Type t)
    {
        if (t.IsGenericType && t.GetGenericTypeDefinition() == typeof(List<>)) return t.GetGenericArguments()[0];
        return null;
    }

    public static Type MapValueType(Type t)
    {
        if (t.IsGenericType && t.GetGenericTypeDefinition() == typeof(Dictionary<,>) && t.GetGenericArguments()[0] == typeof(string))
            return t.GetGenericArguments()[1];
        return null;
    }

    public static bool IsScalar(Type t)
    {
        t = Nullable.GetUnderlyingType(t) ?? t;
        return t == typeof(string) || t == typeof(bool) || t == typeof(int) || t == typeof(long) || t == typeof(double)
               || t == typeof(DateTime) || t == typeof(byte[]);
    }
}
