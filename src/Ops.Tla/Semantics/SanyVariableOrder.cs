using System.Reflection;
using Ops.Tla.Syntax;

namespace Ops.Tla.Semantics;

/// <summary>
/// The order in which TLC prints a state's variables. TLC takes them from the root module's <c>getVariableDecls()</c>:
/// SANY enumerates the module's context, a <c>java.util.Hashtable</c> keyed by symbol name, and reverses what it
/// gets. That order is the order of the names' buckets (String.hashCode modulo the table's capacity), so it depends
/// on how many symbols the context holds: SANY's 72 built-in operators, the exported symbols of every module the root
/// extends, and the root's own declarations, definitions, named theorems and assumptions, instantiated definitions
/// (<c>I!d</c>) and inner modules. The standard and community modules' contexts are a table read from SANY
/// (<c>SanyContexts.txt</c>); the specification's modules are walked here as SANY fills their contexts.
/// </summary>
public static class SanyVariableOrder
{
    /// <summary>SANY's built-in operators, the first symbols of every module's context.</summary>
    private const int BuiltinCount = 72;

    private readonly record struct Entry(string Name, bool Local, char Kind);

    private static readonly Lazy<Dictionary<string, List<Entry>>> Library = new(ReadLibrary);

    /// <summary>The indices of <paramref name="variables"/> (the declaration order) in TLC's printing order, or null
    /// when a module the root uses is neither a file nor in SANY's table (the declaration order is kept then).</summary>
    public static int[] Compute(ModuleNode root, ModuleLoader loader, IReadOnlyList<string> variables)
    {
        if (variables.Count < 2) return null;
        try
        {
            var contexts = new Dictionary<string, List<Entry>>(StringComparer.Ordinal);
            var entries = ContextOf(root, loader, contexts, new HashSet<string>(StringComparer.Ordinal));
            if (entries == null) return null;
            var order = HashtableOrder(entries);
            var index = new Dictionary<string, int>(StringComparer.Ordinal);
            for (int i = 0; i < variables.Count; i++) index[variables[i]] = i;
            var result = order.Where(index.ContainsKey).Select(n => index[n]).ToArray();
            return result.Length == variables.Count ? result : null;
        }
        catch (TlaException)
        {
            return null;
        }
    }

    /// <summary>The variables among <paramref name="entries"/> as SANY returns them: a Java Hashtable of initial
    /// capacity 11 holding the built-ins and then the entries in order, enumerated from its last bucket to its first
    /// (each bucket from its newest entry), the result reversed.</summary>
    private static List<string> HashtableOrder(List<Entry> entries)
    {
        // Only the variables' places matter; other symbols count (they make the table grow) but need no hash.
        var table = new List<(int Hash, string Var)>[11];
        int count = 0, threshold = 8;
        void Put(int hash, string v)
        {
            if (count >= threshold)
            {
                int newCapacity = table.Length * 2 + 1;
                var grown = new List<(int Hash, string Var)>[newCapacity];
                for (int i = table.Length - 1; i >= 0; i--)
                {
                    if (table[i] == null) continue;
                    foreach (var e in table[i]) // head first; each goes to the head of its new bucket
                        (grown[(e.Hash & 0x7FFFFFFF) % newCapacity] ??= new()).Insert(0, e);
                }
                table = grown;
                threshold = (int)(newCapacity * 0.75f);
            }
            (table[(hash & 0x7FFFFFFF) % table.Length] ??= new()).Insert(0, (hash, v));
            count++;
        }
        for (int i = 0; i < BuiltinCount; i++) Put(0, null);
        foreach (var e in entries) Put(e.Kind == 'V' ? JavaHash(e.Name) : 0, e.Kind == 'V' ? e.Name : null);
        var enumerated = new List<string>();
        for (int i = table.Length - 1; i >= 0; i--)
            if (table[i] != null)
                foreach (var e in table[i])
                    if (e.Var != null) enumerated.Add(e.Var);
        enumerated.Reverse();
        return enumerated;
    }

