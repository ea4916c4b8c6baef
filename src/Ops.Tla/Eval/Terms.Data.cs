using Ops.Tla.Values;

namespace Ops.Tla.Eval;

public sealed class SetEnumTerm : Term
{
    public readonly Term[] Items;
    public SetEnumTerm(Term[] items) { Items = items; Lvl = items.Length == 0 ? 0 : items.Max(i => i.Lvl); }

    public override Term[] Children => [.. Items];
    public override Term WithChildren(Term[] children) => Like(new SetEnumTerm(Expect(children, Items.Length)));

    protected internal override Value EvalCore(EvalState es, Frame f)
    {
        if (Items.Length == 0) return SetValue.Empty;
        var arr = new Value[Items.Length];
        for (int i = 0; i < arr.Length; i++) ValueArray.Set(arr, i, Items[i].Eval(es, f).Normalize());
        // As TLC's SetEnumValue: not sorted yet where TLC could not sort it (UnorderedSetValue).
        return SetValue.Build(arr);
    }
}

/// <summary><c>{x \in S : P}</c></summary>
public sealed class SetFilterTerm : BindingTerm
{
    public readonly Binder Binder;
    public Term Pred;
    public SetFilterTerm(Binder b, Term pred) { Binder = b; Pred = pred; Lvl = Math.Max(b.Set.Lvl, pred.Lvl); }

    /// <summary>P, then S.</summary>
    public override Term[] Children => [Pred, .. Binder.SetsOf([Binder])];

    public override Term WithChildren(Term[] children)
    {
        Expect(children, 1 + Binder.SetsOf([Binder]).Length);
        return Like(new SetFilterTerm(Binder.WithSets([Binder], children, 1)[0], children[0]) { Hoists = Hoists });
    }

    protected internal override Value EvalCore(EvalState es, Frame f)
    {
        Hoists?.Enter(es, f);
        var dv = Binder.Set.Eval(es, f);
        if (dv is not SetBase dom) throw TlcWords.FilterNotEnumerable(this, dv);
        if (!dom.IsFinite) return Lazy(dom, es, f);
        var list = new List<Value>();
        if (dom is IntervalValue iv)
        {
            for (long x = iv.Lo; x <= iv.Hi; x++)
            {
                var v = IntValue.Of(x);
                Binder.Bind(f, v, this);
                StopSignal.Poll(es);
                if (Pred.EvalBool(es, f, this)) list.Add(v);
            }
        }
        else
        {
            var elems = dom.ToEnumerated().Elems;
            foreach (var v in elems)
            {
                Binder.Bind(f, v, this);
                StopSignal.Poll(es);
                if (Pred.EvalBool(es, f, this)) list.Add(v);
            }
            if (es.Cov != null) CoverageNode.SetCost(es, Binder.Set, elems.Length + 1);
        }
        // Elements come out in canonical order already. TLC filters an interval or an enumerated set (which it
        // normalizes to enumerate it) into a normalized set.
        if (list.Count == 0) return SetValue.Empty;
        var filtered = new SetValue(list.ToArray());
        return dom is IntervalValue or SetValue ? filtered.MarkNormalized() : filtered;
    }

    /// <summary>{x \in Nat : P}: a membership test, evaluated in a private copy of the frame (in a method of its
    /// own, so that the finite case allocates no closure).</summary>
    private LazySetValue Lazy(SetBase dom, EvalState es, Frame f)
    {
        var frame = new Frame(f.Slots.Length, f.Parent);
        Array.Copy(f.Slots, frame.Slots, f.Slots.Length);
        // As TLC's SetPredValue prints it unexpanded: the predicate by its place in the text.
        var pred = Pred.Span.ToTlcString(System.IO.Path.GetFileNameWithoutExtension(Pred.Span.File));
        return new LazySetValue($"{{{string.Join(", ", Binder.Names)} \\in {dom} : <expression {pred}> }}", v =>
        {
            if (!dom.Contains(v)) return false;
            // A copy per test: the set may be shared (a constant) by several workers, or tested re-entrantly.
            var mine = new Frame(frame.Slots.Length, frame.Parent);
            Array.Copy(frame.Slots, mine.Slots, frame.Slots.Length);
            Hoists?.Enter(es, mine);
            Binder.Bind(mine, v, this);
            StopSignal.Poll(es);
            return Pred.EvalBool(es, mine, this);
        }, notEnumerable: () => $"Attempted to enumerate {{ x \\in S : p(x) }} when S:\n{dom}\nis not enumerable");
    }
}

/// <summary><c>{e : x \in S, y \in T}</c></summary>
public sealed class SetMapTerm : BindingTerm
{
    public readonly Binder[] Binders;
    public Term Body;

    public SetMapTerm(Binder[] binders, Term body)
    {
        Binders = binders;
        Body = body;
        Lvl = Math.Max(body.Lvl, binders.Max(b => b.Set.Lvl));
    }

    /// <summary>e, then the sets.</summary>
    public override Term[] Children => [Body, .. Binder.SetsOf(Binders)];

    public override Term WithChildren(Term[] children)
    {
        Expect(children, 1 + Binder.SetsOf(Binders).Length);
        return Like(new SetMapTerm(Binder.WithSets(Binders, children, 1), children[0]) { Hoists = Hoists });
    }


    protected internal override Value EvalCore(EvalState es, Frame f)
    {
        Hoists?.Enter(es, f);
        if (Binders.Length == 1) return CollectOne(es, f);
        var list = new List<Value>();
        Collect(0, es, f, list);
        return SetValue.Build(list);
    }

    /// <summary>One binder: the values go straight into an array of the domain's size (no list to grow and copy),
    /// bound and evaluated as <see cref="Collect"/> does; an interval's elements are made one at a time.</summary>
    private SetBase CollectOne(EvalState es, Frame f)
    {
        var b = Binders[0];
        var set = b.DomainSet(es, f, this);
        Value Image(Value x)
        {
            b.Bind(f, x, this);
            StopSignal.Poll(es);
            return Body.Eval(es, f).Normalize();
        }
        if (set is IntervalValue iv)
        {
            long n = iv.Hi < iv.Lo ? 0 : iv.Hi - iv.Lo + 1;
            if (n > 1 << 20)
            {
                var list = new List<Value>();
                Collect(0, es, f, list);
                return SetValue.Build(list);
            }
            var arr = new Value[n];
            for (long x = iv.Lo; x <= iv.Hi; x++) ValueArray.Set(arr, (int)(x - iv.Lo), Image(IntValue.Of(x)));
            return SetValue.Build(arr);
        }
        var elems = set.ToEnumerated().Elems;
        var vals = new Value[elems.Length];
        for (int k = 0; k < elems.Length; k++) ValueArray.Set(vals, k, Image(elems[k]));
        return SetValue.Build(vals);
    }

