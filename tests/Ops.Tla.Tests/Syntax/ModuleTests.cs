using Ops.Tla.Syntax;
using Xunit;

namespace Ops.Tla.Tests.Syntax;

public class ModuleTests : ParserTestBase
{
    [Fact]
    public void HeaderExtendsAndTextOutsideTheModuleIsIgnored()
    {
        var text = "Some notes \"unterminated ( * ` garbage\n" +
                   "------------------------- MODULE Foo -------------------------\n" +
                   "EXTENDS Naturals, Sequences\n" +
                   "VARIABLE x\n" +
                   "=============================================================\n" +
                   "trailing garbage \" (* \\unknownop\n";
        var m = TlaParser.ParseModule(text, "/specs/Foo.tla");
        Assert.Equal("Foo", m.Name);
        Assert.Equal("/specs/Foo.tla", m.FilePath);
        Assert.Equal(new[] { "Naturals", "Sequences" }, m.Extends.Select(e => e.Name));
        Assert.Equal(new SourceSpan("/specs/Foo.tla", 3, 9, 3, 16), m.Extends[0].Span);
        Assert.Single(m.Units);
        Assert.Equal(2, m.Span.Line);
        Assert.Equal(5, m.Span.EndLine);
    }

    [Fact]
    public void Declarations()
    {
        var m = M("CONSTANTS N, F(_, _), _ \\prec _, -. _, _ ^+\nVARIABLES x, y\nCONSTANT K\nVARIABLE z");
        var c = Assert.IsType<ConstantDecl>(m.Units[0]);
        Assert.Equal(new[] { ("N", 0), ("F", 2), ("\\prec", 2), ("-.", 1), ("^+", 1) },
            c.Items.Select(i => (i.Name, i.Arity)));
        var v = Assert.IsType<VariableDecl>(m.Units[1]);
        Assert.Equal(new[] { "x", "y" }, v.Names.Select(n => n.Name));
        Assert.IsType<ConstantDecl>(m.Units[2]);
        Assert.IsType<VariableDecl>(m.Units[3]);
    }

    [Fact]
    public void Assumptions()
    {
        var m = M("ASSUME N > 0\nASSUMPTION Pos == N > 1\nAXIOM TRUE");
        var a0 = Assert.IsType<AssumeDecl>(m.Units[0]);
        Assert.Null(a0.Name);
        Assert.Equal("(> N 0)", AstPrinter.Print(a0.Body));
        var a1 = Assert.IsType<AssumeDecl>(m.Units[1]);
        Assert.Equal("Pos", a1.Name);
        Assert.IsType<AssumeDecl>(m.Units[2]);
    }

    [Fact]
    public void OperatorDefinitions()
    {
        var m = M("Op == 1\n" +
                  "Op2(a, b) == a + b\n" +
                  "HO(F(_), x) == F(x)\n" +
                  "a \\prec b == a < b\n" +
                  "-. a == 0 - a\n" +
                  "a ^+ == a\n" +
                  "a (+) b == a\n" +
                  "Sym(_ + _, -. _) == 1\n" +
                  "LOCAL L == 2\n");
        var defs = m.Units.Cast<OperatorDef>().ToList();
        Assert.Equal(new[] { "Op", "Op2", "HO", "\\prec", "-.", "^+", "(+)", "Sym", "L" }, defs.Select(d => d.Name));
        Assert.Equal(new[] { 0, 2, 2, 2, 1, 1, 2, 2, 0 }, defs.Select(d => d.Params.Count));
        Assert.Equal(1, defs[2].Params[0].Arity);
        Assert.Equal("F", defs[2].Params[0].Name);
        Assert.Equal(("+", 2), (defs[7].Params[0].Name, defs[7].Params[0].Arity));
        Assert.Equal(("-.", 1), (defs[7].Params[1].Name, defs[7].Params[1].Arity));
        Assert.True(defs[8].Local);
        Assert.All(defs, d => Assert.False(d.Recursive));
        Assert.False(defs[0].Local);
        Assert.Equal("(< a b)", AstPrinter.Print(defs[3].Body));
    }

    [Fact]
    public void OperatorDefinitionSpans()
    {
        var m = M("Foo(x) ==\n    /\\ x = 1\n    /\\ (x + 2)\nBar == 3");
        var d = m.Units.OfType<OperatorDef>().First();
        Assert.Equal(new SourceSpan("test.tla", 2, 1, 4, 14), d.Span);
        Assert.Equal(new SourceSpan("test.tla", 3, 5, 4, 14), d.Body.Span);
        Assert.Equal("line 3, col 5 to line 4, col 14 of module T", d.Body.Span.ToTlcString("T"));
    }

