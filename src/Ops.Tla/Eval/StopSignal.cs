using System.Runtime.CompilerServices;

namespace Ops.Tla.Eval;

/// <summary>
/// A request to stop a running check: its cancellation token (Ctrl+C, SIGTERM, StopProcessing) or its time limit.
/// The search polls it between states, and the evaluation in its long loops (quantifiers, set filters and maps,
/// CHOOSE, deeply nested operator calls, the successors of one state, the initial states, the liveness graph), through
/// <see cref="EvalState.Stop"/>: a run stops within a moment of the request even while one state's successors or one
/// huge set are being computed, with <see cref="OperationCanceledException"/>, which the search reports with its
/// partial figures. Polling costs one field read and a branch never taken.
/// </summary>
public sealed class StopSignal : IDisposable
{
    private volatile bool _raised;
    private volatile bool _timedOut;
    private readonly CancellationTokenRegistration _cancelled;
    private readonly CancellationTokenSource _timer;

    /// <summary>Raised when <paramref name="cancellation"/> is cancelled or <paramref name="timeLimit"/> (from now)
    /// has passed.</summary>
    public StopSignal(CancellationToken cancellation, TimeSpan? timeLimit)
    {
        if (timeLimit <= TimeSpan.Zero)
        {
            // No time at all: raised now, not by a timer that fires a moment later.
            _timedOut = true;
            _raised = true;
        }
        else if (timeLimit is { } limit)
        {
            _timer = new CancellationTokenSource(limit);
            _timer.Token.Register(() =>
            {
                if (!_raised) _timedOut = true;
                _raised = true;
            });
        }
        _cancelled = cancellation.Register(() => _raised = true);
        if (cancellation.IsCancellationRequested) _raised = true;
    }

    /// <summary>True once a stop was asked for.</summary>
    public bool Raised => _raised;

    /// <summary>True when it was the time limit (not a cancellation) that raised it.</summary>
    public bool TimedOut => _timedOut;

    /// <summary>Throws <see cref="OperationCanceledException"/> once a stop was asked for.</summary>
    public void ThrowIfRaised()
    {
        if (_raised) Throw();
    }

    /// <summary>The evaluation's poll: throws when the check <paramref name="es"/> works for was asked to stop.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Poll(EvalState es)
    {
        var s = es.Stop;
        if (s != null && s._raised) Throw();
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Throw() => throw new OperationCanceledException("The check was asked to stop.");

    public void Dispose()
    {
        _cancelled.Dispose();
        _timer?.Dispose();
    }
}