    /// <summary>Adds the body's value for every binding of Binders[i..] (in the order Binder.ForAll binds them).</summary>
    private void Collect(int i, EvalState es, Frame f, List<Value> list)
    {
        if (i == Binders.Length)
        {
            list.Add(Body.Eval(es, f).Normalize());
            return;
        }
        var b = Binders[i];
        var set = b.DomainSet(es, f, this);
        if (set is IntervalValue iv)
        {
            for (long x = iv.Lo; x <= iv.Hi; x++)
            {
                b.Bind(f, IntValue.Of(x), this);
                StopSignal.Poll(es);
                Collect(i + 1, es, f, list);
            }
            return;
        }
        foreach (var v in set.ToEnumerated().Elems)
        {
            b.Bind(f, v, this);
            StopSignal.Poll(es);
            Collect(i + 1, es, f, list);
        }
    }
}

/// <summary><c>[x \in S |-> e]</c>; over an infinite domain, a lazily evaluated function.</summary>
public sealed class FcnConsTerm : BindingTerm
{
    public readonly Binder[] Binders;
    public Term Body;

    public FcnConsTerm(Binder[] binders, Term body)
    {
        Binders = binders;
        Body = body;
        Lvl = Math.Max(body.Lvl, binders.Max(b => b.Set.Lvl));
    }

    /// <summary>e, then the domains.</summary>
    public override Term[] Children => [Body, .. Binder.SetsOf(Binders)];

    public override Term WithChildren(Term[] children)
    {
        Expect(children, 1 + Binder.SetsOf(Binders).Length);
        return Like(new FcnConsTerm(Binder.WithSets(Binders, children, 1), children[0]) { Hoists = Hoists });
    }

    /// <summary>Set once a function of a recursive definition over this constructor (a <see cref="LazyFcn"/>) was
    /// applied as often as its domain is large: the definition's functions are then computed whole sooner.</summary>
    internal bool AppliedOften;
    // 1 when a function of this constructor may be computed whole (a state or constant body, without effects), -1
    // when not, 0 until known.
    private int _tabulable;

    internal bool Tabulable
    {
        get
        {
            int t = _tabulable;
            if (t == 0)
            {
                t = Body.Lvl < Level.Action && Body is not FcnConsTerm && !Hoisting.ReachesEffects([Body]) ? 1 : -1;
                _tabulable = t;
            }
            return t > 0;
        }
    }

    /// <summary>Gives up computing functions of this constructor whole (an element's evaluation failed).</summary>
    internal void NotTabulable() => _tabulable = -1;

    public SetBase EvalDomain(EvalState es, Frame f)
    {
        if (Binders.Length == 1) return TlcWords.FcnDomain(Binders[0].Set, Binders[0].Set.Eval(es, f));
        var factors = new SetBase[Binders.Length];
        for (int i = 0; i < factors.Length; i++) factors[i] = TlcWords.FcnDomain(Binders[i].Set, Binders[i].Set.Eval(es, f));
        return new CartesianValue(factors);
    }


    protected internal override Value EvalCore(EvalState es, Frame f)
    {
        var dom = EvalDomain(es, f);
        if (!dom.IsFinite)
        {
            // Kept lazy: over a copy of the frame, whose slots (an EXCEPT's @, a binder) change after this returns.
            var g = new Frame(f.Slots.Length, f.Parent);
            Array.Copy(f.Slots, g.Slots, g.Slots.Length);
            return new LazyFcn(this, dom, es, g);
        }
        if (es.KeepLazy || !Reducible(dom)) return EvalKeptLazy(es, f, dom);
        Hoists?.Enter(es, f);
        if (es.Cov != null) CoverageNode.Enumerated(es, dom.Count);
        // TLC would keep this function lazy (a FcnLambdaValue over an interval or an enumerated set): an error in
        // its body is one of forcing it (LazyBodyErrors).
        if (IsLambda && dom is IntervalValue or SetValue)
        {
            try { return EvalWhole(es, f, dom); }
            catch (Exception e) when (LazyBodyErrors.MarkAndPass(e)) { throw; }
        }
        return EvalWhole(es, f, dom);
    }

    // Set once computing a function of this constructor whole failed where TLC keeps it lazy (EvalKeptLazy): the next
    // ones there are built on demand at once. 0 until known whether the body reaches effects (Print, TLCSet, ...),
    // 1 when it does, -1 when not.
    private volatile bool _failedWhole;
    private int _effects;

    private bool HasEffects
    {
        get
        {
            int e = _effects;
            if (e == 0) _effects = e = Hoisting.ReachesEffects([Body]) ? 1 : -1;
            return e > 0;
        }
    }

    /// <summary>
    /// The constructor met where TLC evaluates with EvalControl.KeepLazy (the function of an application
    /// <c>[x \in S |-&gt; e][a]</c>, reached through LETs, IF, CASE and definitions): TLC makes a FcnLambdaValue
    /// that evaluates e at the arguments it is applied to only, and is computed whole only where it must be
    /// (fingerprinted, compared, printed, enumerated). Ops computes it whole first (an application is then a
    /// look-up, and a value applied many times is evaluated once per argument), with KeepLazy off as TLC's toFcnRcd
    /// of such a value evaluates its body; when that fails (e fails at an argument not asked for, the failure is
    /// left to whoever forces the function) or e has effects (Print prints for the arguments applied only), the
    /// function is built on demand, a <see cref="LazyFcn"/>.
    /// </summary>
    private Value EvalKeptLazy(EvalState es, Frame f, SetBase dom)
    {
        if (_failedWhole || HasEffects) return OnDemand(es, f, dom);
        bool keepLazy = es.KeepLazy;
        es.KeepLazy = false;
        try
        {
            Hoists?.Enter(es, f);
            if (es.Cov != null) CoverageNode.Enumerated(es, dom.Count);
            return EvalWhole(es, f, dom);
        }
        catch (Exception e) when (e is TlaException { Kind: ErrorKind.Eval } or ValueException or Builtins.TlcAssertException)
        {
            _failedWhole = true;
            return OnDemand(es, f, dom);
        }
        finally { es.KeepLazy = keepLazy; }
    }

    /// <summary>Whether TLC computes a function over <paramref name="dom"/> whole where it is built (outside KeepLazy):
    /// when the domain of every parameter is an interval or an enumerated set (TLC's Reducible values,
    /// IntervalValue and SetEnumValue), not <c>SUBSET S</c>, <c>S \X T</c>, <c>[S -&gt; T]</c>, a set of records or
    /// a set filter kept lazy; over those TLC keeps a FcnLambdaValue (EvalKeptLazy).</summary>
    private bool Reducible(SetBase dom)
    {
        if (dom is SetValue or IntervalValue or UnorderedSetValue) return Binders.Length == 1;
        if (Binders.Length == 1 || dom is not CartesianValue c) return false;
        foreach (var factor in c.Factors)
            if (factor is not (SetValue or IntervalValue or UnorderedSetValue)) return false;
        return true;
    }

