using Ops.Tla.Checking;
using Ops.Tla.PlusCal;
using Xunit;

namespace Ops.Tla.Tests.PlusCal;

/// <summary>The checker translates in memory every module it loads that has a PlusCal algorithm and no (or a stale)
/// translation: the root, and modules reached by EXTENDS or INSTANCE (with a warning naming the file).</summary>
public class PlusCalHookTests
{
    private const string Algo =
        "---- MODULE Algo ----\nEXTENDS Integers\n(*\n--algorithm algo\nvariables x = 0;\nbegin\nA: x := x + 1;\nB: x := x + 1;\nend algorithm\n*)\n====\n";

    private static string Folder(params (string Name, string Text)[] files)
    {
        var dir = Path.Combine(Path.GetTempPath(), "ops-pcal-hook-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        foreach (var (n, t) in files) File.WriteAllText(Path.Combine(dir, n), t);
        return dir;
    }

    [Fact]
    public void A_module_reached_by_EXTENDS_is_translated_in_memory_with_a_warning_naming_it()
    {
        var dir = Folder(("Algo.tla", Algo),
            ("Root.tla", "---- MODULE Root ----\nEXTENDS Algo\nInv == x <= 2\nDone2 == pc = \"Done\" => x = 2\n====\n"),
            ("Root.cfg", "SPECIFICATION Spec\nINVARIANT Inv\nINVARIANT Done2\n"));
        var r = ModelChecker.Check(Path.Combine(dir, "Root.tla"));
        Assert.Equal(CheckOutcome.Success, r.Outcome);
        Assert.Equal(3, r.DistinctStates);
        Assert.Contains(r.Warnings, w => w.Contains("Algo.tla has a PlusCal algorithm but no translation"));
        // The file itself is left alone.
        Assert.DoesNotContain("BEGIN TRANSLATION", File.ReadAllText(Path.Combine(dir, "Algo.tla")));
        Directory.Delete(dir, true);
    }

    [Fact]
    public void A_module_reached_by_INSTANCE_is_translated_in_memory_and_a_violation_is_found()
    {
        var dir = Folder(("Algo.tla", Algo),
            ("Inst.tla", "---- MODULE Inst ----\nEXTENDS Integers\nVARIABLES x, pc\nA == INSTANCE Algo\nSpec == A!Spec\nInv == x < 2\n====\n"),
            ("Inst.cfg", "SPECIFICATION Spec\nINVARIANT Inv\n"));
        var r = ModelChecker.Check(Path.Combine(dir, "Inst.tla"));
        Assert.Equal(CheckOutcome.SafetyFailure, r.Outcome);
        Assert.Equal("Inv", r.Violation.Property);
        Assert.Equal(3, r.Trace.Count);
        Assert.Contains(r.Warnings, w => w.Contains("Algo.tla"));
        Directory.Delete(dir, true);
    }

    [Fact]
    public void An_empty_translation_block_is_no_translation_so_ConvertFrom_PlusCal_adds_one()
    {
        var text = Algo.Replace("*)\n====", "*)\n\\* BEGIN TRANSLATION\n\n\\* END TRANSLATION\n====");
        var t = PlusCalTranslator.Translate(text, "Algo.tla");
        Assert.Null(t.ExistingLines);
        Assert.True(t.ExistingIsStale);
        Assert.Contains("VARIABLES pc, x", t.ModuleText);
    }
}
