using System.Collections.Concurrent;
using System.Reflection;
using System.Security.Cryptography;

namespace Ops.Tla.Checking;

/// <summary>The models a domain ships inside its assembly (a .tla and its .cfg files as embedded resources), written
/// to a folder the checker can read: under the temp folder, named by the model and a hash of the content, so that an
/// installed tool needs no repository and two versions never share a folder. Files are written atomically (a
/// temporary file, then a rename) and only when missing or different; concurrent callers get the same folder.</summary>
public static class EmbeddedModelFiles
{
    private static readonly ConcurrentDictionary<(Assembly, string), Lazy<string>> Folders = new();

    /// <summary>The folder holding the files, extracted on first use.</summary>
    /// <param name="assembly">The assembly that embeds them.</param>
    /// <param name="model">The folder's prefix (the model's name).</param>
    /// <param name="files">File name in the folder → manifest resource name.</param>
    public static string Folder(Assembly assembly, string model, IReadOnlyDictionary<string, string> files)
    {
        var folder = Folders.GetOrAdd((assembly, model), _ => new Lazy<string>(() => Extract(assembly, model, files))).Value;
        // Someone may have cleaned the temp folder since: extract again.
        if (files.Keys.All(name => File.Exists(Path.Combine(folder, name)))) return folder;
        Folders.TryRemove((assembly, model), out _);
        return Folders.GetOrAdd((assembly, model), _ => new Lazy<string>(() => Extract(assembly, model, files))).Value;
    }

    /// <summary>The bytes of an embedded resource; a missing one names the resource and the assembly.</summary>
    public static byte[] Read(Assembly assembly, string resource)
    {
        using var s = assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"the embedded model file {resource} is missing from {assembly.GetName().Name}");
        using var m = new MemoryStream();
        s.CopyTo(m);
        return m.ToArray();
    }

    private static string Extract(Assembly assembly, string model, IReadOnlyDictionary<string, string> files)
    {
        var contents = files.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => (name: f.Key, bytes: Read(assembly, f.Value))).ToArray();
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var (name, bytes) in contents)
        {
            sha.AppendData(System.Text.Encoding.UTF8.GetBytes(name + "\0"));
            sha.AppendData(bytes);
        }
        var hash = Convert.ToHexString(sha.GetHashAndReset())[..16].ToLowerInvariant();
        var dir = Path.Combine(Path.GetTempPath(), "ops-specs", model + "-" + hash);
        Directory.CreateDirectory(dir);
        foreach (var (name, bytes) in contents)
        {
            var target = Path.Combine(dir, name);
            if (File.Exists(target) && File.ReadAllBytes(target).AsSpan().SequenceEqual(bytes)) continue;
            var temp = target + "." + Environment.ProcessId + "." + Guid.NewGuid().ToString("N") + ".tmp";
            File.WriteAllBytes(temp, bytes);
            File.Move(temp, target, overwrite: true);
        }
        return dir;
    }
}
