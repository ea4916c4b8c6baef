using Ops.Tla.Eval;
using Ops.Tla.Eval.Builtins;
using Ops.Tla.Syntax;

namespace Ops.Tla.Semantics;

/// <summary>An ASSUME of the specification, resolved.</summary>
public sealed class Assumption
{
    public string Name;
    public Term Term;
    public int FrameSize;
    public SourceSpan Span;
    public string ModuleName;
}

/// <summary>
/// Builds the module graph of a specification (EXTENDS, INSTANCE, LOCAL) into <see cref="ModuleScope"/>s and
/// resolves definitions into executable <see cref="Term"/>s (through <see cref="Resolver"/>). Definitions are
/// resolved on first use, after the model configuration has bound the constants.
/// </summary>
public sealed class SpecBuilder
{
    public readonly ModuleLoader Loader;
    public readonly List<string> Variables = new();
    /// <summary>Where each of <see cref="Variables"/> is declared (module, span of its name), in the same order.</summary>
    public readonly List<(string Module, SourceSpan Span)> VariableDecls = new();
    public readonly List<ConstSymbol> Constants = new();
    public readonly List<Assumption> Assumptions = new();
    public ModuleScope Root { get; private set; }
    public ModuleNode RootNode { get; private set; }

    private readonly Dictionary<string, ModuleScope> _rootContextModules = new(StringComparer.Ordinal);

    /// <summary>The scope of module <paramref name="name"/> as the root context builds it (the root's own), or null.</summary>
    internal ModuleScope ScopeOf(string name) =>
        RootNode?.Name == name ? Root : _rootContextModules.TryGetValue(name, out var s) ? s : null;
    private readonly Dictionary<Builtin, BuiltinSymbol> _builtinSymbols = new();
    private readonly HashSet<string> _extendsInProgress = new(StringComparer.Ordinal);

    /// <summary>
    /// Values and substitutions from the configuration, keyed by the symbol they replace. <c>N = v</c> replaces the N
    /// the root module sees; <c>N = [M] v</c> the N module M sees (wherever M's definitions are used). Instances
    /// (<c>I == INSTANCE M</c>) have their own copies of M's definitions, which are replaced only through [M].
    /// </summary>
    private readonly Dictionary<object, ConstantBinding> _overrides = new();
    private readonly List<(string Module, string Name, ConstantBinding Binding)> _scopedOverrides = new();

    public SpecBuilder(ModuleLoader loader) { Loader = loader; }

    private static object KeyOf(Symbol s) => s switch
    {
        OpSymbol o => o.Def,
        BuiltinSymbol b => b.Op,
        ConstSymbol c => "const:" + c.Name,
        _ => s,
    };

    public ConstantBinding FindOverride(Symbol s) => _overrides.TryGetValue(KeyOf(s), out var b) ? b : null;

    /// <summary><c>N = v</c> / <c>N &lt;- Op</c> for the symbol N of the root module.</summary>
    public void Override(Symbol rootSymbol, ConstantBinding b) => _overrides[KeyOf(rootSymbol)] = b;

    /// <summary><c>N = [M] v</c>: applied to module M's scopes, those built already and those built later.</summary>
    public void OverrideIn(string module, string name, ConstantBinding b)
    {
        _scopedOverrides.Add((module, name, b));
        foreach (var scope in _allScopes)
            if (scope.ModuleName == module && scope.Find(name) is { } sym) _overrides[KeyOf(sym)] = b;
        // A natively implemented module has no scope of its own: its operator is replaced wherever it is used
        // (Nat <- [Naturals]MyNat also replaces the Nat of every module that extends Naturals, as in TLC).
        if (NativeOperator(StandardLibrary.Find(module), name, new HashSet<string>()) is { } op) _overrides[op] = b;
    }

    private static Builtin NativeOperator(BuiltinModule bm, string name, HashSet<string> seen)
    {
        if (bm == null || !seen.Add(bm.Name)) return null;
        if (bm.Operators.TryGetValue(name, out var op)) return op;
        foreach (var e in bm.Extends)
            if (NativeOperator(StandardLibrary.Find(e), name, seen) is { } found) return found;
        return null;
    }

