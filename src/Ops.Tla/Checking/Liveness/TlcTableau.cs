namespace Ops.Tla.Checking.Liveness;

/// <summary>
/// The particle tableau TLC builds for the temporal part of a negated property (Manna and Pnueli's PART-TAB, as
/// TLC's TBGraph and TBPar make it): the same nodes in the same order, so that the behaviour graph (state x tableau
/// node) and the lasso found in it are TLC's. A particle is a list of formulas: a conjunction or an always is expanded
/// in place (alpha), a disjunction or an eventually splits the particle in two (beta), first on the first such formula
/// of the list; the initial nodes are the particles of the formula, the successors of a node those of the bodies of its
/// next-state formulas, found among the nodes by set equality or added at the end.
/// </summary>
internal static class TlcTableau
{
    private enum K { Atom, Bool, Conj, Disj, All, Even, Next }

    /// <summary>A formula as TLC's LiveExprNode holds it (conjunctions and disjunctions binary), compared by structure.</summary>
    private sealed class F : IEquatable<F>
    {
        public K Kind;
        public Ltl.Atom Atom;
        public bool B;
        public F[] Kids = [];
        private int _hash;

        public static F Of(K kind, params F[] kids) => new() { Kind = kind, Kids = kids };

        public bool Equals(F o)
        {
            if (ReferenceEquals(this, o)) return true;
            if (o == null || o.Kind != Kind || o.Kids.Length != Kids.Length || o.GetHashCode() != GetHashCode()) return false;
            switch (Kind)
            {
                case K.Atom:
                    return ReferenceEquals(Atom.Term, o.Atom.Term) && ReferenceEquals(Atom.Context, o.Atom.Context) && Atom.Negated == o.Atom.Negated;
                case K.Bool:
                    return B == o.B;
            }
            for (int i = 0; i < Kids.Length; i++)
                if (!Kids[i].Equals(o.Kids[i])) return false;
            return true;
        }

        public override bool Equals(object obj) => obj is F f && Equals(f);

        public override int GetHashCode()
        {
            if (_hash != 0) return _hash;
            int h = Kind switch
            {
                K.Atom => HashCode.Combine(Atom.Term, Atom.Context, Atom.Negated),
                K.Bool => B ? 1 : 2,
                _ => (int)Kind * 31,
            };
            foreach (var k in Kids) h = HashCode.Combine(h, k.GetHashCode());
            return _hash = h == 0 ? 1 : h;
        }
    }

    private static F FromLtl(Ltl f) => f switch
    {
        Ltl.Atom a => new F { Kind = K.Atom, Atom = a },
        Ltl.Const c => new F { Kind = K.Bool, B = c.Value },
        Ltl.And a => Binary(K.Conj, a.Items.Select(FromLtl).ToArray()),
        Ltl.Or o => Binary(K.Disj, o.Items.Select(FromLtl).ToArray()),
        Ltl.Always al => F.Of(K.All, FromLtl(al.Body)),
        Ltl.Eventually ev => F.Of(K.Even, FromLtl(ev.Body)),
        _ => throw new InvalidOperationException("not a temporal formula"),
    };

    /// <summary>TLC's makeBinary: a list of n items becomes (first n/2) op (the rest), recursively.</summary>
    private static F Binary(K kind, F[] items)
    {
        if (items.Length == 1) return items[0];
        int mid = items.Length / 2;
        return F.Of(kind, Binary(kind, items[..mid]), Binary(kind, items[mid..]));
    }

    private sealed class Par : List<F>
    {
        public Par() { }
        public Par(IEnumerable<F> items) : base(items) { }
        public bool Member(F f)
        {
            foreach (var x in this)
                if (x.Equals(f)) return true;
            return false;
        }
        public Par Append(params F[] fs)
        {
            var p = new Par(this);
            p.AddRange(fs);
            return p;
        }
        public bool SameAs(Par o) => this.All(o.Member) && o.All(Member);
    }

    private sealed record Triple(F A, F B, F C);

    private static Par PositiveClosure(Par terms)
    {
        var todo = new List<F>(terms);
        var result = new Par();
        while (todo.Count > 0)
        {
            var ln = todo[^1];
            todo.RemoveAt(todo.Count - 1);
            switch (ln.Kind)
            {
                case K.Next:
                    result.Add(ln);
                    todo.Add(ln.Kids[0]);
                    break;
                case K.Even:
                case K.All:
                    result.Add(ln);
                    result.Add(F.Of(K.Next, ln));
                    todo.Add(ln.Kids[0]);
                    break;
                case K.Conj:
                case K.Disj:
                    todo.AddRange(ln.Kids);
                    result.Add(ln);
                    break;
                default:
                    result.Add(ln);
                    break;
            }
        }
        return result;
    }

    private static List<Par> ParticleClosure(Par terms)
    {
        var pc = PositiveClosure(terms);
        var alphas = new List<Triple>();
        var betas = new List<Triple>();
        foreach (var ln in pc)
        {
            if (ln.Kind == K.All) alphas.Add(new Triple(ln, ln.Kids[0], F.Of(K.Next, ln)));
            else if (ln.Kind == K.Conj) alphas.Add(new Triple(ln, ln.Kids[0], ln.Kids[1]));
            else if (ln.Kind == K.Even) betas.Add(new Triple(ln, ln.Kids[0], F.Of(K.Next, ln)));
            else if (ln.Kind == K.Disj) betas.Add(new Triple(ln, ln.Kids[0], ln.Kids[1]));
        }
        return Closure(terms, alphas, betas);
    }

