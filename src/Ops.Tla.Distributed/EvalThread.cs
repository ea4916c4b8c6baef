using System.Collections.Concurrent;

namespace Ops.Tla.Distributed;

/// <summary>
/// One thread with a large stack on which a partition evaluates (deep recursions in a specification need the stack
/// the single-process search gives its workers). What a work item enters on the thread (the model's string order and
/// options, <see cref="StateSpace.Enter"/>) holds for the items after it. Grain code awaits <see cref="Run{T}"/>;
/// while it waits, the grain can take the successors other partitions send it.
/// </summary>
internal sealed class EvalThread : IDisposable
{
    private readonly BlockingCollection<Action> _work = new();
    private readonly Thread _thread;

    public EvalThread(string name)
    {
        _thread = new Thread(() =>
        {
            foreach (var item in _work.GetConsumingEnumerable()) item();
        }, 256 * 1024 * 1024) { IsBackground = true, Name = name };
        _thread.Start();
    }

    public Task<T> Run<T>(Func<T> f)
    {
        var tcs = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        _work.Add(() =>
        {
            try { tcs.SetResult(f()); }
            catch (Exception e) { tcs.SetException(e); }
        });
        return tcs.Task;
    }

    public void Dispose() => _work.CompleteAdding();
}
