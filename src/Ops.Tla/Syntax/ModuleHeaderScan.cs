namespace Ops.Tla.Syntax;

/// <summary>
/// Finds module headers (<c>---- MODULE</c>) by a plain scan: the regular expressions this replaces cost more to build
/// at start-up than checking a small spec does.
/// </summary>
public static class ModuleHeaderScan
{
    /// <summary>The index of the first run of four or more dashes followed by optional white space and the word
    /// MODULE (as <c>-{4,}[ \t\r\n]*MODULE\b</c>, or <c>-{4,}\s*MODULE\s</c> with <paramref name="spaceAfter"/>),
    /// or -1.</summary>
    public static int Find(string text, bool spaceAfter = false)
    {
        int n = text.Length;
        int i = text.IndexOf("----", StringComparison.Ordinal);
        while (i >= 0)
        {
            int j = i;
            while (j < n && text[j] == '-') j++;
            int k = j;
            while (k < n && (spaceAfter ? char.IsWhiteSpace(text[k]) : text[k] is ' ' or '\t' or '\r' or '\n')) k++;
            if (string.CompareOrdinal(text, k, "MODULE", 0, 6) == 0)
            {
                int after = k + 6;
                bool ok = spaceAfter
                    ? after < n && char.IsWhiteSpace(text[after])
                    : after >= n || !(char.IsLetterOrDigit(text[after]) || text[after] == '_');
                if (ok) return i;
            }
            i = j < n ? text.IndexOf("----", j, StringComparison.Ordinal) : -1;
        }
        return -1;
    }

    /// <summary>A line of four or more '=' and nothing else but white space (a module's closing line).</summary>
    public static bool IsClosingLine(string line)
    {
        var t = line.AsSpan().Trim();
        if (t.Length < 4) return false;
        foreach (var c in t)
            if (c != '=') return false;
        return true;
    }
}