    private readonly List<ModuleScope> _allScopes = new();

    private void RegisterScope(ModuleScope scope)
    {
        _allScopes.Add(scope);
        foreach (var (module, name, b) in _scopedOverrides)
            if (scope.ModuleName == module && scope.Find(name) is { } sym) _overrides[KeyOf(sym)] = b;
    }

    /// <summary>Context of a module being instantiated: substitutions and the instantiating scope.</summary>
    private sealed class InstanceEnv
    {
        public Dictionary<string, Expr> Subst;
        public ModuleScope Outer;
        public LocalScope ParamScope;
        public int ParamCount;
        /// <summary>The instantiated module's name.</summary>
        public string Target;
        public Dictionary<string, ModuleScope> Built = new(StringComparer.Ordinal);
        public readonly InstanceMark Mark = new();
    }

    /// <summary>The primed instance variables ENABLED formulas of instantiated modules quantify over.</summary>
    public readonly FreshSlots FreshSlots = new();

    public ModuleScope BuildRoot(ModuleNode root)
    {
        RootNode = root;
        Loader.Register(root);
        Root = BuildModule(root, null, _rootContextModules);
        return Root;
    }

    private ModuleScope BuildModule(ModuleNode m, InstanceEnv inst, Dictionary<string, ModuleScope> built)
    {
        if (built.TryGetValue(m.Name, out var done)) return done;
        if (!_extendsInProgress.Add((inst == null ? "" : inst.GetHashCode() + ":") + m.Name))
            throw new TlaException(ErrorKind.Semantic, m.Span, $"module {m.Name} extends itself (circular EXTENDS)");
        var scope = new ModuleScope
        {
            ModuleName = m.Name,
            InstanceParamCount = inst?.ParamCount ?? 0,
            InstanceParamScope = inst?.ParamScope,
            Instance = inst?.Mark,
        };
        // A module nested in another sees what the enclosing module declared, defined and imported before it (SANY's
        // context for an inner module: EXTENDS Naturals outside makes % usable inside).
        if (_enclosing.TryGetValue(m, out var context))
            foreach (var (name, sym) in context) scope.Symbols[name] = sym;
        foreach (var ext in m.Extends) ImportExtends(scope, ext, inst, built);

        var proofOnlyFacts = new HashSet<string>(StringComparer.Ordinal);
        foreach (var unit in m.Units)
        {
            switch (unit)
            {
                case VariableDecl vd:
                    foreach (var id in vd.Names)
                    {
                        if (inst == null)
                        {
                            // Two extended modules may declare the same variable: it is one variable.
                            int index = Variables.IndexOf(id.Name);
                            if (index < 0)
                            {
                                index = Variables.Count;
                                Variables.Add(id.Name);
                                VariableDecls.Add((m.Name, id.Span));
                            }
                            scope.Add(new VarSymbol { Module = m.Name, Name = id.Name, Index = index, Span = id.Span });
                        }
                        else
                        {
                            var sub = MakeSubst(id.Name, 0, id.Span, inst);
                            sub.IsVariable = true;
                            scope.Add(sub);
                        }
                    }
                    break;
                case ConstantDecl cd:
                    foreach (var p in cd.Items)
                    {
                        if (inst == null)
                        {
                            var cs = new ConstSymbol { Module = m.Name, Name = p.Name, Arity = p.Arity, Span = p.Span };
                            scope.Add(cs);
                            Constants.Add(cs);
                        }
                        else scope.Add(MakeSubst(p.Name, p.Arity, p.Span, inst));
                    }
                    break;
                case OperatorDef od:
                    scope.Add(new OpSymbol { Module = m.Name, Name = od.Name, Def = MakeOpDef(od, scope), Syntax = od, DefScope = scope, IsLocal = od.Local, Span = od.Span, InstanceParams = scope.InstanceParamCount });
                    break;
                case TheoremDecl td when td.Name != null && td.Body != null:
                {
                    // A named THEOREM / LEMMA is usable as an operator denoting its statement (TLC evaluates it).
                    var od = new OperatorDef { Name = td.Name, Body = td.Body, Span = td.Span };
                    scope.Add(new OpSymbol { Module = m.Name, Name = od.Name, Def = MakeOpDef(od, scope), Syntax = od, DefScope = scope, IsFact = true, Span = od.Span, InstanceParams = scope.InstanceParamCount });
                    break;
                }
                case TheoremDecl td when td.Name != null:
                    proofOnlyFacts.Add(td.Name); // ASSUME/PROVE: a fact, not an expression
                    break;
                case SkippedUnit { Facts: not null } hide:
                    CheckHiddenFacts(hide.Facts, scope, proofOnlyFacts);
                    break;
                case FunctionDef fd:
                    scope.Add(new OpSymbol { Module = m.Name, Name = fd.Name, Def = MakeFcnDef(fd, scope), IsLocal = fd.Local, Span = fd.Span, InstanceParams = scope.InstanceParamCount });
                    break;
                case InstanceDef id when id.Name != null:
                {
                    var capturedScope = scope;
                    var capturedInst = inst;
                    scope.Add(new InstanceSymbol
                    {
                        Name = id.Name,
                        IsLocal = id.Local,
                        Span = id.Span,
                        ParamCount = id.Params.Count,
                        ParamArities = id.Params.Select(p => p.Arity).ToArray(),
                        Build = () => BuildInstance(id, capturedScope, capturedInst),
                    });
                    break;
                }
                case InstanceDef id:
                {
                    var ms = BuildInstance(id, scope, inst);
                    _unnamedInstances[id] = ms;
                    // SANY gives the definitions of a LOCAL INSTANCE, or of an instance of a module with parameters,
                    // the INSTANCE's place (it makes new definition nodes for them).
                    var site = id.Local || ms.Symbols.Values.Any(x => x is SubstSymbol) ? (m.Name, id.Span) : ((string, SourceSpan)?)null;
                    // INSTANCE imports the definitions, not the instantiated module's constants and variables.
                    foreach (var s in ms.Symbols.Values)
                        if (!s.IsLocal && s is not SubstSymbol)
                            scope.Add(id.Local ? Localized(s) : s, onDuplicate: (had, added) => InstanceDuplicate(had, added, site));
                    break;
                }
                case SubmoduleUnit su:
                    _enclosing[su.Module] = new Dictionary<string, Symbol>(scope.Symbols, StringComparer.Ordinal);
                    break;
                case AssumeDecl ad:
                {
                    // ASSUME Name == e defines Name as e, as a named theorem does.
                    if (ad.Name != null) AddStatementName(scope, m.Name, ad.Name, ad.Body, ad.Span);
                    var a = new Assumption { Name = ad.Name, Span = ad.Body.Span, ModuleName = m.Name };
                    var capturedScope = scope;
                    if (inst == null && built == _rootContextModules)
                    {
                        _pendingAssumptions.Add((a, ad, capturedScope));
                        Assumptions.Add(a);
                    }
                    break;
                }
            }
        }
        built[m.Name] = scope;
        RegisterScope(scope);
        _extendsInProgress.Remove((inst == null ? "" : inst.GetHashCode() + ":") + m.Name);
        return scope;
    }

