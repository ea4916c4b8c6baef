namespace Ops.Tla.Syntax;

internal sealed partial class Parser
{
    // ------------------------------------------------------------------ node helpers

    private Ident MkIdent(Token t) => new(t.Text, SpanOf(t));

    private static OpApp MkOp(string name, SourceSpan nameSpan, SourceSpan span, params Expr[] args)
    {
        var seg = new NameSegment { Name = name, Span = nameSpan };
        seg.Args.AddRange(args);
        var app = new OpApp { Span = span };
        app.Path.Add(seg);
        return app;
    }

    /// <summary>Spans of parenthesised expressions including their parentheses: an expression's own span
    /// excludes its parentheses, but the span of an enclosing expression covers them (as in SANY).</summary>
    private readonly Dictionary<Expr, SourceSpan> _parenSpans = new(ReferenceEqualityComparer.Instance);

    private SourceSpan Ext(Expr e) => _parenSpans.TryGetValue(e, out var s) ? s : e.Span;

    // ------------------------------------------------------------------ expressions

    /// <summary>Parses an expression: everything up to the first token that cannot continue it.</summary>
    private Expr ParseExpr() => ParseInfix(null);

    /// <summary>Precedence parsing: <paramref name="ctx"/> is the operator whose right operand is being parsed
    /// (null at the top); an infix operator is absorbed only if it binds tighter than ctx.</summary>
    private Expr ParseInfix(OpInfo ctx)
    {
        Enter();
        try
        {
            var lhs = ParseUnary(ctx);
            bool openCartesian = false;
            while (true)
            {
                var t = Cur;
                if (t.Kind != TokenKind.Symbol || !Operators.Infix.TryGetValue(t.Text, out var op)) break;
                if (ctx != null)
                {
                    var tighter = Operators.BindsTighter(op, ctx);
                    if (tighter == false) break;
                    if (tighter == null)
                        throw Error(t,
                            $"Precedence conflict between operators '{ctx.Name}' and '{op.Name}' " +
                            $"(precedence {Range(ctx)} and {Range(op)} overlap): add parentheses");
                }
                Next();
                var rhs = ParseInfix(op);
                if (op.Name == "\\X")
                {
                    if (openCartesian && lhs is CartesianExpr ce)
                    {
                        ce.Factors.Add(rhs);
                        ce.Span = ce.Span.To(Ext(rhs));
                    }
                    else
                    {
                        var nc = new CartesianExpr { Span = Ext(lhs).To(Ext(rhs)) };
                        nc.Factors.Add(lhs);
                        nc.Factors.Add(rhs);
                        lhs = nc;
                        openCartesian = true;
                    }
                }
                else
                {
                    lhs = MkOp(op.Name, SpanOf(t), Ext(lhs).To(Ext(rhs)), lhs, rhs);
                    openCartesian = false;
                }
            }
            return lhs;
        }
        finally
        {
            Leave();
        }
    }

    private static string Range(OpInfo o) => o.Lo == o.Hi ? $"{o.Lo}" : $"{o.Lo}-{o.Hi}";

