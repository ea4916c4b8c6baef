using System.Numerics;
using Ops.Tla.Eval;
using Ops.Tla.Syntax;
using Ops.Tla.Values;

namespace Ops.Tla.Semantics;

/// <summary>
/// Turns one definition's syntax tree into executable terms: names are resolved to frame slots, variables,
/// constants, definitions and built-ins; levels are computed on the way.
/// </summary>
public sealed class Resolver
{
    private readonly SpecBuilder _spec;
    private readonly ModuleScope _scope;
    private readonly LocalScope _locals;
    private readonly FrameBuilder _frame;
    private readonly int _atSlot;
    /// <summary>The frame depth of the enclosing EXCEPT's @ slot: @ stays usable inside a LAMBDA or a LET operator of
    /// the clause's value (SANY allows it), one or more frames deeper.</summary>
    private readonly int _atDepth;
    /// <summary>True while resolving under a prime or UNCHANGED: parameters met here are passed by name.</summary>
    private readonly bool _primed;

    public Resolver(SpecBuilder spec, ModuleScope scope, LocalScope locals, FrameBuilder frame, int atSlot = -1, bool primed = false,
        int atDepth = -1)
    {
        _spec = spec;
        _scope = scope;
        _locals = locals;
        _frame = frame;
        _atSlot = atSlot;
        _atDepth = atSlot < 0 ? -1 : atDepth < 0 ? frame.Depth : atDepth;
        _primed = primed;
    }

    private Resolver With(LocalScope locals) => new(_spec, _scope, locals, _frame, _atSlot, _primed, _atDepth);
    private Resolver WithAt(int atSlot) => new(_spec, _scope, _locals, _frame, atSlot, _primed, _frame.Depth);
    private Resolver Primed() => new(_spec, _scope, _locals, _frame, _atSlot, true, _atDepth);

    private static TlaException Err(Node n, string msg) => new(ErrorKind.Semantic, n.Span, msg);

    /// <summary>SANY's level rule for the Boolean operators: a temporal formula and an action cannot be combined
    /// (TLC: "\land has both temporal formula and action as arguments.").</summary>
    private static Term[] LevelCheckJunction(Term[] items, Node at, string op)
    {
        if (items.Any(i => i.Lvl == Level.Temporal) && items.Any(i => i.Lvl == Level.Action))
            throw Err(at, $"{op} has both temporal formula and action as arguments.");
        return items;
    }

    /// <summary>SANY's level rule for [] and &lt;&gt;: an action only in the forms [][A]_v and &lt;&gt;&lt;&lt;A&gt;&gt;_v.</summary>
    private static Term LevelCheckBox(Term arg, Node at, bool always)
    {
        if (arg.Lvl == Level.Action && !(arg is ActionBoxTerm box && box.IsAngle != always))
            throw Err(at, always ? "[] followed by action not of form [A]_v." : "<> followed by action not of form <<A>>_v.");
        return arg;
    }

    private static T At<T>(T t, Node n) where T : Term
    {
        t.Span = n.Span;
        return t;
    }

    private static readonly string[] LevelNames = { "constant", "state", "action", "temporal" };

    /// <summary>SANY's level rule for the built-in operators (its BuiltInLevel table): each argument has a maximum
    /// level, so a temporal formula cannot be an element of a set, an operand of <c>=</c> or a function argument, and
    /// the subscript of <c>[A]_v</c> or of <c>WF_v(A)</c> cannot be an action ("Level error in applying operator
    /// $SetEnumerate: The level of argument 1 exceeds the maximum level allowed by the operator.", exit 150), whether or
    /// not the definition is ever evaluated.</summary>
    private static void MaxArgLevel(Node at, string op, int max, params Term[] args)
    {
        for (int i = 0; i < args.Length; i++)
        {
            if (args[i] == null || args[i].Lvl <= max) continue;
            throw Err(at, $"Level error in applying operator {op}: The level of argument {i + 1} exceeds the maximum level " +
                $"allowed by the operator ({(args[i].Lvl == Level.Action ? "an" : "a")} {LevelNames[args[i].Lvl]}-level expression where at most {LevelNames[max]} level is allowed).");
        }
    }

    private static T Leveled<T>(T t, Node at, string op, int max, params Term[] args) where T : Term
    {
        MaxArgLevel(at, op, max, args);
        return At(t, at);
    }