    private readonly List<(Assumption, AssumeDecl, ModuleScope)> _pendingAssumptions = new();

    /// <summary>SANY's warnings about the modules, each its place and its text (printed while the modules are
    /// processed, whatever -nowarning says; the names keep their first meaning).</summary>
    public readonly List<(string Where, string Text)> Warnings = new();

    private static string Where(Symbol s) => s.Span.ToTlcString(s.Module);

    /// <summary>Whether SANY holds the symbol in a definition node (an operator, an instance, a standard operator),
    /// a theorem or assumption node, or a declaration node (CONSTANT, VARIABLE).</summary>
    private static int NodeClass(Symbol s) => s switch
    {
        OpSymbol { IsFact: true } => 1,
        OpSymbol or InstanceSymbol or BuiltinSymbol => 0,
        _ => 2,
    };

    /// <summary>SANY's Context.mergeExtendContext: two extended modules define (or declare) the same name. Nodes of
    /// one class are a warning and the first module's meaning is kept (whatever the arities); a definition and a
    /// declaration are an error.</summary>
    private void ExtendsDuplicate(Symbol had, Symbol added)
    {
        string kind = had is OpSymbol { IsFact: false } or InstanceSymbol or BuiltinSymbol ? "definition" : "declaration";
        if (NodeClass(had) != NodeClass(added))
            throw new TlaException(ErrorKind.Semantic, added.Span,
                $"The {kind} of '{added.Name}' conflicts with its {kind} at {Where(had)} (rename one of them)");
        if (had.Module != added.Module)
            Warnings.Add((Where(added), $"Warning: the {kind} of '{added.Name}' conflicts with \nits {kind} at {Where(had)}."));
    }

