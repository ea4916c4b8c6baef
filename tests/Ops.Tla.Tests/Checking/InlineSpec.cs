using Ops.Tla.Checking;

namespace Ops.Tla.Tests.Checking;

/// <summary>Writes a specification and its configuration to a fresh temporary folder and checks it.</summary>
public static class InlineSpec
{
    /// <summary>Checks module <paramref name="tla"/> (its MODULE name must be <paramref name="name"/>) with the
    /// configuration text <paramref name="cfg"/>; extra files (other modules) can be given as name/text pairs.</summary>
    public static CheckResult Check(string name, string tla, string cfg, params (string File, string Text)[] extra) =>
        Check(name, tla, cfg, 1, extra);

    /// <summary>As above, with <paramref name="workers"/> search threads.</summary>
    public static CheckResult Check(string name, string tla, string cfg, int workers, params (string File, string Text)[] extra) =>
        Check(name, tla, cfg, new CheckOptions { Workers = workers }, extra);

    /// <summary>As above, with the given options.</summary>
    public static CheckResult Check(string name, string tla, string cfg, CheckOptions options, params (string File, string Text)[] extra)
    {
        var dir = Path.Combine(Path.GetTempPath(), "ops-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            File.WriteAllText(Path.Combine(dir, name + ".tla"), tla);
            File.WriteAllText(Path.Combine(dir, name + ".cfg"), cfg);
            foreach (var (file, text) in extra) File.WriteAllText(Path.Combine(dir, file), text);
            return ModelChecker.Check(Path.Combine(dir, name + ".tla"), options);
        }
        finally
        {
            try { Directory.Delete(dir, true); } catch (IOException) { }
        }
    }

    /// <summary>Checks <c>ASSUME expr</c> (line 3 of a module extending Naturals and Sequences, with a one-state
    /// behaviour): exit 10 and "Evaluating assumption line 3 ..." where the expression fails to evaluate.</summary>
    public static CheckResult Assume(string expr) =>
        Check("Assume", $"---- MODULE Assume ----\nEXTENDS Naturals, Sequences\nASSUME {expr}\nVARIABLE x\nInit == x = 0\nNext == UNCHANGED x\n====\n",
            "INIT Init\nNEXT Next\nCHECK_DEADLOCK FALSE\n");
}
