using System.Text.RegularExpressions;

namespace Ops.Tla.PlusCal;

/// <summary>What <c>ops check</c> does with a module that holds a PlusCal algorithm, as TLC does: the translation
/// in the file is checked as written; when pcal.trans's checksums on the <c>\* BEGIN TRANSLATION</c> line say that
/// the algorithm or the translation changed since the last translation, a warning says so (TLC's SpecObj
/// validateParseUnit). Only a module without any translation is translated in memory (and a warning says so).</summary>
public static class PlusCalHook
{
    /// <summary>pcal.trans's checksum comment (its Validator.CHECKSUM_PATTERN): <c>chksum(pcal) = "hex"</c> or
    /// <c>chksum(pcal) \in STRING</c> (not checked), then the same for <c>chksum(tla)</c>.</summary>
    private static readonly Regex ChecksumComment = new(
        @"\\\* BEGIN TRANSLATION\s+\(\s*(?i:ch(ec)?ksum\(p(lus)?cal\))\s*(=\s*""(?<pcal>[0-9A-Fa-f]*)""|\\in\s*STRING)\s*/\\\s*(?i:ch(ec)?ksum\(tla\+?\))\s*(=\s*""(?<tla>[0-9A-Fa-f]*)""|\\in\s*STRING)\s*\)",
        RegexOptions.Compiled);

    /// <summary>Returns the module text to check: <paramref name="text"/> itself when it holds a translation (with a
    /// warning added to <paramref name="warnings"/> when its checksums show an edit), or the text with the
    /// algorithm's translation written in when it has none.</summary>
    /// <param name="notes">Receives what pcal.trans prints as TLC translates the algorithm to validate the module (its
    /// parse of the file runs the translator): "Labels added." when the algorithm lacked labels it needs, "Warning:
    /// symbols were renamed." when names clashed.</param>
    public static string Prepare(string text, string path, List<string> warnings, List<string> notes = null)
    {
        if (!PlusCalTranslator.HasAlgorithm(text)) return text;
        var name = Path.GetFileName(path);
        var lines = PlusCalTranslator.SplitLines(text);
        int begin = PlusCalTranslator.FindTokenPair(lines, 0, "BEGIN", "TRANSLATION");
        if (begin >= 0)
        {
            var w = Divergence(text, path, lines, begin);
            if (w != null) warnings.Add(w);
            if (notes != null && PlusCalTranslator.AlgorithmInsideModule(text))
            {
                // TLC prints pcal.trans's reports (PcalDebug.reportError) and checks the translation as written; an
                // error its validation meets before parsing the algorithm fails the module's parse.
                var reports = PlusCalTranslator.ValidationReports(text, path, out var translation, out var fatal);
                if (fatal != null)
                    throw new TlaException(ErrorKind.Syntax, fatal.Span,
                        $"{fatal.PcalText} TLC does not parse module {Path.GetFileNameWithoutExtension(path)} when its PlusCal algorithm " +
                        "has this error (\"A unexpected problem was encountered attempting to validate the specification\"), " +
                        "although the algorithm is in a comment: correct the algorithm");
                foreach (var r in reports) notes.Add($"\nUnrecoverable error:\n -- {r}\n");
                if (translation != null) AddNotes(translation, notes, text);
            }
            return text;
        }
        var t = PlusCalTranslator.Translate(text, path);
        if (notes != null) AddNotes(t, notes, text);
        warnings.Add($"{name} has a PlusCal algorithm but no translation: checking its translation made in memory (write it into the file with `{Pcal(name)}`)");
        return t.ModuleText;
    }

    private static void AddNotes(PlusCalTranslation t, List<string> notes, string text)
    {
        if (!PlusCalTranslator.AlgorithmInsideModule(text)) return;
        if (t.AddedLabels.Count > 0) notes.Add("Labels added.");
        if (t.Renamed.Count > 0) notes.Add("Warning: symbols were renamed.");
    }

    /// <summary>The warning for a translation whose checksums do not match (null when they match, or when the
    /// BEGIN TRANSLATION line records none, or no END TRANSLATION follows: TLC does not judge those).</summary>
    internal static string Divergence(string text, string path, string[] detabbed, int begin)
    {
        int end = PlusCalTranslator.FindTokenPair(detabbed, begin + 1, "END", "TRANSLATION");
        if (end < 0) return null;
        var m = ChecksumComment.Match(detabbed[begin]);
        if (!m.Success) return null;
        var module = Path.GetFileNameWithoutExtension(path);
        bool tlaChanged = false, pcalChanged = false;
        if (m.Groups["tla"].Success)
        {
            // The CRC-32 of the translation's lines as the file holds them (tabs kept), joined without line breaks.
            var raw = text.Replace("\r\n", "\n").Split('\n');
            tlaChanged = m.Groups["tla"].Value != PlusCalTranslator.Crc(string.Concat(raw[(begin + 1)..end]));
        }
        if (m.Groups["pcal"].Success)
        {
            string sum;
            try
            {
                sum = PlusCalTranslator.Translate(text, path).PcalChecksum;
            }
            catch (TlaException)
            {
                // An algorithm that no longer parses was edited since it was translated; pcal.trans checksums the
                // word "fair" for any --fair algorithm, parsed or not.
                sum = PlusCalTranslator.IsFair(detabbed) ? PlusCalTranslator.Crc("fair") : null;
            }
            pcalChanged = m.Groups["pcal"].Value != sum;
        }
        var fix = $"checking the translation in the file as written (update it with `{Pcal(Path.GetFileName(path))}`)";
        if (tlaChanged && pcalChanged) return $"the PlusCal algorithm and its TLA+ translation in module {module} have changed since the last translation: {fix}";
        if (tlaChanged) return $"the TLA+ translation in module {module} has changed since its last translation: {fix}";
        if (pcalChanged) return $"the PlusCal algorithm in module {module} has changed since its last translation: {fix}";
        return null;
    }

    /// <summary>The command that writes the translation into <paramref name="name"/>, in the front end's words.</summary>
    private static string Pcal(string name) => HostTerms.Say($"ops pcal {name}", $"ConvertFrom-PlusCal {name}");
}