    private static int SanyArity(Symbol s) => s switch
    {
        OpSymbol o => o.Def?.Arity ?? 0,
        InstanceSymbol i => i.ParamCount,
        BuiltinSymbol b => b.Op.Arity,
        ConstSymbol c => c.Arity,
        SubstSymbol u => u.Arity,
        _ => 0,
    };

    /// <summary>SANY's SymbolTable.addSymbol for a definition an unnamed INSTANCE imports under a name already bound:
    /// another kind of symbol or another arity is an error; otherwise a warning, and the name keeps the meaning it
    /// had (the module's own definition, or the first instance's).</summary>
    private void InstanceDuplicate(Symbol had, Symbol added, (string Module, SourceSpan Span)? site)
    {
        bool sameKind = (had, added) switch
        {
            (InstanceSymbol, InstanceSymbol) => true,
            (OpSymbol or BuiltinSymbol, OpSymbol or BuiltinSymbol) => NodeClass(had) == NodeClass(added),
            _ => false,
        };
        if (!sameKind || SanyArity(had) != SanyArity(added))
            throw new TlaException(ErrorKind.Semantic, added.Span,
                $"Multiply-defined symbol '{added.Name}': it is already defined at {had.Span} (rename one of them)");
        if (had.Module == added.Module) return;
        string at = site is { } x ? x.Span.ToTlcString(x.Module) : Where(added);
        Warnings.Add((at, $"Multiple declarations or definitions for symbol {added.Name}.  \nThis duplicates the one at {Where(had)}."));
    }

    /// <summary>For each nested module, the names of its enclosing module in scope where it is written.</summary>
    private readonly Dictionary<ModuleNode, Dictionary<string, Symbol>> _enclosing = new();

    /// <summary>SANY: "The only expression allowed as a fact in a HIDE is the name of a theorem, assumption, or
    /// step."</summary>
    private static void CheckHiddenFacts(List<Expr> facts, ModuleScope scope, HashSet<string> proofOnlyFacts)
    {
        foreach (var f in facts)
        {
            bool ok = f is OpApp o && o.Path.TrueForAll(seg => seg.Args.Count == 0) && (
                (o.IsSimple && proofOnlyFacts.Contains(o.Name)) ||
                FindFact(scope, o) is OpSymbol { IsFact: true } ||
                o.Path[0].Name.StartsWith('<')); // a step name <1>2
            if (!ok)
                throw new TlaException(ErrorKind.Semantic, f.Span,
                    "The only expression allowed as a fact in a HIDE is the name of a theorem, assumption, or step.");
        }
    }

    /// <summary>The symbol a name <c>Thm</c> or <c>I!J!Thm</c> refers to, or null.</summary>
    private static Symbol FindFact(ModuleScope scope, OpApp o)
    {
        for (int i = 0; i < o.Path.Count - 1; i++)
        {
            if (scope.Find(o.Path[i].Name) is not InstanceSymbol inst) return null;
            scope = inst.Scope;
        }
        return scope.Find(o.Path[^1].Name);
    }

