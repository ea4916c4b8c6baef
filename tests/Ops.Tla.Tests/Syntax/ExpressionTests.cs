using Ops.Tla.Syntax;
using Xunit;

namespace Ops.Tla.Tests.Syntax;

public class ExpressionTests : ParserTestBase
{
    [Theory]
    [InlineData("a + b * c", "(+ a (* b c))")]
    [InlineData("a * b + c", "(+ (* a b) c)")]
    [InlineData("~a /\\ b", "(/\\ (~ a) b)")]
    [InlineData("~ a = b", "(~ (= a b))")]
    [InlineData("x \\in S \\cup T", "(\\in x (\\cup S T))")]
    [InlineData("a - b - c", "(- (- a b) c)")]
    [InlineData("a + b + c", "(+ (+ a b) c)")]
    [InlineData("-a + b", "(+ (-. a) b)")]
    [InlineData("-a^2", "(-. (^ a 2))")]
    [InlineData("a /\\ b /\\ c", "(/\\ (/\\ a b) c)")]
    [InlineData("a => b /\\ c", "(=> a (/\\ b c))")]
    [InlineData("a <=> b => c", "(=> (<=> a b) c)")]
    [InlineData("a = b /\\ c # d", "(/\\ (= a b) (# c d))")]
    [InlineData("1..N \\X S", "(.. 1 (\\X N S))")]
    [InlineData("x \\in 1..N", "(\\in x (.. 1 N))")]
    [InlineData("a \\o b \\o c", "(\\o (\\o a b) c)")]
    [InlineData("SUBSET S \\cup T", "(\\cup (SUBSET S) T)")]
    [InlineData("UNION {S, T}", "(UNION {S T})")]
    [InlineData("DOMAIN f \\ {x}", "(\\ (DOMAIN f) {x})")]
    [InlineData("[]P => Q", "(=> ([] P) Q)")]
    [InlineData("<>[]P", "(<> ([] P))")]
    [InlineData("[]P /\\ <>Q", "(/\\ ([] P) (<> Q))")]
    [InlineData("ENABLED A \\/ B", "(\\/ (ENABLED A) B)")]
    [InlineData("P ~> Q", "(~> P Q)")]
    [InlineData("P -+-> Q", "(-+-> P Q)")]
    [InlineData("A \\cdot B", "(\\cdot A B)")]
    [InlineData("f @@ g @@ h", "(@@ (@@ f g) h)")]
    [InlineData("a :> b @@ c :> d", "(@@ (:> a b) (:> c d))")]
    [InlineData("s \\o <<x>>", "(\\o s <<x>>)")]
    [InlineData("a % b * 2", "(% a (* b 2))")]
    [InlineData("(a % b) + 1", "(+ (% a b) 1)")]
    [InlineData("a \\div b", "(\\div a b)")]
    [InlineData("x^+", "(^+ x)")]
    [InlineData("x^*", "(^* x)")]
    public void Precedence(string src, string expected) => Assert.Equal(expected, P(src));

    [Theory]
    [InlineData("a => b => c", "'=>' and '=>'")]
    [InlineData("a /\\ b \\/ c", "'/\\' and '\\/'")]
    [InlineData("a = b = c", "'=' and '='")]
    [InlineData("a \\cdot b + c", "'\\cdot' and '+'")]
    [InlineData("a < b \\leq c", "'<' and '\\leq'")]
    [InlineData("S \\cup T \\cap U", "'\\cup' and '\\cap'")]
    [InlineData("a % b + 1", "'%' and '+'")]
    [InlineData("[]x = 1", "'[]' and '='")]
    [InlineData("a * -b", "'*' and '-.'")]  // SANY: a prefix minus after a tighter infix operator (TLC exit 150)
    public void PrecedenceConflictsAreErrors(string src, string ops)
    {
        var ex = FailsExpr(src);
        Assert.Contains("Precedence conflict", ex.Message);
        Assert.Contains(ops, ex.Message);
    }

    [Theory]
    // SANY (TLC exit 150): "-." and LAMBDA name an operator only where an operator is expected.
    [InlineData("-. 5", "'-.' names the prefix minus in a definition")]
    [InlineData("3 - -. 2", "'-.' names the prefix minus in a definition")]
    [InlineData("(LAMBDA x : x)", "A LAMBDA expression can only be an argument of an operator")]
    [InlineData("<<1, LAMBDA x : x>>", "A LAMBDA expression can only be an argument of an operator")]
    public void OperatorNamesWhereAnExpressionIsExpectedAreErrors(string src, string message) =>
        Assert.Contains(message, FailsExpr(src).Message);

