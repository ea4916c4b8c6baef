using System.Numerics;
using Ops.Tla.Config;
using Ops.Tla.Syntax;
using Xunit;

namespace Ops.Tla.Tests.Config;

public class ConfigParserTests
{
    private const string File = "M.cfg";

    private static ModelConfig Parse(string text) => ConfigParser.Parse(text, File);

    private static TlaException Fails(string text)
    {
        var e = Assert.Throws<TlaException>(() => ConfigParser.Parse(text, File));
        Assert.Equal(ErrorKind.Config, e.Kind);
        Assert.Equal(File, e.Span.File);
        return e;
    }

    private static void AssertAt(TlaException e, int line, int col, params string[] fragments)
    {
        Assert.True(e.Span.Line == line && e.Span.Col == col,
            $"expected error at {line}:{col}, got {e.Span.Line}:{e.Span.Col}: {e.Message}");
        foreach (var f in fragments) Assert.Contains(f, e.Message);
    }

    private static SourceSpan At(int line, int col, int endLine, int endCol) => new(File, line, col, endLine, endCol);

    private static object Plain(CfgValue v) => v switch
    {
        CfgInt i => i.Value,
        CfgString s => "\"" + s.Value + "\"",
        CfgBool b => b.Value,
        CfgModelValue m => m.Name,
        CfgSet s => s.Items.Select(Plain).ToList(),
        _ => throw new InvalidOperationException(),
    };

    // ------------------------------------------------------------ single-name sections

    [Fact]
    public void InitNextAndOtherSingleNameSections()
    {
        var c = Parse("INIT Init\nNEXT  Next\nVIEW V\nSYMMETRY Sym\nALIAS A\nPOSTCONDITION Post\n");
        Assert.Equal(new CfgName("Init", At(1, 6, 1, 9)), c.Init);
        Assert.Equal(new CfgName("Next", At(2, 7, 2, 10)), c.Next);
        Assert.Equal("V", c.View.Name);
        Assert.Equal("Sym", c.Symmetry.Name);
        Assert.Equal("A", c.Alias.Name);
        Assert.Equal(new CfgName("Post", At(6, 15, 6, 18)), Assert.Single(c.Postconditions));
        Assert.Null(c.Specification);
        Assert.Null(c.CheckDeadlock);
        Assert.Equal(File, c.FilePath);
    }

    [Fact]
    public void SpecificationNameMayBeOnTheNextLine()
    {
        var c = Parse("SPECIFICATION\n    Spec\n");
        Assert.Equal(new CfgName("Spec", At(2, 5, 2, 8)), c.Specification);
    }

    [Fact]
    public void EmptyFileAndCommentsOnlyGiveAnEmptyModel()
    {
        var c = Parse("\\* nothing\n(* still (* nothing *) here *)\n");
        Assert.Empty(c.Constants);
        Assert.Null(c.Init);
        Assert.Empty(c.Invariants);
    }

    [Theory]
    [InlineData("TRUE", true)]
    [InlineData("FALSE", false)]
    public void CheckDeadlock(string word, bool value)
    {
        Assert.Equal(value, Parse($"SPECIFICATION Spec\nCHECK_DEADLOCK {word}\n").CheckDeadlock);
    }

    // ------------------------------------------------------------ list sections

    [Fact]
    public void ListSectionsTakeNamesOverSeveralLinesAndAccumulate()
    {
        var c = Parse(
            "INVARIANT TypeOK\n  Inv \\* comment\n" +
            "PROPERTY P1 P2\n" +
            "INVARIANTS (* between *) Safe\n" +
            "PROPERTIES P3\n" +
            "CONSTRAINT C1\nCONSTRAINTS C2 C3\n" +
            "ACTION_CONSTRAINT A1\nACTION_CONSTRAINTS A2\n");
        Assert.Equal(new[] { "TypeOK", "Inv", "Safe" }, c.Invariants.Select(n => n.Name));
        Assert.Equal(new[] { "P1", "P2", "P3" }, c.Properties.Select(n => n.Name));
        Assert.Equal(new[] { "C1", "C2", "C3" }, c.Constraints.Select(n => n.Name));
        Assert.Equal(new[] { "A1", "A2" }, c.ActionConstraints.Select(n => n.Name));
        Assert.Equal(At(2, 3, 2, 5), c.Invariants[1].Span);
        Assert.Equal(At(4, 26, 4, 29), c.Invariants[2].Span);
    }