    /// <summary>A named assumption: its name stands for its statement, as an operator without arguments.</summary>
    private void AddStatementName(ModuleScope scope, string module, string name, Expr body, SourceSpan span)
    {
        var od = new OperatorDef { Name = name, Body = body, Span = span };
        scope.Add(new OpSymbol { Module = module, Name = name, Def = MakeOpDef(od, scope), Syntax = od, DefScope = scope, IsFact = true, Span = span, InstanceParams = scope.InstanceParamCount });
    }

    /// <summary>Resolves the ASSUME bodies (call after constants are bound).</summary>
    public void ResolveAssumptions()
    {
        foreach (var (a, ad, scope) in _pendingAssumptions)
        {
            var fb = new FrameBuilder(0);
            a.Term = new Resolver(this, scope, null, fb).Compile(ad.Body);
            a.FrameSize = fb.Count;
            // SANY: "Level error: assumptions must be level 0 (Constant), but this one has level 1." (exit 150)
            if (a.Term.Lvl > Eval.Level.Constant)
                throw new TlaException(ErrorKind.Semantic, ad.Span,
                    $"Level error: assumptions must be level 0 (Constant), but this one has level {a.Term.Lvl}: an ASSUME may not mention a variable; state the property as an invariant instead");
        }
        _pendingAssumptions.Clear();
    }

    private static Symbol Localized(Symbol s)
    {
        // A LOCAL INSTANCE imports definitions that are not exported further.
        return s switch
        {
            OpSymbol o => new OpSymbol { Module = o.Module, Name = o.Name, Def = o.Def, Syntax = o.Syntax, DefScope = o.DefScope, IsFact = o.IsFact, IsLocal = true, Span = o.Span, InstanceParams = o.InstanceParams },
            BuiltinSymbol b => new BuiltinSymbol { Module = b.Module, Name = b.Name, Op = b.Op, IsLocal = true, Span = b.Span },
            _ => s,
        };
    }

    private BuiltinSymbol BuiltinSym(Builtin b, string module)
    {
        if (!_builtinSymbols.TryGetValue(b, out var s))
        {
            s = new BuiltinSymbol { Name = b.Name, Op = b, Module = module };
            _builtinSymbols[b] = s;
        }
        return s;
    }

    private void AddBuiltinModule(ModuleScope scope, BuiltinModule bm, bool overlay, HashSet<string> seen = null)
    {
        seen ??= new HashSet<string>();
        if (!seen.Add(bm.Name)) return;
        foreach (var e in bm.Extends)
        {
            var sub = StandardLibrary.Find(e);
            if (sub != null) AddBuiltinModule(scope, sub, overlay, seen);
        }
        foreach (var op in bm.Operators.Values)
        {
            var sym = BuiltinSym(op, bm.Name);
            // An operator of a module it extends is replaced (Integers' \div and \geq, see ImportExtends).
            if (overlay || (scope.Symbols.TryGetValue(op.Name, out var had) && had is BuiltinSymbol hb && Extends(bm, hb.Module, new HashSet<string>())))
                scope.Symbols[op.Name] = sym;
            else scope.Add(sym);
        }
    }

    private void ImportExtends(ModuleScope scope, Ident ext, InstanceEnv inst, Dictionary<string, ModuleScope> built)
    {
        var builtin = StandardLibrary.Find(ext.Name);
        var node = Loader.Find(ext.Name);
        if (node == null && builtin == null)
            throw new TlaException(ErrorKind.Semantic, ext.Span,
                $"Cannot find source file for module {ext.Name} (looked for {ext.Name}.tla next to the specification and in the standard library)");
        if (node != null)
        {
            var ms = BuildModule(node, inst, built);
            foreach (var s in ms.Symbols.Values)
                if (!s.IsLocal) scope.Add(s, onDuplicate: ExtendsDuplicate);
        }
        // Native implementations override the module text's definitions, as TLC's Java overrides do (only those TLC
        // overrides, when the module declares them); a module without a file is the native module alone.
        if (builtin == null) return;
        if (node == null)
        {
            AddBuiltinModule(scope, builtin, overlay: false);
            return;
        }
        foreach (var op in builtin.Operators.Values)
        {
            var found = scope.Find(op.Name);
            if ((found is OpSymbol os && os.Module == ext.Name
                 && (builtin.TextOverrides == null || builtin.TextOverrides.Contains(op.Name)))
                // TLC installs its Java overrides by the operator's name, the extending module's last: Integers'
                // \div and \geq replace those of the Naturals it extends.
                || (found is BuiltinSymbol bs && !ReferenceEquals(bs.Op, op) && Extends(builtin, bs.Module, new HashSet<string>())))
                scope.Symbols[op.Name] = BuiltinSym(op, builtin.Name);
        }
    }