    [Fact]
    public void PrefixMinusInFunctionalFormIsAnApplication() =>
        // SANY accepts -.(4), as ^+(4) (tlc-test-model's test204: ASSUME -.(4) = <<63, 4>> with -. z defined).
        Assert.Equal("(-. 4)", P("-.(4)"));

    [Theory]
    [InlineData("a \\land b", "(/\\ a b)")]
    [InlineData("a \\lor b", "(\\/ a b)")]
    [InlineData("\\lnot a", "(~ a)")]
    [InlineData("\\neg a", "(~ a)")]
    [InlineData("a =< b", "(\\leq a b)")]
    [InlineData("a <= b", "(\\leq a b)")]
    [InlineData("a \\leq b", "(\\leq a b)")]
    [InlineData("a >= b", "(\\geq a b)")]
    [InlineData("a /= b", "(# a b)")]
    [InlineData("a \\union b", "(\\cup a b)")]
    [InlineData("a \\intersect b", "(\\cap a b)")]
    [InlineData("a \\circ b", "(\\o a b)")]
    [InlineData("a \\equiv b", "(<=> a b)")]
    [InlineData("a \\oplus b", "((+) a b)")]
    [InlineData("S \\times T", "(\\X S T)")]
    [InlineData("\\forall x : P", "(\\A (x) P)")]
    [InlineData("\\exists x : P", "(\\E (x) P)")]
    public void SynonymsAreNormalised(string src, string expected) => Assert.Equal(expected, P(src));

    [Theory]
    [InlineData("a ∧ b", "(/\\ a b)")]
    [InlineData("a ∨ ¬b", "(\\/ a (~ b))")]
    [InlineData("a ⇒ b", "(=> a b)")]
    [InlineData("a ≡ b", "(<=> a b)")]
    [InlineData("∀ x ∈ S : x ≤ y", "(\\A (x \\in S) (\\leq x y))")]
    [InlineData("∃ x ∈ S : x ≠ y", "(\\E (x \\in S) (# x y))")]
    [InlineData("x ∉ S ∪ T", "(\\notin x (\\cup S T))")]
    [InlineData("S ⊆ T", "(\\subseteq S T)")]
    [InlineData("S × T", "(\\X S T)")]
    [InlineData("⟨a, b⟩", "<<a b>>")]
    [InlineData("[x ∈ S ↦ x]", "(fn (x \\in S) x)")]
    [InlineData("[S → T]", "(-> S T)")]
    [InlineData("□◇P", "([] (<> P))")]
    [InlineData("P ↝ Q", "(~> P Q)")]
    [InlineData("x′ = y", "(= (' x) y)")]
    [InlineData("a ≥ b", "(\\geq a b)")]
    [InlineData("⟨A⟩_v", "(<>_ A v)")]
    public void UnicodeSymbols(string src, string expected) => Assert.Equal(expected, P(src));

    [Fact]
    public void Literals()
    {
        Assert.Equal("42", P("42"));
        var s = Assert.IsType<StringLit>(E("\"a\\\"b\\\\c\\nd\\te\""));
        Assert.Equal("a\"b\\c\nd\te", s.Value);
        Assert.True(Assert.IsType<BoolLit>(E("TRUE")).Value);
        Assert.False(Assert.IsType<BoolLit>(E("FALSE")).Value);
        Assert.Equal(5, (int)Assert.IsType<NumberLit>(E("\\b101")).Value);
        Assert.Equal(15, (int)Assert.IsType<NumberLit>(E("\\o17")).Value);
        Assert.Equal(31, (int)Assert.IsType<NumberLit>(E("\\h1F")).Value);
        Assert.Equal(31, (int)Assert.IsType<NumberLit>(E("\\H1f")).Value);
        var d = Assert.IsType<NumberLit>(E("1.5"));
        Assert.Equal("1.5", d.Decimal);
        Assert.Null(Assert.IsType<NumberLit>(E("15")).Decimal);
        Assert.Equal("(.. 1 5)", P("1..5"));
        Assert.Equal("(app f 1)", P("f[1]"));
        var big = Assert.IsType<NumberLit>(E("123456789012345678901234567890"));
        Assert.Equal(System.Numerics.BigInteger.Parse("123456789012345678901234567890"), big.Value);
        Assert.Equal("(+ BOOLEAN (+ STRING Nat))", P("BOOLEAN + (STRING + Nat)"));
    }