    [Fact]
    public void EmptyListSectionIsAccepted()
    {
        var c = Parse("INVARIANT\nINIT I NEXT N\nPROPERTY");
        Assert.Empty(c.Invariants);
        Assert.Empty(c.Properties);
        Assert.Equal("I", c.Init.Name);
    }

    // ------------------------------------------------------------ constants

    [Fact]
    public void A_number_beyond_TLCs_32_bit_integers_stops_the_check_as_TLCs_NumberFormatException_does()
    {
        // TLC reads the number as a Java int: "For input string: \"2147483648\"", "TLC threw an unexpected exception", exit 255.
        var e = Assert.Throws<TlaException>(() => ConfigParser.Parse("CONSTANT N = 2147483648\n", File));
        Assert.Equal(255, e.Exit);
        Assert.Equal(1, e.Span.Line);
        Assert.Equal(14, e.Span.Col);
        Assert.Contains("2147483648 is too big", e.Message);
    }

    [Theory]
    [InlineData("CONSTANT N = -5\n", 1, 14)]
    [InlineData("CONSTANTS\n  N = {1, -5}\n", 2, 11)]
    public void A_negative_number_stops_the_check_as_TLCs_configuration_grammar_does(string text, int line, int col)
    {
        // TLC 2.19 (cc6b616) on "N = -5": "TLC found an error in the configuration file at line 1 / It was expecting
        // = or <-, but did not find it." and on "{-5}": "It was expecting }": a ConfigFileException, exit 255.
        var e = Fails(text);
        Assert.Equal(255, e.Exit);
        AssertAt(e, line, col, "no negative numbers", "-5", "N <- MinusN");
    }

    [Fact]
    public void ConstantValuesOfEveryKind()
    {
        var c = Parse(
            "CONSTANTS\n" +
            "  N = 3\n" +
            "  Neg = 0\n" +
            "  S = {a, b, c}\n" +
            "  E = {}\n" +
            "  Str = {\"x\", \"y\"}\n" +
            "  Nested = {{1, 2}, {}, {m}}\n" +
            "  B = TRUE  F = FALSE\n" +
            "  M = m\n" +
            "  Big = 2147483647\n" +
            "  Hex = \\h1F Oct = \\o17 Bin = \\b101\n");
        var values = c.Constants.ToDictionary(a => a.Name, a => Plain(a.Value));
        Assert.Equal(new BigInteger(3), values["N"]);
        Assert.Equal(new BigInteger(0), values["Neg"]);
        Assert.Equal(new List<object> { "a", "b", "c" }, values["S"]);
        Assert.Equal(new List<object>(), values["E"]);
        Assert.Equal(new List<object> { "\"x\"", "\"y\"" }, values["Str"]);
        Assert.Equal(
            new List<object> { new List<object> { new BigInteger(1), new BigInteger(2) }, new List<object>(), new List<object> { "m" } },
            values["Nested"]);
        Assert.Equal(true, values["B"]);
        Assert.Equal(false, values["F"]);
        Assert.Equal("m", values["M"]);
        Assert.Equal(new BigInteger(int.MaxValue), values["Big"]);
        Assert.Equal(new BigInteger(31), values["Hex"]);
        Assert.Equal(new BigInteger(15), values["Oct"]);
        Assert.Equal(new BigInteger(5), values["Bin"]);
        Assert.Equal(new[] { "N", "Neg", "S", "E", "Str", "Nested", "B", "F", "M", "Big", "Hex", "Oct", "Bin" },
            c.Constants.Select(a => a.Name));
        Assert.All(c.Constants, a => Assert.Null(a.SubstituteWith));
        Assert.All(c.Constants, a => Assert.Null(a.Module));
        Assert.All(c.Constants, a => Assert.Equal(0, a.Arity));
    }

    [Fact]
    public void ConstantSpans()
    {
        var c = Parse("CONSTANT\n  S = {a, bb}\n  N = 120\n");
        var s = c.Constants[0];
        Assert.Equal(At(2, 3, 2, 3), s.NameSpan);
        Assert.Equal(At(2, 3, 2, 13), s.Span);
        var set = Assert.IsType<CfgSet>(s.Value);
        Assert.Equal(At(2, 7, 2, 13), set.Span);
        Assert.Equal(At(2, 11, 2, 12), set.Items[1].Span);
        Assert.Equal(At(3, 7, 3, 9), c.Constants[1].Value.Span);
    }