    /// <summary>True when the native module <paramref name="bm"/> extends (directly or not) the module named
    /// <paramref name="module"/>.</summary>
    private static bool Extends(BuiltinModule bm, string module, HashSet<string> seen)
    {
        if (bm == null || !seen.Add(bm.Name)) return false;
        foreach (var e in bm.Extends)
            if (e == module || Extends(StandardLibrary.Find(e), module, seen)) return true;
        return false;
    }

    private SubstSymbol MakeSubst(string name, int arity, SourceSpan span, InstanceEnv inst)
    {
        inst.Mark.HasSubstitutions = true;
        if (!inst.Subst.TryGetValue(name, out var expr))
        {
            // Implicit substitution: the instantiating module must have the same name in scope.
            var synthetic = new OpApp { Span = span };
            synthetic.Path.Add(new NameSegment { Name = name, Span = span });
            expr = synthetic;
            // SANY places the error at the INSTANCE and names the declaration ("Substitution missing for symbol
            // takings declared at line 6, col 10 to line 6, col 16 of module Till and instantiated in module M.").
            if (inst.Outer.Find(name) == null && LocalScope.Find(inst.ParamScope, name) == null)
                throw new TlaException(ErrorKind.Semantic, inst.Mark.Span.Line > 0 ? inst.Mark.Span : span,
                    $"Substitution missing for symbol {name} declared at {span.ToTlcString(inst.Target)} and instantiated in module {inst.Outer.ModuleName}: it has no {name} in scope and the WITH clause does not substitute it (add WITH {name} <- ...)");
        }
        return new SubstSymbol { Name = name, Arity = arity, Span = span, Expr = expr, Outer = inst.Outer, InstanceParamScope = inst.ParamScope };
    }

    /// <summary><c>LET I == INSTANCE M WITH ...</c>: substitutions are resolved at module level of the LET's module.</summary>
    /// <remarks>The bound identifiers, parameters and LET values in scope where the instance is written
    /// (<paramref name="captured"/>) may be substituted, explicitly or implicitly (<c>LET x == y + 1
    /// M == INSTANCE N IN M!Op</c> substitutes N's x by the LET's x): they become leading instance parameters,
    /// passed by every reference <c>M!Op</c>.</remarks>
    public InstanceSymbol MakeLocalInstance(InstanceDef id, ModuleScope outer, IReadOnlyList<LocalBinding> captured = null)
    {
        if (id.Params.Count > 0)
            throw new TlaException(ErrorKind.Unsupported, id.Span, "a parameterised INSTANCE inside LET is not supported; move it to module level");
        captured ??= Array.Empty<LocalBinding>();
        var withParams = id;
        if (captured.Count > 0)
        {
            withParams = new InstanceDef { Name = id.Name, Module = id.Module, Substitutions = id.Substitutions, Span = id.Span, Local = id.Local };
            foreach (var b in captured) withParams.Params.Add(new OpParam { Name = b.Name, Arity = 0, Span = id.Span });
        }
        return new InstanceSymbol
        {
            Name = id.Name, Span = id.Span, Module = outer.ModuleName, ParamCount = captured.Count, Captured = captured,
            Build = () => BuildInstance(withParams, outer, null),
        };
    }

