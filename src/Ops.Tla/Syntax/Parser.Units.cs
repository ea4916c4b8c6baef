namespace Ops.Tla.Syntax;

internal sealed partial class Parser
{
    // ------------------------------------------------------------------ modules

    public ModuleNode ParseModuleFromHeader() => ParseModule();

    /// <summary><c>---- MODULE Name ----</c> EXTENDS ... units ... <c>====</c>.</summary>
    private ModuleNode ParseModule()
    {
        Enter();
        try
        {
            return ParseModuleCore();
        }
        finally
        {
            Leave();
        }
    }

    private ModuleNode ParseModuleCore()
    {
        var start = Cur;
        if (start.Kind != TokenKind.Separator) throw Expected("a module header '---- MODULE Name ----'");
        Next();
        ExpectKw("MODULE", "after '----' in the module header");
        var name = ExpectIdent("the module name after MODULE");
        var m = new ModuleNode { Name = name.Text, FilePath = _file };
        var outerTooBig = _tooBigNumeral;
        _tooBigNumeral = null;
        if (Cur.Kind == TokenKind.Separator) Next();
        else throw Expected($"'----' to end the header of module {name.Text}");
        if (AcceptKw("EXTENDS"))
        {
            do m.Extends.Add(MkIdent(ExpectIdent("a module name after EXTENDS")));
            while (AcceptSym(","));
        }
        while (true)
        {
            var t = Cur;
            if (t.Kind == TokenKind.ModuleEnd)
            {
                Next();
                break;
            }
            if (t.Kind == TokenKind.Eof)
                throw Error(t, $"Expected '====' to end module {m.Name} (begun at line {start.Line}), but found end of file");
            var u = ParseUnit();
            if (u != null) m.Units.Add(u);
        }
        MarkRecursive(m.Units);
        m.Span = From(start);
        m.TooBigNumeral = _tooBigNumeral;
        _tooBigNumeral = outerTooBig;
        return m;
    }

    /// <summary>Sets <see cref="OperatorDef.Recursive"/> on definitions named in a RECURSIVE declaration of the
    /// same scope (a module or a LET).</summary>
    private static void MarkRecursive(List<Unit> units)
    {
        HashSet<string> names = null;
        foreach (var u in units)
            if (u is RecursiveDecl r)
                foreach (var it in r.Items)
                    (names ??= new HashSet<string>()).Add(it.Name);
        if (names == null) return;
        foreach (var u in units)
            if (u is OperatorDef d && names.Contains(d.Name))
                d.Recursive = true;
    }

    /// <summary>One unit of a module; null for a separator line.</summary>
    private Unit ParseUnit()
    {
        var t = Cur;
        switch (t.Kind)
        {
            case TokenKind.Separator:
                if (Peek(1).IsKw("MODULE"))
                {
                    var sub = ParseModule();
                    sub.FilePath = _file;
                    return new SubmoduleUnit { Module = sub, Span = sub.Span };
                }
                Next();
                return null;
            case TokenKind.Keyword:
                switch (t.Text)
                {
                    case "LOCAL":
                    {
                        Next();
                        Unit u;
                        if (IsKw("INSTANCE")) u = ParseInstance(null, t);
                        else if (IsDefinitionStart()) u = ParseDefinition(true, t);
                        else throw Expected("a definition or INSTANCE after LOCAL");
                        u.Local = true;
                        u.Span = From(t);
                        return u;
                    }
                    case "VARIABLE":
                    case "VARIABLES":
                    {
                        Next();
                        var v = new VariableDecl();
                        do v.Names.Add(MkIdent(ExpectIdent("a variable name")));
                        while (AcceptSym(","));
                        v.Span = From(t);
                        return v;
                    }
                    case "CONSTANT":
                    case "CONSTANTS":
                    {
                        Next();
                        var c = new ConstantDecl();
                        do c.Items.Add(ParseOpDecl("a constant declaration"));
                        while (AcceptSym(","));
                        c.Span = From(t);
                        return c;
                    }
                    case "RECURSIVE":
                        return ParseRecursive();
                    case "ASSUME":
                    case "ASSUMPTION":
                    case "AXIOM":
                    {
                        Next();
                        var a = new AssumeDecl();
                        if (Cur.Kind == TokenKind.Ident && Peek(1).IsSym("=="))
                        {
                            a.Name = Next().Text;
                            Next();
                        }
                        a.Body = ParseExpr();
                        a.Span = From(t);
                        return a;
                    }
                    case "THEOREM":
                    case "LEMMA":
                    case "PROPOSITION":
                    case "COROLLARY":
                        return ParseTheorem();
                    case "INSTANCE":
                        return ParseInstance(null, t);
                    case "USE":
                    case "HIDE":
                    {
                        Next();
                        var facts = ParseUseBody();
                        return new SkippedUnit { What = t.Text, Span = From(t), Facts = t.Text == "HIDE" ? facts : null };
                    }
                    case "EXTENDS":
                        throw Error(t, "EXTENDS must come directly after the module header");
                }
                break;
            case TokenKind.StepLabel:
            {
                // a proof that is not attached to a theorem: skip it
                ParseProof();
                return new SkippedUnit { What = "PROOF", Span = From(t) };
            }
        }
        if (t.Kind is TokenKind.Keyword && t.Text is "PROOF" or "BY" or "OBVIOUS" or "OMITTED")
        {
            ParseProof();
            return new SkippedUnit { What = "PROOF", Span = From(t) };
        }
        if (IsDefinitionStart()) return ParseDefinition(false, t);
        throw Expected("a definition, a declaration or '===='");
    }

