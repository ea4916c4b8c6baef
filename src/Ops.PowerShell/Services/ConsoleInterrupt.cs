namespace Ops.PowerShell;

/// <summary>
/// Reads Ctrl+C as a key while a check runs in an interactive console, so the check can stop cleanly and the cmdlet
/// can still return the partial result (PowerShell's own Ctrl+C stops the pipeline, after which nothing can be
/// written to it). Restores the console on Dispose. Not used when input is redirected or the host is not a console.
/// </summary>
public sealed class ConsoleInterrupt : IDisposable
{
    private readonly bool _previous;

    private ConsoleInterrupt(bool previous) => _previous = previous;

    /// <summary>Starts watching, or returns null when the console cannot be watched.</summary>
    public static ConsoleInterrupt TryStart()
    {
        try
        {
            if (Console.IsInputRedirected) return null;
            var previous = Console.TreatControlCAsInput;
            Console.TreatControlCAsInput = true;
            return new ConsoleInterrupt(previous);
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or PlatformNotSupportedException)
        {
            return null;
        }
    }

    /// <summary>True when Ctrl+C was pressed since the last call. Other keys typed while the check runs are read and
    /// dropped (they would otherwise reach the next prompt as typeahead).</summary>
    public bool Pressed()
    {
        try
        {
            while (Console.KeyAvailable)
            {
                var k = Console.ReadKey(intercept: true);
                if (k.Key == ConsoleKey.C && (k.Modifiers & ConsoleModifiers.Control) != 0) return true;
                if (k.KeyChar == '\u0003') return true;
            }
        }
        catch (Exception e) when (e is IOException or InvalidOperationException)
        {
            // The console went away: nothing to watch.
        }
        return false;
    }

    public void Dispose()
    {
        try { Console.TreatControlCAsInput = _previous; }
        catch (Exception e) when (e is IOException or InvalidOperationException or PlatformNotSupportedException) { }
    }
}