    [Fact]
    public void SeveralEntriesOnOneLineAndSectionsInterleave()
    {
        var c = Parse("CONSTANT A = 1 B = 2 C <- D\nINIT Init\nCONSTANTS E = e\n");
        Assert.Equal(new[] { "A", "B", "C", "E" }, c.Constants.Select(a => a.Name));
        Assert.Equal("D", c.Constants[2].SubstituteWith);
        Assert.Null(c.Constants[2].Value);
    }

    [Fact]
    public void StringEscapesAreDecoded()
    {
        var c = Parse("CONSTANT S = \"a\\\"b\\\\c\\n\"");
        var s = Assert.IsType<CfgString>(c.Constants[0].Value);
        Assert.Equal("a\"b\\c\n", s.Value);
        Assert.Equal(At(1, 14, 1, 24), s.Span);
    }

    [Fact]
    public void SubstitutionAndModuleScopedForms()
    {
        var c = Parse("CONSTANTS\n  N <- Op\n  Nat <- [Naturals] MyNat\n  K = [Inner] 3\n  I!J = 4\n");
        Assert.Equal(("N", "Op", (string)null), (c.Constants[0].Name, c.Constants[0].SubstituteWith, c.Constants[0].Module));
        Assert.Equal(At(2, 3, 2, 9), c.Constants[0].Span);
        Assert.Equal(("Nat", "MyNat", "Naturals"), (c.Constants[1].Name, c.Constants[1].SubstituteWith, c.Constants[1].Module));
        Assert.Equal("Inner", c.Constants[2].Module);
        Assert.Equal(new BigInteger(3), Assert.IsType<CfgInt>(c.Constants[2].Value).Value);
        Assert.Equal("I!J", c.Constants[3].Name);
        Assert.Equal(At(5, 3, 5, 5), c.Constants[3].NameSpan);
    }

    [Fact]
    public void OperatorSymbolsCanBeSubstituted()
    {
        var c = Parse("CONSTANTS \\prec <- MyLess\n ++ <- Plus\n (+) <- OPlus\n");
        Assert.Equal(new[] { "\\prec", "++", "(+)" }, c.Constants.Select(a => a.Name));
        Assert.Equal(new[] { "MyLess", "Plus", "OPlus" }, c.Constants.Select(a => a.SubstituteWith));
        Assert.Equal(At(1, 11, 1, 15), c.Constants[0].NameSpan);
    }

    [Fact]
    public void OperatorTableEntriesCarryArguments()
    {
        var c = Parse("CONSTANTS F(1, a) = 2\nF(2, b) = {}\n");
        Assert.Equal(2, c.Constants[0].Arity);
        Assert.Equal(new List<object> { new BigInteger(1), "a" }, c.Constants[0].Args.Select(Plain).ToList());
        Assert.Equal(new BigInteger(2), Plain(c.Constants[0].Value));
        Assert.Null(c.Constants[0].SubstituteWith);
        Assert.Equal(2, c.Constants[1].Arity);
    }

    [Fact]
    public void KeywordsAreCaseSensitive()
    {
        AssertAt(Fails("init Init"), 1, 1, "unknown keyword 'init'", "did you mean 'INIT'?");
    }

    // ------------------------------------------------------------ errors

    [Fact]
    public void MissingAssignmentOperator()
    {
        AssertAt(Fails("CONSTANTS\n  N 3\n"), 2, 5, "expected '=' or '<-' after constant name 'N'", "found '3'");
        AssertAt(Fails("CONSTANT N"), 1, 10, "expected '=' or '<-' after constant name 'N'", "end of the file");
        AssertAt(Fails("CONSTANT N == 3"), 1, 12, "assigns with '='");
    }

    [Fact]
    public void MisspelledKeywordInsideConstants()
    {
        AssertAt(Fails("CONSTANT N = 1\nINVARIANTZ Inv\n"), 2, 1,
            "expected '=' or '<-' after constant name 'INVARIANTZ'", "did you mean 'INVARIANT'?");
    }