    // ------------------------------------------------------------------ declarations

    /// <summary><c>x</c>, <c>F(_, _)</c>, <c>_ \prec _</c>, <c>-. _</c>, <c>_ ^+</c>.</summary>
    private OpParam ParseOpDecl(string what)
    {
        var t = Cur;
        if (t.Kind == TokenKind.Ident)
        {
            Next();
            var p = new OpParam { Name = t.Text, Arity = 0 };
            if (IsSym("("))
            {
                var open = Next();
                do
                {
                    ExpectSym("_", "as an operator parameter placeholder");
                    p.Arity++;
                } while (AcceptSym(","));
                ExpectClose(")", open, "parameter list");
            }
            p.Span = From(t);
            return p;
        }
        if (t.IsSym("_"))
        {
            Next();
            var op = Cur;
            if (op.Kind == TokenKind.Symbol && Operators.IsUserPostfix(op.Text))
            {
                Next();
                return new OpParam { Name = op.Text, Arity = 1, Span = From(t) };
            }
            if (op.Kind == TokenKind.Symbol && (Operators.Infix.ContainsKey(op.Text) || op.Text == "-"))
            {
                Next();
                ExpectSym("_", $"after the infix operator '{op.Raw}'");
                return new OpParam { Name = op.Text, Arity = 2, Span = From(t) };
            }
            throw Expected("an infix or postfix operator after '_'");
        }
        if (t.Kind == TokenKind.Symbol && Operators.IsUserPrefix(t.Text))
        {
            Next();
            ExpectSym("_", $"after the prefix operator '{t.Raw}'");
            return new OpParam { Name = t.Text == "-" ? "-." : t.Text, Arity = 1, Span = From(t) };
        }
        throw Expected(what);
    }

    private RecursiveDecl ParseRecursive()
    {
        var t = ExpectKw("RECURSIVE", "");
        var r = new RecursiveDecl();
        do r.Items.Add(ParseOpDecl("an operator declaration after RECURSIVE"));
        while (AcceptSym(","));
        r.Span = From(t);
        return r;
    }

    /// <summary>Raw lookahead for the start of a definition: <c>Op ==</c>, <c>Op(...) ==</c>, <c>f[...] ==</c>,
    /// <c>a (+) b ==</c>, <c>a ^+ ==</c>, <c>-. a ==</c>.</summary>
    private bool IsDefinitionStart()
    {
        if (Cur.Kind == TokenKind.Offside) return false;
        var t0 = Peek(0);
        var t1 = Peek(1);
        if (t0.Kind == TokenKind.Ident)
        {
            if (t1.IsSym("==")) return true;
            if (t1.IsSym("(") || t1.IsSym("["))
            {
                int k = SkipBalanced(1);
                return k > 0 && Peek(k).IsSym("==");
            }
            if (t1.Kind == TokenKind.Symbol && Operators.IsUserPostfix(t1.Text) && Peek(2).IsSym("==")) return true;
            if (t1.Kind == TokenKind.Symbol && (Operators.Infix.ContainsKey(t1.Text)) &&
                Peek(2).Kind == TokenKind.Ident && Peek(3).IsSym("==")) return true;
            return false;
        }
        if (t0.Kind == TokenKind.Symbol && Operators.IsUserPrefix(t0.Text) && t1.Kind == TokenKind.Ident &&
            Peek(2).IsSym("==")) return true;
        return false;
    }