    public Term Compile(Expr e)
    {
        switch (e)
        {
            case NumberLit n:
                if (n.Decimal != null) throw Err(n, $"the decimal number {n.Decimal} needs the Reals module, which TLC does not support");
                if (n.Value > int.MaxValue) return At(new TooBigNumeralTerm(n.Value), n);
                return At(new ConstTerm(IntValue.Of((long)n.Value)) { Literal = true }, n);
            case StringLit s:
                return At(new ConstTerm(StringValue.Of(s.Value)) { Literal = true }, s);
            case BoolLit b:
                return At(new ConstTerm(BoolValue.Of(b.Value)) { Name = b.Value ? "TRUE" : "FALSE" }, b);
            case AtExpr at:
                if (_atSlot < 0) throw Err(at, "@ can only be used in the value of an EXCEPT clause");
                return At(new LocalTerm(_frame.Depth - _atDepth, _atSlot, "@", Level.Constant), at);
            case PrimeExpr p:
            {
                // Under an ENABLED written in an instantiated module, a primed VARIABLE of that module is the ENABLED's
                // own (existentially quantified) primed variable, not the prime of the expression substituted for it:
                // ENABLED A is substituted into as a whole (Specifying Systems 17.8; TLC's enabled looks the primed
                // variable up without the substitutions made outside the ENABLED).
                if (_frame.EnabledDepth > 0 && p.Inner is OpApp { Args.Count: 0, Path.Count: 1 } pv
                    && LocalScope.Find(_locals, pv.Path[0].Name) == null
                    && _scope.Find(pv.Path[0].Name) is SubstSymbol { IsVariable: true } fresh)
                {
                    if (fresh.FreshSlot < 0) fresh.FreshSlot = _spec.FreshSlots.Count++;
                    return At(new FreshPrimedVarTerm(fresh.FreshSlot, fresh.Name), p);
                }
                var inner = Primed().Compile(p.Inner);
                if (inner.Lvl >= Level.Action) throw Err(p, "a primed expression cannot contain primes or be primed twice");
                if (inner is VarTerm v) return At(new PrimedVarTerm(v.Index, v.Name), p);
                return At(new PrimeTerm(inner), p);
            }
            case JunctionList jl:
            {
                var items = jl.Items.Select(Compile).ToArray();
                // A one-item disjunction list is its item; a one-item conjunction list stays a list, as in SANY:
                // TLC does not split actions through it, and names the whole list in traces.
                if (items.Length == 1 && !jl.IsConjunction) return items[0];
                LevelCheckJunction(items, jl, jl.IsConjunction ? "\\land" : "\\lor");
                return At<Term>(jl.IsConjunction ? new AndTerm(items, true) : new OrTerm(items, true), jl);
            }
            case OpApp app:
                return CompileOpApp(app, operatorArg: false);
            case QuantExpr q:
            {
                if (q.IsTemporal)
                {
                    var (tb, tr) = CompileBinders(q.Bounds, allowUnbounded: true);
                    return At(new TemporalTerm(q.IsForall ? "\\AA" : "\\EE", new[] { tr.Compile(q.Body) }, null, tb), q);
                }
                var (binders, r) = CompileBinders(q.Bounds, allowUnbounded: true);
                var body = r.Compile(q.Body);
                // SANY: a temporal formula may not be quantified over a set of action level (\A i \in x' : []P).
                if (body.Lvl == Level.Temporal && binders.Any(b => b.Set != null && b.Set.Lvl == Level.Action))
                    throw Err(q, "Level error: a temporal formula is quantified over a bound set of action level (primed variables).");
                return At(new QuantTerm(q.IsForall, binders, body), q);
            }
            case ChooseExpr c:
            {
                var (binders, r) = CompileBinders(new List<BoundDecl> { c.Bound }, allowUnbounded: true);
                var chooseBody = r.Compile(c.Body);
                return Leveled(new ChooseTerm(binders[0], chooseBody), c, c.Bound.Set != null ? "$BoundedChoose" : "$UnboundedChoose", Level.Action, chooseBody);
            }
            case SetEnumExpr se:
            {
                var elems = se.Items.Select(Compile).ToArray();
                return Leveled(new SetEnumTerm(elems), se, "$SetEnumerate", Level.Action, elems);
            }
            case SetFilterExpr sf:
            {
                var (binders, r) = CompileBinders(new List<BoundDecl> { sf.Bound }, allowUnbounded: false);
                var pred = r.Compile(sf.Predicate);
                return Leveled(new SetFilterTerm(binders[0], pred), sf, "$SubsetOf", Level.Action, pred);
            }
            case SetMapExpr sm:
            {
                var (binders, r) = CompileBinders(sm.Bounds, allowUnbounded: false);
                var mapped = r.Compile(sm.Body);
                return Leveled(new SetMapTerm(binders, mapped), sm, "$SetOfAll", Level.Action, mapped);
            }
            case FunctionExpr fe:
            {
                var (binders, r) = CompileBinders(fe.Bounds, allowUnbounded: false);
                return At(new FcnConsTerm(binders, r.Compile(fe.Body)), fe);
            }
            case FunctionSetExpr fs:
            {
                Term dom = Compile(fs.Domain), range = Compile(fs.Range);
                return Leveled(new FcnSetTerm(dom, range), fs, "$SetOfFcns", Level.Action, dom, range);
            }
            case RecordExpr re:
                CheckDistinctFields(re.Fields.Select(f => f.Field).ToList());
                return At(new RecordTerm(re.Fields.Select(f => f.Field.Name).ToArray(), re.Fields.Select(f => Compile(f.Value)).ToArray()), re);
            case RecordSetExpr rs:
                CheckDistinctFields(rs.Fields.Select(f => f.Field).ToList());
            {
                var fieldSets = rs.Fields.Select(f => Compile(f.Set)).ToArray();
                return Leveled(new RecordSetTerm(rs.Fields.Select(f => f.Field.Name).ToArray(), fieldSets), rs, "$SetOfRcds", Level.Action, fieldSets);
            }
            case TupleExpr te:
            {
                var items = te.Items.Select(Compile).ToArray();
                return Leveled(new TupleTerm(items), te, "$Tuple", Level.Action, items);
            }
            case CartesianExpr ce:
            {
                var factors = ce.Factors.Select(Compile).ToArray();
                return Leveled(new CartesianTerm(factors), ce, "$CartesianProd", Level.Action, factors);
            }
            case FunctionAppExpr fa:
            {
                var fcn = Compile(fa.Function);
                var fargs = fa.Args.Select(Compile).ToArray();
                return Leveled(new FcnAppTerm(fcn, fargs, false), fa, "$FcnApply", Level.Action, fargs.Prepend(fcn).ToArray());
            }
            case FieldExpr fx:
            {
                var rec = Compile(fx.Record);
                return Leveled(new FcnAppTerm(rec, new Term[] { new ConstTerm(StringValue.Of(fx.Field.Name)) { Span = fx.Field.Span, Literal = true } }, true), fx,
                    "$RcdSelect", Level.Action, rec);
            }
            case ExceptExpr ex:
            {
                var fn = Compile(ex.Function);
                int slot = _frame.Alloc();
                var inner = WithAt(slot);
                var paths = ex.Clauses.Select(cl => cl.Path.Select(step => step.Field != null
                    ? new Term[] { new ConstTerm(StringValue.Of(step.Field.Name)) { Span = step.Field.Span, Literal = true } }
                    : step.Index.Select(Compile).ToArray()).ToArray()).ToArray();
                var values = ex.Clauses.Select(cl => inner.Compile(cl.Value)).ToArray();
                MaxArgLevel(ex, "$Except", Level.Action, paths.SelectMany(p => p.SelectMany(x => x)).Prepend(fn).Concat(values).ToArray());
                return At(new ExceptTerm(fn, paths, values, slot), ex);
            }
            case IfExpr ie:
                return At(new IfTerm(Compile(ie.Cond), Compile(ie.Then), Compile(ie.Else)), ie);
            case CaseExpr ce:
                return At(new CaseTerm(ce.Arms.Select(a => Compile(a.Guard)).ToArray(), ce.Arms.Select(a => Compile(a.Value)).ToArray(),
                    ce.Other == null ? null : Compile(ce.Other)), ce);
            case LetExpr le:
                return CompileLet(le);
            case LambdaExpr lam:
                return At(new LambdaTerm(CompileLocalOp("LAMBDA", lam.Params.Select(p => new OpParam { Name = p.Name, Arity = 0, Span = p.Span }).ToList(), lam.Body, lam.Span)), lam);
            case ActionExpr ae:
            {
                Term act = Compile(ae.Action), sub = Compile(ae.Sub);
                MaxArgLevel(ae, ae.IsAngle ? "$AngleAct" : "$SquareAct", Level.Action, act);
                MaxArgLevel(ae, ae.IsAngle ? "$AngleAct" : "$SquareAct", Level.State, null, sub);
                return At(new ActionBoxTerm(act, sub, ae.IsAngle), ae);
            }
            case FairnessExpr fe:
            {
                Term act = Compile(fe.Action), sub = Compile(fe.Sub);
                MaxArgLevel(fe, fe.IsStrong ? "$SF" : "$WF", Level.State, sub);
                MaxArgLevel(fe, fe.IsStrong ? "$SF" : "$WF", Level.Action, null, act);
                return At(new TemporalTerm(fe.IsStrong ? "SF" : "WF", new[] { act }, sub), fe);
            }
            case LabelExpr lb:
                return At(new LabelTerm(lb.Label, Compile(lb.Body)), lb);
            default:
                throw Err(e, $"unsupported expression {e.GetType().Name}");
        }
    }

    private static void CheckDistinctFields(List<Ident> fields)
    {
        var seen = new HashSet<string>();
        foreach (var f in fields)
            if (!seen.Add(f.Name)) throw Err(f, $"the field {f.Name} appears twice in the record");
    }

