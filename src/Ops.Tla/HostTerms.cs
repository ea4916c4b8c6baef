namespace Ops.Tla;

/// <summary>The front end a message is read in: the <c>ops</c> command line or the PowerShell cmdlets.</summary>
public enum CommandHost
{
    Cli,
    PowerShell,
}

/// <summary>
/// How messages name options and commands: in the CLI's words (<c>--exclude</c>, <c>ops pcal Spec.tla</c>) or in
/// PowerShell's (<c>-Exclude</c>, <c>ConvertFrom-PlusCal Spec.tla</c>). A library message that tells the user what to
/// pass says both spellings through <see cref="Say"/>, and the front end reading it picks one.
/// <para>The choice is ambient, as <see cref="System.Globalization.CultureInfo.CurrentUICulture"/> is for the language
/// of messages: <see cref="Default"/> for the process (the PowerShell module sets it when it is imported), and
/// <see cref="Use"/> for a scope (it flows into the threads and tasks the scope starts). The CLI is the default.</para>
/// </summary>
public static class HostTerms
{
    private static readonly AsyncLocal<CommandHost?> Scoped = new();
    private static volatile int _default = (int)CommandHost.Cli;

    /// <summary>The process's front end when no scope says otherwise.</summary>
    public static CommandHost Default
    {
        get => (CommandHost)_default;
        set => _default = (int)value;
    }

    /// <summary>The front end messages are written for here.</summary>
    public static CommandHost Current => Scoped.Value ?? Default;

    /// <summary>Messages in <paramref name="host"/>'s words until the returned scope is disposed.</summary>
    public static IDisposable Use(CommandHost host)
    {
        var previous = Scoped.Value;
        Scoped.Value = host;
        return new Restore(previous);
    }

    /// <summary>The CLI's spelling or PowerShell's, for the current front end: <c>Say("--exclude", "-Exclude")</c>.</summary>
    public static string Say(string cli, string powerShell) => Current == CommandHost.PowerShell ? powerShell : cli;

    private sealed class Restore(CommandHost? previous) : IDisposable
    {
        private bool _done;

        public void Dispose()
        {
            if (_done) return;
            _done = true;
            Scoped.Value = previous;
        }
    }
}