    [Fact]
    public void PrimeBindsTighterThanOperators()
    {
        Assert.Equal("(= (' x) (+ x 1))", P("x' = x + 1"));
        Assert.Equal("(app (' (app f x)) y)", P("f[x]'[y]"));
        Assert.Equal("(' (. r a))", P("r.a'"));
        Assert.Equal("(-. (' x))", P("-x'"));
    }

    [Fact]
    public void FunctionApplicationAndFields()
    {
        Assert.Equal("(app f a b)", P("f[a, b]"));
        Assert.Equal("(. (app (. (. r a) b) 1) c)", P("r.a.b[1].c"));
        var f = Assert.IsType<FieldExpr>(E("r.field"));
        Assert.Equal("field", f.Field.Name);
        var app = Assert.IsType<FunctionAppExpr>(E("f[a, b]"));
        Assert.Equal(2, app.Args.Count);
    }

    [Fact]
    public void Except()
    {
        Assert.Equal("(except f (![a].b[c, d] = e) (!.x = (+ @ 1)))", P("[f EXCEPT ![a].b[c, d] = e, !.x = @ + 1]"));
        var ex = Assert.IsType<ExceptExpr>(E("[f EXCEPT ![a].b[c, d] = e, !.x = @ + 1]"));
        Assert.Equal(2, ex.Clauses.Count);
        var c0 = ex.Clauses[0];
        Assert.Equal(3, c0.Path.Count);
        Assert.Single(c0.Path[0].Index);
        Assert.Null(c0.Path[0].Field);
        Assert.Equal("b", c0.Path[1].Field.Name);
        Assert.Null(c0.Path[1].Index);
        Assert.Equal(2, c0.Path[2].Index.Count);
        var v = Assert.IsType<OpApp>(ex.Clauses[1].Value);
        Assert.IsType<AtExpr>(v.Args[0]);
        Assert.Equal("(except (app f x) ([1] = (except @ (![2] = 3))))".Replace("([1]", "(![1]"),
            P("[f[x] EXCEPT ![1] = [@ EXCEPT ![2] = 3]]"));
    }

    [Fact]
    public void Sets()
    {
        Assert.Equal("{a b}", P("{a, b}"));
        Assert.Equal("{}", P("{}"));
        Assert.Equal("{(\\in x S)}", P("{x \\in S}"));
        Assert.Equal("(filter (x \\in S) (> x 1))", P("{x \\in S : x > 1}"));
        Assert.Equal("(filter (<<x y>> \\in (\\X S T)) (= x y))", P("{<<x, y>> \\in S \\X T : x = y}"));
        Assert.Equal("(map (+ x y) (x \\in S) (y \\in T))", P("{x + y : x \\in S, y \\in T}"));
        Assert.Equal("(map <<x y>> (x y \\in S))", P("{<<x, y>> : x, y \\in S}"));
        var f = Assert.IsType<SetFilterExpr>(E("{<<x, y>> \\in S \\X T : x = y}"));
        Assert.True(f.Bound.IsTuple);
        Assert.Equal(new[] { "x", "y" }, f.Bound.Names.Select(n => n.Name));
        Assert.IsType<CartesianExpr>(f.Bound.Set);
    }

    [Fact]
    public void Functions()
    {
        Assert.Equal("(fn (x \\in S) x)", P("[x \\in S |-> x]"));
        Assert.Equal("(fn (x y \\in S) (+ x y))", P("[x, y \\in S |-> x + y]"));
        Assert.Equal("(fn (x \\in S) (y \\in T) x)", P("[x \\in S, y \\in T |-> x]"));
        Assert.Equal("(fn (<<x y>> \\in S) x)", P("[<<x, y>> \\in S |-> x]"));
        Assert.Equal("(-> S T)", P("[S -> T]"));
        Assert.Equal("(-> (.. 1 N) (-> S T))", P("[1..N -> [S -> T]]"));
        Assert.Equal("(rec a=1 b=2)", P("[a |-> 1, b |-> 2]"));
        Assert.Equal("(recset a:S b:(.. 1 3))", P("[a : S, b : 1..3]"));
        var fe = Assert.IsType<FunctionExpr>(E("[x, y \\in S |-> x + y]"));
        Assert.Single(fe.Bounds);
        Assert.Equal(2, fe.Bounds[0].Names.Count);
        // a bracket that starts like a function constructor but is an action
        Assert.Equal("([]_ (\\in x S) v)", P("[x \\in S]_v"));
    }