    /// <summary>A function of this constructor built on demand, over a copy of the frame (whose slots, an EXCEPT's @
    /// or a binder, change after this returns).</summary>
    private LazyFcn OnDemand(EvalState es, Frame f, SetBase dom)
    {
        var g = new Frame(f.Slots.Length, f.Parent);
        Array.Copy(f.Slots, g.Slots, g.Slots.Length);
        return new LazyFcn(this, dom, es, g);
    }

    /// <summary>One parameter, a name (TLC's FcnLambdaValue of one FormalParamNode).</summary>
    internal bool IsLambda => Binders.Length == 1 && Binders[0].Names.Length == 1 && !Binders[0].IsTuple;

    private Value EvalWhole(EvalState es, Frame f, SetBase dom)
    {
        if (dom is IntervalValue { Lo: 1 } iv && Binders.Length == 1 && !Binders[0].IsTuple)
        {
            // [i \in 1..n |-> e] is a tuple: no key array to build.
            if (iv.Hi < 1) return FcnValue.EmptyFunction;
            var tvals = new Value[iv.Hi];
            for (int i = 0; i < tvals.Length; i++)
            {
                Binders[0].Bind(f, IntValue.Of(i + 1), this);
                StopSignal.Poll(es);
                ValueArray.Set(tvals, i, Body.Eval(es, f));
            }
            return Mark(FcnValue.FunctionOnInterval(tvals));
        }
        var keys = dom.ToEnumerated().Elems;
        var vals = new Value[keys.Length];
        for (int i = 0; i < keys.Length; i++)
        {
            BindKey(f, keys[i]);
            StopSignal.Poll(es);
            ValueArray.Set(vals, i, Body.Eval(es, f));
        }
        // Over an interval (2..3), DOMAIN gives the interval back, as TLC's FcnRcdValue keeps it.
        return Mark(FcnValue.FromSorted(keys, vals, dom is IntervalValue));
    }

    private FcnValue Mark(FcnValue v)
    {
        v.AsFunction();
        if (Binders.Length == 1 && Binders[0].Names.Length == 1 && !Binders[0].IsTuple
            && !ReferenceEquals(v, FcnValue.EmptyTuple) && !ReferenceEquals(v, FcnValue.EmptyFunction))
            v.FromConstructor = true;
        return v;
    }

    public void BindKey(Frame f, Value key)
    {
        if (Binders.Length == 1)
        {
            Binders[0].Bind(f, key, this);
            return;
        }
        var t = ((FcnBase)key).ToFcn();
        for (int i = 0; i < Binders.Length; i++) Binders[i].Bind(f, t.Vals[i], this);
    }
}

/// <summary>A function whose domain is infinite (or that is defined recursively): values computed on demand.</summary>
public sealed class LazyFcn : FcnBase
{
    private readonly FcnConsTerm _term;
    private readonly SetBase _domain;
    private readonly EvalState _es;
    private readonly Frame _frame;
    private Dictionary<Value, Value> _memo;
    private int _active;
    private FcnValue _explicit;
    private readonly bool _recursive;

    /// <param name="recursive">A recursive function definition's value: a function constructor that is its body is
    /// itself kept lazy (TLC's FcnLambdaValue), so <c>f[i] == [j \in S |-> ... f[i][k] ...]</c> may use the
    /// elements of f[i] it does not depend on.</param>
    public LazyFcn(FcnConsTerm term, SetBase domain, EvalState es, Frame frame, bool recursive = false)
    {
        _term = term;
        _domain = domain;
        _es = es;
        _frame = frame;
        _recursive = recursive;
    }

    public override SetBase Domain => _domain;

    // Applications of this function, counted while it may still be computed whole (-1 once that is decided), and the
    // count at which it is.
    private int _applied, _tabulateAt;

    /// <summary>A function of a recursive definition (<c>sc[p \in Cells] == ...</c>) stays lazy, as TLC's
    /// FcnLambdaValue, and each application evaluates the body again. One applied as many times as its domain is large
    /// (a state-level function read for every neighbour of every cell) is computed whole instead, when its body is
    /// below action level and has no effects: each element is then evaluated once, and an application is a look-up.
    /// Once a function of the definition was applied that often, the next ones are computed whole after an eighth of
    /// that (at least 8 applications).</summary>
    private int TabulateAt()
    {
        var term = _term;
        if (!_recursive || _es.Cov != null || _es.InitMode || EvalProfile.Enabled || !term.Tabulable || !_domain.IsFinite)
            return -1;
        long n = _domain.Count;
        if (n > 4096) return -1;
        return term.AppliedOften ? (int)Math.Max(8, n / 8) : (int)Math.Max(8, n);
    }

    public override Value Apply(Value arg)
    {
        if (_explicit != null) return _explicit.Apply(arg);
        if (_applied >= 0 && Tabulate()) return _explicit.Apply(arg);
        if (!_domain.Contains(arg)) return null;
        var memo = _memo;
        if (memo != null)
        {
            lock (memo)
            {
                if (memo.TryGetValue(arg, out var v)) return v;
            }
        }
        // A recursive function that never reaches its base case is an evaluation error, not a stack overflow.
        StackGuard.Check(_es);
        // A fresh frame copy: recursive applications must not clobber each other's bound variables.
        var f = new Frame(_frame.Slots.Length, _frame.Parent);
        Array.Copy(_frame.Slots, f.Slots, f.Slots.Length);
        _term.Hoists?.Enter(_es, f);
        _term.BindKey(f, arg);
        // Results are remembered only once the function is seen to apply itself (a recursive definition, where
        // memoising avoids exponential re-evaluation); a function applied once per argument needs no table.
        if (Interlocked.Increment(ref _active) > 1 && _memo == null)
            Interlocked.CompareExchange(ref _memo, new Dictionary<Value, Value>(), null);
        Value r;
        try
        {
            StackGuard.Check(_es);
            r = _recursive && _term.Body is FcnConsTerm inner
                ? new LazyFcn(inner, inner.EvalDomain(_es, f), _es, f, recursive: true)
                : _term.Body.Eval(_es, f);
        }
        finally { Interlocked.Decrement(ref _active); }
        memo = _memo;
        if (memo != null) lock (memo) memo[arg] = r;
        return r;
    }