    [Fact]
    public void UnknownKeywordAtTopLevel()
    {
        // A misspelt keyword is one error, with the keyword it was meant to be, and nothing about the section before it.
        var misspelt = Fails("INIT Init\nNEXT Next\nINVARIANTT TypeOK\n");
        AssertAt(misspelt, 3, 1, "unknown keyword 'INVARIANTT'; did you mean 'INVARIANT'?");
        Assert.DoesNotContain("takes exactly one name", misspelt.Message);
        Assert.DoesNotContain("expected one of", misspelt.Message);
        // A second name on INIT's line is what "takes exactly one name" is about.
        AssertAt(Fails("INIT Init Other\n"), 1, 11, "unknown keyword 'Other'", "INIT takes exactly one name");
        AssertAt(Fails("INIT Init\n\nFOO Inv\n"), 3, 1, "unknown keyword 'FOO' (expected one of CONSTANT, CONSTANTS, INIT, NEXT");
        Assert.DoesNotContain("takes exactly one name", Fails("INIT Init\n\nFOO Inv\n").Message);
        AssertAt(Fails("  = 3"), 1, 3, "expected a keyword", "found '='");
        AssertAt(Fails("N = 3"), 1, 1, "unknown keyword 'N'", "belong in a CONSTANTS section");
    }

    [Fact]
    public void CheckDeadlockErrors()
    {
        AssertAt(Fails("CHECK_DEADLOCK yes"), 1, 16, "CHECK_DEADLOCK expects TRUE or FALSE", "found 'yes'");
        AssertAt(Fails("CHECK_DEADLOCK"), 1, 1, "CHECK_DEADLOCK expects TRUE or FALSE");
        AssertAt(Fails("CHECK_DEADLOCK TRUE\nCHECK_DEADLOCK FALSE"), 2, 1, "CHECK_DEADLOCK is given twice", "line 1");
    }

    [Fact]
    public void SingleNameSectionErrors()
    {
        AssertAt(Fails("INIT\n"), 1, 1, "INIT expects the name of a definition", "file ends");
        AssertAt(Fails("NEXT INVARIANT Inv"), 1, 6, "NEXT expects the name of a definition", "keyword INVARIANT");
        AssertAt(Fails("INIT A\nINIT B"), 2, 1, "INIT is given twice", "'A' at line 1");
        AssertAt(Fails("SPECIFICATION {"), 1, 15, "SPECIFICATION expects the name", "found '{'");
    }

    [Fact]
    public void ListSectionsTakeEveryTokenAsAName()
    {
        // TLC's parser of the file takes every token up to the next keyword as a name; the specification then lacks
        // the first one that is not a definition ("The invariant , specified in the configuration file is not
        // defined in the specification.", exit 151), which the model reports.
        Assert.Equal(new[] { "TypeOK", ",", "Inv" }, Parse("INVARIANTS TypeOK, Inv").Invariants.Select(n => n.Name));
        Assert.Equal(new[] { "3" }, Parse("PROPERTY 3").Properties.Select(n => n.Name));
        Assert.Equal(new[] { "[]", "<>", "(", "x", "=", "1", ")" }, Parse("PROPERTY []<>(x = 1)").Properties.Select(n => n.Name));
        Assert.Equal(new[] { "ABS", "!", "Spec" }, Parse("PROPERTY ABS!Spec\nINVARIANT I").Properties.Select(n => n.Name));
    }

    [Fact]
    public void ValueErrors()
    {
        AssertAt(Fails("CONSTANT S = {a, b"), 1, 14, "set '{' is never closed");
        AssertAt(Fails("CONSTANT S = {a b}"), 1, 17, "expected ',' or '}' in the set opened at line 1, column 14", "found 'b'");
        AssertAt(Fails("CONSTANT S = {a,}"), 1, 17, "expected a value after ','", "found '}'");
        AssertAt(Fails("CONSTANT T = <<1, 2>>"), 1, 14, "cannot hold tuples", "N <- Def");
        AssertAt(Fails("CONSTANT N =\nINIT Init"), 2, 1, "expected a value after 'N ='", "keyword INIT");
        AssertAt(Fails("CONSTANT N ="), 1, 12, "expected a value after 'N ='", "file ends");
        AssertAt(Fails("CONSTANT N = 1.5"), 1, 14, "decimal number");
        AssertAt(Fails("CONSTANT N = (1)"), 1, 14, "expected a value", "found '('");
    }

