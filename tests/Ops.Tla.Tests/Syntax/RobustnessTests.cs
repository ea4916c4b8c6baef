using System.Text;
using Ops.Tla.Syntax;
using Xunit;

namespace Ops.Tla.Tests.Syntax;

/// <summary>Whatever the input, the parser either succeeds or throws a located TlaException.</summary>
public class RobustnessTests : ParserTestBase
{
    private const string Sample =
        "---- MODULE Sample ----\n" +
        "EXTENDS Naturals, Sequences\n" +
        "CONSTANTS N, F(_)\n" +
        "VARIABLES x, y\n" +
        "vars == <<x, y>>\n" +
        "Init == /\\ x = [i \\in 1..N |-> 0]\n" +
        "        /\\ y = {s \\in SUBSET (1..N) : Cardinality(s) > 1}\n" +
        "Inc(i) == /\\ x' = [x EXCEPT ![i] = @ + 1, ![i + 1].f = \"s\\\"q\"]\n" +
        "          /\\ UNCHANGED y\n" +
        "Next == \\/ \\E i \\in 1..N : Inc(i)\n" +
        "        \\/ LET z == CHOOSE v \\in y : TRUE IN IF z = {} THEN x' = x ELSE CASE N > 1 -> x' = x [] OTHER -> FALSE\n" +
        "Spec == Init /\\ [][Next]_vars /\\ WF_vars(Next) /\\ SF_<<x>>(<<Next>>_y)\n" +
        "THEOREM Spec => []Init\n" +
        "<1>1. Init OBVIOUS\n" +
        "<1> QED BY <1>1 DEF Init\n" +
        "====\n";

    private static void ParseOrSyntaxError(string text, bool allowDepthError = false)
    {
        try
        {
            TlaParser.ParseModule(text, "fuzz.tla");
        }
        catch (TlaException e)
        {
            Assert.Equal(ErrorKind.Syntax, e.Kind);
            Assert.True(e.HasLocation, "error without a location: " + e.Message);
            Assert.False(string.IsNullOrWhiteSpace(e.Message));
            // the parser's last-resort guard turns internal failures into syntax errors: none should happen
            Assert.DoesNotContain("Could not parse the text", e.Message);
            Assert.DoesNotContain("Could not read the text", e.Message);
            if (!allowDepthError) Assert.DoesNotContain("nested too deeply", e.Message);
        }
    }

    private static IEnumerable<string> Texts()
    {
        yield return Sample;
        var root = CorpusTests.SpecificationsDir();
        if (root == null) yield break;
        foreach (var f in Directory.GetFiles(root, "*.tla", SearchOption.AllDirectories)
                     .OrderBy(f => f, StringComparer.Ordinal).Where((_, i) => i % 4 == 0))
            yield return File.ReadAllText(f);
    }

    [Fact]
    public void SampleParses() => TlaParser.ParseModule(Sample, "s.tla");

    [Fact]
    public void TruncatedInputs()
    {
        foreach (var text in Texts())
        {
            int step = Math.Max(1, text.Length / 60);
            for (int n = 0; n < text.Length; n += step)
                ParseOrSyntaxError(text.Substring(0, n));
        }
    }

    [Fact]
    public void MutatedInputs()
    {
        var rnd = new Random(12345);
        const string alphabet = " \n()[]{}<>=/\\-+*'\"_,.:!@|~^#$%&?`abxINTHEN0123456789∧∨⟨⟩";
        foreach (var text in Texts())
        {
            for (int k = 0; k < 25; k++)
            {
                var sb = new StringBuilder(text);
                int edits = 1 + rnd.Next(4);
                for (int e = 0; e < edits && sb.Length > 0; e++)
                {
                    int pos = rnd.Next(sb.Length);
                    switch (rnd.Next(3))
                    {
                        case 0: sb.Remove(pos, 1); break;
                        case 1: sb.Insert(pos, alphabet[rnd.Next(alphabet.Length)]); break;
                        default: sb[pos] = alphabet[rnd.Next(alphabet.Length)]; break;
                    }
                }
                ParseOrSyntaxError(sb.ToString());
            }
        }
    }

    [Fact]
    public void RandomTokenSoup()
    {
        var rnd = new Random(777);
        string[] toks =
        {
            "x", "y", "F", "(", ")", "[", "]", "{", "}", "<<", ">>", ">>_", "]_", ",", ":", "::", "==", "=", "+", "-",
            "/\\", "\\/", "~", "[]", "<>", "'", "\\in", "\\A", "\\E", "CHOOSE", "IF", "THEN", "ELSE", "CASE", "->",
            "OTHER", "LET", "IN", "LAMBDA", "EXCEPT", "!", "@", ".", "|->", "WF_", "SF_", "1", "\"s\"", "\n", "\n  ",
            "\n     ", "ASSUME", "PROVE", "NEW", "<1>1.", "BY", "DEF", "QED", "INSTANCE", "WITH", "<-", "RECURSIVE",
            "LOCAL", "CONSTANT", "VARIABLE", "THEOREM", "----", "---- MODULE M ----", "====", "_", "\\X", "..",
            "SUBSET", "DOMAIN", "UNCHANGED", "ENABLED", "\\cdot", "TRUE",
        };
        for (int k = 0; k < 3000; k++)
        {
            var sb = new StringBuilder("---- MODULE Soup ----\n");
            int n = 1 + rnd.Next(40);
            for (int i = 0; i < n; i++) sb.Append(toks[rnd.Next(toks.Length)]).Append(' ');
            if (rnd.Next(2) == 0) sb.Append("\n====\n");
            ParseOrSyntaxError(sb.ToString());
        }
    }