    /// <summary>SANY's rule for a new name (a bound identifier, an operator's or a LAMBDA's parameter, a LET
    /// definition): it may not reuse a name already in scope where it is written, an enclosing binding or a name
    /// defined or declared at module level before it (this module's earlier units, or what EXTENDS and INSTANCE bring):
    /// "Multiply-defined symbol" (exit 150). A module-level name defined after it does not count (SANY's symbol table
    /// does not hold it yet), nor the instance parameters a definition of an instantiated module takes first.</summary>
    private void CheckFresh(LocalScope locals, string name, SourceSpan at)
    {
        // The names of an operator cut from a definition by a subexpression name were checked with the definition.
        if (_frame.RootOwner is { Synthetic: true }) return;
        CheckFreshName(_scope, locals, name, at);
    }

    internal static void CheckFreshName(ModuleScope scope, LocalScope locals, string name, SourceSpan at)
    {
        ModuleScope.CheckNotBuiltinOperator(name, at);
        for (var l = locals; l != null; l = l.Parent)
        {
            // The same declaration met again (a subexpression name such as U!1!Op compiles the LET operator's
            // parameters where they are already bound) is no second binding.
            if (l.Binding.Name != name || l.Binding.IsInstanceParam || l.Binding.Span == at) continue;
            throw new TlaException(ErrorKind.Semantic, at,
                $"Multiply-defined symbol '{name}': it is already bound at {l.Binding.Span} (rename one of them)");
        }
        if (scope.Find(name) is { } sym && DefinedBefore(sym.Span, at))
            throw new TlaException(ErrorKind.Semantic, at,
                $"Multiply-defined symbol '{name}': it is already defined at {sym.Span} (rename one of them)");
    }

    /// <summary>Is a module-level symbol at <paramref name="sym"/> already in SANY's symbol table at
    /// <paramref name="at"/>: written in another file (an extended or instantiated module, or built in), or ending
    /// before it in the same file.</summary>
    private static bool DefinedBefore(SourceSpan sym, SourceSpan at)
    {
        if (at.Line <= 0) return false;
        if (sym.File != at.File) return true;
        return sym.EndLine < at.Line || sym.EndLine == at.Line && sym.EndCol < at.Col;
    }

    /// <summary>Binders: each set is resolved outside the new names; then the names are added to the scope.</summary>
    private (Binder[], Resolver) CompileBinders(List<BoundDecl> bounds, bool allowUnbounded)
    {
        var binders = new List<Binder>();
        var locals = _locals;
        foreach (var bd in bounds)
        {
            Term set = null;
            if (bd.Set != null) set = Compile(bd.Set);
            else if (!allowUnbounded) throw Err(bd, "this construct needs a bounded binder (x \\in S)");
            foreach (var n in bd.Names) CheckFresh(locals, n.Name, n.Span);
            if (bd.IsTuple)
            {
                var b = new Binder { IsTuple = true, Set = set, Names = bd.Names.Select(n => n.Name).ToArray(), Slots = new int[bd.Names.Count] };
                for (int i = 0; i < bd.Names.Count; i++) b.Slots[i] = _frame.Alloc();
                binders.Add(b);
                for (int i = 0; i < bd.Names.Count; i++)
                    locals = new LocalScope(new LocalBinding { Name = bd.Names[i].Name, Depth = _frame.Depth, Slot = b.Slots[i], Span = bd.Names[i].Span }, locals);
            }
            else
            {
                foreach (var n in bd.Names)
                {
                    var b = new Binder { Set = set, Names = new[] { n.Name }, Slots = new[] { _frame.Alloc() } };
                    binders.Add(b);
                    locals = new LocalScope(new LocalBinding { Name = n.Name, Depth = _frame.Depth, Slot = b.Slots[0], Span = n.Span }, locals);
                }
            }
        }
        return (binders.ToArray(), With(locals));
    }

    /// <summary>A function definition <c>f[x \in S] == e</c> (recursive when e mentions f).</summary>
    public Term CompileFunctionDef(FunctionDef fd)
    {
        var (binders, r) = CompileBinders(fd.Bounds, allowUnbounded: false);
        var cons = At(new FcnConsTerm(binders, r.Compile(fd.Body)), fd);
        // Like TLC, a function definition is evaluated lazily, argument by argument (and may be recursive).
        return At(new RecursiveFcnTerm(cons), fd);
    }

    private OpDef CompileLocalOp(string name, List<OpParam> ps, Expr body, SourceSpan span, LocalScope extra = null, OpDef existing = null)
    {
        var fb = new FrameBuilder(_frame.Depth + 1) { RootOwner = _frame.RootOwner };
        var def = existing ?? new OpDef { Name = name, ModuleName = _scope.ModuleName, Span = body.Span, Arity = ps.Count, IsLocal = true };
        def.ParamArities = ps.Select(p => p.Arity).ToArray();
        def.ParamNames = ps.Select(p => p.Name).ToArray();
        var locals = extra ?? _locals;
        foreach (var p in ps)
        {
            CheckFresh(locals, p.Name, p.Span);
            locals = new LocalScope(new LocalBinding { Name = p.Name, Depth = fb.Depth, Slot = fb.Alloc(), Arity = p.Arity, ParamOf = def, Span = p.Span }, locals);
        }
        var term = new Resolver(_spec, _scope, locals, fb, _atSlot, false, _atDepth).Compile(body);
        int size = fb.Count;
        term = Hoisting.Optimize(def, term, ref size);
        def.FrameSize = size;
        def.Body = term;
        return def;
    }