    [Fact]
    public void TuplesAndCartesianProducts()
    {
        Assert.Equal("<<>>", P("<<>>"));
        Assert.Equal("<<a (+ b 1)>>", P("<<a, b + 1>>"));
        Assert.Equal("<<<<a>> <<b>>>>", P("<<<<a>>, <<b>>>>"));
        var c = Assert.IsType<CartesianExpr>(E("A \\X B \\X C"));
        Assert.Equal(3, c.Factors.Count);
        Assert.Equal("(\\X (\\X A B) C)", P("(A \\X B) \\X C"));
        Assert.Equal("(\\X A (\\X B C))", P("A \\X (B \\X C)"));
        Assert.Equal("(\\in x (\\X A B C))", P("x \\in A \\X B \\X C"));
    }

    [Fact]
    public void Quantifiers()
    {
        Assert.Equal("(\\A (x \\in S) (y z \\in T) P)", P("\\A x \\in S, y, z \\in T : P"));
        Assert.Equal("(\\E (<<x y>> \\in S) P)", P("\\E <<x, y>> \\in S : P"));
        Assert.Equal("(\\E (x) P)", P("\\E x : P"));
        Assert.Equal("(\\E (x y) (/\\ P Q))", P("\\E x, y : P /\\ Q"));
        Assert.Equal("(\\AA (x) P)", P("\\AA x : P"));
        Assert.Equal("(\\EE (x y) P)", P("\\EE x, y : P"));
        var q = Assert.IsType<QuantExpr>(E("\\AA x : P"));
        Assert.True(q.IsForall);
        Assert.True(q.IsTemporal);
        var q2 = Assert.IsType<QuantExpr>(E("\\E x : P"));
        Assert.False(q2.IsForall);
        Assert.Null(q2.Bounds[0].Set);
        Assert.Equal("(CHOOSE (x) P)", P("CHOOSE x : P"));
        Assert.Equal("(CHOOSE (x \\in S) (> x 0))", P("CHOOSE x \\in S : x > 0"));
        Assert.Equal("(CHOOSE (<<x y>> \\in S) P)", P("CHOOSE <<x, y>> \\in S : P"));
        Assert.Equal("(+ a (\\A (x) (+ P 1)))", P("a + \\A x : P + 1"));
    }

    [Fact]
    public void Conditionals()
    {
        Assert.Equal("(IF a b (+ c 1))", P("IF a THEN b ELSE c + 1"));
        Assert.Equal("(CASE (a 1) (b 2) (OTHER 3))", P("CASE a -> 1 [] b -> 2 [] OTHER -> 3"));
        var c = Assert.IsType<CaseExpr>(E("CASE a -> 1 [] b -> 2"));
        Assert.Equal(2, c.Arms.Count);
        Assert.Null(c.Other);
        Assert.Equal("(CASE ((= x 1) (IF a b c)))", P("CASE x = 1 -> IF a THEN b ELSE c"));
    }

    [Fact]
    public void LetAndLambda()
    {
        Assert.Equal("(LET [FUNDEF f[(x \\in S)] == x; DEF g == 1] (app f g))", P("LET f[x \\in S] == x  g == 1 IN f[g]"));
        Assert.Equal("(LET [RECURSIVE F(_); RECURSIVE-DEF F(n) == (F (- n 1))] (F 3))",
            P("LET RECURSIVE F(_)\n    F(n) == F(n - 1)\nIN F(3)"));
        Assert.Equal("(LET [DEF +(a, b) == 1; INSTANCE I == M] 2)",
            P("LET a + b == 1\n    I == INSTANCE M IN 2"));
        var let = Assert.IsType<LetExpr>(E("LET RECURSIVE F(_)\n    F(n) == F(n - 1)\n    G == 1\nIN F(3)"));
        Assert.True(Assert.IsType<OperatorDef>(let.Defs[1]).Recursive);
        Assert.False(Assert.IsType<OperatorDef>(let.Defs[2]).Recursive);
        Assert.Equal("(F (LAMBDA x y : (+ x y)))", P("F(LAMBDA x, y : x + y)"));
        Assert.Equal("(F (LAMBDA x : x) + \\cup -.)", P("F(LAMBDA x : x, +, \\cup, -.)"));
    }