    /// <summary>Given that Peek(k) opens a bracket, returns the offset just after the matching close, or -1.</summary>
    private int SkipBalanced(int k)
    {
        int depth = 0;
        for (int i = k; i < k + 100000; i++)
        {
            var t = Peek(i);
            if (t.Kind is TokenKind.Eof or TokenKind.ModuleEnd) return -1;
            if (t.Kind != TokenKind.Symbol) continue;
            switch (t.Text)
            {
                case "(":
                case "[":
                case "{":
                case "<<":
                    depth++;
                    break;
                case ")":
                case "]":
                case "}":
                case ">>":
                case "]_":
                case ">>_":
                    depth--;
                    if (depth == 0) return i + 1;
                    break;
                case "==":
                    return -1;
            }
        }
        return -1;
    }

    /// <summary>Parses one definition (the caller has checked <see cref="IsDefinitionStart"/>).</summary>
    private Unit ParseDefinition(bool local, Token start)
    {
        var t0 = Cur;
        var t1 = Peek(1);
        string name;
        var ps = new List<OpParam>();
        if (t0.Kind == TokenKind.Ident)
        {
            if (t1.IsSym("["))
            {
                Next();
                var open = Next();
                var fd = new FunctionDef { Name = t0.Text, NameSpan = SpanOf(t0) };
                fd.Bounds.AddRange(ParseBounds());
                ExpectClose("]", open, "function definition bounds");
                ExpectSym("==", $"after the bounds of function {t0.Text}");
                fd.Body = ParseExpr();
                fd.Local = local;
                fd.Span = From(start);
                return fd;
            }
            if (t1.IsSym("==") || t1.IsSym("("))
            {
                Next();
                name = t0.Text;
                if (IsSym("("))
                {
                    var open = Next();
                    do ps.Add(ParseOpDecl("an operator parameter"));
                    while (AcceptSym(","));
                    ExpectClose(")", open, "parameter list");
                }
            }
            else if (Operators.IsUserPostfix(t1.Text))
            {
                Next();
                Next();
                name = t1.Text;
                ps.Add(new OpParam { Name = t0.Text, Span = SpanOf(t0) });
            }
            else
            {
                // infix: a op b
                Next();
                Next();
                var b = ExpectIdent("the right parameter of the infix operator definition");
                name = t1.Text;
                ps.Add(new OpParam { Name = t0.Text, Span = SpanOf(t0) });
                ps.Add(new OpParam { Name = b.Text, Span = SpanOf(b) });
            }
        }
        else
        {
            // prefix: -. a
            Next();
            var a = ExpectIdent("the parameter of the prefix operator definition");
            name = t0.Text == "-" ? "-." : t0.Text;
            ps.Add(new OpParam { Name = a.Text, Span = SpanOf(a) });
        }
        // SANY's declaration location: the name with its parameters ("Step(p)").
        var nameSpan = From(t0);
        ExpectSym("==", $"in the definition of {name}");
        if (IsKw("INSTANCE"))
        {
            var inst = ParseInstance(name, start);
            inst.Params.AddRange(ps);
            inst.Local = local;
            return inst;
        }
        var def = new OperatorDef { Name = name, Params = ps, Local = local, NameSpan = nameSpan };
        def.Body = ParseExpr();
        def.Span = From(start);
        return def;
    }

    private InstanceDef ParseInstance(string name, Token start)
    {
        ExpectKw("INSTANCE", "");
        var inst = new InstanceDef { Name = name };
        inst.Module = MkIdent(ExpectIdent("a module name after INSTANCE"));
        if (AcceptKw("WITH"))
        {
            do
            {
                var s = Cur;
                string target;
                if (s.Kind == TokenKind.Ident) target = Next().Text;
                else if (IsOperatorSymbol(s)) target = Next().Text;
                else throw Expected("a constant, variable or operator name to substitute for");
                ExpectSym("<-", $"after '{s.Raw}' in the WITH substitution");
                var value = ParseArgument(substitution: true);
                inst.Substitutions.Add(new Substitution { Name = target, Value = value, Span = From(s) });
            } while (AcceptSym(","));
        }
        inst.Span = From(start);
        return inst;
    }

    // ------------------------------------------------------------------ theorems and proofs (parsed, then dropped)

    private Unit ParseTheorem()
    {
        var t = Next();
        var th = new TheoremDecl();
        if (Cur.Kind == TokenKind.Ident && Peek(1).IsSym("=="))
        {
            th.Name = Next().Text;
            Next();
        }
        if (IsKw("ASSUME")) ParseAssumeProve();
        else th.Body = ParseExpr();
        ParseProof();
        th.Span = From(t);
        return th;
    }