    [Fact]
    public void SubstitutionErrors()
    {
        AssertAt(Fails("CONSTANT N <- 3"), 1, 15, "expected the name of a definition after 'N <-'", "found '3'");
        AssertAt(Fails("CONSTANT N <- [M Op"), 1, 18, "expected ']' after module name 'M'");
        AssertAt(Fails("CONSTANT N = [3] 4"), 1, 15, "expected a module name");
        AssertAt(Fails("CONSTANT F(_, _) <- G"), 1, 12, "expected a value");
        AssertAt(Fails("CONSTANT F(1) <- G"), 1, 15, "expected '=' after 'F(...)'", "'F <- Def' without arguments");
        AssertAt(Fails("CONSTANT F(1) = 2 F(1, 2) = 3"), 1, 19, "'F' is given 2 arguments here but 1 argument at line 1");
        AssertAt(Fails("CONSTANT F(1 = 2"), 1, 14, "expected ',' or ')' in the arguments of 'F'");
    }

    [Fact]
    public void LexicalErrors()
    {
        AssertAt(Fails("INIT Init\n(* open (* nested *)\n"), 2, 1, "comment '(*' is never closed");
        AssertAt(Fails("CONSTANT S = \"abc\nINIT I"), 1, 14, "string is not closed");
        AssertAt(Fails("CONSTANT S = \"a\\qb\""), 1, 16, "invalid escape '\\q'");
        AssertAt(Fails("INIT Init ; "), 1, 11, "unexpected character ';'");
        AssertAt(Fails("CONSTANT S = ∅"), 1, 14, "unexpected character '∅'");
        AssertAt(Fails("CONSTANT N = 1_000"), 1, 14, "neither a number nor a name");
    }

    [Fact]
    public void UnsupportedTlcKeyword()
    {
        AssertAt(Fails("INIT Init\n_PERIODIC P"), 2, 1, "'_PERIODIC'", "Ops does not support");
    }

    [Fact]
    public void CarriageReturnsAndTabsCountAsExpected()
    {
        var c = Parse("INIT Init\r\n\tNEXT Next\r\n");
        Assert.Equal(At(2, 7, 2, 10), c.Next.Span);
    }

    [Fact]
    public void ParseFileReportsUnreadableFilesAsConfigErrors()
    {
        var path = Path.Combine(Path.GetTempPath(), "ops-cfg-missing-" + Guid.NewGuid() + ".cfg");
        var e = Assert.Throws<TlaException>(() => ConfigParser.ParseFile(path));
        Assert.Equal(ErrorKind.Config, e.Kind);
        Assert.Contains("cannot read configuration file", e.Message);
    }

    [Fact]
    public void ParseFileReadsAFile()
    {
        var path = Path.Combine(Path.GetTempPath(), "ops-cfg-" + Guid.NewGuid() + ".cfg");
        System.IO.File.WriteAllText(path, "\uFEFFINIT Init\nNEXT Next\n");
        try
        {
            var c = ConfigParser.ParseFile(path);
            Assert.Equal(path, c.FilePath);
            Assert.Equal(new SourceSpan(path, 1, 6, 1, 9), c.Init.Span);
        }
        finally
        {
            System.IO.File.Delete(path);
        }
    }

    [Fact]
    public void OnlyTlaExceptionsEscapeForArbitraryInput()
    {
        var rng = new Random(12345);
        const string alphabet = "CONSTANTINITNEXT={}<>-,()[]!\"\\*_ \n\tabz0129.;∅";
        var seeds = new[] { "CONSTANTS N = {a, {b}}", "INIT Init NEXT Next", "CONSTANT F(1) = 2", "CHECK_DEADLOCK TRUE" };
        for (int round = 0; round < 3000; round++)
        {
            var chars = seeds[round % seeds.Length].ToCharArray().ToList();
            int edits = rng.Next(1, 6);
            for (int k = 0; k < edits; k++)
            {
                int at = rng.Next(chars.Count + 1);
                if (rng.Next(2) == 0 && at < chars.Count) chars.RemoveAt(at);
                else chars.Insert(at, alphabet[rng.Next(alphabet.Length)]);
            }
            try
            {
                ConfigParser.Parse(new string(chars.ToArray()), File);
            }
            catch (TlaException e)
            {
                Assert.Equal(ErrorKind.Config, e.Kind);
                Assert.True(e.HasLocation, e.Message);
            }
        }
        Assert.Throws<TlaException>(() => ConfigParser.Parse("CONSTANT N = " + new string('{', 5000), File));
        Assert.Empty(ConfigParser.Parse(null, null).Constants);
    }