    [Fact]
    public void OperatorPaths()
    {
        Assert.Equal("M!Op", P("M!Op"));
        Assert.Equal("(M!Op a)", P("M!Op(a)"));
        var app = Assert.IsType<OpApp>(E("I(x)!J!Op(y, z)"));
        Assert.Equal(3, app.Path.Count);
        Assert.Equal("I", app.Path[0].Name);
        Assert.Single(app.Path[0].Args);
        Assert.Equal("J", app.Path[1].Name);
        Assert.Empty(app.Path[1].Args);
        Assert.Equal("Op", app.Name);
        Assert.Equal(2, app.Args.Count);
        Assert.False(app.IsSimple);
    }

    [Fact]
    public void ActionsAndFairness()
    {
        Assert.Equal("([] ([]_ Next vars))", P("[][Next]_vars"));
        Assert.Equal("([]_ A <<x y>>)", P("[A]_<<x, y>>"));
        Assert.Equal("([]_ (/\\ A B) (+ x y))", P("[A /\\ B]_(x + y)"));
        Assert.Equal("(<>_ A v)", P("<<A>>_v"));
        Assert.Equal("(<>_ A <<x y>>)", P("<<A>>_<<x, y>>"));
        Assert.Equal("([]_ A M!vars)", P("[A]_M!vars"));
        Assert.Equal("(WF vars Next)", P("WF_vars(Next)"));
        Assert.Equal("(SF <<x y>> (/\\ A B))", P("SF_<<x, y>>(A /\\ B)"));
        Assert.Equal("(WF (+ x y) A)", P("WF_(x + y)(A)"));
        Assert.Equal("(/\\ (/\\ Init ([] ([]_ Next vars))) (WF vars Next))", P("Init /\\ [][Next]_vars /\\ WF_vars(Next)"));
        var a = Assert.IsType<ActionExpr>(E("<<A>>_v"));
        Assert.True(a.IsAngle);
        var f = Assert.IsType<FairnessExpr>(E("SF_v(A)"));
        Assert.True(f.IsStrong);
        Assert.Equal("(UNCHANGED <<x y>>)", P("UNCHANGED <<x, y>>"));
        Assert.Equal("(ENABLED (' x))", P("ENABLED x'"));
    }

    [Fact]
    public void Labels()
    {
        Assert.Equal("(:: lbl (+ x 1))", P("lbl:: x + 1"));
        Assert.Equal("(/\\ a (:: l (= b c)))", P("a /\\ l :: b = c"));
        var l = Assert.IsType<LabelExpr>(E("lab(x, y) :: x"));
        Assert.Equal("lab", l.Label);
    }

    [Fact]
    public void Comments()
    {
        Assert.Equal("(+ a b)", P("a (* comment (* nested *) still *) + b \\* line comment"));
        Assert.Equal("(+ a b)", P("a +\n\\* comment\n b"));
    }

    [Fact]
    public void Spans()
    {
        var e = Assert.IsType<OpApp>(E("a + (b * c)"));
        Assert.Equal(new SourceSpan("test.tla", 1, 1, 1, 11), e.Span);
        var inner = Assert.IsType<OpApp>(e.Args[1]);
        Assert.Equal(new SourceSpan("test.tla", 1, 6, 1, 10), inner.Span);
        Assert.Equal(new SourceSpan("test.tla", 1, 3, 1, 3), e.Path[0].Span);
        var q = E("\\A x \\in S :\n   P(x)");
        Assert.Equal(new SourceSpan("test.tla", 1, 1, 2, 7), q.Span);
        var s = E("\"ab\"");
        Assert.Equal(new SourceSpan("test.tla", 1, 1, 1, 4), s.Span);
    }

    [Theory]
    // thalesmg/practical-tlaplus's LinkedLists.tla: `[1..Cardinality(nodes) |-> nodes]`. SANY: 'Encountered "|->" at
    // line L, column C', at the '|->'. Ops listed '|->' among the tokens it expected and then said it found '|->'.
    [InlineData("[1..Cardinality(S) |-> S]", 20)]
    [InlineData("[f[x] |-> 1]", 7)]
    public void Maps_to_after_an_expression_says_it_needs_a_field_name_or_bound_variables(string src, int col)
    {
        var ex = FailsExpr(src);
        Assert.Equal(col, ex.Span.Col);
        Assert.Contains("needs a record field name before it ([name |-> e]) or bound variables ([x \\in S |-> e])", ex.Message);
        Assert.Contains("[S -> T]", ex.Message);
        Assert.DoesNotContain("but found '|->'", ex.Message);
    }
}
