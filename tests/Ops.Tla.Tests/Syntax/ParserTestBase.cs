using Ops.Tla.Syntax;
using Xunit;

namespace Ops.Tla.Tests.Syntax;

public abstract class ParserTestBase
{
    /// <summary>Parses an expression and prints it as an S-expression.</summary>
    protected static string P(string expr) => AstPrinter.Print(TlaParser.ParseExpression(expr, "test.tla"));

    protected static Expr E(string expr) => TlaParser.ParseExpression(expr, "test.tla");

    /// <summary>Wraps definitions into a module and parses it.</summary>
    protected static ModuleNode M(string body, string name = "T") =>
        TlaParser.ParseModule($"---- MODULE {name} ----\n{body}\n====\n", "test.tla");

    /// <summary>The body of the (last) definition named <paramref name="op"/> in a module made of
    /// <paramref name="body"/>, printed.</summary>
    protected static string Def(string body, string op)
    {
        var m = M(body);
        var d = m.Units.OfType<OperatorDef>().Last(u => u.Name == op);
        return AstPrinter.Print(d.Body);
    }

    protected static TlaException Fails(string moduleText)
    {
        var ex = Assert.Throws<TlaException>(() => TlaParser.ParseModule(moduleText, "bad.tla"));
        Assert.Equal(ErrorKind.Syntax, ex.Kind);
        return ex;
    }

    protected static TlaException FailsExpr(string expr)
    {
        var ex = Assert.Throws<TlaException>(() => TlaParser.ParseExpression(expr, "bad.tla"));
        Assert.Equal(ErrorKind.Syntax, ex.Kind);
        return ex;
    }
}