    /// <summary>Counts an application and computes the function whole at the count <see cref="TabulateAt"/> gives;
    /// false while (or when) it stays lazy. When an element's evaluation fails it stays lazy (TLC may never evaluate
    /// that element: the error is left to an application of it), and so do the definition's next functions.</summary>
    private bool Tabulate()
    {
        if (_applied == 0 && (_tabulateAt = TabulateAt()) < 0)
        {
            _applied = -1;
            return false;
        }
        if (++_applied < _tabulateAt) return false;
        _applied = -1;
        _term.AppliedOften = true;
        try
        {
            ToFcn();
            return true;
        }
        catch (Exception e) when (e is TlaException or ValueException or InsufficientExecutionStackException)
        {
            _term.NotTabulable();
            return false;
        }
    }

    /// <summary>Over a finite domain, the function's table; over an infinite one, TLC's FcnLambdaValue.toString:
    /// <c>[i \in Nat |-&gt; &lt;expression line 9, col 30 to line 9, col 30 of module M&gt;]</c>, each group of
    /// parameters named by its first name (TLC's FcnParams: <c>[i, j \in Nat, k \in Int |-&gt; e]</c> prints <c>[i \in
    /// Nat, k \in Int |-&gt; ...]</c>) or its tuple, with its domain (an infinite one as written: <c>SUBSET Nat</c>,
    /// <c>({1} \X Nat)</c>); a numeral body is printed as the number (<c>&lt;expression 1&gt;</c>).</summary>
    public override void Print(System.Text.StringBuilder sb)
    {
        if (_explicit != null) _explicit.Print(sb);
        else if (_domain.IsFinite)
        {
            // TLC's FcnLambdaValue.toString prints the function whole, or as the constructor when that fails.
            FcnValue whole = null;
            try { whole = ToFcn(); }
            catch (Exception e) when (e is TlaException { Kind: ErrorKind.Eval } or ValueException or Builtins.TlcAssertException) { }
            if (whole != null) whole.Print(sb);
            else PrintLambda(sb);
        }
        else PrintLambda(sb);
    }

    /// <summary>Whether the function was computed whole (it is then its table).</summary>
    internal bool IsBuilt => _explicit != null;

    /// <summary>A function over a finite domain built on demand (FcnConsTerm.EvalKeptLazy), or an EXCEPT of one: it
    /// evaluates its body with the evaluator that built it, so a value shared by the workers (a cached constant)
    /// must not be one.</summary>
    internal static bool IsOnDemand(Value v) => v is LazyFcn { IsBuilt: false } or OverriddenFcn && ((FcnBase)v).Domain.IsFinite;

    private void PrintLambda(System.Text.StringBuilder sb)
    {
        var binders = _term.Binders;
        SetBase[] factors = binders.Length == 1 ? new[] { _domain } : (_domain as CartesianValue)?.Factors;
        sb.Append('[');
        bool first = true;
        for (int i = 0; i < binders.Length; i++)
        {
            var b = binders[i];
            // Names of one group (a, b \in S) share their set and its place in the text.
            if (i > 0 && !b.IsTuple && !binders[i - 1].IsTuple && b.Set != null && binders[i - 1].Set != null
                && (ReferenceEquals(b.Set, binders[i - 1].Set) || b.Set.Span == binders[i - 1].Set.Span)) continue;
            if (!first) sb.Append(", ");
            first = false;
            sb.Append(b.IsTuple ? "<<" + string.Join(", ", b.Names) + ">>" : b.Names[0]).Append(" \\in ");
            var d = (factors != null && i < factors.Length ? factors[i] : null) ?? _domain;
            if (d.IsFinite) d.Print(sb);
            else sb.Append(PrintOptions.Unexpanded(d.Unenumerated)); // TLC prints the domain as written, even in PrintT
        }
        sb.Append(" |-> <expression ");
        var body = _term.Body;
        if (body is ConstTerm { Literal: true, Value: IntValue n }) n.Print(sb);
        else sb.Append(body.Span.ToTlcString(System.IO.Path.GetFileNameWithoutExtension(body.Span.File)));
        sb.Append(">]");
    }

    public override FcnValue ToFcn()
    {
        if (_explicit != null) return _explicit;
        // TLC's FcnLambdaValue.toFcnRcd asks its domain for its size (UserValue.size: "Attempted to compute the number
        // of elements in the overridden value Nat.").
        if (!_domain.IsFinite) throw new ValueException(_domain.SizeMessage());
        var keys = _domain.ToEnumerated().Elems;
        var vals = new Value[keys.Length];
        for (int i = 0; i < keys.Length; i++) vals[i] = Apply(keys[i]);
        return _explicit = FcnValue.FromSorted(keys, vals, _domain is IntervalValue).AsFunction();
    }
}

/// <summary>A recursive function definition <c>f[x \in S] == e</c>: always lazy, so f may refer to itself.</summary>
public sealed class RecursiveFcnTerm : Term
{
    public readonly FcnConsTerm Cons;
    public RecursiveFcnTerm(FcnConsTerm cons) { Cons = cons; Lvl = cons.Lvl; }

    /// <summary>The function constructor (the only child, and one again in <see cref="WithChildren"/>).</summary>
    public override Term[] Children => [Cons];
    public override Term WithChildren(Term[] children) => Like(new RecursiveFcnTerm((FcnConsTerm)Expect(children, 1)[0]));
    protected internal override Value EvalCore(EvalState es, Frame f) => new LazyFcn(Cons, Cons.EvalDomain(es, f), es, f, recursive: true);
}

public sealed class FcnSetTerm : Term
{
    public Term Dom, Rng;
    public FcnSetTerm(Term d, Term r) { Dom = d; Rng = r; Lvl = Math.Max(d.Lvl, r.Lvl); }

    public override Term[] Children => [Dom, Rng];
    public override Term WithChildren(Term[] children) => Like(new FcnSetTerm(Expect(children, 2)[0], children[1]));
    protected internal override Value EvalCore(EvalState es, Frame f) => new FunctionSetValue(Dom.EvalSet(es, f), Rng.EvalSet(es, f));
}

public sealed class RecordTerm : Term
{
    public readonly string[] Fields;
    public readonly Term[] Values;
    // The record's keys (interned, sorted) and, for each field of Fields, its position among them: every record this
    // term builds shares one key array. Null when a field is repeated (then the general path decides which counts).
    private readonly Value[] _sortedKeys;
    private readonly int[] _position;

    public RecordTerm(string[] fields, Term[] values)
    {
        Fields = fields;
        Values = values;
        Lvl = values.Max(v => v.Lvl);
        if (fields.Distinct(StringComparer.Ordinal).Count() == fields.Length)
        {
            var keys = fields.Select(StringValue.Of).ToArray();
            var order = Enumerable.Range(0, fields.Length).OrderBy(i => keys[i], ValueComparer.Instance).ToArray();
            _sortedKeys = order.Select(i => (Value)keys[i]).ToArray();
            _position = new int[fields.Length];
            for (int k = 0; k < order.Length; k++) _position[order[k]] = k;
        }
    }