    private ModuleScope BuildInstance(InstanceDef id, ModuleScope outer, InstanceEnv outerInst)
    {
        var target = Loader.Find(id.Module.Name);
        var builtin = StandardLibrary.Find(id.Module.Name);
        if (target == null && builtin == null)
            throw new TlaException(ErrorKind.Semantic, id.Module.Span, $"Cannot find source file for module {id.Module.Name} named in INSTANCE");

        int outerCount = outer.InstanceParamCount;
        var paramScope = outer.InstanceParamScope;
        for (int i = 0; i < id.Params.Count; i++)
            paramScope = new LocalScope(new LocalBinding { Name = id.Params[i].Name, Depth = 0, Slot = outerCount + i, Arity = id.Params[i].Arity, IsInstanceParam = true }, paramScope);

        if (target == null)
        {
            var scope = new ModuleScope { ModuleName = id.Module.Name, InstanceParamCount = outerCount + id.Params.Count, InstanceParamScope = paramScope };
            AddBuiltinModule(scope, builtin, overlay: false);
            return scope;
        }
        var inst = new InstanceEnv
        {
            Subst = new Dictionary<string, Expr>(StringComparer.Ordinal),
            Outer = outer,
            ParamScope = paramScope,
            ParamCount = outerCount + id.Params.Count,
            Target = id.Module.Name,
        };
        inst.Mark.Name = id.Name;
        inst.Mark.Span = id.Span;
        inst.Mark.Module = outer.ModuleName;
        foreach (var s in id.Substitutions) inst.Subst[s.Name] = s.Value;
        var built = BuildModule(target, inst, inst.Built);
        // SANY: a WITH may substitute only the instantiated module's constants and variables (its own or those of
        // the modules it extends).
        foreach (var s in id.Substitutions)
            if (built.Find(s.Name) is not SubstSymbol)
                throw new TlaException(ErrorKind.Semantic, s.Span,
                    $"Identifier '{s.Name}' is not a legal target of a substitution. A legal target must be a declared " +
                    $"CONSTANT or VARIABLE in the module being instantiated ({id.Module.Name}): remove '{s.Name} <- ...' " +
                    "or declare it there");
        return built;
    }

    /// <summary>An operator that exists only as the meaning of a subexpression name: defined in
    /// <paramref name="scope"/> (taking its instance parameters first, as its other definitions do).</summary>
    public OpSymbol MakeSyntheticOp(OperatorDef od, ModuleScope scope)
    {
        var def = MakeOpDef(od, scope);
        def.Synthetic = true;
        return new() { Module = scope.ModuleName, Name = od.Name, Def = def, Syntax = od, DefScope = scope, Span = od.Span, InstanceParams = scope.InstanceParamCount };
    }

    private OpDef MakeOpDef(OperatorDef od, ModuleScope scope)
    {
        int ip = scope.InstanceParamCount;
        var def = new OpDef
        {
            Name = od.Name,
            ModuleName = scope.ModuleName,
            Span = od.Body?.Span ?? od.Span,
            NameSpan = od.NameSpan,
            Arity = ip + od.Params.Count,
            ParamArities = Enumerable.Repeat(0, ip).Concat(od.Params.Select(p => p.Arity)).ToArray(),
            ParamNames = Enumerable.Repeat("", ip).Concat(od.Params.Select(p => p.Name)).ToArray(),
            IsRecursive = od.Recursive,
            Instance = scope.Instance,
        };
        def.Compile = d =>
        {
            var fb = new FrameBuilder(0) { RootOwner = d };
            LocalScope locals = null;
            for (int i = 0; i < ip; i++) fb.Alloc();
            foreach (var p in od.Params)
            {
                if (!d.Synthetic) Resolver.CheckFreshName(scope, locals, p.Name, p.Span);
                locals = new LocalScope(new LocalBinding { Name = p.Name, Depth = 0, Slot = fb.Alloc(), Arity = p.Arity, ParamOf = d, Span = p.Span }, locals);
            }
            var body = new Resolver(this, scope, locals, fb).Compile(od.Body);
            int size = fb.Count;
            body = Hoisting.Optimize(d, body, ref size);
            d.FrameSize = size;
            d.Body = body;
        };
        return def;
    }