    /// <param name="ctx">The operator this expression is the right operand of, if any.</param>
    private Expr ParseUnary(OpInfo ctx)
    {
        var t = Cur;
        OpInfo op = null;
        if (t.Kind == TokenKind.Symbol)
        {
            switch (t.Text)
            {
                case "/\\":
                case "\\/":
                    return ParseJunctionList();
                case "-.":
                    // SANY: "-." names the prefix minus where an operator is named (its definition, an operator
                    // argument F(-.), a substitution) or applied in functional form, -.(4); otherwise it is written
                    // "-" (-. 5: "Encountered "5"").
                    if (!Peek(1).IsSym("("))
                        throw Error(t, "'-.' names the prefix minus in a definition (-. a == ...), as an operator " +
                            "argument or applied as -.(x); to apply it write '-', as in -x");
                    op = Operators.Prefix["-."];
                    break;
                case "-":
                    op = Operators.Prefix["-."];
                    // SANY (OperatorStack.reduceStack) reads '-' after an operator as the prefix -. and rejects it
                    // when that operator binds tighter than -. (3 * -2, 2 ^ -1, 7 \div -2); the other prefix
                    // operators have no infix form and are not checked.
                    if (ctx != null && ctx.Lo > op.Hi)
                        throw Error(t,
                            $"Precedence conflict between operators '{ctx.Name}' and '-.' (a prefix - after an " +
                            $"operator of precedence {Range(ctx)}, which binds tighter): add parentheses");
                    break;
                case "~":
                case "[]":
                case "<>":
                    op = Operators.Prefix[t.Text];
                    break;
            }
        }
        else if (t.Kind == TokenKind.Keyword && t.Text is "ENABLED" or "UNCHANGED" or "SUBSET" or "UNION" or "DOMAIN")
        {
            op = Operators.Prefix[t.Text];
        }
        if (op != null)
        {
            Next();
            Enter();
            try
            {
                var operand = ParseInfix(op);
                return MkOp(op.Name, SpanOf(t), SpanOf(t).To(Ext(operand)), operand);
            }
            finally
            {
                Leave();
            }
        }
        return ParsePostfix(ParsePrimary());
    }

    /// <summary>Function application, record field selection, prime and the postfix operators ^+ ^* ^#.</summary>
    private Expr ParsePostfix(Expr e)
    {
        while (true)
        {
            var t = Cur;
            if (t.Kind != TokenKind.Symbol) return e;
            switch (t.Text)
            {
                case "[":
                {
                    Next();
                    var app = new FunctionAppExpr { Function = e };
                    PushLimit(0);
                    try
                    {
                        do app.Args.Add(ParseExpr());
                        while (AcceptSym(","));
                        ExpectClose("]", t, "function application");
                    }
                    finally
                    {
                        PopLimit();
                    }
                    app.Span = Ext(e).To(SpanOf(_last));
                    e = app;
                    break;
                }
                case ".":
                {
                    // SANY accepts any keyword as a field name after '.' (r.NEW, r.IF)
                    if (Peek(1).Kind != TokenKind.Ident && !IsWordKeyword(Peek(1)))
                    {
                        Next();
                        throw Expected("a record field name after '.'");
                    }
                    Next();
                    var f = Next();
                    e = new FieldExpr { Record = e, Field = MkIdent(f), Span = Ext(e).To(SpanOf(f)) };
                    break;
                }
                case "'":
                    Next();
                    e = new PrimeExpr { Inner = e, Span = Ext(e).To(SpanOf(t)) };
                    break;
                case "^+":
                case "^*":
                case "^#":
                    Next();
                    e = MkOp(t.Text, SpanOf(t), Ext(e).To(SpanOf(t)), e);
                    break;
                default:
                    return e;
            }
        }
    }

    private Expr ParseJunctionList()
    {
        var bullet = Cur;
        int col = bullet.Col;
        var jl = new JunctionList { IsConjunction = bullet.Text == "/\\" };
        PushLimit(col);
        try
        {
            while (true)
            {
                Next(); // the bullet
                jl.Items.Add(ParseExpr());
                var r = Raw;
                if (r.Kind == TokenKind.Symbol && r.Text == bullet.Text && r.Col == col) continue;
                break;
            }
        }
        finally
        {
            PopLimit();
        }
        jl.Span = SpanOf(bullet).To(Ext(jl.Items[^1]));
        return jl;
    }

    private Expr ParsePrimary()
    {
        Enter();
        try
        {
            return ParsePrimaryCore();
        }
        finally
        {
            Leave();
        }
    }