    private Term CompileLet(LetExpr le)
    {
        var locals = _locals;
        var slots = new List<int>();
        var bodies = new List<Term>();
        var localOps = new List<OpDef>();
        foreach (var unit in le.Defs)
        {
            if (unit is OperatorDef { Name: var dn } u1) CheckFresh(locals, dn, u1.NameSpan.Line > 0 ? u1.NameSpan : u1.Span);
            else if (unit is FunctionDef { Name: var fn } u2) CheckFresh(locals, fn, u2.NameSpan.Line > 0 ? u2.NameSpan : u2.Span);
            switch (unit)
            {
                case OperatorDef od when od.Params.Count == 0 && !od.Recursive:
                {
                    var body = With(locals).Compile(od.Body);
                    int slot = _frame.Alloc();
                    slots.Add(slot);
                    bodies.Add(body);
                    locals = new LocalScope(new LocalBinding { Name = od.Name, Depth = _frame.Depth, Slot = slot, Level = body.Lvl }, locals);
                    break;
                }
                case OperatorDef od:
                {
                    var def = new OpDef { Name = od.Name, ModuleName = _scope.ModuleName, Span = od.Body.Span, NameSpan = od.NameSpan, Arity = od.Params.Count, IsLocal = true, IsRecursive = od.Recursive };
                    localOps.Add(def);
                    locals = new LocalScope(new LocalBinding { Name = od.Name, Depth = _frame.Depth, LocalOp = def, Arity = od.Params.Count }, locals);
                    CompileLocalOp(od.Name, od.Params, od.Body, od.Span, locals, def);
                    break;
                }
                case FunctionDef fd:
                {
                    int slot = _frame.Alloc();
                    var self = new LocalScope(new LocalBinding { Name = fd.Name, Depth = _frame.Depth, Slot = slot }, locals);
                    var body = With(self).CompileFunctionDef(fd);
                    slots.Add(slot);
                    bodies.Add(body);
                    locals = new LocalScope(new LocalBinding { Name = fd.Name, Depth = _frame.Depth, Slot = slot, Level = body.Lvl }, locals);
                    break;
                }
                case RecursiveDecl:
                    break;
                case InstanceDef id when id.Name != null:
                    locals = new LocalScope(new LocalBinding { Name = id.Name, Depth = _frame.Depth, Instance = _spec.MakeLocalInstance(id, _scope, CapturedValues(locals)) }, locals);
                    break;
                case InstanceDef id:
                    throw Err(id, "an unnamed INSTANCE inside LET is not supported; name it (I == INSTANCE M) or move it to module level");
                default:
                    throw Err(unit, "unexpected definition inside LET");
            }
        }
        var bodyTerm = With(locals).Compile(le.Body);
        var let = new LetTerm(slots.ToArray(), bodies.ToArray(), bodyTerm) { LocalOps = localOps.ToArray() };
        // The LET's operators with parameters count too (their bodies with the parameters as constants).
        foreach (var op in localOps)
            if (!op.IsRecursive && op.EnsureBody() is { } ob && ob.Lvl > let.Lvl) let.Lvl = ob.Lvl;
        return At(let, le);
    }

    // ------------------------------------------------------------------ operator applications

    private Term[] CompileArgs(List<Expr> args, int[] paramArities, int offset, string opName = null)
    {
        var terms = new Term[args.Count];
        for (int i = 0; i < args.Count; i++)
        {
            int arity = paramArities != null && offset + i < paramArities.Length ? paramArities[offset + i] : 0;
            terms[i] = arity > 0 ? CompileOperatorArg(args[i], arity, i + 1, opName) : CompileValueArg(args[i], i + 1, opName);
        }
        return terms;
    }

    /// <summary>An argument for an ordinary parameter. SANY: a LAMBDA there is "LAMBDA expression used where an
    /// expression is required." (exit 150), even where the call is never evaluated.</summary>
    private Term CompileValueArg(Expr e, int position, string opName)
    {
        if (e is LambdaExpr)
            throw Err(e, $"LAMBDA expression used where an expression is required{ArgumentOf(position, opName)}: that parameter takes a value, not an operator");
        return Compile(e);
    }

    /// <summary>Whether a name without arguments surely denotes a value: a variable, a definition or a local name
    /// without parameters, a constant declared without parameters (SANY's "operator of arity 0").</summary>
    private bool IsValueName(OpApp app)
    {
        if (app.Path.Count != 1 || app.Path[0].Args.Count != 0) return false;
        var name = app.Path[0].Name;
        if (LocalScope.Find(_locals, name) is { } local)
            return local.Instance == null && local.LocalOp == null && local.Arity == 0;
        return _scope.Find(name) switch
        {
            OpSymbol os => os.Def.Arity - os.InstanceParams == 0,
            VarSymbol => true,
            ConstSymbol cs => cs.Arity == 0,
            _ => false,
        };
    }

    private static string ArgumentOf(int position, string opName) =>
        opName == null ? "" : $" (argument {position} of {opName})";

    /// <summary>An operator for an operator parameter or constant of <paramref name="arity"/> arguments.</summary>
    public Term CompileOperatorArgument(Expr e, int arity) => CompileOperatorArg(e, arity);

    /// <summary>An argument for an operator parameter: a LAMBDA, or the name of an operator.</summary>
    private Term CompileOperatorArg(Expr e, int arity, int position = 0, string opName = null)
    {
        // SANY: "Lambda expression with arity 2 used as argument 1 of operator `U', but an operator of arity 1 is
        // required." (exit 150), even where the call is never evaluated.
        var where = ArgumentOf(position, opName);
        if (e is LambdaExpr lam && lam.Params.Count != arity)
            throw Err(e, $"a LAMBDA of {lam.Params.Count} parameter(s) is passed where an operator of {arity} argument(s) is required{where}");
        if (e is LambdaExpr) return Compile(e);
        if (e is OpApp app && app.Args.Count == 0)
        {
            var t = CompileOpApp(app, operatorArg: true);
            int? given = t switch
            {
                LambdaTerm l => l.Def.Arity,
                OpRefTerm o => o.Def.Arity,
                BuiltinRefTerm b => b.Op.Arity,
                _ => null,
            };
            if (given is int g && g != arity)
                throw Err(e, $"the operator {app.Name} of {g} argument(s) is passed where an operator of {arity} argument(s) is required{where}");
            if (given == null && IsValueName(app))
                throw Err(e, $"expected an operator of {arity} argument(s) here{where}, but {app.Name} takes no arguments (SANY: Expected arity {arity} but found operator of arity 0); pass an operator name or a LAMBDA");
            return t;
        }
        throw Err(e, $"expected an operator of {arity} argument(s) here{where}: pass an operator name or a LAMBDA");
    }

    private static int MaxLevel(Term[] args, int baseLevel)
    {
        int l = baseLevel;
        foreach (var a in args) if (ArgLevel(a) > l) l = ArgLevel(a);
        return l;
    }

    /// <summary>The level of a call of <paramref name="def"/>: its body's, raised by the arguments of the parameters
    /// the body uses outside ENABLED (SANY: ENABLED A is a state predicate whatever A is).</summary>
    private static int CallLevel(OpDef def, Term[] args, int bodyLevel)
    {
        int l = bodyLevel;
        for (int i = 0; i < args.Length; i++)
            if (ArgLevel(args[i]) > l && def.ArgRaisesLevel(i)) l = ArgLevel(args[i]);
        return l;
    }

    /// <summary>What an argument brings to a call's level: its own, or for an operator (a LAMBDA, a named operator)
    /// the level of what it reads: <c>Apply(LAMBDA v : v + x, 0)</c> is a state function.</summary>
    private static int ArgLevel(Term a) => a is OperatorArgTerm op ? op.OperatorLevel : a.Lvl;

    private int DefLevel(OpDef def) => def.Compiling ? Level.Constant : def.Level;

    public Term CompileOpApp(OpApp app, bool operatorArg)
    {
        if (app.Path.Count > 1) return CompilePath(app, operatorArg);
        var seg = app.Path[0];
        var name = seg.Name;
        var args = seg.Args;

        var local = LocalScope.Find(_locals, name);
        if (local != null && local.Instance == null) return CompileLocalRef(app, local, operatorArg);

        var core = CompileCore(app, name, args);
        if (core != null) return core;

        var sym = _scope.Find(name);
        if (sym == null && operatorArg && args.Count == 0 && CoreOperatorArity(name) is int coreArity)
            return CompileCoreOperatorArg(app, name, coreArity);
        if (sym == null) throw Err(app, UnknownMessage(name));
        CheckDefinedBefore(app, name, sym);
        return CompileSymbolRef(app, sym, args, forwardInstanceParams: true, instanceArgs: null, operatorArg);
    }

