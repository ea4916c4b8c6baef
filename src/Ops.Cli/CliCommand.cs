using System.CommandLine;

namespace Ops.Cli;

/// <summary>What a command's action writes to and runs with: the writers <see cref="CliApp.Run(string[], TextWriter,
/// TextWriter, CliHost)"/> was given (tests pass their own) and the host (Ctrl+C, progress, clock, debug).</summary>
public sealed class CliContext
{
    public TextWriter Out { get; init; }
    public TextWriter Err { get; init; }
    public CliHost Host { get; init; }
}

/// <summary>
/// An <c>ops</c> command. How a command file adds a command:
/// <list type="number">
/// <item>write <c>public static OpsCommand Create(CliContext ctx)</c>: build an <see cref="OpsCommand"/>, add its
/// options (the shared ones from <see cref="CliOptions"/>: <c>CliOptions.Workers()</c>, <c>CliOptions.Json()</c>,
/// <c>CliOptions.Timeout(...)</c>...; TLC's from <see cref="TlcOptions"/>) and arguments, and
/// <c>SetAction(parseResult =&gt; ...)</c> that reads them with <c>parseResult.GetValue(option)</c>, writes to
/// <c>ctx.Out</c>/<c>ctx.Err</c> and returns the exit code;</item>
/// <item>add <c>YourCommand.Create</c> to <see cref="CliApp.Commands"/>.</item>
/// </list>
/// Help (<c>ops NAME --help</c>), shell completion and the errors for a bad option come from System.CommandLine; a
/// command line the parser refuses prints its errors and the usage line on stderr and exits with
/// <see cref="UsageExitCode"/> (TLC's 255 unless the command has its own).
/// </summary>
public class OpsCommand : Command
{
    public OpsCommand(string name, string description) : base(name, description)
    {
    }

    /// <summary>The exit code of a command line the parser refuses (a subcommand without its own uses its parent's).</summary>
    public int? UsageExitCode { get; init; }

    /// <summary>Text shown at the end of this command's help (exit codes, examples, notes).</summary>
    public string Details { get; init; }
}
