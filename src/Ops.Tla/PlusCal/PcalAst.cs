namespace Ops.Tla.PlusCal;

/// <summary>A PlusCal statement. <see cref="Label"/> is "" when the statement carries no label.</summary>
public abstract class PStmt
{
    public string Label = "";
    public int LabelLine, LabelCol;
    /// <summary>1-based source position of the statement (for messages and assert texts).</summary>
    public int Line;
    public int Col;
    /// <summary>For a statement of a macro's body: where the (outermost) macro call is, else 0.</summary>
    public int MacroLine, MacroCol;
    /// <summary>pcal's AST.location(): the statement's position, and the macro call's when it came from a macro.</summary>
    public string Location => MacroLine > 0
        ? $"line {Line}, column {Col} of macro called at line {MacroLine}, column {MacroCol}"
        : $"line {Line}, column {Col}";
}

public sealed class PSingleAssign
{
    public string Var;
    /// <summary>The subscript part of the left-hand side (<c>[i]</c>, <c>.f</c>), empty when none.</summary>
    public PExpr Sub = new();
    public PExpr Rhs;
    public int Line, Col;
}

public sealed class PAssign : PStmt { public List<PSingleAssign> Ass = new(); }

/// <summary>An <c>if</c>; while parsing it may hold labeled statements in its branches (pcal's LabelIf).</summary>
public sealed class PIf : PStmt
{
    public PExpr Test;
    public List<PStmt> Then = new();
    public List<PStmt> Else = new();
    public List<PLabeledStmt> LabThen = new();
    public List<PLabeledStmt> LabElse = new();
    public bool IsLabelIf;
}

public sealed class PClause
{
    public List<PStmt> Unlab = new();
    public List<PLabeledStmt> Lab = new();
}

public sealed class PEither : PStmt
{
    public List<PClause> Clauses = new();
    public bool IsLabelEither;
}

public sealed class PWith : PStmt
{
    public string Var;
    public bool IsEq;
    public PExpr Exp;
    public List<PStmt> Do = new();
}

public sealed class PWhen : PStmt { public PExpr Exp; }
public sealed class PPrint : PStmt { public PExpr Exp; }
public sealed class PAssert : PStmt { public PExpr Exp; }
public sealed class PSkip : PStmt { }

public sealed class PWhile : PStmt
{
    public PExpr Test;
    public List<PStmt> UnlabDo = new();
    public List<PLabeledStmt> LabDo = new();
}

public sealed class PCall : PStmt
{
    public string To;
    public List<PExpr> Args = new();
    /// <summary>Set for <c>call P(..); return;</c> (the procedure that returns).</summary>
    public bool ThenReturn;
    /// <summary>Set for <c>call P(..); goto L;</c>.</summary>
    public string ThenGoto;
    public string From;
}

public sealed class PReturn : PStmt { public string From; }
public sealed class PGoto : PStmt { public string To; }

public sealed class PMacroCall : PStmt
{
    public string Name;
    public List<PExpr> Args = new();
}

public sealed class PLabeledStmt
{
    public string Label;
    /// <summary>1-based position of the label in the source.</summary>
    public int Line, Col;
    public List<PStmt> Stmts = new();
}

public sealed class PVarDecl
{
    public string Var;
    public bool IsEq = true;
    /// <summary>The initial value; <c>defaultInitValue</c> when the declaration has none.</summary>
    public PExpr Val;
    public int Line, Col;
}

public sealed class PMacro
{
    public string Name;
    public List<string> Params = new();
    public List<PStmt> Body = new();
    public int Line, Col;
}

public enum PFairness { Unfair, Weak, Strong }

public sealed class PProcedure
{
    public string Name;
    public List<PVarDecl> Params = new();
    public List<PVarDecl> Decls = new();
    public List<PStmt> RawBody = new();
    public List<PLabeledStmt> Body = new();
    public List<string> PlusLabels = new();
    public List<string> MinusLabels = new();
    public List<string> ProceduresCalled = new();
    public int Line, Col;
}

public sealed class PProcess
{
    public string Name;
    public bool IsEq;
    public PExpr Id;
    public List<PVarDecl> Decls = new();
    public List<PStmt> RawBody = new();
    public List<PLabeledStmt> Body = new();
    public PFairness Fairness;
    public List<string> PlusLabels = new();
    public List<string> MinusLabels = new();
    public List<string> ProceduresCalled = new();
    public int Line, Col;
}

/// <summary>A parsed algorithm: a uniprocess one has <see cref="Body"/>, a multiprocess one <see cref="Processes"/>.</summary>
public sealed class PAlgorithm
{
    public string Name;
    public bool FairAlgorithm;
    public bool CSyntax;
    public List<PVarDecl> Decls = new();
    public PExpr Defs = new();
    public List<PMacro> Macros = new();
    public List<PProcedure> Procedures = new();
    public List<PProcess> Processes;
    public List<PStmt> RawBody = new();
    public List<PLabeledStmt> Body = new();
    public bool IsMultiprocess => Processes != null;
    public bool OmitPC;
    public bool OmitStutteringWhenDone;
    public bool HasDefaultInitialization;
    public List<string> AddedLabels = new();
}