    private Expr ParsePrimaryCore()
    {
        var t = Cur;
        switch (t.Kind)
        {
            case TokenKind.Number:
                Next();
                var num = new NumberLit { Value = t.Value, Decimal = t.Decimal, Span = SpanOf(t) };
                if (t.Decimal == null && t.Value > int.MaxValue) _tooBigNumeral ??= num;
                return num;
            case TokenKind.String:
                Next();
                return new StringLit { Value = t.Text, Span = SpanOf(t) };
            case TokenKind.Ident:
            case TokenKind.StepLabel:
                return ParseNamePath();
            case TokenKind.Keyword:
                switch (t.Text)
                {
                    case "TRUE":
                    case "FALSE":
                        Next();
                        return new BoolLit { Value = t.Text == "TRUE", Span = SpanOf(t) };
                    case "IF": return ParseIf();
                    case "CASE": return ParseCase();
                    case "LET": return ParseLet();
                    case "CHOOSE": return ParseChoose();
                    case "LAMBDA":
                        // SANY's grammar has LAMBDA only as an operator's argument (ParseArgument): anywhere else,
                        // even in parentheses, it is a parse error.
                        throw Error(t, "A LAMBDA expression can only be an argument of an operator, as in " +
                            "SelectSeq(s, LAMBDA x : x > 0); to name it, define an operator instead (F(x) == ...)");
                    case "WF_":
                    case "SF_": return ParseFairness();
                }
                break;
            case TokenKind.Symbol:
                switch (t.Text)
                {
                    case "(": return ParseParen();
                    case "{": return ParseBraces();
                    case "[": return ParseBrackets();
                    case "<<": return ParseAngle();
                    case "@":
                        Next();
                        return new AtExpr { Span = SpanOf(t) };
                    case "\\A":
                    case "\\E":
                    case "\\AA":
                    case "\\EE":
                        return ParseQuantifier();
                }
                // The prefix form of an infix or postfix operator: +(a, b), \in(x, S), ^+(a), (+) (a, b).
                if ((Operators.Infix.ContainsKey(t.Text) || Operators.Postfix.ContainsKey(t.Text)) && Peek(1).IsSym("("))
                {
                    Next();
                    var open = Next();
                    var args = new List<Expr>();
                    PushLimit(0);
                    try
                    {
                        do args.Add(ParseArgument());
                        while (AcceptSym(","));
                        ExpectClose(")", open, "argument list");
                    }
                    finally
                    {
                        PopLimit();
                    }
                    return MkOp(t.Text, SpanOf(t), From(t), args.ToArray());
                }
                break;
        }
        throw Expected("an expression");
    }

    /// <summary>A name, an operator application, an instance path <c>I(x)!J!Op(y)</c>, or a label <c>l :: e</c>.</summary>
    private Expr ParseNamePath()
    {
        var start = Cur;
        var app = new OpApp();
        while (true)
        {
            // a subexpression selector Op!(a, b) has an argument list without a name
            var nt = app.Path.Count > 0 && IsSym("(") ? Cur : Next();
            var seg = new NameSegment { Name = nt.IsSym("(") ? "()" : nt.Text };
            if (IsSym("("))
            {
                var open = Next();
                PushLimit(0);
                try
                {
                    do seg.Args.Add(ParseArgument());
                    while (AcceptSym(","));
                    ExpectClose(")", open, "argument list");
                }
                finally
                {
                    PopLimit();
                }
            }
            seg.Span = From(nt);
            app.Path.Add(seg);
            if (IsSym("!") && IsPathSegmentStart(Peek(1)))
            {
                Next();
                continue;
            }
            break;
        }
        app.Span = From(start);
        if (IsSym("::") && app.Path.Count == 1 && start.Kind == TokenKind.Ident &&
            app.Args.TrueForAll(a => a is OpApp { IsSimple: true } o && o.Args.Count == 0))
        {
            Next();
            var body = ParseExpr();
            var label = new LabelExpr { Label = app.Name, Body = body, Span = app.Span.To(Ext(body)) };
            label.Params.AddRange(app.Args.Select(a => ((OpApp)a).Name));
            return label;
        }
        return app;
    }