    [Fact]
    public void RecursiveAndFunctionDefinitions()
    {
        var m = M("RECURSIVE F(_), G\nF(n) == IF n = 0 THEN 0 ELSE F(n - 1)\nG == 1\n" +
                  "fact[n \\in Nat] == IF n = 0 THEN 1 ELSE n * fact[n - 1]\n" +
                  "g[x, y \\in S, z \\in T] == x");
        var r = Assert.IsType<RecursiveDecl>(m.Units[0]);
        Assert.Equal(new[] { ("F", 1), ("G", 0) }, r.Items.Select(i => (i.Name, i.Arity)));
        Assert.True(Assert.IsType<OperatorDef>(m.Units[1]).Recursive);
        Assert.True(Assert.IsType<OperatorDef>(m.Units[2]).Recursive);
        var f = Assert.IsType<FunctionDef>(m.Units[3]);
        Assert.Equal("fact", f.Name);
        Assert.Single(f.Bounds);
        Assert.Equal("(IF (= n 0) 1 (* n (app fact (- n 1))))", AstPrinter.Print(f.Body));
        var g = Assert.IsType<FunctionDef>(m.Units[4]);
        Assert.Equal(2, g.Bounds.Count);
        Assert.Equal(2, g.Bounds[0].Names.Count);
    }

    [Fact]
    public void Instances()
    {
        var m = M("INSTANCE Naturals\n" +
                  "LOCAL INSTANCE Sequences\n" +
                  "C == INSTANCE Channel WITH Data <- Msg, chan <- in\n" +
                  "I(x) == INSTANCE Inner WITH v <- x, \\prec <- Less, + <- Plus\n" +
                  "Q == INSTANCE Other WITH F <- LAMBDA a : a + 1\n" +
                  "R == INSTANCE Other WITH Op <- +\n" +
                  "S == 1");
        var i0 = Assert.IsType<InstanceDef>(m.Units[0]);
        Assert.Null(i0.Name);
        Assert.Equal("Naturals", i0.Module.Name);
        Assert.False(i0.Local);
        var i1 = Assert.IsType<InstanceDef>(m.Units[1]);
        Assert.True(i1.Local);
        var i2 = Assert.IsType<InstanceDef>(m.Units[2]);
        Assert.Equal("C", i2.Name);
        Assert.Equal(new[] { "Data", "chan" }, i2.Substitutions.Select(s => s.Name));
        Assert.Equal("in", AstPrinter.Print(i2.Substitutions[1].Value));
        var i3 = Assert.IsType<InstanceDef>(m.Units[3]);
        Assert.Equal("I", i3.Name);
        Assert.Single(i3.Params);
        Assert.Equal(new[] { "v", "\\prec", "+" }, i3.Substitutions.Select(s => s.Name));
        Assert.Equal("Less", AstPrinter.Print(i3.Substitutions[1].Value));
        var i4 = Assert.IsType<InstanceDef>(m.Units[4]);
        Assert.IsType<LambdaExpr>(i4.Substitutions[0].Value);
        var i5 = Assert.IsType<InstanceDef>(m.Units[5]);
        Assert.Equal("+", AstPrinter.Print(i5.Substitutions[0].Value));
        Assert.IsType<OperatorDef>(m.Units[6]);
    }

    [Fact]
    public void SubmodulesAndSeparators()
    {
        var m = M("A == 1\n" +
                  "----\n" +
                  "---- MODULE Inner ----\n" +
                  "VARIABLE v\n" +
                  "---- MODULE Deeper ----\n" +
                  "D == 4\n" +
                  "====\n" +
                  "B == 2\n" +
                  "====\n" +
                  "-----------------------------------\n" +
                  "C == 3");
        Assert.Equal(3, m.Units.Count);
        var sub = Assert.IsType<SubmoduleUnit>(m.Units[1]);
        Assert.Equal("Inner", sub.Module.Name);
        Assert.Equal(3, sub.Module.Units.Count);
        var deeper = Assert.IsType<SubmoduleUnit>(sub.Module.Units[1]);
        Assert.Equal("Deeper", deeper.Module.Name);
        Assert.Equal("C", Assert.IsType<OperatorDef>(m.Units[2]).Name);
    }