    private static bool LocallyConsistent(Par terms)
    {
        foreach (var a in terms)
        {
            if (a.Kind != K.Atom) continue;
            foreach (var b in terms)
                if (b.Kind == K.Atom && ReferenceEquals(a.Atom.Term, b.Atom.Term) && ReferenceEquals(a.Atom.Context, b.Atom.Context)
                    && a.Atom.Negated != b.Atom.Negated) return false;
        }
        return true;
    }

    private static List<Par> Closure(Par terms, List<Triple> alphas, List<Triple> betas)
    {
        if (!LocallyConsistent(terms)) return new List<Par>();
        var terms1 = terms;
        for (int i = 0; i < terms1.Count; i++)
        {
            var ln = terms1[i];
            F k1 = null, k2 = null;
            if (ln.Kind == K.All) { k1 = ln.Kids[0]; k2 = F.Of(K.Next, ln); }
            else if (ln.Kind == K.Conj) { k1 = ln.Kids[0]; k2 = ln.Kids[1]; }
            if (k1 == null) continue;
            if (terms1.Member(k1)) { if (!terms1.Member(k2)) terms1 = terms1.Append(k2); }
            else if (terms1.Member(k2)) terms1 = terms1.Append(k1);
            else terms1 = terms1.Append(k1, k2);
        }
        bool done;
        do
        {
            done = true;
            foreach (var t in alphas)
                if (terms1.Member(t.B) && terms1.Member(t.C) && !terms1.Member(t.A))
                {
                    terms1.Add(t.A);
                    done = false;
                }
        } while (!done);
        if (terms1.Count > terms.Count && !LocallyConsistent(terms1)) return new List<Par>();
        return ClosureBeta(terms1, alphas, betas);
    }

    private static List<Par> ClosureBeta(Par terms, List<Triple> alphas, List<Triple> betas)
    {
        foreach (var ln in terms)
        {
            F k1 = null, k2 = null;
            if (ln.Kind == K.Even) { k1 = ln.Kids[0]; k2 = F.Of(K.Next, ln); }
            else if (ln.Kind == K.Disj) { k1 = ln.Kids[0]; k2 = ln.Kids[1]; }
            if (k1 != null && !terms.Member(k1) && !terms.Member(k2))
            {
                var ps1 = Closure(terms.Append(k1), alphas, betas);
                var ps2 = Closure(terms.Append(k2), alphas, betas);
                var res = ps1.Where(p => !ps2.Any(q => q.SameAs(p))).ToList();
                res.AddRange(ps2);
                return res;
            }
        }
        foreach (var t in betas)
            if ((terms.Member(t.B) || terms.Member(t.C)) && !terms.Member(t.A))
                return Closure(terms.Append(t.A), alphas, betas);
        return new List<Par> { terms };
    }

    private static void Promises(F f, List<F> acc)
    {
        if (f.Kind == K.Even && !acc.Contains(f)) acc.Add(f);
        foreach (var k in f.Kids) Promises(k, acc);
    }

    /// <summary>TLC's tableau of <paramref name="formula"/> (in negation normal form, as the liveness checker builds
    /// it), in Ops's <see cref="Tableau"/> form: TLC's nodes, in TLC's order.</summary>
    public static Tableau Build(Ltl formula)
    {
        var tf = FromLtl(formula);
        var promises = new List<F>();
        Promises(tf, promises);
        var promiseObjects = promises.ToDictionary(p => p, p => new Ltl.Eventually(new Ltl.Const(true)));
        var pars = new List<Par>();
        var succs = new List<List<int>>();
        int FindOrCreate(Par p)
        {
            for (int i = 0; i < pars.Count; i++)
                if (p.SameAs(pars[i])) return i;
            pars.Add(p);
            return pars.Count - 1;
        }
        var tableau = new Tableau();
        foreach (var p in ParticleClosure(new Par { tf }))
        {
            pars.Add(p);
            tableau.Initial.Add(pars.Count - 1);
        }
        for (int i = 0; i < pars.Count; i++)
        {
            var implied = new Par(pars[i].Where(x => x.Kind == K.Next).Select(x => x.Kids[0]));
            succs.Add(ParticleClosure(implied).Select(FindOrCreate).ToList());
        }
        for (int i = 0; i < pars.Count; i++)
        {
            var par = pars[i];
            var node = new Tableau.Node { Id = i, Successors = succs[i], Accepting = par.Count == 0 && succs[i] is [var only] && only == i };
            foreach (var x in par)
            {
                // Actions never reach the tableau: the liveness checker refuses a branch whose temporal part has one,
                // as TLC does (Liveness.classifyExpr).
                if (x.Kind == K.Atom && !x.Atom.IsAction) node.Literals.Add(x.Atom);
                else if (x.Kind == K.Bool && !x.B) node.Unsatisfiable = true;
            }
            foreach (var p in promises)
                if (par.Member(p)) node.Promises.Add((promiseObjects[p], par.Member(p.Kids[0])));
            tableau.Nodes.Add(node);
        }
        return tableau;
    }
}
