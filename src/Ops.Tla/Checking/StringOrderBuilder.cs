using Ops.Tla.Config;
using Ops.Tla.Semantics;
using Ops.Tla.Syntax;
using Ops.Tla.Values;

namespace Ops.Tla.Checking;

/// <summary>
/// Ranks, in a model's <see cref="StringOrder"/>, the strings TLC interns before its search, in the order TLC interns
/// them (each point checked against TLC 2026.04):
/// <list type="number">
/// <item>the configuration's values: TLC reads the .cfg before the spec and makes its strings and model values
/// (<c>CONSTANT c = "s"</c>, <c>c = p0</c>, <c>c = {a, b}</c>) as it reads them (only values: the names of
/// constants, INIT, invariants ... are not interned there); then the values a program binds
/// (<see cref="CheckOptions.ConstantValues"/>, <see cref="CheckOptions.Constants"/>), as if the .cfg went on with them;</item>
/// <item>the names of the operators SANY predefines (STRING, FALSE, TRUE, BOOLEAN, =, ...);</item>
/// <item>the token images of the modules, in the order SANY reads them (see <see cref="Graph.ParseOrder"/>): the
/// root file first; TLC adds <c>_TLCTrace</c> to the root's EXTENDS, so the standard modules it reads through it
/// come before any string literal (their names are in <see cref="StandardModuleNames"/>);</item>
/// <item>the values of the string literals, module by module in the order SANY analyses them (a module after the
/// modules it extends and instantiates), in text order within a module.</item>
/// </list>
/// Every other string is ranked when the check first makes it.
/// </summary>
public static class StringOrderBuilder
{
    /// <summary>The operators SANY's front end defines before it reads a module (tla2sany.semantic's built-ins), in
    /// the order it interns their names.</summary>
    private static readonly string[] BuiltInOperatorNames =
    {
        "STRING", "FALSE", "TRUE", "BOOLEAN", "=", "/=", ".", "'", "\\lnot", "\\neg", "\\land", "\\lor", "\\equiv", "=>",
        "SUBSET", "UNION", "DOMAIN", "\\subseteq", "\\in", "\\notin", "\\", "\\intersect", "\\union", "\\times", "~>",
        "[]", "<>", "ENABLED", "UNCHANGED", "\\cdot", "-+->", "$AngleAct", "$BoundedChoose", "$BoundedExists",
        "$BoundedForall", "$CartesianProd", "$Case", "$ConjList", "$DisjList", "$Except", "$FcnApply",
        "$FcnConstructor", "$IfThenElse", "$NonRecursiveFcnSpec", "$Pair", "$RcdConstructor", "$RcdSelect",
        "$RecursiveFcnSpec", "$Seq", "$SetEnumerate", "$SetOfAll", "$SetOfFcns", "$SetOfRcds", "$SF", "$SquareAct",
        "$SubsetOf", "$TemporalExists", "$TemporalForall", "$TemporalWhile", "$Tuple", "$UnboundedChoose",
        "$UnboundedExists", "$UnboundedForall", "$WF", "$Nop", "$Qed", "$Pfcase", "$Have", "$Take", "$Pick",
        "$Witness", "$Suffices",
    };

    /// <param name="order">The model's (empty) table.</param>
    /// <param name="config">The model configuration.</param>
    /// <param name="extraValues">Constant values given besides the .cfg (command line, host), after it.</param>
    /// <param name="rootFile">The modules of the root file, in file order.</param>
    /// <param name="root">The root module.</param>
    /// <param name="loader">The loader that reads the other modules.</param>
    /// <param name="boundValues">Constant values bound as values by the program (after the others).</param>
    public static void Fill(StringOrder order, ModelConfig config, IEnumerable<CfgValue> extraValues, IEnumerable<Value> boundValues,
        IReadOnlyList<ModuleNode> rootFile, ModuleNode root, ModuleLoader loader)
    {
        foreach (var a in config.Constants)
            if (a.Value != null) AddValue(order, a.Value);
        foreach (var v in extraValues) AddValue(order, v);
        foreach (var v in boundValues) AddValue(order, v);

        foreach (var name in BuiltInOperatorNames) order.Add(name);

        var graph = new Graph(loader, root);
        foreach (var m in rootFile)
            if (m.Lexicon != null)
                foreach (var image in m.Lexicon.Images) order.Add(image);
        foreach (var m in graph.ParseOrder())
            if (m.Node != root && !rootFile.Contains(m.Node))
                foreach (var image in m.Images) order.Add(image);

        foreach (var m in graph.AnalysisOrder())
            foreach (var s in m.Strings) order.Add(s);
    }