    private static bool IsPathSegmentStart(Token t) =>
        t.Kind is TokenKind.Ident or TokenKind.Number or TokenKind.StepLabel ||
        (t.Kind == TokenKind.Symbol && (Operators.Infix.ContainsKey(t.Text) || Operators.Prefix.ContainsKey(t.Text) ||
                                        Operators.Postfix.ContainsKey(t.Text) || t.Text is "<<" or ">>" or ":" or "@" or "("));

    private static bool IsOperatorSymbol(Token t) =>
        (t.Kind == TokenKind.Symbol && (Operators.Infix.ContainsKey(t.Text) || Operators.Prefix.ContainsKey(t.Text) ||
                                        Operators.Postfix.ContainsKey(t.Text) || t.Text == "-")) ||
        (t.Kind == TokenKind.Keyword && Operators.Prefix.ContainsKey(t.Text)); // SUBSET, UNION, DOMAIN, ENABLED, UNCHANGED

    /// <summary>A keyword spelled as a word (NEW, IF, WF_): usable as a record field name after '.'.</summary>
    private static bool IsWordKeyword(Token t) =>
        t.Kind == TokenKind.Keyword && t.Text.Length > 0 && (char.IsLetter(t.Text[0]));

    /// <summary>An argument of an operator application: an expression, a LAMBDA, or an operator symbol
    /// (<c>F(+, \cup)</c>).</summary>
    private Expr ParseArgument(bool substitution = false)
    {
        var t = Cur;
        var n = Peek(1);
        if (IsOperatorSymbol(t) &&
            (n.IsSym(",") || n.IsSym(")") ||
             (substitution && (n.Line > t.Line || n.Kind is TokenKind.Eof or TokenKind.ModuleEnd or TokenKind.Separator))))
        {
            Next();
            return MkOp(t.Text, SpanOf(t), SpanOf(t));
        }
        if (t.IsKw("LAMBDA")) return ParseLambda();
        return ParseExpr();
    }

    private Expr ParseParen()
    {
        var open = Next();
        PushLimit(0);
        try
        {
            var e = ParseExpr();
            ExpectClose(")", open, "parenthesis");
            _parenSpans[e] = From(open);
            return e;
        }
        finally
        {
            PopLimit();
        }
    }

    /// <summary>Turns <c>x</c> or <c>&lt;&lt;x, y&gt;&gt;</c> into binder names, or returns null.</summary>
    private BoundDecl BinderFrom(Expr lhs, Expr set)
    {
        static Ident AsName(Expr e) =>
            e is OpApp { IsSimple: true } o && o.Args.Count == 0 ? new Ident(o.Name, o.Span) : null;

        var b = new BoundDecl { Set = set };
        if (AsName(lhs) is { } id)
        {
            b.Names.Add(id);
        }
        else if (lhs is TupleExpr tu && tu.Items.Count > 0)
        {
            b.IsTuple = true;
            foreach (var it in tu.Items)
            {
                var n = AsName(it);
                if (n == null) return null;
                b.Names.Add(n);
            }
        }
        else return null;
        b.Span = Ext(lhs).To(Ext(set));
        return b;
    }

    private Expr ParseBraces()
    {
        var open = Next();
        PushLimit(0);
        try
        {
            if (IsSym("}"))
            {
                Next();
                return new SetEnumExpr { Span = From(open) };
            }
            var first = ParseExpr();
            if (IsSym(":"))
            {
                Next();
                if (first is OpApp { IsSimple: true, Name: "\\in" } inApp && inApp.Args.Count == 2 &&
                    BinderFrom(inApp.Args[0], inApp.Args[1]) is { } bound)
                {
                    var pred = ParseExpr();
                    ExpectClose("}", open, "set");
                    return new SetFilterExpr { Bound = bound, Predicate = pred, Span = From(open) };
                }
                var map = new SetMapExpr { Body = first };
                map.Bounds.AddRange(ParseBounds());
                ExpectClose("}", open, "set");
                map.Span = From(open);
                return map;
            }
            var set = new SetEnumExpr();
            set.Items.Add(first);
            while (AcceptSym(",")) set.Items.Add(ParseExpr());
            ExpectClose("}", open, "set");
            set.Span = From(open);
            return set;
        }
        finally
        {
            PopLimit();
        }
    }