    /// <summary>The same record constructor over other field values (sharing the key array).</summary>
    public RecordTerm(RecordTerm shape, Term[] values)
    {
        Fields = shape.Fields;
        Values = values;
        Lvl = values.Max(v => v.Lvl);
        _sortedKeys = shape._sortedKeys;
        _position = shape._position;
    }

    /// <summary>The field values, in the order written.</summary>
    public override Term[] Children => [.. Values];
    public override Term WithChildren(Term[] children) => Like(new RecordTerm(this, Expect(children, Values.Length)));

    protected internal override Value EvalCore(EvalState es, Frame f)
    {
        var vals = new Value[Values.Length];
        if (_position != null)
        {
            // Fields are evaluated in the order written, as TLC does.
            for (int i = 0; i < vals.Length; i++) ValueArray.Set(vals, _position[i], Values[i].Eval(es, f).Normalize());
            return FcnValue.FromSorted(_sortedKeys, vals);
        }
        for (int i = 0; i < vals.Length; i++) ValueArray.Set(vals, i, Values[i].Eval(es, f).Normalize());
        return FcnValue.Record(Fields, vals);
    }
}

public sealed class RecordSetTerm : Term
{
    public readonly string[] Fields;
    public readonly Term[] Sets;
    public RecordSetTerm(string[] fields, Term[] sets) { Fields = fields; Sets = sets; Lvl = sets.Max(v => v.Lvl); }

    public override Term[] Children => [.. Sets];
    public override Term WithChildren(Term[] children) => Like(new RecordSetTerm(Fields, Expect(children, Sets.Length)));

    protected internal override Value EvalCore(EvalState es, Frame f) =>
        new RecordSetValue(Fields.Select(StringValue.Of).ToArray(), Sets.Select(s => s.EvalSet(es, f)).ToArray());
}

public sealed class TupleTerm : Term
{
    public readonly Term[] Items;
    public TupleTerm(Term[] items) { Items = items; Lvl = items.Length == 0 ? 0 : items.Max(i => i.Lvl); }

    public override Term[] Children => [.. Items];
    public override Term WithChildren(Term[] children) => Like(new TupleTerm(Expect(children, Items.Length)));

    protected internal override Value EvalCore(EvalState es, Frame f)
    {
        if (Items.Length == 0) return FcnValue.EmptyTuple;
        // Not in the replay of an error: it keys the values it built by instance (NestedExpressions' sources), and a
        // shared pair built by two tuples would take the second one's place.
        if (Items.Length == 2 && es.Track == null)
        {
            var a = Items[0].Eval(es, f).Normalize();
            var b = Items[1].Eval(es, f).Normalize();
            return FcnValue.SmallPair(a, b) ?? FcnValue.Tuple(new Value[] { a, b });
        }
        var vals = new Value[Items.Length];
        for (int i = 0; i < vals.Length; i++) ValueArray.Set(vals, i, Items[i].Eval(es, f).Normalize());
        return FcnValue.Tuple(vals);
    }
}

public sealed class CartesianTerm : Term
{
    public readonly Term[] Factors;
    public CartesianTerm(Term[] factors) { Factors = factors; Lvl = factors.Max(x => x.Lvl); }

    public override Term[] Children => [.. Factors];
    public override Term WithChildren(Term[] children) => Like(new CartesianTerm(Expect(children, Factors.Length)));
    protected internal override Value EvalCore(EvalState es, Frame f) => new CartesianValue(Factors.Select(x => x.EvalSet(es, f)).ToArray());
}

/// <summary><c>f[a]</c>, <c>f[a, b]</c>, and <c>r.field</c>.</summary>
public sealed class FcnAppTerm : Term
{
    /// <summary>Whether TLC holds the function as a FcnLambdaValue when it applies it: true for a constructor of one
    /// parameter written here or named through LETs and state-level definitions, false for a variable's value or a
    /// constant definition (TLC evaluates those into tables before the search), null when the term does not tell.</summary>
    private static bool? LambdaWording(Term t)
    {
        for (int guard = 0; guard < 32; guard++)
        {
            switch (t)
            {
                case FcnConsTerm fc: return fc.Binders.Length == 1 && fc.Binders[0].Names.Length == 1 && !fc.Binders[0].IsTuple;
                case VarTerm or PrimedVarTerm or PrimeTerm: return false;
                // A constant expression written in place, evaluated once by Ops: TLC evaluates it where it stands
                // (a definition's call is an OpCallTerm inside, decided below).
                case CachedTerm cached: t = cached.Inner; continue;
                case OpCallTerm { Args.Length: 0 } call when call.Def.EnsureBody() is { } body:
                    if (!call.Def.IsLocal && body.Lvl == Level.Constant) return false;
                    t = body;
                    continue;
                case LabelTerm lb: t = lb.Body; continue;
                case LetTerm let: t = let.Body; continue;
                case InlineTerm inl: t = inl.Body; continue;
                default: return null;
            }
        }
        return null;
    }

    /// <summary>The function is a record constructor (TLC's RecordValue), written here or named through LETs and
    /// definitions without arguments: TLC words an application outside its fields as RecordValue.apply does.</summary>
    private static bool RecordWording(Term t)
    {
        for (int guard = 0; guard < 32; guard++)
        {
            switch (t)
            {
                case RecordTerm: return true;
                case OpCallTerm { Args.Length: 0 } call when call.Def.EnsureBody() is { } body: t = body; continue;
                case LabelTerm lb: t = lb.Body; continue;
                case LetTerm let: t = let.Body; continue;
                case InlineTerm inl: t = inl.Body; continue;
                case CachedTerm cached: t = cached.Inner; continue;
                default: return false;
            }
        }
        return false;
    }

    /// <summary>TLC's words for <c>f.a</c> where f is a function but not a record (FcnRcdValue.select,
    /// TupleValue.select): over an interval (a tuple), "with integer domain"; over an enumerated domain, the field's
    /// name is compared with each element in turn (TLC's equality, which fails for another kind of value); not found,
    /// RcdSelect's "Attempted to apply function". Throws the comparison's <see cref="ValueException"/>.</summary>
    private static string FieldOfFunction(FcnValue fcn, Value arg)
    {
        if (fcn.IntervalDomain && arg is not IntValue)
            return $"Attempted to apply function with integer domain to the non-integer argument {Show(arg)}";
        if (fcn.IsTuple)
            for (int i = 1; i <= fcn.Size; i++) TlcCompare.Equal(IntValue.Of(i), arg);
        else
            foreach (var k in fcn.Keys) TlcCompare.Equal(k, arg);
        return $"Attempted to apply function:\n{Ppr.Format(fcn)}\nto argument {Show(arg)}, which is not in the domain of the function.";
    }

