using System.Runtime.CompilerServices;

namespace Ops.Tla.Eval;

/// <summary>
/// Errors raised in the body of a function constructor <c>[x \in S |-> e]</c>. TLC keeps such a function as a
/// FcnLambdaValue and evaluates its body only when the function is applied or forced whole (fingerprinted, compared,
/// printed, its DOMAIN or an EXCEPT taken); a failure while forcing it is TLC's FingerprintException: "TLC was unable
/// to fingerprint.", its "Fingerprint Stack Trace" and "Reason", and exit 75 whatever the error (an Append of a
/// non-sequence, which is exit 255 elsewhere in a step). Applying the function evaluates the body at the argument
/// only, where an error is an ordinary one. Ops computes the function whole where it is built: the error is marked
/// there, and the mark is taken off where TLC would have applied the function instead.
/// </summary>
internal static class LazyBodyErrors
{
    private static readonly ConditionalWeakTable<Exception, object> Marked = new();
    private static readonly object Mark = new();

    /// <summary>Marks <paramref name="e"/>; false, for use in an exception filter (the exception goes on unchanged).</summary>
    public static bool MarkAndPass(Exception e)
    {
        if (e is TlaException { Kind: ErrorKind.Eval } or Values.ValueException or Builtins.TlcAssertException)
            Marked.AddOrUpdate(e, Mark);
        return false;
    }

    /// <summary>Takes the mark off <paramref name="e"/>; false, for use in an exception filter.</summary>
    public static bool UnmarkAndPass(Exception e)
    {
        Marked.Remove(e);
        return false;
    }

    /// <summary>Is <paramref name="e"/>, or an exception it wraps, marked?</summary>
    public static bool IsMarked(Exception e)
    {
        for (; e != null; e = e.InnerException)
            if (Marked.TryGetValue(e, out _)) return true;
        return false;
    }

    /// <summary>Carries the mark of <paramref name="from"/> over to <paramref name="to"/> (an exception raised in
    /// its place); returns <paramref name="to"/>.</summary>
    public static T Carry<T>(Exception from, T to) where T : Exception
    {
        if (IsMarked(from)) Marked.AddOrUpdate(to, Mark);
        return to;
    }
}