    /// <summary>Raw lookahead: <c>x, y \in</c> or <c>&lt;&lt;x, y&gt;&gt; \in</c>.</summary>
    private bool LooksLikeBinder()
    {
        int k = 0;
        if (Peek(0).IsSym("<<"))
        {
            k = 1;
            while (Peek(k).Kind == TokenKind.Ident && Peek(k + 1).IsSym(",")) k += 2;
            if (Peek(k).Kind != TokenKind.Ident || !Peek(k + 1).IsSym(">>")) return false;
            return Peek(k + 2).IsSym("\\in");
        }
        while (Peek(k).Kind == TokenKind.Ident && Peek(k + 1).IsSym(",")) k += 2;
        return Peek(k).Kind == TokenKind.Ident && Peek(k + 1).IsSym("\\in");
    }

    private Expr ParseBrackets()
    {
        var open = Next();
        Expr inner = null;
        PushLimit(0);
        try
        {
            var t = Cur;
            if (t.Kind == TokenKind.Ident && Peek(1).IsSym("|->"))
            {
                var rec = new RecordExpr();
                do
                {
                    var f = ExpectIdent("a record field name");
                    ExpectSym("|->", "after the record field name");
                    rec.Fields.Add((MkIdent(f), ParseExpr()));
                } while (AcceptSym(","));
                ExpectClose("]", open, "record");
                rec.Span = From(open);
                return rec;
            }
            if (t.Kind == TokenKind.Ident && Peek(1).IsSym(":"))
            {
                var rs = new RecordSetExpr();
                do
                {
                    var f = ExpectIdent("a record field name");
                    ExpectSym(":", "after the record field name");
                    rs.Fields.Add((MkIdent(f), ParseExpr()));
                } while (AcceptSym(","));
                ExpectClose("]", open, "set of records");
                rs.Span = From(open);
                return rs;
            }
            if (LooksLikeBinder())
            {
                int save = _p, saveLimits = _limits.Count;
                var saveLast = _last;
                List<BoundDecl> bounds = null;
                try
                {
                    bounds = ParseBounds();
                }
                catch (TlaException)
                {
                }
                if (bounds != null && AcceptSym("|->"))
                {
                    var fe = new FunctionExpr();
                    fe.Bounds.AddRange(bounds);
                    fe.Body = ParseExpr();
                    ExpectClose("]", open, "function constructor");
                    fe.Span = From(open);
                    return fe;
                }
                _p = save;
                _last = saveLast;
                while (_limits.Count > saveLimits) PopLimit();
            }
            inner = ParseExpr();
            if (AcceptSym("->"))
            {
                var range = ParseExpr();
                ExpectClose("]", open, "function set");
                return new FunctionSetExpr { Domain = inner, Range = range, Span = From(open) };
            }
            if (AcceptKw("EXCEPT"))
            {
                var ex = new ExceptExpr { Function = inner };
                do ex.Clauses.Add(ParseExceptClause());
                while (AcceptSym(","));
                ExpectClose("]", open, "EXCEPT expression");
                ex.Span = From(open);
                return ex;
            }
            if (!IsSym("]_"))
            {
                if (IsSym("]"))
                    throw Error(Cur, $"Expected '_' and a subscript after ']' (as in [A]_vars) to complete the " +
                                     $"'[' at line {open.Line}, col {open.Col}, but found ']' without a subscript");
                // '|->' after an expression that is not a field name or a bound (`[1..N |-> S]`): say what '|->'
                // needs rather than list it among the tokens expected (SANY: 'Encountered "|->"').
                if (IsSym("|->"))
                    throw Error(Cur, $"'|->' in the bracket expression opened at line {open.Line}, col {open.Col} needs a record " +
                                     "field name before it ([name |-> e]) or bound variables ([x \\in S |-> e]), but follows an " +
                                     "expression: for a function over that set write [x \\in S |-> e], for the functions from it " +
                                     "to a set T write [S -> T]");
                throw Expected($"'|->', '->', 'EXCEPT' or ']_' in the bracket expression opened at line {open.Line}, col {open.Col}");
            }
            Next(); // ]_
        }
        finally
        {
            PopLimit();
        }
        var sub = ParseSubscript();
        return new ActionExpr { IsAngle = false, Action = inner, Sub = sub, Span = From(open) };
    }

