namespace Ops.Tla.PlusCal;

/// <summary>What <c>ops check</c> does with a module that holds a PlusCal algorithm: it checks the file's own
/// translation when it is the algorithm's, and otherwise translates the algorithm in memory (and says so).</summary>
public static class PlusCalHook
{
    /// <summary>Returns the module text to check: <paramref name="text"/> itself, or the text with the algorithm's
    /// translation written in when the module has none or a stale one (a warning is added to
    /// <paramref name="warnings"/>).</summary>
    public static string Prepare(string text, string path, List<string> warnings)
    {
        if (!PlusCalTranslator.HasAlgorithm(text)) return text;
        var name = Path.GetFileName(path);
        PlusCalTranslation t;
        try
        {
            t = PlusCalTranslator.Translate(text, path);
        }
        catch (TlaException e)
        {
            var lines = PlusCalTranslator.SplitLines(text);
            if (PlusCalTranslator.FindTokenPair(lines, 0, "BEGIN", "TRANSLATION") >= 0)
            {
                warnings.Add($"the PlusCal algorithm of {name} does not translate ({e.Describe()}); checking the translation in the file");
                return text;
            }
            throw;
        }
        if (t.ExistingLines == null)
        {
            warnings.Add($"{name} has a PlusCal algorithm but no translation: checking its translation made in memory (write it into the file with `ops pcal {name}`)");
            return t.ModuleText;
        }
        if (!t.ExistingIsStale) return text;
        // Same translation in the newest pcal.trans layout (pc declared first)?
        var alt = PlusCalTranslator.Translate(text, path, pcFirst: true);
        if (PlusCalTranslator.SameTranslation(t.ExistingLines, alt.Lines)) return text;
        warnings.Add($"the translation in {name} is not the translation of its PlusCal algorithm (stale or edited): checking the algorithm's translation made in memory (update the file with `ops pcal {name}`; line numbers after the translation may differ from the file's)");
        return t.ModuleText;
    }
}
