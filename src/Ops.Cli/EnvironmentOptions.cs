using System.Collections;
using Ops.Tla.Checking;

namespace Ops.Cli;

/// <summary>
/// The one place where <c>ops</c> reads its environment for the libraries, which read none themselves: the OPS_*
/// diagnostics switches of the checker (read once, at the first check), and the process's variables where a library
/// needs them as input (IOUtils!IOEnv, the PG* connection variables, <c>env:</c> secret references, PATH for java),
/// read when they are used.
/// </summary>
public static class EnvironmentOptions
{
    private static readonly Lazy<DiagnosticOptions> Switches = new(() => Diagnostics(Environment.GetEnvironmentVariable));

    /// <summary>OPS_DEBUG: internal errors print their details.</summary>
    public static bool Debug => Switches.Value.Debug;

    /// <summary>The checker's diagnostics switches from <paramref name="variable"/> (a variable set to 1 or true turns
    /// its switch on); docs/checker.md lists them.</summary>
    public static DiagnosticOptions Diagnostics(Func<string, string> variable) => DiagnosticOptions.FromVariables(variable, null);

    /// <summary>Gives a check what it takes from the environment: the OPS_* switches (their output on
    /// <paramref name="diagnosticsOutput"/>) and the process's variables for IOEnv.</summary>
    public static CheckOptions FromEnvironment(this CheckOptions options, TextWriter diagnosticsOutput)
    {
        options.Diagnostics = Switches.Value with { Output = diagnosticsOutput == null ? null : TextWriter.Synchronized(diagnosticsOutput) };
        options.EnvironmentVariables = Variables();
        return options;
    }

    /// <summary>The process's environment variables now.</summary>
    public static IReadOnlyDictionary<string, string> Variables() => DiagnosticOptions.VariablesFrom(Environment.GetEnvironmentVariables());

    /// <summary>The process's environment variables now, as the PG* reader takes them.</summary>
    public static IDictionary VariablesTable() => Environment.GetEnvironmentVariables();

    /// <summary>One variable's value now (null when it is not set).</summary>
    public static string Lookup(string name) => Environment.GetEnvironmentVariable(name);
}