    private ExceptClause ParseExceptClause()
    {
        var bang = ExpectSym("!", "to start an EXCEPT clause");
        var clause = new ExceptClause();
        while (true)
        {
            var st = Cur;
            if (IsSym("."))
            {
                Next();
                var f = IsWordKeyword(Cur) ? Next() : ExpectIdent("a record field name after '.'");
                clause.Path.Add(new ExceptStep { Field = MkIdent(f), Span = From(st) });
            }
            else if (IsSym("["))
            {
                Next();
                var step = new ExceptStep { Index = new List<Expr>() };
                do step.Index.Add(ParseExpr());
                while (AcceptSym(","));
                ExpectClose("]", st, "EXCEPT path index");
                step.Span = From(st);
                clause.Path.Add(step);
            }
            else break;
        }
        if (clause.Path.Count == 0) throw Expected("'[' or '.' after '!' in an EXCEPT clause");
        ExpectSym("=", "after the EXCEPT path");
        clause.Value = ParseExpr();
        clause.Span = From(bang);
        return clause;
    }

    private Expr ParseAngle()
    {
        var open = Next();
        var items = new List<Expr>();
        bool angleAction = false;
        PushLimit(0);
        try
        {
            if (!IsSym(">>") && !IsSym(">>_"))
            {
                do items.Add(ParseExpr());
                while (AcceptSym(","));
            }
            if (IsSym(">>_"))
            {
                Next();
                angleAction = true;
            }
            else ExpectClose(">>", open, "tuple");
        }
        finally
        {
            PopLimit();
        }
        if (!angleAction) return new TupleExpr { Items = items, Span = From(open) };
        if (items.Count != 1)
            throw Error(_last, $"An action <<A>>_v must contain exactly one expression, but found {items.Count}");
        var sub = ParseSubscript();
        return new ActionExpr { IsAngle = true, Action = items[0], Sub = sub, Span = From(open) };
    }

    /// <summary>The subscript of <c>[A]_v</c>, <c>&lt;&lt;A&gt;&gt;_v</c>, <c>WF_v(A)</c>: a name (possibly
    /// <c>M!v</c>), a tuple, or a parenthesised/bracketed expression.</summary>
    private Expr ParseSubscript()
    {
        var t = Cur;
        if (t.Kind == TokenKind.Ident)
        {
            var app = new OpApp();
            while (true)
            {
                var nt = Next();
                app.Path.Add(new NameSegment { Name = nt.Text, Span = SpanOf(nt) });
                if (IsSym("!") && Peek(1).Kind == TokenKind.Ident)
                {
                    Next();
                    continue;
                }
                break;
            }
            app.Span = From(t);
            return app;
        }
        if (t.Kind == TokenKind.Symbol && t.Text is "<<" or "(" or "{" or "[")
            return ParsePrimary();
        throw Expected("a subscript (a name, a tuple <<...>> or a parenthesised expression)");
    }

    private Expr ParseFairness()
    {
        var t = Next();
        var sub = ParseSubscript();
        var open = ExpectSym("(", $"after the subscript of {t.Text}");
        PushLimit(0);
        try
        {
            var a = ParseExpr();
            ExpectClose(")", open, $"{t.Text} argument");
            return new FairnessExpr { IsStrong = t.Text == "SF_", Sub = sub, Action = a, Span = From(t) };
        }
        finally
        {
            PopLimit();
        }
    }