    /// <summary>The strings and model values of a value, as a .cfg that wrote it would list them (its order).</summary>
    private static void AddValue(StringOrder order, Value v)
    {
        switch (v)
        {
            case StringValue s: order.Add(s.S); break;
            case ModelValue mv: order.Add(mv.Name); break;
            case SetValue { GivenOrder: { } given }: foreach (var x in given) AddValue(order, x); break;
            case SetBase set when set.IsFinite: foreach (var x in set.Elements) AddValue(order, x); break;
            case FcnValue { Keys: null } t: foreach (var x in t.Vals) AddValue(order, x); break;
            case FcnValue f:
                for (int i = 0; i < f.Keys.Length; i++) { AddValue(order, f.Keys[i]); AddValue(order, f.Vals[i]); }
                break;
            case FcnBase f when f.Domain.IsFinite: AddValue(order, f.ToFcn()); break;
        }
    }

    private static void AddValue(StringOrder order, CfgValue v)
    {
        switch (v)
        {
            case CfgString s: order.Add(s.Value); break;
            case CfgModelValue mv: order.Add(mv.Name); break;
            case CfgSet set: foreach (var x in set.Items) AddValue(order, x); break;
            case CfgTuple t: foreach (var x in t.Items) AddValue(order, x); break;
        }
    }

    /// <summary>A module as the front end sees it: a user module (or one Ops has the text of), or a standard module
    /// known by its names only.</summary>
    private sealed class Module
    {
        public string Name;
        public ModuleNode Node;
        public List<string> Extends;
        public string[] Instances, Images, Strings;
    }

    /// <summary>The modules of the spec and the order in which SANY reads and analyses them.</summary>
    private sealed class Graph
    {
        private readonly ModuleLoader _loader;
        private readonly Module _root;
        private readonly Dictionary<string, Module> _known = new(StringComparer.Ordinal);

        public Graph(ModuleLoader loader, ModuleNode root)
        {
            _loader = loader;
            _root = FromNode(root);
            // TLC adds its trace module to the root's extensions.
            if (!_root.Extends.Contains(StandardModuleNames.ImplicitExtendee)) _root.Extends.Add(StandardModuleNames.ImplicitExtendee);
            _known[root.Name] = _root;
        }

        private static Module FromNode(ModuleNode m) => new()
        {
            Name = m.Name,
            Node = m,
            Extends = m.Extends.Select(e => e.Name).ToList(),
            Instances = m.Lexicon.Instances,
            Images = m.Lexicon.Images,
            Strings = m.Lexicon.Strings,
        };

        /// <summary>The module named <paramref name="name"/>: its text (read now if need be), or the names of a
        /// standard module; null for one Ops knows neither way, and for one that cannot be read (building the spec
        /// reports that).</summary>
        private Module Get(string name)
        {
            if (_known.TryGetValue(name, out var known)) return known;
            Module m = null;
            try
            {
                if (_loader.Find(name) is { Lexicon: not null } node) m = FromNode(node);
            }
            catch (TlaException)
            {
            }
            if (m == null && StandardModuleNames.Find(name) is { } std)
                m = new Module { Name = name, Extends = std.Extends.ToList(), Instances = std.Instances, Images = std.Images, Strings = std.Strings };
            _known[name] = m;
            return m;
        }

        /// <summary>SANY's order of reading modules (SpecObj.processRootModule): repeatedly, the first extended
        /// module not read yet, searching depth-first from the root (a module's EXTENDS, then those of the modules it
        /// extends, then those of the modules it instantiates); when there is none, the first instantiated one, found
        /// the same way.</summary>
        public List<Module> ParseOrder()
        {
            var read = new List<Module> { _root };
            var isRead = new HashSet<string>(StringComparer.Ordinal) { _root.Name };
            while (true)
            {
                var next = FindUnread(_root, extension: true, isRead, new HashSet<string>(StringComparer.Ordinal))
                           ?? FindUnread(_root, extension: false, isRead, new HashSet<string>(StringComparer.Ordinal));
                if (next == null) return read;
                isRead.Add(next.Name);
                read.Add(next);
            }
        }

        private Module FindUnread(Module m, bool extension, HashSet<string> isRead, HashSet<string> visited)
        {
            if (!visited.Add(m.Name)) return null;
            foreach (var name in extension ? (IEnumerable<string>)m.Extends : m.Instances)
                if (!isRead.Contains(name) && Get(name) is { } x) return x;
            foreach (var name in m.Extends)
                if (isRead.Contains(name) && Get(name) is { } x && FindUnread(x, extension, isRead, visited) is { } found) return found;
            foreach (var name in m.Instances)
                if (isRead.Contains(name) && Get(name) is { } x && FindUnread(x, extension, isRead, visited) is { } found) return found;
            return null;
        }

        /// <summary>SANY's order of analysis (SpecObj.calculateDependencies): a module after the modules it extends,
        /// then after those it instantiates.</summary>
        public List<Module> AnalysisOrder()
        {
            var result = new List<Module>();
            var seen = new HashSet<string>(StringComparer.Ordinal);

            void Visit(Module m)
            {
                if (!seen.Add(m.Name)) return;
                foreach (var name in m.Extends)
                    if (Get(name) is { } x) Visit(x);
                foreach (var name in m.Instances)
                    if (Get(name) is { } x) Visit(x);
                result.Add(m);
            }

            Visit(_root);
            return result;
        }
    }
}
