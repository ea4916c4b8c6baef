using System.Collections.Concurrent;

namespace Ops.RdsProxy;

/// <summary>A secret value in memory. It prints as *** everywhere (ToString, string interpolation, debugger
/// displays) and registers itself with the <see cref="Redactor"/> so that any text Ops writes is scrubbed of it.</summary>
[System.Diagnostics.DebuggerDisplay("***")]
public sealed class SecretText
{
    private readonly string _value;

    public SecretText(string value)
    {
        _value = value ?? "";
        Redactor.Register(_value);
    }

    /// <summary>The value itself: only for the request body that stores it, or an in-memory comparison.</summary>
    public string Reveal() => _value;

    public bool IsEmpty => _value.Length == 0;

    public override string ToString() => "***";
}

/// <summary>Removes every known secret value from text that leaves the process (output, logs, exceptions).</summary>
public static class Redactor
{
    private static readonly ConcurrentDictionary<string, byte> Known = new();

    public static void Register(string value)
    {
        if (!string.IsNullOrEmpty(value) && value.Length >= 3) Known.TryAdd(value, 0);
    }

    public static string Redact(string text)
    {
        if (string.IsNullOrEmpty(text)) return text;
        foreach (var v in Known.Keys.OrderByDescending(k => k.Length))
            if (text.Contains(v, StringComparison.Ordinal)) text = text.Replace(v, "***", StringComparison.Ordinal);
        return text;
    }
}

/// <summary>Where a password comes from: an environment variable or a SecretManagement vault. Never the file.</summary>
public sealed class SecretReference
{
    public string Env { get; set; }
    public string Vault { get; set; }
    public string Secret { get; set; }

    public override string ToString() => Env != null ? $"environment variable {Env}" : $"vault {Vault}, secret {Secret}";
}

/// <summary>Resolves <see cref="SecretReference"/>s. The CLI reads environment variables; the PowerShell module
/// adds SecretManagement vaults (Get-Secret).</summary>
public interface ISecretResolver
{
    /// <summary>The value, or null with a reason when it cannot be had.</summary>
    SecretText Resolve(SecretReference reference, out string problem);
}

/// <summary>Resolves <c>env:</c> references through the lookup its caller gives (the CLI and the cmdlets: the process's
/// environment variables; the library reads no environment of its own).</summary>
public class EnvironmentSecretResolver(Func<string, string> lookup) : ISecretResolver
{
    /// <summary>A resolver for which no environment variable is set (the default of <see cref="RdsProxyOptions"/>).</summary>
    public static EnvironmentSecretResolver NoEnvironment { get; } = new(static _ => null);

    public virtual SecretText Resolve(SecretReference reference, out string problem)
    {
        problem = null;
        if (reference.Env != null)
        {
            var v = lookup(reference.Env);
            if (string.IsNullOrEmpty(v)) { problem = $"the environment variable {reference.Env} is not set"; return null; }
            return new SecretText(v);
        }
        if (reference.Vault != null || reference.Secret != null)
        {
            problem = $"{reference} needs the PowerShell module (SecretManagement's Get-Secret); the ops CLI reads environment variables only";
            return null;
        }
        problem = "no source given (env: or vault:/secret:)";
        return null;
    }
}
