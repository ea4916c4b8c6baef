using System.Collections;
using System.Reflection;
using System.Runtime.CompilerServices;
using Ops.Tla.Syntax;
using Xunit;

namespace Ops.Tla.Tests.Syntax;

/// <summary>Every node of every parsed module has a span in the right file, and children lie inside their
/// parents.</summary>
public class SpanTests : ParserTestBase
{
    private static IEnumerable<Node> Children(Node n)
    {
        foreach (var f in n.GetType().GetFields(BindingFlags.Public | BindingFlags.Instance))
        {
            var v = f.GetValue(n);
            foreach (var c in Nodes(v)) yield return c;
        }
    }

    private static IEnumerable<Node> Nodes(object v)
    {
        switch (v)
        {
            case null:
                yield break;
            case Node node:
                yield return node;
                break;
            case string:
                yield break;
            case IEnumerable seq:
                foreach (var item in seq)
                foreach (var c in Nodes(item))
                    yield return c;
                break;
            case ITuple t:
                for (int i = 0; i < t.Length; i++)
                foreach (var c in Nodes(t[i]))
                    yield return c;
                break;
        }
    }

    private static bool Before(int l1, int c1, int l2, int c2) => l1 < l2 || (l1 == l2 && c1 <= c2);

    private static void Check(Node n, string file, Node parent, List<string> problems)
    {
        _visited++;
        var s = n.Span;
        if (s.File != file || s.Line <= 0 || s.Col <= 0 || !Before(s.Line, s.Col, s.EndLine, s.EndCol))
            problems.Add($"{n.GetType().Name} has bad span {s.Line}:{s.Col}-{s.EndLine}:{s.EndCol} '{s.File}'");
        else if (parent != null && parent is not NameSegment && parent is not ModuleNode)
        {
            var p = parent.Span;
            if (!Before(p.Line, p.Col, s.Line, s.Col) || !Before(s.EndLine, s.EndCol, p.EndLine, p.EndCol))
                problems.Add($"{n.GetType().Name} {s.Line}:{s.Col}-{s.EndLine}:{s.EndCol} is not inside its parent " +
                             $"{parent.GetType().Name} {p.Line}:{p.Col}-{p.EndLine}:{p.EndCol}");
        }
        foreach (var c in Children(n)) Check(c, file, n, problems);
    }

    private static int _visited;

    private static int CheckModule(string text, string file)
    {
        var m = TlaParser.ParseModule(text, file);
        var problems = new List<string>();
        _visited = 0;
        Check(m, file, null, problems);
        Assert.True(problems.Count == 0, file + ":\n" + string.Join("\n", problems.Take(20)));
        return _visited;
    }

    [CorpusFact]
    public void AllNodesOfTheCorpusHaveSpans()
    {
        var root = CorpusTests.SpecificationsDir();
        foreach (var f in Directory.GetFiles(root, "*.tla", SearchOption.AllDirectories))
            CheckModule(File.ReadAllText(f), f);
    }

    [Fact]
    public void AllNodesOfEveryConstructHaveSpans()
    {
        var visited = CheckModule(
            "---- MODULE S ----\nEXTENDS Naturals\nCONSTANTS N, F(_), _ \\prec _\nVARIABLE x\n" +
            "A(G(_), y) == /\\ [f EXCEPT ![1].a[2, 3] = @, !.b = 1][x]\n" +
            "              /\\ {a \\in S : a} \\cup {a + b : a \\in S, <<b, c>> \\in T} \\cup {1, 2}\n" +
            "              /\\ [a \\in S |-> [S -> T]] = [a |-> 1] /\\ [a : S] = <<1, \"s\", TRUE>>\n" +
            "              /\\ \\A a, b \\in S : \\E c : CHOOSE d \\in S : LET e == 1 f[g \\in S] == 2 IN e\n" +
            "              /\\ IF a THEN b ELSE CASE c -> d [] OTHER -> (e)\n" +
            "              /\\ [][A]_<<x>> /\\ <><<A>>_x /\\ WF_x(A) /\\ SF_(x)(A) /\\ lab :: x' /\\ r.f.g\n" +
            "              /\\ M!Op(1) /\\ F(LAMBDA q : q) /\\ A \\X B \\X C /\\ \\EE z : z /\\ -1.5 /\\ x^+\n" +
            "a \\prec b == a\n" +
            "I(p) == INSTANCE M WITH a <- 1, \\prec <- Less\n" +
            "RECURSIVE R(_)\nR(n) == R(n)\n" +
            "ASSUME Pos == N > 0\n" +
            "THEOREM T == TRUE OBVIOUS\n" +
            "---- MODULE Sub ----\nB == 1\n====\n" +
            "USE DEF A\n" +
            "====\n", "s.tla");
        Assert.True(visited > 200, $"only {visited} nodes visited");
    }
}