    [Fact]
    public void TheoremsAndProofsAreParsedAndSkipped()
    {
        var m = M(
            "THEOREM Spec => []Inv\n" +
            "LEMMA L1 == ASSUME NEW x \\in S, NEW CONSTANT c, x > 0\n" +
            "            PROVE x # 0\n" +
            "PROOF\n" +
            "  <1>1. x > 0 BY DEF S\n" +
            "  <1>a. CASE x = 1\n" +
            "    OBVIOUS\n" +
            "  <1> DEFINE Q == 1  R(y) == y\n" +
            "  <1>2. SUFFICES ASSUME NEW y PROVE y = y\n" +
            "    <2>1. PICK z \\in S : z = x\n" +
            "      BY <1>1, <1>a DEF Q\n" +
            "    <2>2. TAKE w \\in S\n" +
            "    <2>3. WITNESS 1, 2\n" +
            "    <2>4. HAVE x > 0\n" +
            "    <2>5. Foo!(1, 2)!2 OMITTED\n" +
            "    <2> QED BY ONLY <2>1 DEFS Q, R\n" +
            "  <1> USE <1>1 DEF Q\n" +
            "  <1> HIDE DEF Q\n" +
            "  <1> QED\n" +
            "    BY Zenon, SMTT(30) DEF Foo, \\prec\n" +
            "USE DEF Foo\n" +
            "HIDE MODULE Naturals\n" +
            "PROPOSITION P == TRUE OBVIOUS\n" +
            "COROLLARY TRUE\n" +
            "  PROOF OMITTED\n" +
            "After == 1");
        Assert.Collection(m.Units,
            u => Assert.Equal("(=> Spec ([] Inv))", AstPrinter.Print(Assert.IsType<TheoremDecl>(u).Body)),
            u =>
            {
                var t = Assert.IsType<TheoremDecl>(u);
                Assert.Equal("L1", t.Name);
                Assert.Null(t.Body);
            },
            u => Assert.Equal("USE", Assert.IsType<SkippedUnit>(u).What),
            u => Assert.Equal("HIDE", Assert.IsType<SkippedUnit>(u).What),
            u => Assert.Equal("P", Assert.IsType<TheoremDecl>(u).Name),
            u => Assert.IsType<TheoremDecl>(u),
            u => Assert.Equal("After", Assert.IsType<OperatorDef>(u).Name));
    }

    [Fact]
    public void PlusCalCommentIsIgnored()
    {
        var m = M("(* --algorithm Foo\n" +
                  "variables x = 0;\n" +
                  "begin\n" +
                  "  L: x := x + 1;\n" +
                  "end algorithm; *)\n" +
                  "\\* BEGIN TRANSLATION\n" +
                  "VARIABLES x, pc\n" +
                  "vars == << x, pc >>\n" +
                  "\\* END TRANSLATION\n");
        Assert.Equal(2, m.Units.Count);
    }
}

public class LexerTests : ParserTestBase
{
    [Fact]
    public void CrLfLineEndingsAndByteOrderMark()
    {
        var text = "\uFEFF---- MODULE W ----\r\nA == /\\ 1\r\n     /\\ 2\r\nB == 3\r\n====\r\n";
        var m = TlaParser.ParseModule(text, "w.tla");
        Assert.Equal(2, m.Units.Count);
        var a = Assert.IsType<OperatorDef>(m.Units[0]);
        Assert.Equal(new SourceSpan("w.tla", 2, 6, 3, 9), a.Body.Span);
    }

    [Fact]
    public void TabsAdvanceToTheNextMultipleOfEight()
    {
        // "\t/\\" puts the bullet in column 9, as does 8 spaces
        var text = "---- MODULE W ----\nA ==\n\t/\\ 1\n        /\\ 2\n====\n";
        var a = Assert.IsType<OperatorDef>(TlaParser.ParseModule(text, "w.tla").Units[0]);
        var jl = Assert.IsType<JunctionList>(a.Body);
        Assert.Equal(2, jl.Items.Count);
        Assert.Equal(9, jl.Span.Col);
    }

    [Fact]
    public void TokensAndPositions()
    {
        var toks = Lexer.TokenizeFragment("x' \\in S \\cup {1} (* c *) <1>2. <<a>>_v [A]_v WF_v -. \"s\"", "f");
        Assert.Equal(new[] { "x", "'", "\\in", "S", "\\cup", "{", "1", "}", "<1>2", "<<", "a", ">>_", "v", "[", "A", "]_", "v", "WF_", "v", "-.", "s", "" },
            toks.Select(t => t.Text));
        Assert.Equal(TokenKind.StepLabel, toks[8].Kind);
        Assert.Equal(TokenKind.String, toks[20].Kind);
        Assert.Equal(TokenKind.Eof, toks[^1].Kind);
        Assert.Equal((1, 4, 1, 6), (toks[2].Line, toks[2].Col, toks[2].EndLine, toks[2].EndCol));
    }

    [Fact]
    public void KeywordsAndIdentifiers()
    {
        var toks = Lexer.TokenizeFragment("IF THEN ELSE x_1 _y 1st BOOLEAN TRUE", "f");
        Assert.Equal(new[] { TokenKind.Keyword, TokenKind.Keyword, TokenKind.Keyword, TokenKind.Ident, TokenKind.Ident,
            TokenKind.Ident, TokenKind.Ident, TokenKind.Keyword, TokenKind.Eof }, toks.Select(t => t.Kind));
    }

    [Fact]
    public void DashesAndEqualsRuns()
    {
        var toks = Lexer.TokenizeFragment("a -- b ---- c == d ======", "f");
        Assert.Equal(new[] { TokenKind.Ident, TokenKind.Symbol, TokenKind.Ident, TokenKind.Separator, TokenKind.Ident,
            TokenKind.Symbol, TokenKind.Ident, TokenKind.ModuleEnd, TokenKind.Eof }, toks.Select(t => t.Kind));
    }
}
