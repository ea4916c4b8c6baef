using Ops.Tla.Eval;
using Xunit;

namespace Ops.Tla.Tests.Eval;

/// <summary>The stack guard asks the runtime only below the deepest point it already answered for on the evaluator's
/// thread: a recursion deeper than that, or on another thread (another stack), is still stopped with the runtime's
/// exception before the stack runs out.</summary>
public class StackGuardTests
{
    private static int Recurse(EvalState es, int depth)
    {
        StackGuard.Check(es);
        // Some stack per level, as a nested evaluation takes.
        Span<long> pad = stackalloc long[16];
        pad[depth & 15] = depth;
        return Recurse(es, depth + 1) + (int)pad[depth & 15];
    }

    private static Exception OnThread(EvalState es, int stackSize, Action<EvalState> body)
    {
        Exception caught = null;
        var t = new Thread(() =>
        {
            try { body(es); }
            catch (Exception e) { caught = e; }
        }, stackSize);
        t.Start();
        t.Join();
        return caught;
    }

    [Fact]
    public void A_deep_recursion_is_stopped_on_every_thread_the_evaluator_runs_on()
    {
        var es = new EvalState(null, Array.Empty<string>());
        // Shallow checks first (a window of accepted stack addresses on this thread), then a recursion to the end of
        // the stack there, and again on threads of other stack sizes with the same evaluator.
        for (int i = 0; i < 64; i++) StackGuard.Check(es);
        Assert.IsType<InsufficientExecutionStackException>(OnThread(es, 4 << 20, e => Recurse(e, 0)));
        Assert.IsType<InsufficientExecutionStackException>(OnThread(es, 512 << 10, e => Recurse(e, 0)));
        Assert.IsType<InsufficientExecutionStackException>(OnThread(es, 1 << 20, e =>
        {
            for (int i = 0; i < 64; i++) StackGuard.Check(e);
            Recurse(e, 0);
        }));
        // Back on the first thread, after the others moved the window.
        Assert.Throws<InsufficientExecutionStackException>(() => Recurse(es, 0));
    }
}