    public Term Fcn;
    public readonly Term[] Args;
    public readonly bool IsField;

    public FcnAppTerm(Term fcn, Term[] args, bool isField)
    {
        Fcn = fcn;
        Args = args;
        IsField = isField;
        Lvl = Math.Max(fcn.Lvl, args.Max(a => a.Lvl));
    }

    /// <summary>f, then the arguments.</summary>
    public override Term[] Children => [Fcn, .. Args];
    public override Term WithChildren(Term[] children) => Like(new FcnAppTerm(Expect(children, 1 + Args.Length)[0], children[1..], IsField));

    // 1 when TLC applies this function as a FcnLambdaValue (LambdaWording), -1 when not, 0 until known.
    private int _appliesLambda;

    private bool AppliesLambda
    {
        get
        {
            int a = _appliesLambda;
            if (a == 0) _appliesLambda = a = LambdaWording(Fcn is CachedTerm { Inner: var inner } ? inner : Fcn) == true ? 1 : -1;
            return a > 0;
        }
    }

    // 1 when evaluating the function may meet a function constructor (KeepLazy), 2 when the function is a name whose
    // value may still be unevaluated (a LET definition, an argument passed by name), -1 when not, 0 until known.
    private int _keepsLazy;

    /// <summary>Whether TLC's KeepLazy can matter while the function is evaluated: whether that evaluation may meet a
    /// function constructor (<see cref="MayMeetConstructor"/>). Not for a field r.a (TLC's RcdSelect evaluates the
    /// record without KeepLazy); for a name, only while its value is not evaluated yet.</summary>
    private bool KeepsLazy(Frame f)
    {
        int k = _keepsLazy;
        if (k == 0)
        {
            int budget = 4096;
            _keepsLazy = k = IsField ? -1 : Fcn is LocalTerm ? 2 : MayMeetConstructor(Fcn, 0, ref budget) ? 1 : -1;
        }
        return k == 1 || (k == 2 && ((LocalTerm)Fcn).IsDeferred(f));
    }

    /// <summary>Whether evaluating <paramref name="t"/> may evaluate a function constructor whose value it gives (or
    /// whose value is evaluated on the way): false for a variable, a constant, an application of one, and a
    /// definition whose body is one of those; true when unsure (a name, a deep or recursive definition).</summary>
    private static bool MayMeetConstructor(Term t, int depth, ref int budget)
    {
        if (depth > 16 || --budget < 0) return true;
        switch (t)
        {
            // A name, an operator passed or called through a parameter, a value computed elsewhere: unsure.
            case FcnConsTerm or RecursiveFcnTerm or LocalTerm or ParamCallTerm or LambdaTerm or OpRefTerm or ParamRefTerm
                or HoistTerm or SharedValueTerm or LetBodyTerm or OpTableTerm or ScopedTerm: return true;
            case VarTerm or PrimedVarTerm or ConstTerm: return false;
            case FcnAppTerm app: return MayMeetConstructor(app.Fcn, depth + 1, ref budget);
            case OpCallTerm call:
                if (call.Def.IsRecursive || call.Def.EnsureBody() is not { } body) return true;
                return MayMeetConstructor(body, depth + 1, ref budget);
        }
        foreach (var c in t.Children)
            if (c != null && MayMeetConstructor(c, depth + 1, ref budget)) return true;
        return false;
    }

    /// <summary>The function, evaluated as TLC evaluates it, with EvalControl.KeepLazy (FcnConsTerm.EvalKeptLazy);
    /// the argument and the application itself with the control the application was given.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private Value EvalFcnKeepingLazy(EvalState es, Frame f)
    {
        bool outer = es.KeepLazy;
        es.KeepLazy = true;
        try { return Fcn.Eval(es, f); }
        catch (Exception e) when (AppliesLambda && LazyBodyErrors.UnmarkAndPass(e)) { throw; }
        finally { es.KeepLazy = outer; }
    }

    protected internal override Value EvalCore(EvalState es, Frame f)
    {
        Value fv;
        // TLC evaluates the body of a FcnLambdaValue it applies at the argument only: an error there is an ordinary
        // one, not one of forcing the function whole (LazyBodyErrors).
        if (KeepsLazy(f)) fv = EvalFcnKeepingLazy(es, f);
        else
        {
            try { fv = Fcn.Eval(es, f); }
            catch (Exception e) when (AppliesLambda && LazyBodyErrors.UnmarkAndPass(e)) { throw; }
        }
        Value arg;
        if (Args.Length == 1)
        {
            arg = Args[0].Eval(es, f);
            // The common case first: an explicit function (a sealed type: one test, no virtual call) and an argument
            // in its domain.
            if (fv is FcnValue table)
            {
                int i;
                try { i = table.IndexOf(arg); }
                catch (ValueException e) { throw Error(e); }
                if (i >= 0) return table.Vals[i];
            }
        }
        else
        {
            var parts = new Value[Args.Length];
            for (int i = 0; i < parts.Length; i++) ValueArray.Set(parts, i, Args[i].Eval(es, f).Normalize());
            arg = FcnValue.Tuple(parts);
        }
        if (fv is FcnBase fn)
        {
            // TLC's apply is the function value's own method (TupleValue, RecordValue, FcnRcdValue, FcnLambdaValue):
            // in the replay, a failure there is the value's (a field r.f of a record is Tool's own select).
            try { return ApplyOrFail(fn, arg); }
            catch (Exception e) when (es.Track != null && !IsField && es.Track.Fingerprint(e, fv)) { throw; }
        }
        if (IsField) throw Error($"Attempted to select field {Show(arg)} from a non-record value {Ppr.Format(fv)}\n{Span.ToTlcString(System.IO.Path.GetFileNameWithoutExtension(Span.File))}");
        // TLC's Tool.evalAppl (OPCODE_fa) for a value that is no function, tuple or record: Assert.fail with the kind
        // of the value and the application's place (SemanticNode.toString), a general error.
        throw Error($"A non-function ({TlcWords.Kind(fv)}) was applied as a function.\n{Span.ToTlcString(System.IO.Path.GetFileNameWithoutExtension(Span.File))}");
    }