    private List<BoundDecl> ParseBounds()
    {
        var list = new List<BoundDecl>();
        do list.Add(ParseBoundGroup(true));
        while (AcceptSym(","));
        return list;
    }

    /// <summary><c>x</c>, <c>x, y \in S</c>, <c>&lt;&lt;x, y&gt;&gt; \in S</c>.</summary>
    private BoundDecl ParseBoundGroup(bool allowSeveral)
    {
        var start = Cur;
        var b = new BoundDecl();
        if (IsSym("<<"))
        {
            var open = Next();
            do b.Names.Add(MkIdent(ExpectIdent("a bound variable name")));
            while (AcceptSym(","));
            ExpectClose(">>", open, "tuple of bound variables");
            b.IsTuple = true;
        }
        else
        {
            b.Names.Add(MkIdent(ExpectIdent("a bound variable name")));
            while (allowSeveral && IsSym(",") && Peek(1).Kind == TokenKind.Ident &&
                   (Peek(2).IsSym(",") || Peek(2).IsSym("\\in") || Peek(2).IsSym(":")))
            {
                Next();
                b.Names.Add(MkIdent(Next()));
            }
        }
        if (AcceptSym("\\in")) b.Set = ParseExpr();
        b.Span = From(start);
        return b;
    }

    private Expr ParseQuantifier()
    {
        var t = Next();
        var q = new QuantExpr
        {
            IsForall = t.Text is "\\A" or "\\AA",
            IsTemporal = t.Text is "\\AA" or "\\EE",
        };
        q.Bounds.AddRange(ParseBounds());
        ExpectSym(":", $"after the bound variables of {t.Raw}");
        q.Body = ParseExpr();
        q.Span = From(t);
        return q;
    }

    private Expr ParseChoose()
    {
        var t = Next();
        var bound = ParseBoundGroup(false);
        ExpectSym(":", "after the bound variable of CHOOSE");
        var body = ParseExpr();
        return new ChooseExpr { Bound = bound, Body = body, Span = From(t) };
    }

    private Expr ParseIf()
    {
        var t = Next();
        var c = ParseExpr();
        ExpectKw("THEN", $"after the condition of the IF at line {t.Line}, col {t.Col}");
        var th = ParseExpr();
        ExpectKw("ELSE", $"for the IF at line {t.Line}, col {t.Col}");
        var el = ParseExpr();
        return new IfExpr { Cond = c, Then = th, Else = el, Span = From(t) };
    }

    private Expr ParseCase()
    {
        var t = Next();
        var ce = new CaseExpr();
        while (true)
        {
            if (ce.Arms.Count > 0 && AcceptKw("OTHER"))
            {
                ExpectSym("->", "after OTHER");
                ce.Other = ParseExpr();
                break;
            }
            var g = ParseExpr();
            ExpectSym("->", "after the CASE guard");
            var v = ParseExpr();
            ce.Arms.Add((g, v));
            if (!AcceptSym("[]")) break;
        }
        ce.Span = From(t);
        return ce;
    }

    private Expr ParseLet()
    {
        var t = Next();
        var let = new LetExpr();
        while (!IsKw("IN"))
        {
            if (IsKw("RECURSIVE")) let.Defs.Add(ParseRecursive());
            else if (IsDefinitionStart()) let.Defs.Add(ParseDefinition(false, Cur));
            else throw Expected($"a definition or 'IN' for the LET at line {t.Line}, col {t.Col}");
        }
        if (let.Defs.Count == 0) throw Expected("a definition after LET");
        Next(); // IN
        MarkRecursive(let.Defs);
        let.Body = ParseExpr();
        let.Span = From(t);
        return let;
    }

    private Expr ParseLambda()
    {
        var t = Next();
        var l = new LambdaExpr();
        do l.Params.Add(MkIdent(ExpectIdent("a LAMBDA parameter name")));
        while (AcceptSym(","));
        ExpectSym(":", "after the LAMBDA parameters");
        l.Body = ParseExpr();
        l.Span = From(t);
        return l;
    }
}