    /// <summary>A proof: PROOF, BY ..., OBVIOUS, OMITTED and numbered steps, in any order (steps are flattened).</summary>
    private void ParseProof()
    {
        while (true)
        {
            var t = Cur;
            if (t.Kind == TokenKind.StepLabel)
            {
                ParseStep();
                continue;
            }
            if (t.Kind != TokenKind.Keyword) return;
            switch (t.Text)
            {
                case "PROOF":
                case "OBVIOUS":
                case "OMITTED":
                    Next();
                    continue;
                case "BY":
                    Next();
                    AcceptKw("ONLY");
                    ParseUseBody();
                    continue;
                default:
                    return;
            }
        }
    }

    private void ParseStep()
    {
        Next(); // the label
        var t = Cur;
        if (t.Kind == TokenKind.Keyword)
        {
            switch (t.Text)
            {
                case "QED":
                    Next();
                    return;
                case "USE":
                case "HIDE":
                    Next();
                    ParseUseBody();
                    return;
                case "DEFINE":
                    Next();
                    do ParseDefinition(false, Cur);
                    while (IsDefinitionStart());
                    return;
                case "INSTANCE":
                    ParseInstance(null, t);
                    return;
                case "HAVE":
                case "CASE":
                    Next();
                    ParseExpr();
                    return;
                case "TAKE":
                    Next();
                    ParseBounds();
                    return;
                case "WITNESS":
                    Next();
                    do ParseExpr();
                    while (AcceptSym(","));
                    return;
                case "PICK":
                    Next();
                    ParseBounds();
                    ExpectSym(":", "after the variables of PICK");
                    ParseExpr();
                    return;
                case "SUFFICES":
                    Next();
                    if (IsKw("ASSUME")) ParseAssumeProve();
                    else ParseExpr();
                    return;
                case "ASSUME":
                    ParseAssumeProve();
                    return;
            }
        }
        if (IsDefinitionStart())
        {
            do ParseDefinition(false, Cur);
            while (IsDefinitionStart());
            return;
        }
        ParseExpr();
    }

    private void ParseAssumeProve()
    {
        Enter();
        try
        {
            ParseAssumeProveCore();
        }
        finally
        {
            Leave();
        }
    }

    private void ParseAssumeProveCore()
    {
        var a = ExpectKw("ASSUME", "");
        do
        {
            if (IsKw("ASSUME")) ParseAssumeProve();
            else if (Cur.Kind == TokenKind.Keyword &&
                     Cur.Text is "NEW" or "CONSTANT" or "VARIABLE" or "STATE" or "ACTION" or "TEMPORAL")
                ParseNewDecl();
            else if (IsDefinitionStart()) ParseDefinition(false, Cur);
            else if (IsKw("INSTANCE")) ParseInstance(null, Cur);
            else ParseExpr();
        } while (AcceptSym(","));
        ExpectKw("PROVE", $"to complete the ASSUME at line {a.Line}, col {a.Col}");
        ParseExpr();
    }

    private void ParseNewDecl()
    {
        AcceptKw("NEW");
        if (Cur.Kind == TokenKind.Keyword &&
            Cur.Text is "CONSTANT" or "VARIABLE" or "STATE" or "ACTION" or "TEMPORAL")
            Next();
        ParseOpDecl("a declared name after NEW");
        if (AcceptSym("\\in")) ParseExpr();
    }

    /// <summary>The body of BY / USE / HIDE: facts, then optionally DEF/DEFS names.</summary>
    private List<Expr> ParseUseBody()
    {
        var facts = new List<Expr>();
        if (!IsKw("DEF") && !IsKw("DEFS") && StartsFact())
        {
            do
            {
                if (AcceptKw("MODULE")) ExpectIdent("a module name");
                else facts.Add(ParseExpr());
            } while (AcceptSym(","));
        }
        if (AcceptKw("DEF") || AcceptKw("DEFS"))
        {
            do
            {
                if (AcceptKw("MODULE")) ExpectIdent("a module name");
                else if (IsOperatorSymbol(Cur)) Next();
                else ParseExpr();
            } while (AcceptSym(","));
        }
        return facts;
    }

    private bool StartsFact()
    {
        var t = Cur;
        if (t.Kind is TokenKind.Eof or TokenKind.ModuleEnd or TokenKind.Separator or TokenKind.Offside) return false;
        if (t.Kind == TokenKind.StepLabel) return true;
        if (t.Kind == TokenKind.Keyword)
            return t.Text is "MODULE" or "TRUE" or "FALSE" or "IF" or "CASE" or "LET" or "CHOOSE" or "LAMBDA"
                or "ENABLED" or "UNCHANGED" or "SUBSET" or "UNION" or "DOMAIN" or "WF_" or "SF_";
        if (t.Kind == TokenKind.Ident)
            return !IsDefinitionStart();
        return true;
    }
}