    /// <summary><paramref name="fn"/> applied to <paramref name="arg"/>, or TLC's error for an argument outside its
    /// domain.</summary>
    private Value ApplyOrFail(FcnBase fn, Value arg)
    {
        Value fv = fn;
        {
            Value r;
            try { r = fn.Apply(arg); }
            catch (ValueException e) { throw Error(e); }
            catch (InsufficientExecutionStackException)
            {
                throw Error("the evaluation of this function application recursed too deeply (a recursive function definition without a reachable base case?)");
            }
            if (r != null) return r;
            // TLC's RcdSelect of a function that is not a record: FcnRcdValue.select (TupleValue.select), which compares
            // the field's name with the domain's elements (a function or constructor TLC holds lazily is made a table
            // first).
            if (IsField && fv is FcnValue { IsTlcRecord: false } notRecord)
            {
                try { throw Error(FieldOfFunction(notRecord, arg)); }
                catch (ValueException e) { throw Error(e); }
            }
            // TLC's RcdSelect (Tool, OPCODE_rs): a record's missing field, with the record and the place of r.f; any other
            // function is applied to the field's name.
            if (IsField && fv is FcnValue { IsTlcRecord: true })
                throw Error($"Attempted to select nonexistent field {Show(arg)} from the record\n{Ppr.Format(fv)}\n{Span.ToTlcString(System.IO.Path.GetFileNameWithoutExtension(Span.File))}");
            // TLC words it after the kind of value it holds: a function constructor it has not turned into a table
            // yet (FcnLambdaValue: the constructor itself, a LET or state-level definition) or a table (FcnRcdValue: a
            // variable's value, a constant definition).
            if (fv is FcnValue { IsRecord: true } && RecordWording(Fcn))
            {
                if (arg is StringValue field) throw Error($"Attempted to access nonexistent field '{field.S}' of record\n{Ppr.Format(fv)}");
                throw Error($"Attempted to access record by a non-string argument: {Ppr.Format(arg)}");
            }
            if (fv is LazyFcn || (LambdaWording(Fcn) ?? fv is FcnValue { FromConstructor: true }))
            {
                // FcnLambdaValue.apply asks the domain whether it holds the argument: an interval is asked about a
                // value that is not an integer (IntervalValue.member).
                if (fv is FcnValue { IntervalDomain: true, Size: > 0 } overInterval && arg is not IntValue)
                {
                    var lo = overInterval.IsTuple ? 1 : ((IntValue)overInterval.Keys[0]).V;
                    throw Error($"Attempted to check if the value:\n{Ppr.Format(arg)}\nis in the integer interval {lo}..{lo + overInterval.Size - 1}");
                }
                throw Error($"In applying the function\n{Ppr.Format(fv)},\nthe first argument is:\n{Ppr.Format(arg)}\nwhich is not in its domain.\n");
            }
            // A tuple (TLC's TupleValue: built by <<...>> or a sequence operator, not by a function constructor)
            // has its own words (TupleValue.apply; several arguments are one tuple argument there).
            if (fv is FcnValue { IsTuple: true, BuiltAsFunction: false })
            {
                if (arg is IntValue index) throw Error($"Attempted to access index {index.V} of tuple\n{Show(fv)}\nwhich is out of bounds.");
                throw Error($"Attempted to access tuple at a non integral index: {Show(arg)}");
            }
            throw Error($"Attempted to apply function:\n{Show(fv)}\nto argument {Show(arg)}, which is not in the domain of the function.");
        }
    }
}

/// <summary><c>[f EXCEPT ![a][b] = e, !.c = @ + 1]</c>. <c>@</c> reads slot <see cref="AtSlot"/>.</summary>
public sealed class ExceptTerm : Term
{
    public Term Fcn;
    public readonly Term[][][] Paths; // clause -> step -> index terms (single term; a field step is a ConstTerm string)
    public readonly Term[] Values;
    public readonly int AtSlot;

    public ExceptTerm(Term fcn, Term[][][] paths, Term[] values, int atSlot)
    {
        Fcn = fcn;
        Paths = paths;
        Values = values;
        AtSlot = atSlot;
        Lvl = Math.Max(fcn.Lvl, Math.Max(values.Max(v => v.Lvl), paths.SelectMany(p => p).SelectMany(s => s).Select(t => t.Lvl).DefaultIfEmpty(0).Max()));
        _deferrable = paths.Length is 1 or 2 && paths.Length == values.Length && paths.All(p => p.Length is 1 or 2)
            && (paths.Length == 2 || paths[0].Length == 2);
    }

    /// <summary>Of a shape <see cref="EvalForSuccessor"/> may leave unbuilt (<see cref="PendingExcept"/>): one or two
    /// clauses of one or two steps, at least two copies to make (a row and the function, or the function and two
    /// entries). One clause of one step makes one copy, which costs about what the pending value does.</summary>
    private readonly bool _deferrable;

    /// <summary>f, then clause by clause the path's index terms and the new value.</summary>
    public override Term[] Children
    {
        get
        {
            var r = new List<Term> { Fcn };
            for (int c = 0; c < Math.Max(Paths.Length, Values.Length); c++)
            {
                if (c < Paths.Length) foreach (var step in Paths[c]) r.AddRange(step);
                if (c < Values.Length) r.Add(Values[c]);
            }
            return r.ToArray();
        }
    }

    public override Term WithChildren(Term[] children)
    {
        Expect(children, Children.Length);
        int k = 1;
        var paths = new Term[Paths.Length][][];
        var values = new Term[Values.Length];
        for (int c = 0; c < Math.Max(Paths.Length, Values.Length); c++)
        {
            if (c < Paths.Length)
            {
                paths[c] = new Term[Paths[c].Length][];
                for (int s = 0; s < paths[c].Length; s++)
                {
                    paths[c][s] = children[k..(k + Paths[c][s].Length)];
                    k += Paths[c][s].Length;
                }
            }
            if (c < Values.Length) values[c] = children[k++];
        }
        return Like(new ExceptTerm(children[0], paths, values, AtSlot));
    }

    [System.Runtime.CompilerServices.InlineArray(4)]
    private struct Keys4
    {
        private Value _first;
    }

    protected internal override Value EvalCore(EvalState es, Frame f) => EvalClauses(Fcn.Eval(es, f), 0, null, es, f);

    /// <summary>The clauses from <paramref name="from"/> on applied to <paramref name="cur"/>; <paramref name="own"/>
    /// is the top-level copy the clauses before made, if any.</summary>
    private Value EvalClauses(Value cur, int from, FcnValue own, EvalState es, Frame f)
    {
        // The top-level copy the first clause made: the later clauses update it in place (nothing else has seen it; the
        // values they compute, @ included, are its elements, never itself), instead of copying it once per clause.
        for (int c = from; c < Paths.Length; c++)
        {
            int n = Paths[c].Length;
            // The keys of one clause (![a][b]), on the stack for paths of up to four steps.
            var buf = new Keys4();
            Span<Value> keys = n <= 4 ? ((Span<Value>)buf).Slice(0, n) : new Value[n];
            EvalKeys(c, keys, es, f);
            cur = Update(cur, keys, 0, es, f, c, ref own);
        }
        return cur;
    }