    private static int JavaHash(string s)
    {
        int h = 0;
        foreach (char c in s) h = unchecked(31 * h + c);
        return h;
    }

    /// <summary>The symbols SANY adds to the context of module <paramref name="name"/> after its built-ins, in order;
    /// null when unknown.</summary>
    private static List<Entry> ContextOf(string name, ModuleLoader loader, Dictionary<string, List<Entry>> contexts, HashSet<string> visiting)
    {
        var m = loader.Find(name);
        if (m != null) return ContextOf(m, loader, contexts, visiting);
        return Library.Value.TryGetValue(name, out var lib) ? lib : null;
    }

    private static List<Entry> ContextOf(ModuleNode m, ModuleLoader loader, Dictionary<string, List<Entry>> contexts, HashSet<string> visiting)
    {
        if (contexts.TryGetValue(m.Name, out var done)) return done;
        if (!visiting.Add(m.Name)) return null;
        var list = new List<Entry>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        void Add(string name, bool local, char kind)
        {
            // Modules are keyed apart from other symbols (SymbolTable.ModuleName); a name already present adds nothing.
            if (seen.Add(kind == 'M' ? "\0" + name : name)) list.Add(new Entry(name, local, kind));
        }
        foreach (var ext in m.Extends)
        {
            var c = ContextOf(ext.Name, loader, contexts, visiting);
            if (c == null) return null;
            foreach (var e in c)
                if (!e.Local) Add(e.Name, false, e.Kind);
        }
        foreach (var u in m.Units)
        {
            switch (u)
            {
                case ConstantDecl cd:
                    foreach (var p in cd.Items) Add(p.Name, u.Local, 'C');
                    break;
                case VariableDecl vd:
                    foreach (var n in vd.Names) Add(n.Name, u.Local, 'V');
                    break;
                case OperatorDef od:
                    Add(od.Name, u.Local, 'O');
                    break;
                case FunctionDef fd:
                    Add(fd.Name, u.Local, 'O');
                    break;
                case RecursiveDecl rd:
                    foreach (var p in rd.Items) Add(p.Name, u.Local, 'O');
                    break;
                case AssumeDecl ad when ad.Name != null:
                    Add(ad.Name, u.Local, 'T');
                    break;
                case TheoremDecl td when td.Name != null:
                    Add(td.Name, u.Local, 'T');
                    break;
                case InstanceDef inst:
                {
                    // The instantiated module's exported definitions and theorems (not its parameters), prefixed by
                    // the instance's name when it has one, then that name.
                    var c = ContextOf(inst.Module.Name, loader, contexts, visiting);
                    if (c == null) return null;
                    foreach (var e in c)
                        if (!e.Local && e.Kind is 'O' or 'T')
                            Add(inst.Name != null ? inst.Name + "!" + e.Name : e.Name, u.Local, e.Kind);
                    if (inst.Name != null) Add(inst.Name, u.Local, 'O');
                    break;
                }
                case SubmoduleUnit sm:
                    Add(sm.Module.Name, false, 'M');
                    break;
            }
        }
        visiting.Remove(m.Name);
        contexts[m.Name] = list;
        return list;
    }

    private static Dictionary<string, List<Entry>> ReadLibrary()
    {
        var result = new Dictionary<string, List<Entry>>(StringComparer.Ordinal);
        using var s = typeof(SanyVariableOrder).Assembly.GetManifestResourceStream("Ops.Tla.Semantics.SanyContexts.txt");
        if (s == null) return result;
        using var reader = new StreamReader(s);
        List<Entry> current = null;
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line[0] == '#') continue;
            if (line.StartsWith("MODULE ", StringComparison.Ordinal)) result[line[7..]] = current = new List<Entry>();
            else if (current != null && line.Length > 3) current.Add(new Entry(line[3..], line[0] == 'L', line[1]));
        }
        return result;
    }
}
