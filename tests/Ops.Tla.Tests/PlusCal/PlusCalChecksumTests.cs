using System.Text.RegularExpressions;
using Ops.Tla.PlusCal;
using Xunit;

namespace Ops.Tla.Tests.PlusCal;

/// <summary>
/// chksum(pcal) and chksum(tla) as pcal.trans writes them. Oracle: every module of the shared corpus whose
/// BEGIN TRANSLATION line carries checksums.
/// </summary>
public class PlusCalChecksumTests
{
    private static readonly Regex Header = new(@"chksum\(pcal\) = ""([0-9a-f]+)"" /\\ chksum\(tla\) = ""([0-9a-f]+)""");

    public static IEnumerable<object[]> ModulesWithChecksums()
    {
        var corpus = TestPaths.Corpus;
        if (corpus == null) yield break;
        foreach (var f in Directory.GetFiles(Path.Combine(corpus, "specifications"), "*.tla", SearchOption.AllDirectories)
                     .OrderBy(f => f, StringComparer.Ordinal))
        {
            var text = File.ReadAllText(f);
            if (Header.IsMatch(text) && PlusCalTranslator.HasAlgorithm(text))
                yield return new object[] { Path.GetRelativePath(corpus, f).Replace('\\', '/') };
        }
    }

    [CorpusTheory]
    [MemberData(nameof(ModulesWithChecksums))]
    public void Pcal_checksum_is_the_one_pcal_trans_wrote(string module)
    {
        var path = Path.Combine(TestPaths.Corpus, module);
        var text = File.ReadAllText(path);
        var m = Header.Match(text);
        var t = PlusCalTranslator.Translate(text, path);
        Assert.Equal(m.Groups[1].Value, t.PcalChecksum);
    }

    [CorpusTheory]
    [MemberData(nameof(ModulesWithChecksums))]
    public void Tla_checksum_is_the_one_pcal_trans_wrote(string module)
    {
        var path = Path.Combine(TestPaths.Corpus, module);
        var text = File.ReadAllText(path);
        var m = Header.Match(text);
        var t = PlusCalTranslator.Translate(text, path);
        var alt = PlusCalTranslator.Translate(text, path, pcLast: true);
        Assert.Contains(m.Groups[2].Value, new[] { t.TlaChecksum, alt.TlaChecksum });
    }
}
