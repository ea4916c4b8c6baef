using System.Diagnostics;
using System.Globalization;
using Ops.Tla.Values;

namespace Ops.Tla.Eval;

/// <summary>
/// A profile of evaluation by user-defined operator (<see cref="Checking.DiagnosticOptions.EvalProfile"/>; ops reads
/// OPS_EVAL_PROFILE=1, for <c>ops bench -child</c>): for each definition, the calls, and the time and bytes allocated
/// inside its outermost activations (inclusive: a recursive definition counts once per outermost call). A tool for
/// finding what a spec spends its time on; it slows evaluation down. The figures are the process's: they add up
/// over the checks profiled, and a check that runs while another is profiled is profiled too.
/// </summary>
public static class EvalProfile
{
    /// <summary>True while a check that asked for the profile runs (a plain static, read on every operator call:
    /// one load and a branch that is never taken when no profile is asked for).</summary>
    public static bool Enabled => _profiled > 0;

    private static int _profiled;

    /// <summary>Profiles evaluation until disposed (the checks in progress meanwhile included).</summary>
    public static IDisposable Collect()
    {
        Interlocked.Increment(ref _profiled);
        return new Stop();
    }

    private sealed class Stop : IDisposable
    {
        private int _done;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0) Interlocked.Decrement(ref _profiled);
        }
    }

    private sealed class Stats
    {
        public long Calls, Outer, Ticks, Bytes;
    }

    private static readonly Dictionary<OpDef, Stats> All = new();
    [ThreadStatic] private static Dictionary<OpDef, int> _active;

    internal static Value Invoke(OpDef def, EvalState es, Frame definingFrame, Value[] args)
    {
        var active = _active ??= new Dictionary<OpDef, int>();
        active.TryGetValue(def, out int depth);
        Stats st;
        lock (All)
        {
            if (!All.TryGetValue(def, out st)) All[def] = st = new Stats();
            st.Calls++;
        }
        if (depth > 0)
        {
            active[def] = depth + 1;
            try { return def.InvokeCore(es, definingFrame, args); }
            finally { active[def] = depth; }
        }
        active[def] = 1;
        long t0 = Stopwatch.GetTimestamp(), b0 = GC.GetAllocatedBytesForCurrentThread();
        try { return def.InvokeCore(es, definingFrame, args); }
        finally
        {
            long t1 = Stopwatch.GetTimestamp(), b1 = GC.GetAllocatedBytesForCurrentThread();
            active[def] = 0;
            lock (All)
            {
                st.Outer++;
                st.Ticks += t1 - t0;
                st.Bytes += b1 - b0;
            }
        }
    }

    /// <summary>Writes the profile collected so far (nothing when none was).</summary>
    public static void Report(TextWriter w)
    {
        lock (All)
        {
            if (All.Count == 0) return;
            w.WriteLine("evaluation profile (inclusive, outermost calls):");
            w.WriteLine("        calls      outer     ms        MB  definition");
            foreach (var (def, st) in All.OrderByDescending(kv => kv.Value.Ticks).Take(40))
                w.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {st.Calls,11} {st.Outer,10} {st.Ticks * 1000.0 / Stopwatch.Frequency,6:0} {st.Bytes >> 20,9}  {def.ModuleName}!{def.Name} ({def.Span})"));
        }
    }
}