    /// <summary>The arity of a built-in operator of the language itself (not of a standard module), or null.</summary>
    private static int? CoreOperatorArity(string name) => name switch
    {
        "=" or "#" or "\\in" or "\\notin" or "/\\" or "\\/" or "=>" or "<=>" or "\\cup" or "\\cap" or "\\"
            or "\\subseteq" or "\\supseteq" or "\\cdot" or "~>" or "-+->" => 2,
        "~" or "SUBSET" or "UNION" or "DOMAIN" or "ENABLED" or "UNCHANGED" or "[]" or "<>" or "'" => 1,
        _ => null,
    };

    /// <summary>A built-in operator of the language passed as an operator argument (<c>F(=&gt;)</c>, <c>G(SUBSET)</c>):
    /// the LAMBDA that applies it to its parameters.</summary>
    private Term CompileCoreOperatorArg(OpApp app, string name, int arity)
    {
        var lam = new LambdaExpr { Span = app.Span };
        var call = new OpApp { Span = app.Span };
        var seg = new NameSegment { Name = name, Span = app.Span };
        for (int i = 0; i < arity; i++)
        {
            // parameter names no TLA+ identifier can spell, so they capture nothing
            var pn = "#arg" + i;
            lam.Params.Add(new Ident(pn, app.Span));
            var r = new OpApp { Span = app.Span };
            r.Path.Add(new NameSegment { Name = pn, Span = app.Span });
            seg.Args.Add(r);
        }
        call.Path.Add(seg);
        lam.Body = name == "'" ? new PrimeExpr { Inner = seg.Args[0], Span = app.Span } : call;
        return Compile(lam);
    }

    /// <summary>SANY resolves a module's units in order: a definition can use only what the module declared or defined
    /// before it (or declared RECURSIVE), so a name defined further down is unknown where it is used ("Unknown
    /// operator", TLC's semantic error, exit 150), even though the module defines it.</summary>
    private void CheckDefinedBefore(OpApp app, string name, Symbol sym)
    {
        var owner = _frame.RootOwner;
        if (owner == null || sym.Module == null || owner.ModuleName != _scope.ModuleName || sym.Module != owner.ModuleName) return;
        if (sym is OpSymbol { Def.IsRecursive: true }) return;
        // SANY: a definition is not in scope in its own body unless declared RECURSIVE ("Unknown operator: `F'.").
        if (sym is OpSymbol { Syntax: OperatorDef } self && ReferenceEquals(self.Def, owner)) throw NotRecursive(app, name);
        var at = sym.Span;
        var body = owner.Span;
        if (at.Line <= 0 || body.EndLine <= 0 || at.File != body.File) return;
        if (at.Line > body.EndLine || (at.Line == body.EndLine && at.Col > body.EndCol))
            throw Err(app, $"Unknown operator: '{name}'. The module defines it further down (line {at.Line}, column {at.Col}): TLA+ " +
                "takes a definition only before its use; move the definition up, or declare it RECURSIVE");
    }

    private static TlaException NotRecursive(OpApp app, string name) =>
        Err(app, $"Unknown operator: '{name}'. A definition cannot use itself unless declared RECURSIVE: write RECURSIVE {name}" +
            $"{(app.Args.Count > 0 ? "(" + string.Join(", ", app.Args.Select(_ => "_")) + ")" : "")} before it (a function f[x \\in S] == ... may use f without it)");

    /// <summary>Whether <paramref name="inner"/> lies inside <paramref name="outer"/> (same file).</summary>
    private static bool Within(SourceSpan inner, SourceSpan outer) =>
        inner.Line > 0 && outer.EndLine > 0 && inner.File == outer.File
        && (inner.Line > outer.Line || (inner.Line == outer.Line && inner.Col >= outer.Col))
        && (inner.Line < outer.EndLine || (inner.Line == outer.EndLine && inner.Col <= outer.EndCol));

    private string UnknownMessage(string name)
    {
        var candidates = _scope.Symbols.Keys.Where(k => string.Equals(k, name, StringComparison.OrdinalIgnoreCase)).ToList();
        var hint = candidates.Count > 0 ? $" (did you mean {candidates[0]}?)" : "";
        return $"Unknown operator: '{name}'{hint}. Define it, declare it as a CONSTANT or VARIABLE, or EXTENDS the module that defines it";
    }

    private Term CompileLocalRef(OpApp app, LocalBinding b, bool operatorArg)
    {
        int hops = _frame.Depth - b.Depth;
        var args = app.Args;
        if (b.LocalOp != null)
        {
            var def = b.LocalOp;
            if (!def.IsRecursive && Within(app.Span, def.Span)) throw NotRecursive(app, def.Name);
            if (args.Count == 0 && def.Arity > 0)
            {
                if (!operatorArg) throw OperatorAsValue(app, def.Name, def.Arity);
                return At(new OpRefTerm(def, hops), app);
            }
            CheckArity(app, def.Name, def.Arity, args.Count);
            var targs = CompileArgs(args, def.ParamArities, 0, def.Name);
            return At(new OpCallTerm(def, targs, hops, CallLevel(def, targs, def.Body != null ? def.Body.Lvl : Level.Constant)), app);
        }
        if (b.Arity > 0)
        {
            if (args.Count == 0)
            {
                if (!operatorArg) throw OperatorAsValue(app, b.Name, b.Arity);
                return At(new ParamRefTerm(hops, b.Slot), app);
            }
            CheckArity(app, b.Name, b.Arity, args.Count);
            var targs = args.Select(Compile).ToArray();
            // The operator passed for the parameter may read the state (a LAMBDA over a variable): a call of it
            // raises the level of a call of the enclosing definition, as a plain parameter's use does.
            if (b.ParamOf != null && _frame.EnabledDepth == 0) b.ParamOf.MarkLevelParam(b.Slot);
            return At(new ParamCallTerm(hops, b.Slot, b.Name, targs, MaxLevel(targs, Level.Constant)), app);
        }
        if (args.Count > 0) throw Err(app, $"{b.Name} is not an operator: it cannot be applied to arguments (use {b.Name}[...] for a function)");
        if (_primed && b.ParamOf != null)
        {
            var def = b.ParamOf;
            def.ByName ??= new bool[def.Arity];
            def.ByName[b.Slot] = true;
        }
        var owner = b.ParamOf ?? (b.IsInstanceParam && b.Depth == 0 ? _frame.RootOwner : null);
        if (owner != null && (_primed || _frame.EnabledDepth > 0)) owner.MarkParamUse(b.Slot, _primed, _frame.EnabledDepth > 0);
        if (b.ParamOf != null && _frame.EnabledDepth == 0) b.ParamOf.MarkLevelParam(b.Slot);
        return At(new LocalTerm(hops, b.Slot, b.Name, b.Level), app);
    }

