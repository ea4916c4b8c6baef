namespace Ops.Tla.Semantics;

/// <summary>
/// Standard modules TLC ships as TLA+ text that cannot be native operators (they declare variables): parsed like a
/// module file next to the specification when the specification has none of that name.
/// </summary>
public static class StandardModuleTexts
{
    /// <summary>Where errors in these modules are reported.</summary>
    public const string Folder = "<standard library>";

    private static readonly Dictionary<string, string> Texts = new(StringComparer.Ordinal)
    {
        // Specifying Systems, chapter 9: real time as a variable `now`, RTBound(A, v, D, E) (an A step happens within
        // D..E seconds of A being continuously enabled) and RTnow(v) (now advances without bound, v unchanged).
        ["RealTime"] = @"---- MODULE RealTime ----
EXTENDS Reals
VARIABLE now

RTBound(A, v, D, E) ==
  LET TNext(t) == t' = IF <<A>>_v \/ ~(ENABLED <<A>>_v)' THEN 0 ELSE t + (now' - now)
      Timer(t) == (t = 0) /\ [][TNext(t)]_<<t, v, now>>
      MaxTime(t) == [](t \leq E)
      MinTime(t) == [][A => t \geq D]_v
  IN \EE t : Timer(t) /\ MaxTime(t) /\ MinTime(t)

RTnow(v) ==
  LET NowNext == now' \in {r \in Real : r > now} /\ UNCHANGED v
  IN /\ now \in Real
     /\ [][NowNext]_now
     /\ \A r \in Real : WF_now(NowNext /\ (now' > r))
====
",
    };

    /// <summary>The text of the standard module <paramref name="name"/>, or null.</summary>
    public static string Find(string name) => name != null && Texts.TryGetValue(name, out var t) ? t : null;

    public static IReadOnlyCollection<string> Names => Texts.Keys;
}
