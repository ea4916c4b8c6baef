using Ops.Tla.Syntax;
using Xunit;

namespace Ops.Tla.Tests.Syntax;

/// <summary>Indentation-sensitive bulleted /\ and \/ lists.</summary>
public class JunctionListTests : ParserTestBase
{
    [Fact]
    public void SimpleList()
    {
        var src = "Init == /\\ x = 0\n        /\\ y = 1\n";
        Assert.Equal("(/\\* (= x 0) (= y 1))", Def(src, "Init"));
        var jl = Assert.IsType<JunctionList>(M(src).Units.OfType<OperatorDef>().Single().Body);
        Assert.True(jl.IsConjunction);
        Assert.Equal(2, jl.Items.Count);
    }

    [Fact]
    public void SingleItemListIsStillAList()
    {
        Assert.Equal("(\\/* a)", Def("F == \\/ a\nG == 1", "F"));
    }

    [Fact]
    public void NestedLists()
    {
        var src =
            "Next == \\/ /\\ a\n" +
            "           /\\ b\n" +
            "        \\/ /\\ c\n" +
            "           /\\ \\/ d\n" +
            "              \\/ e\n" +
            "        \\/ f\n";
        Assert.Equal("(\\/* (/\\* a b) (/\\* c (\\/* d e)) f)", Def(src, "Next"));
    }

    [Fact]
    public void ListEndsAtTokenLeftOfBullet()
    {
        var src =
            "A == /\\ x\n" +
            "     /\\ y\n" +
            "B == 2\n";
        var m = M(src);
        Assert.Equal(2, m.Units.Count);
        Assert.Equal("(/\\* x y)", Def(src, "A"));
    }

    [Fact]
    public void ItemCannotExtendToTheBulletColumn()
    {
        // "+ 1" on the third line is at the bullet column: it is not part of the item; the list has ended,
        // and (+ is left-associative) it applies to "0 + list".
        var src =
            "A == 0 +\n" +
            "  /\\ x\n" +
            "  + 1\n";
        Assert.Equal("(+ (+ 0 (/\\* x)) 1)", Def(src, "A"));
        // to the right of the bullet it continues the item
        var src2 =
            "A == /\\ x\n" +
            "       + 1\n" +
            "     /\\ y\n";
        Assert.Equal("(/\\* (+ x 1) y)", Def(src2, "A"));
    }

    [Fact]
    public void InfixConjunctionInsideItem()
    {
        var src =
            "A == /\\ x\n" +
            "        /\\ y\n" +
            "     /\\ z\n";
        Assert.Equal("(/\\* (/\\ x y) z)", Def(src, "A"));
    }

    [Fact]
    public void BulletListInsideQuantifierInsideItem()
    {
        var src =
            "A == /\\ \\E i \\in S :\n" +
            "          /\\ p(i)\n" +
            "          /\\ q(i)\n" +
            "     /\\ r\n";
        Assert.Equal("(/\\* (\\E (i \\in S) (/\\* (p i) (q i))) r)", Def(src, "A"));
    }

    [Fact]
    public void QuantifierBodyEndsAtNextBullet()
    {
        var src =
            "A == /\\ \\A i \\in S : p(i) /\\ q\n" +
            "     /\\ r\n";
        Assert.Equal("(/\\* (\\A (i \\in S) (/\\ (p i) q)) r)", Def(src, "A"));
    }

    [Fact]
    public void BulletsEndBeforeThenElse()
    {
        var src =
            "A == IF /\\ a\n" +
            "        /\\ b\n" +
            "     THEN /\\ c\n" +
            "          /\\ d\n" +
            "     ELSE e\n";
        Assert.Equal("(IF (/\\* a b) (/\\* c d) e)", Def(src, "A"));
    }

    [Fact]
    public void BulletsEndBeforeIn()
    {
        var src =
            "A == LET x == /\\ a\n" +
            "              /\\ b\n" +
            "     IN  /\\ x\n" +
            "         /\\ c\n";
        Assert.Equal("(LET [DEF x == (/\\* a b)] (/\\* x c))", Def(src, "A"));
    }

    [Fact]
    public void BulletsEndAtClosingParenthesis()
    {
        var src =
            "A == (/\\ a\n" +
            "      /\\ b) \\/ c\n";
        Assert.Equal("(\\/ (/\\* a b) c)", Def(src, "A"));
        Assert.Equal("(F (\\/* a b) c)", Def("A == F(\\/ a\n       \\/ b, c)", "A"));
    }

    [Fact]
    public void BracketsSuspendTheColumnRule()
    {
        var src =
            "A == /\\ x = [a |-> 1,\n" +
            "  b |-> 2]\n" +
            "     /\\ y\n";
        Assert.Equal("(/\\* (= x (rec a=1 b=2)) y)", Def(src, "A"));
    }

    [Fact]
    public void DifferentBulletKindAtSameColumnEndsList()
    {
        var src =
            "A == /\\ a\n" +
            "     /\\ b\n" +
            "     \\/ c\n";
        Assert.Equal("(\\/ (/\\* a b) c)", Def(src, "A"));
    }

    [Fact]
    public void CaseInsideJunction()
    {
        var src =
            "A == /\\ x' = CASE a -> 1\n" +
            "               [] OTHER -> 2\n" +
            "     /\\ y' = y\n";
        Assert.Equal("(/\\* (= (' x) (CASE (a 1) (OTHER 2))) (= (' y) y))", Def(src, "A"));
    }

    [Fact]
    public void ListSpanCoversAllItems()
    {
        var m = M("Next == \\/ a\n        \\/ (b)\nX == 1");
        var d = m.Units.OfType<OperatorDef>().First();
        Assert.Equal(new SourceSpan("test.tla", 2, 9, 3, 14), d.Body.Span);
        Assert.Equal("line 2, col 9 to line 3, col 14 of module T", d.Body.Span.ToTlcString("T"));
    }

    [Fact]
    public void OffsideTokenInsideItemIsAnError()
    {
        var ex = Fails("---- MODULE T ----\nA == /\\ IF x\n     THEN 1 ELSE 2\n====\n");
        Assert.Equal(3, ex.Span.Line);
        Assert.Equal(6, ex.Span.Col);
        Assert.Contains("Expected 'THEN'", ex.Message);
        Assert.Contains("bullet in column 6", ex.Message);
    }
}