    /// <summary>SANY's level rule for the temporal operators: their arguments are state predicates or temporal
    /// formulas, never actions (raw TLA: <c>x' ~> []x</c>, <c>&lt;&gt;(x')</c>); <c>[][A]_v</c> and
    /// <c>&lt;&gt;&lt;&lt;A&gt;&gt;_v</c> are the forms that take one.</summary>
    /// <summary>SANY's level rule for ~>: no action on either side, not even &lt;&lt;A&gt;&gt;_v ("Action used where only
    /// temporal formula or state predicate allowed.", exit 150).</summary>
    private static Term[] LeadsToLevel(Node at, params Term[] args)
    {
        foreach (var a in args)
            if (a.Lvl == Level.Action) throw Err(at, "Action used where only temporal formula or state predicate allowed.");
        return args;
    }

    private Term[] NotAction(Node at, string op, params Term[] args)
    {
        foreach (var a in args)
            if (a.Lvl == Level.Action && !IsBoxedAction(a))
                throw Err(at, $"Level error: the argument of {op} is an action (it has primed variables); {op} applies to state predicates and temporal formulas.");
        return args;
    }

    /// <summary>[A]_v or &lt;&lt;A&gt;&gt;_v, also behind definitions and labels (or not known yet: not an error).</summary>
    private static bool IsBoxedAction(Term t)
    {
        for (int guard = 0; guard < 64; guard++)
        {
            switch (t)
            {
                case ActionBoxTerm: return true;
                case LabelTerm lb: t = lb.Body; continue;
                case InlineTerm inl: t = inl.Body; continue;
                case OpCallTerm call: if (call.Def.Body == null) return true; t = call.Def.Body; continue;
                default: return false;
            }
        }
        return true;
    }

    /// <summary>SANY: an argument for a parameter the operator primes may not contain primes (nor temporal
    /// operators): "The level of argument i exceeds the maximum level allowed by the operator."</summary>
    private static void CheckArgumentLevels(OpApp app, OpDef def, Term[] targs)
    {
        if (def.PrimedParams == null) return;
        for (int i = 0; i < targs.Length && i < def.PrimedParams.Length; i++)
            if (def.PrimedParams[i] && targs[i] is not OperatorArgTerm && targs[i].Lvl >= Level.Action)
                throw Err(app, $"Level error in applying operator {string.Join("!", app.Path.Select(p => p.Name))}: " +
                               $"The level of argument {i + 1} exceeds the maximum level allowed by the operator (it primes that parameter).");
    }

    /// <summary>SANY: an operator with parameters named without arguments where a value is expected ("The operator
    /// Plus requires 2 arguments.", exit 150); only an operator parameter takes it so.</summary>
    private static TlaException OperatorAsValue(Node at, string name, int arity) =>
        new(ErrorKind.Semantic, at.Span, $"The operator {name} requires {arity} argument(s): apply it ({name}(...)), or pass it only " +
            "where an operator parameter (such as F(_) or F(_, _)) is expected");

    private static void CheckArity(Node at, string name, int expected, int given)
    {
        if (expected != given)
            throw new TlaException(ErrorKind.Semantic, at.Span, $"The operator {name} requires {expected} argument(s), but {given} were given");
    }

    private Term CompileSymbolRef(OpApp app, Symbol sym, List<Expr> args, bool forwardInstanceParams, Term[] instanceArgs, bool operatorArg, bool allowOverride = true)
    {
        if (allowOverride && sym is OpSymbol or BuiltinSymbol && _spec.FindOverride(sym) is { } ov)
            return CompileOverride(app, sym, ov, args, operatorArg);
        switch (sym)
        {
            case OpSymbol os:
            {
                var def = os.Def;
                int own = def.Arity - os.InstanceParams;
                if (args.Count == 0 && own > 0)
                {
                    if (!operatorArg) throw OperatorAsValue(app, def.Name, own);
                    if (os.InstanceParams > 0)
                    {
                        if (instanceArgs != null || !forwardInstanceParams)
                            throw Err(app, $"the operator {def.Name} of a parameterised instance cannot be passed as an argument");
                        return ForwardingLambda(app, os);
                    }
                    return At(new OpRefTerm(def, 0), app);
                }
                CheckArity(app, def.Name, own, args.Count);
                Term[] prefix;
                if (os.InstanceParams == 0) prefix = Array.Empty<Term>();
                else if (instanceArgs != null) prefix = instanceArgs;
                else if (forwardInstanceParams)
                {
                    prefix = new Term[os.InstanceParams];
                    for (int i = 0; i < prefix.Length; i++) prefix[i] = new LocalTerm(_frame.Depth, i, LocalTerm.InstanceParameter, Level.Constant) { Span = app.Span };
                }
                else throw Err(app, $"missing instance arguments for {def.Name}");
                var targs = prefix.Concat(CompileArgs(args, def.ParamArities, os.InstanceParams, def.Name)).ToArray();
                int bodyLevel = DefLevel(def);
                CheckArgumentLevels(app, def, targs);
                return At(new OpCallTerm(def, targs, 0, CallLevel(def, targs, bodyLevel)), app);
            }
            case Ops.Tla.Semantics.BuiltinSymbol bs:
            {
                if (args.Count == 0 && bs.Op.Arity > 0)
                {
                    if (!operatorArg) throw OperatorAsValue(app, bs.Name, bs.Op.Arity);
                    return At(new BuiltinRefTerm(bs.Op), app);
                }
                CheckArity(app, bs.Name, bs.Op.Arity, args.Count);
                var targs = CompileArgs(args, bs.Op.ParamArities, 0, bs.Name);
                if (bs.Op.Lazy != null) return At(new LazyBuiltinCallTerm(bs.Op, targs, MaxLevel(targs, Level.Constant)), app);
                return At(new BuiltinCallTerm(bs.Op, targs, MaxLevel(targs, Level.Constant)), app);
            }
            case VarSymbol vs:
                if (args.Count > 0) throw Err(app, $"the variable {vs.Name} cannot be applied to arguments");
                return At(new VarTerm(vs.Index, vs.Name), app);
            case ConstSymbol cs:
                return CompileConstant(app, cs, args, operatorArg);
            case SubstSymbol ss:
            {
                // Resolve the substituting expression where it was written (the instantiating module), in the frame of
                // the current definition (instance parameters sit in its root frame).
                var r = new Resolver(_spec, ss.Outer, ss.InstanceParamScope, _frame, -1, _primed);
                if (args.Count == 0)
                {
                    if (operatorArg && ss.Expr is OpApp { Args.Count: 0 } named) return r.CompileOpApp(named, operatorArg: true);
                    // A name substituted by a name (an implicit substitution, or WITH x <- y) stands where it is written in
                    // the instantiated module: TLC names that place (a quantifier's bound, "TLC encountered a
                    // non-enumerable quantifier bound"), not the declaration nor the substituting name.
                    var term = r.Compile(ss.Expr);
                    return ss.Expr is OpApp { Args.Count: 0, Path.Count: 1 } ? At(term, app) : term;
                }
                if (!(ss.Expr is OpApp { Args.Count: 0 } || ss.Expr is LambdaExpr))
                    throw Err(app, $"{ss.Name} is substituted by an expression that cannot be applied to arguments");
                var opTerm = ss.Expr is LambdaExpr ? r.Compile(ss.Expr) : r.CompileOpApp((OpApp)ss.Expr, operatorArg: true);
                var cargs = args.Select(Compile).ToArray();
                return opTerm switch
                {
                    OpRefTerm o => At(new OpCallTerm(o.Def, cargs, o.Hops, CallLevel(o.Def, cargs, DefLevel(o.Def))), app),
                    LambdaTerm l => At(new OpCallTerm(l.Def, cargs, 0, MaxLevel(cargs, l.Def.Body.Lvl)), app),
                    BuiltinRefTerm b => At(new BuiltinCallTerm(b.Op, cargs, MaxLevel(cargs, Level.Constant)), app),
                    ParamRefTerm pr => At(new ParamCallTerm(pr.Hops, pr.Slot, ss.Name, cargs, MaxLevel(cargs, Level.Constant)), app),
                    _ => throw Err(app, $"{ss.Name} is substituted by an expression that cannot be applied to arguments"),
                };
            }
            case InstanceSymbol ins:
                throw Err(app, $"{ins.Name} is an INSTANCE: refer to its definitions as {ins.Name}!Op");
        }
        throw Err(app, $"cannot use {sym.Name} here");
    }