    [Fact]
    public void RandomGarbage()
    {
        var rnd = new Random(4242);
        for (int k = 0; k < 500; k++)
        {
            var chars = new char[rnd.Next(200)];
            for (int i = 0; i < chars.Length; i++)
                chars[i] = rnd.Next(10) == 0 ? (char)rnd.Next(0xD800, 0xE000) : (char)rnd.Next(1, 0x3000);
            ParseOrSyntaxError("---- MODULE G ----\n" + new string(chars));
            ParseOrSyntaxError(new string(chars));
        }
    }

    [Fact]
    public void DeepNestingIsAnErrorNotACrash()
    {
        var deep = new string('(', 20000) + "1" + new string(')', 20000);
        ParseOrSyntaxError("---- MODULE D ----\nA == " + deep + "\n====\n", true);
        var deepSub = string.Concat(Enumerable.Repeat("---- MODULE X ----\n", 5000));
        ParseOrSyntaxError("---- MODULE D ----\n" + deepSub, true);
        var negs = string.Concat(Enumerable.Repeat("~", 20000));
        ParseOrSyntaxError("---- MODULE D ----\nA == " + negs + "TRUE\n====\n", true);
        var assumes = string.Concat(Enumerable.Repeat("ASSUME ", 20000));
        ParseOrSyntaxError("---- MODULE D ----\nTHEOREM " + assumes + "TRUE\n====\n", true);
        var lets = string.Concat(Enumerable.Repeat("LET a == ", 20000));
        ParseOrSyntaxError("---- MODULE D ----\nA == " + lets + "1\n====\n", true);
        var bullets = string.Concat(Enumerable.Repeat("/\\ ", 20000));
        ParseOrSyntaxError("---- MODULE D ----\nA == " + bullets + "1\n====\n", true);
        // moderate nesting is fine
        var ok = new string('(', 100) + "1" + new string(')', 100);
        Assert.Equal("1", P(ok));
    }

    [Fact]
    public void ErrorsSayWhatWasExpectedAndWhere()
    {
        var ex = Fails("---- MODULE T ----\nA == 1\nFoo == F(a, b IN\n====\n");
        Assert.Equal((3, 15), (ex.Span.Line, ex.Span.Col));
        Assert.Equal("Expected ')' to close the argument list opened at line 3, col 9, but found 'IN'", ex.Message);
        Assert.Equal("bad.tla:3:15: Expected ')' to close the argument list opened at line 3, col 9, but found 'IN'",
            ex.Describe());

        ex = Fails("---- MODULE T ----\nA == {1, 2\nB == 3\n====\n");
        Assert.Equal((3, 1), (ex.Span.Line, ex.Span.Col));
        Assert.Contains("Expected '}' to close the set opened at line 2, col 6, but found 'B'", ex.Message);

        ex = Fails("---- MODULE T ----\nA == IF x THEN 1\n====\n");
        Assert.Contains("Expected 'ELSE'", ex.Message);
        Assert.Equal(3, ex.Span.Line);

        ex = Fails("---- MODULE T ----\nA == \\A x \\in S P\n====\n");
        Assert.Equal((2, 17), (ex.Span.Line, ex.Span.Col));
        Assert.Contains("Expected ':'", ex.Message);
        Assert.Contains("found 'P'", ex.Message);

        ex = Fails("---- MODULE T ----\nA == [x \\in S |-> ]\n====\n");
        Assert.Equal((2, 19), (ex.Span.Line, ex.Span.Col));
        Assert.Contains("Expected an expression, but found ']'", ex.Message);

        ex = Fails("---- MODULE T ----\nA == 1\n");
        Assert.Contains("Expected '====' to end module T", ex.Message);

        ex = Fails("just text");
        Assert.Contains("No module header", ex.Message);

        ex = Fails("---- MODULE T ----\nA == \"abc\n====\n");
        Assert.Equal((2, 6), (ex.Span.Line, ex.Span.Col));
        Assert.Contains("Unterminated string", ex.Message);

        ex = Fails("---- MODULE T ----\n  (* never closed\nA == 1\n====\n");
        Assert.Equal((2, 3), (ex.Span.Line, ex.Span.Col));
        Assert.Contains("Unterminated comment", ex.Message);

        ex = Fails("---- MODULE T ----\nA == x \\foo y\n====\n");
        Assert.Equal((2, 8), (ex.Span.Line, ex.Span.Col));
        Assert.Contains("Unknown operator '\\foo'", ex.Message);

        ex = Fails("---- MODULE T ----\nA == a + b \\cdot c\n====\n");
        Assert.Equal((2, 12), (ex.Span.Line, ex.Span.Col));
        Assert.Contains("Precedence conflict", ex.Message);

        ex = Fails("---- MODULE T ----\nA == [A]\n====\n");
        Assert.Contains("subscript", ex.Message);
    }
}

public class UnicodeInputTests : ParserTestBase
{
    [Fact]
    public void NonBmpCharactersAreErrorsOrIdentifiers()
    {
        var ex = Fails("---- MODULE U ----\nA == 😀\n====\n");
        Assert.Contains("Unexpected character", ex.Message);
        Assert.Equal((2, 6), (ex.Span.Line, ex.Span.Col));
        // a letter outside the BMP is part of an identifier, and counts as one column
        var m = M("𝒜 == 1\nB == 𝒜 + 1");
        Assert.Equal("𝒜", Assert.IsType<OperatorDef>(m.Units[0]).Name);
        var lhs = ((OpApp)Assert.IsType<OperatorDef>(m.Units[1]).Body).Args[0];
        Assert.Equal(new SourceSpan("test.tla", 3, 6, 3, 6), lhs.Span);
        Assert.Equal(new SourceSpan("test.tla", 3, 6, 3, 10), Assert.IsType<OperatorDef>(m.Units[1]).Body.Span);
    }
}