    private void EvalKeys(int c, Span<Value> keys, EvalState es, Frame f)
    {
        for (int s = 0; s < keys.Length; s++)
        {
            var step = Paths[c][s];
            if (step.Length == 1) keys[s] = step[0].Eval(es, f).Normalize();
            else
            {
                var parts = new Value[step.Length];
                for (int i = 0; i < parts.Length; i++) ValueArray.Set(parts, i, step[i].Eval(es, f).Normalize());
                keys[s] = FcnValue.Tuple(parts);
            }
        }
    }

    /// <summary>The value for a successor's primed variable (<c>x' = [x EXCEPT ...]</c>, see
    /// <see cref="EvalState.DeferExcept"/>): evaluated as <see cref="EvalCore"/> does, in the same order (the keys and
    /// the new values, @ bound to the same old ones), but when each clause changes an entry of an explicit function,
    /// or an entry of one of its rows, at another index than the other clause, the copies are left to be made
    /// (<see cref="PendingExcept"/>): most successors are states already seen, whose values are never needed. Any
    /// other case is built as EvalCore builds it, from the clause where it arises.</summary>
    internal Value EvalForSuccessor(EvalState es, Frame f)
    {
        var cur = Fcn.Eval(es, f);
        if (!_deferrable || cur is not FcnValue fn) return EvalClauses(cur, 0, null, es, f);
        PendingExcept pending = null;
        for (int c = 0; c < Paths.Length; c++)
        {
            var buf = new Keys4();
            Span<Value> keys = ((Span<Value>)buf).Slice(0, Paths[c].Length);
            EvalKeys(c, keys, es, f);
            int i = fn.IndexOf(keys[0]), j = -1;
            Value old = null;
            if (i >= 0 && (pending == null || pending.FirstIndex != i))
            {
                old = fn.Vals[i];
                if (keys.Length == 2)
                {
                    if (old is FcnValue row && (j = row.IndexOf(keys[1])) >= 0) old = row.Vals[j];
                    else old = null;
                }
            }
            if (old == null)
            {
                // Built from here as EvalCore builds it: the changes so far made (a copy nothing else has seen), then
                // this clause and the rest applied to it.
                FcnValue own = pending?.ToFcn();
                var r = Update((Value)own ?? fn, keys, 0, es, f, c, ref own);
                return EvalClauses(r, c + 1, own, es, f);
            }
            ValueArray.Set(f.Slots, AtSlot, old);
            var v = Values[c].Eval(es, f).Normalize();
            if (pending == null) pending = new PendingExcept(fn, i, j, v);
            else pending.AddSecond(i, j, v);
        }
        return pending;
    }

    /// <summary>The error TLC's select raises for a step of an EXCEPT path whose argument <paramref name="key"/> the
    /// function <paramref name="fn"/> does not hold (null where select just answers "not there" and TLC warns): a
    /// tuple (TupleValue.select) and a function over an interval (FcnRcdValue.select) take integers only, a record
    /// (RecordValue.select) strings only; a function over an enumerated domain compares the argument with each
    /// element of its domain in turn, the element the receiver of the equality.</summary>
    private static string ExceptSelectError(FcnValue fn, Value key)
    {
        if (fn.IsTuple && !fn.BuiltAsFunction)
            return key is IntValue ? null : $"Attempted to access tuple at a non integral index: {Show(key)}";
        if (fn.IntervalDomain)
            return key is IntValue ? null : $"Attempted to apply function with integer domain to the non-integer argument {Show(key)}";
        if (fn.IsRecord && !fn.FromConstructor)
            return key is StringValue ? null : $"Attempted to access record by a non-string argument: {Ppr.Format(key)}";
        if (fn.Keys == null) return null; // the empty function built as one: nothing to compare with
        try
        {
            foreach (var k in fn.Keys) TlcCompare.Equal(k, key);
        }
        catch (ValueException e)
        {
            return e.Message;
        }
        return null;
    }

    private Value Update(Value fv, ReadOnlySpan<Value> keys, int i, EvalState es, Frame f, int clause, ref FcnValue own)
    {
        if (fv is not FcnBase fb) throw Error($"EXCEPT applied to {Show(fv)}, which is not a function or record");
        // An explicit function first: its domain is finite, and asking it for its Domain would build a set.
        if (fb is not FcnValue && (fb is LazyFcn { IsBuilt: false } or OverriddenFcn || !fb.Domain.IsFinite))
        {
            // [f EXCEPT ![3] = ...] with f[i \in Int], or a function built on demand: the function stays lazy, one
            // argument overridden (TLC's FcnLambdaValue.takeExcept does not compute it whole either).
            var old = fb.Apply(keys[i]);
            if (old == null) return fb;
            Value v;
            if (i == keys.Length - 1)
            {
                ValueArray.Set(f.Slots, AtSlot, old);
                v = Values[clause].Eval(es, f).Normalize();
            }
            else
            {
                FcnValue inner = null;
                v = Update(old, keys, i + 1, es, f, clause, ref inner);
            }
            return new OverriddenFcn(fb, keys[i], v);
        }
        var fn = fb as FcnValue ?? fb.ToFcn();
        int idx = fn.IndexOf(keys[i]);
        if (idx < 0)
        {
            // TLC first selects the argument of the path step (Value.select): an argument of the wrong kind is its
            // error there, not the warning below (a RuntimeException in a step).
            if (ExceptSelectError(fn, keys[i]) is { } wrongKind) throw Error(wrongKind);
            // TLC leaves the function unchanged when the argument is outside its domain, and warns
            // (EC.TLC_EXCEPT_APPLIED_TO_UNKNOWN_FIELD) naming the EXCEPT's function, once per clause.
            es.Host?.Warn("The EXCEPT was applied to non-existing fields of the value at\n" +
                Fcn.Span.ToTlcString(Path.GetFileNameWithoutExtension(Fcn.Span.File)));
            return fn;
        }
        Value nv;
        if (i == keys.Length - 1)
        {
            ValueArray.Set(f.Slots, AtSlot, fn.Vals[idx]);
            nv = Values[clause].Eval(es, f).Normalize();
        }
        else
        {
            FcnValue inner = null; // copies below the top are not reused: a later clause's @ may hold them
            nv = Update(fn.Vals[idx], keys, i + 1, es, f, clause, ref inner);
        }
        if (i == 0 && ReferenceEquals(fn, own))
        {
            own.SetWhileUnshared(idx, nv);
            return own;
        }
        var copy = fn.With(idx, nv);
        if (i == 0) own = copy;
        return copy;
    }
}