    /// <summary>An operator of the parameterised instance this definition belongs to, passed as an operator
    /// argument: the LAMBDA of its own parameters that applies it to this definition's instance parameters too.</summary>
    private Term ForwardingLambda(OpApp app, OpSymbol os)
    {
        var def = os.Def;
        int ip = os.InstanceParams, own = def.Arity - ip;
        var fb = new FrameBuilder(_frame.Depth + 1);
        var lam = new OpDef
        {
            Name = def.Name, ModuleName = _scope.ModuleName, Span = app.Span, Arity = own, IsLocal = true,
            ParamArities = def.ParamArities.Skip(ip).ToArray(), ParamNames = def.ParamNames.Skip(ip).ToArray(),
        };
        var targs = new Term[def.Arity];
        for (int i = 0; i < ip; i++) targs[i] = new LocalTerm(fb.Depth, i, LocalTerm.InstanceParameter, Level.Constant) { Span = app.Span };
        for (int j = 0; j < own; j++)
        {
            int slot = fb.Alloc();
            targs[ip + j] = lam.ParamArities[j] > 0
                ? new ParamRefTerm(0, slot) { Span = app.Span }
                : new LocalTerm(0, slot, lam.ParamNames[j], Level.Constant) { Span = app.Span };
        }
        lam.FrameSize = fb.Count;
        lam.Body = new OpCallTerm(def, targs, 0, DefLevel(def)) { Span = app.Span };
        return At(new LambdaTerm(lam), app);
    }

    private Term CompileConstant(OpApp app, ConstSymbol cs, List<Expr> args, bool operatorArg)
    {
        var b = _spec.FindOverride(cs);
        if (b == null)
            throw new TlaException(ErrorKind.Config, app.Span, $"The constant {cs.Name} is not assigned a value by the configuration (add CONSTANT {cs.Name} = ... to the .cfg)");
        return CompileOverride(app, cs, b, args, operatorArg);
    }

    /// <summary>A constant or definition replaced by the configuration: a value, or another definition.</summary>
    private Term CompileOverride(OpApp app, Symbol sym, ConstantBinding b, List<Expr> args, bool operatorArg)
    {
        if (b.SubstituteWith != null)
        {
            var target = _spec.Root.Find(b.SubstituteWith);
            if (target == null)
                throw new TlaException(ErrorKind.Config, b.Span, $"the configuration substitutes {sym.Name} <- {b.SubstituteWith}, but the specification defines no {b.SubstituteWith}");
            return CompileSymbolRef(app, target, args, forwardInstanceParams: false, instanceArgs: null, operatorArg,
                allowOverride: !ReferenceEquals(target, sym));
        }
        if (b.Table != null)
        {
            if (args.Count == 0)
                throw Err(app, $"{sym.Name} is given values by a table in the configuration: it can only be applied to arguments, not passed as an operator");
            var targs = args.Select(Compile).ToArray();
            return At(new OpTableTerm(sym.Name, b.Table, targs, MaxLevel(targs, Level.Constant)), app);
        }
        if (args.Count > 0) throw Err(app, $"{sym.Name} is given a value by the configuration: it cannot be applied to arguments");
        return At(new ConstTerm(b.Value) { Name = sym.Name }, app);
    }

