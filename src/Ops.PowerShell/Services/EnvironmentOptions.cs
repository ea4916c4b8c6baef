using System.Collections;
using Ops.Tla.Checking;

namespace Ops.PowerShell;

/// <summary>
/// The one place where the module reads the process's environment for the libraries, which read none themselves:
/// the checker's OPS_* diagnostics switches (as <c>ops</c> reads them, see docs/checker.md; their output goes to
/// standard error) and the variables a library takes as input (IOUtils!IOEnv, the PG* connection variables,
/// <c>env:</c> secret references). Read when a command runs, so that <c>$env:NAME = ...</c> before it counts.
/// </summary>
internal static class EnvironmentOptions
{
    /// <summary>Gives a check what it takes from the environment: the OPS_* switches and the variables for IOEnv.</summary>
    public static CheckOptions FromEnvironment(this CheckOptions options)
    {
        options.Diagnostics = DiagnosticOptions.FromVariables(Environment.GetEnvironmentVariable, Console.Error);
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