    // ------------------------------------------------------------ corpus

    private static string FindConformanceDir()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "conformance");
            if (Directory.Exists(candidate)) return candidate;
        }
        return null;
    }

    private static string Specs => FindConformanceDir() is string d
        ? Path.Combine(d, "tlaplus-examples", "specifications")
        : null;

    [CorpusFact]
    public void EveryExampleConfigParses()
    {
        var specs = Specs;
        var files = Directory.GetFiles(specs, "*.cfg", SearchOption.AllDirectories);
        Assert.NotEmpty(files);
        var failures = new List<string>();
        foreach (var f in files)
        {
            try
            {
                ConfigParser.ParseFile(f); // a few (e.g. PrintValues.cfg) are legitimately empty
            }
            catch (TlaException e)
            {
                failures.Add(e.Describe());
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public void DieHardConfig()
    {
        if (Specs is not string specs) return;
        var c = ConfigParser.ParseFile(Path.Combine(specs, "DieHard", "DieHard.cfg"));
        Assert.Equal("Spec", c.Specification.Name);
        Assert.Equal(1, c.Specification.Span.Line);
        Assert.Null(c.Init);
        Assert.Null(c.Next);
        Assert.Equal(new[] { "TypeOK", "NotSolved" }, c.Invariants.Select(n => n.Name));
        Assert.Equal(2, c.Invariants[0].Span.Line);
        Assert.Empty(c.Constants);
    }

    [Fact]
    public void WriteThroughCacheConfig()
    {
        if (Specs is not string specs) return;
        var c = ConfigParser.ParseFile(Path.Combine(specs, "SpecifyingSystems", "CachingMemory", "MCWriteThroughCache.cfg"));
        Assert.Equal("Spec", c.Specification.Name);
        Assert.Equal(new[] { "TypeInvariant", "Coherence", "LM_Inner_TypeInvariant" }, c.Invariants.Select(n => n.Name));
        Assert.Equal(new[] { "LM_Inner_ISpec" }, c.Properties.Select(n => n.Name));
        Assert.Equal(new[] { "Send", "Reply", "InitMemInt", "Proc", "Adr", "Val", "NoVal", "QLen" },
            c.Constants.Select(a => a.Name));
        Assert.Equal(new[] { "MCSend", "MCReply", "MCInitMemInt" }, c.Constants.Take(3).Select(a => a.SubstituteWith));
        Assert.Equal(new List<object> { "p1", "p2" }, Plain(c.Constants[3].Value));
        Assert.Equal("NoVal", Assert.IsType<CfgModelValue>(c.Constants[6].Value).Name);
        Assert.Equal(new BigInteger(1), Plain(c.Constants[7].Value));
    }

    [Fact]
    public void TransactionCommitAndTcpConfigs()
    {
        if (Specs is not string specs) return;
        var t = ConfigParser.ParseFile(Path.Combine(specs, "transaction_commit", "TCommit.cfg"));
        Assert.Equal(false, t.CheckDeadlock);
        Assert.Equal("TCSpec", t.Specification.Name);
        Assert.Equal(new List<object> { "r1", "r2", "r3" }, Plain(t.Constants.Single().Value));

        var tcp = ConfigParser.ParseFile(Path.Combine(specs, "tcp", "MCtcp.cfg"));
        Assert.Equal(new[] { "A", "B", "Peers", "Init" }, tcp.Constants.Select(a => a.Name));
        Assert.Equal("MCInit", tcp.Constants[3].SubstituteWith);
        Assert.Null(tcp.Symmetry); // commented out in the file
        Assert.Equal(new[] { "NoRetransmission" }, tcp.Constraints.Select(n => n.Name));
        Assert.Equal(new[] { "SingleActiveOpen" }, tcp.ActionConstraints.Select(n => n.Name));
    }
}