    /// <summary>The local values (bound identifiers, parameters, LET values) visible through <paramref name="locals"/>,
    /// innermost binding of each name, outermost first.</summary>
    private static List<LocalBinding> CapturedValues(LocalScope locals)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var list = new List<LocalBinding>();
        for (var s = locals; s != null; s = s.Parent)
        {
            var b = s.Binding;
            if (!seen.Add(b.Name)) continue;
            if (b.LocalOp == null && b.Instance == null && b.Arity == 0 && !b.Name.StartsWith('#')) list.Add(b);
        }
        list.Reverse();
        return list;
    }

    private Term CompilePath(OpApp app, bool operatorArg)
    {
        var first = app.Path[0];
        var firstLocal = LocalScope.Find(_locals, first.Name);
        if (firstLocal == null && _scope.Find(first.Name) is OpSymbol { Syntax: not null } named)
            return CompileSubexpression(app, named, 0, null, operatorArg);
        if (firstLocal != null && firstLocal.Instance == null)
            throw Err(app, $"a subexpression name of the local definition {first.Name} is not supported; define it at module level");
        var sym = firstLocal?.Instance ?? _scope.Find(first.Name) as InstanceSymbol;
        if (sym == null)
            throw Err(app, $"'{first.Name}' in {string.Join("!", app.Path.Select(p => p.Name))} is not an instance name (define {first.Name} == INSTANCE M)");
        if (firstLocal == null) CheckDefinedBefore(app, first.Name, sym);
        var captured = sym.Captured ?? Array.Empty<LocalBinding>();
        CheckArity(first, first.Name, sym.ParamCount - captured.Count, first.Args.Count);
        var instanceArgs = new List<Term>();
        foreach (var b in captured) instanceArgs.Add(new LocalTerm(_frame.Depth - b.Depth, b.Slot, b.Name, b.Level) { Span = first.Span });
        instanceArgs.AddRange(CompileArgs(first.Args, sym.ParamArities, 0));
        var scope = sym.Scope;
        for (int i = 1; i < app.Path.Count - 1; i++)
        {
            var seg = app.Path[i];
            if (scope.Find(seg.Name) is OpSymbol { Syntax: not null } inPath && !inPath.IsLocal)
                return CompileSubexpression(app, inPath, i, instanceArgs, operatorArg);
            var inner = scope.Find(seg.Name) as InstanceSymbol;
            if (inner == null) throw Err(seg, $"{seg.Name} is not an instance inside {first.Name}");
            CheckArity(seg, seg.Name, inner.ParamCount, seg.Args.Count);
            instanceArgs.AddRange(CompileArgs(seg.Args, inner.ParamArities, 0));
            scope = inner.Scope;
        }
        var last = app.Path[^1];
        var target = scope.Find(last.Name);
        if (target == null || target.IsLocal && target is not BuiltinSymbol)
            throw Err(last, $"the instance {string.Join("!", app.Path.Take(app.Path.Count - 1).Select(p => p.Name))} has no definition {last.Name}");
        if (target is SubstSymbol && instanceArgs.Count > 0)
            throw Err(last, $"{last.Name} of a parameterised instance cannot be referenced from outside; define an operator for it inside the module");
        ForwardInstanceParams(app, target, instanceArgs);
        return CompileSymbolRef(app, target, last.Args, forwardInstanceParams: false, instanceArgs: instanceArgs.ToArray(), operatorArg);
    }

    /// <summary>An instance made inside a parameterised instance (P(n) == INSTANCE Mid, Mid has L == INSTANCE Leaf):
    /// the definitions of L's copy take P's parameters first, which the path does not name; they are this
    /// definition's own (the leading slots of its root frame).</summary>
    private void ForwardInstanceParams(Node at, Symbol target, List<Term> instanceArgs)
    {
        if (target is OpSymbol { InstanceParams: > 0 } tos && tos.InstanceParams > instanceArgs.Count
            && tos.InstanceParams - instanceArgs.Count <= _scope.InstanceParamCount)
        {
            int missing = tos.InstanceParams - instanceArgs.Count;
            var forwarded = new Term[missing];
            for (int i = 0; i < missing; i++) forwarded[i] = new LocalTerm(_frame.Depth, i, LocalTerm.InstanceParameter, Level.Constant) { Span = at.Span };
            instanceArgs.InsertRange(0, forwarded);
        }
    }

    /// <summary>A subexpression name <c>I!Op(a)!lbl(b)!2</c>: the operator it denotes (see
    /// <see cref="Subexpressions"/>) is defined where Op is, and applied to the arguments written in the name
    /// (or passed as an operator argument).</summary>
    private Term CompileSubexpression(OpApp app, OpSymbol named, int start, List<Term> instanceArgs, bool operatorArg)
    {
        var (od, args) = Subexpressions.Resolve(named.Syntax, app.Path.Skip(start).ToList(), operatorArg, app);
        var sym = _spec.MakeSyntheticOp(od, named.DefScope ?? _scope);
        if (instanceArgs == null)
            return CompileSymbolRef(app, sym, args, forwardInstanceParams: true, instanceArgs: null, operatorArg, allowOverride: false);
        ForwardInstanceParams(app, sym, instanceArgs);
        return CompileSymbolRef(app, sym, args, forwardInstanceParams: false, instanceArgs: instanceArgs.ToArray(), operatorArg, allowOverride: false);
    }

    // ------------------------------------------------------------------ the language's own operators

    private Term CompileCore(OpApp app, string name, List<Expr> args)
    {
        Term A(int i) => Compile(args[i]);
        Term SetOp(SetOpTerm.Op op, string sanyName, int arity)
        {
            Term l = A(0), r = arity == 2 ? A(1) : null;
            return Leveled(new SetOpTerm(op, l, r), app, sanyName, Level.Action, l, r);
        }
        switch (name, args.Count)
        {
            case ("=", 2): { var (l, r) = (A(0), A(1)); return Leveled(new EqTerm(l, r), app, "=", Level.Action, l, r); }
            case ("#", 2): { var (l, r) = (A(0), A(1)); return Leveled(new NeqTerm(l, r), app, "/=", Level.Action, l, r); }
            case ("\\in", 2): { var (l, r) = (A(0), A(1)); return Leveled(new InTerm(l, r, false), app, "\\in", Level.Action, l, r); }
            case ("\\notin", 2): { var (l, r) = (A(0), A(1)); return Leveled(new InTerm(l, r, true), app, "\\notin", Level.Action, l, r); }
            case ("/\\", 2): return At(new AndTerm(LevelCheckJunction(new[] { A(0), A(1) }, app, "\\land"), false), app);
            case ("\\/", 2): return At(new OrTerm(LevelCheckJunction(new[] { A(0), A(1) }, app, "\\lor"), false), app);
            case ("~", 1): return At(new NotTerm(A(0)), app);
            case ("=>", 2): { var ab = LevelCheckJunction(new[] { A(0), A(1) }, app, "=>"); return At(new ImpliesTerm(ab[0], ab[1]), app); }
            case ("<=>", 2): { var ab = LevelCheckJunction(new[] { A(0), A(1) }, app, "<=>"); return At(new EquivTerm(ab[0], ab[1]), app); }
            case ("\\cup", 2): return SetOp(SetOpTerm.Op.Cup, "\\union", 2);
            case ("\\cap", 2): return SetOp(SetOpTerm.Op.Cap, "\\intersect", 2);
            case ("\\", 2): return SetOp(SetOpTerm.Op.Minus, "\\", 2);
            case ("\\subseteq", 2): return SetOp(SetOpTerm.Op.Subseteq, "\\subseteq", 2);
            case ("SUBSET", 1): return SetOp(SetOpTerm.Op.Subset, "SUBSET", 1);
            case ("UNION", 1): return SetOp(SetOpTerm.Op.Union, "UNION", 1);
            case ("DOMAIN", 1): return SetOp(SetOpTerm.Op.Domain, "DOMAIN", 1);
            case ("UNCHANGED", 1):
            {
                var unchanged = Primed().Compile(args[0]);
                return Leveled(new UnchangedTerm(unchanged), app, "UNCHANGED", Level.State, unchanged);
            }
            case ("ENABLED", 1):
            {
                Term inner;
                _frame.EnabledDepth++;
                try { inner = A(0); }
                finally { _frame.EnabledDepth--; }
                return Leveled(new EnabledTerm(inner) { Fresh = _spec.FreshSlots }, app, "ENABLED", Level.Action, inner);
            }
            case ("[]", 1): return At(new TemporalTerm("[]", new[] { LevelCheckBox(A(0), app, always: true) }), app);
            case ("<>", 1): return At(new TemporalTerm("<>", new[] { LevelCheckBox(A(0), app, always: false) }), app);
            case ("~>", 2): return At(new TemporalTerm("~>", LeadsToLevel(app, A(0), A(1))), app);
            case ("-+->", 2): return At(new TemporalTerm("-+->", NotAction(app, "-+->", A(0), A(1))), app);
            case ("\\cdot", 2): { var (l, r) = (A(0), A(1)); return Leveled(new ComposeTerm(l, r), app, "\\cdot", Level.Action, l, r); }
            case ("BOOLEAN", 0): return At(new ConstTerm(SetValue.Of(BoolValue.False, BoolValue.True)), app);
            case ("STRING", 0): return At(new ConstTerm(InfiniteSetValue.String), app);
        }
        if (name is "\\supseteq" && args.Count == 2 && _scope.Find(name) == null)
            return At(new SetOpTerm(SetOpTerm.Op.Subseteq, A(1), A(0)), app);
        return null;
    }
}
