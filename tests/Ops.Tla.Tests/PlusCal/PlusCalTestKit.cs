using Ops.Tla.PlusCal;

namespace Ops.Tla.Tests.PlusCal;

internal static class PlusCalTestKit
{
    /// <summary>A module around an algorithm (in a comment), with no translation.</summary>
    public static string Module(string algorithm, string extends = "Integers, Sequences, TLC", string name = "M") =>
        $"---- MODULE {name} ----\nEXTENDS {extends}\n(*\n{algorithm}\n*)\n====\n";

    public static List<string> Translate(string algorithm, string extends = "Integers, Sequences, TLC") =>
        PlusCalTranslator.Translate(Module(algorithm, extends), "M.tla").Lines;

    public static string Text(string algorithm) => string.Join("\n", Translate(algorithm));

    /// <summary>Writes the module (translated in memory by the checker) and its configuration to a temp folder.</summary>
    public static string WriteModel(string algorithm, string cfg, string extends = "Integers, Sequences, TLC", string name = "M")
    {
        var dir = Path.Combine(Path.GetTempPath(), "ops-pcal-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, name + ".tla"), Module(algorithm, extends, name));
        File.WriteAllText(Path.Combine(dir, name + ".cfg"), cfg);
        return Path.Combine(dir, name + ".tla");
    }
}
