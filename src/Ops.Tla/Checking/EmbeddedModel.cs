using System.Reflection;
using Ops.Tla.Semantics;

namespace Ops.Tla.Checking;

/// <summary>The models a domain ships inside its assembly (a .tla and its .cfg files as embedded resources), checked
/// from memory: an installed tool needs no repository and writes no file to check them.</summary>
public static class EmbeddedModel
{
    /// <summary>The text of an embedded resource (UTF-8); a missing one names the resource and the assembly.</summary>
    public static string Text(Assembly assembly, string resource)
    {
        using var s = assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"the embedded model file {resource} is missing from {assembly.GetName().Name}");
        using var r = new StreamReader(s, System.Text.Encoding.UTF8);
        return r.ReadToEnd();
    }

    /// <summary>The modules <paramref name="modules"/> (module name → resource name) of <paramref name="assembly"/>,
    /// read once, as a source to check from (errors name them NAME.tla).</summary>
    public static IModuleSource Modules(Assembly assembly, IReadOnlyDictionary<string, string> modules) =>
        new InMemoryModuleSource(modules.Select(m => KeyValuePair.Create(m.Key, Text(assembly, m.Value))));
}