    private OpDef MakeFcnDef(FunctionDef fd, ModuleScope scope)
    {
        int ip = scope.InstanceParamCount;
        var def = new OpDef
        {
            Name = fd.Name,
            ModuleName = scope.ModuleName,
            Span = fd.Body.Span,
            NameSpan = fd.NameSpan,
            Arity = ip,
            ParamArities = Enumerable.Repeat(0, ip).ToArray(),
            ParamNames = Enumerable.Repeat("", ip).ToArray(),
            Instance = scope.Instance,
        };
        def.Compile = d =>
        {
            var fb = new FrameBuilder(0);
            for (int i = 0; i < ip; i++) fb.Alloc();
            var body = new Resolver(this, scope, null, fb).CompileFunctionDef(fd);
            int size = fb.Count;
            body = Hoisting.Optimize(d, body, ref size);
            d.FrameSize = size;
            d.Body = body;
        };
        return def;
    }

    private readonly Dictionary<InstanceDef, ModuleScope> _unnamedInstances = new(ReferenceEqualityComparer.Instance);

    /// <summary>Resolves every definition of the root module (reports semantic errors up front, like SANY).</summary>
    public void ResolveAll()
    {
        foreach (var s in Root.Symbols.Values)
            if (s is OpSymbol o) o.Def.EnsureBody();
        CheckInstantiations();
    }

    /// <summary>SANY's checks of the root module's INSTANCEs, used or not: an operator substituted for a declared
    /// operator constant must be Leibniz (not prime or take ENABLED of its parameters), and a constant an ASSUME of
    /// the instantiated module mentions may not be replaced by a temporal formula.</summary>
    private void CheckInstantiations()
    {
        foreach (var unit in RootNode.Units)
        {
            if (unit is not InstanceDef id) continue;
            var ms = id.Name == null ? _unnamedInstances.GetValueOrDefault(id) : (Root.Find(id.Name) as InstanceSymbol)?.Scope;
            if (ms == null) continue;
            var target = Loader.Find(id.Module.Name);
            var assumed = new HashSet<string>(StringComparer.Ordinal);
            if (target != null)
                foreach (var a in target.Units.OfType<AssumeDecl>()) Subexpressions.CollectNames(a.Body, assumed);
            foreach (var ss in ms.Symbols.Values.OfType<SubstSymbol>())
            {
                var term = TryCompileSubstitution(ss);
                if (term == null) continue;
                if (ss.Arity > 0)
                {
                    var def = term switch { OpRefTerm o => o.Def, LambdaTerm l => l.Def, _ => null };
                    try { def?.EnsureBody(); }
                    catch (TlaException) { continue; }
                    if (def?.NonLeibnizParams != null && def.NonLeibnizParams.Any(b => b))
                        throw new TlaException(ErrorKind.Semantic, id.Span,
                            $"Error in instantiating module '{id.Module.Name}': A non-Leibniz operator substituted for '{ss.Name}' (it primes a parameter or takes ENABLED of it).");
                }
                else if (assumed.Contains(ss.Name) && term.Lvl > Level.Action)
                    throw new TlaException(ErrorKind.Semantic, id.Span,
                        $"Level error in instantiating module '{id.Module.Name}': The level of the expression or operator substituted for '{ss.Name}' must be at most 2 (an ASSUME of {id.Module.Name} mentions it).");
            }
        }
    }

    /// <summary>The substituting expression of <paramref name="ss"/> resolved on its own (for its level and
    /// operator), or null when it cannot be resolved outside a use.</summary>
    private Term TryCompileSubstitution(SubstSymbol ss)
    {
        try
        {
            var fb = new FrameBuilder(0);
            int slots = 0;
            for (var p = ss.InstanceParamScope; p != null; p = p.Parent) slots = Math.Max(slots, p.Binding.Slot + 1);
            for (int i = 0; i < slots; i++) fb.Alloc();
            var r = new Resolver(this, ss.Outer, ss.InstanceParamScope, fb);
            return ss.Arity > 0 ? r.CompileOperatorArgument(ss.Expr, ss.Arity) : r.Compile(ss.Expr);
        }
        catch (TlaException)
        {
            return null;
        }
    }
}
