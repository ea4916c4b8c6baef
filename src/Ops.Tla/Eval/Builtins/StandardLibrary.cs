namespace Ops.Tla.Eval.Builtins;

/// <summary>
/// The registry of natively implemented modules. A module's <see cref="BuiltinModule.Extends"/> names the modules
/// whose operators it re-exports (Integers extends Naturals, ...); LOCAL INSTANCEs of the module texts are not
/// listed, as they are not exported.
/// </summary>
public static class StandardLibrary
{
    private static readonly Dictionary<string, Func<BuiltinModule>> Factories = new(StringComparer.Ordinal)
    {
        ["Naturals"] = NaturalsModule.Create,
        ["Integers"] = IntegersModule.Create,
        ["Reals"] = RealsModule.Create,
        ["Sequences"] = SequencesModule.Create,
        ["FiniteSets"] = FiniteSetsModule.Create,
        ["Bags"] = BagsModule.Create,
        ["TLC"] = TlcModule.Create,
        ["TLCExt"] = TlcExtModule.Create,
        ["Randomization"] = RandomizationModule.Create,
        ["_Possible"] = PossibleModule.Create,
        // CommunityModules
        ["Folds"] = FoldsModule.Create,
        ["Functions"] = FunctionsModule.Create,
        ["FiniteSetsExt"] = FiniteSetsExtModule.Create,
        ["SequencesExt"] = SequencesExtModule.Create,
        ["Graphs"] = GraphsModule.Create,
        ["UndirectedGraphs"] = UndirectedGraphsModule.Create,
        ["IOUtils"] = IOUtilsModule.Create,
        ["Json"] = JsonModule.Create,
        ["SVG"] = SvgModule.Create,
        ["Relation"] = RelationModule.Create,
        ["Bitwise"] = BitwiseModule.Create,
        ["Combinatorics"] = CombinatoricsModule.Create,
        ["DyadicRationals"] = DyadicRationalsModule.Create,
        ["BagsExt"] = BagsExtModule.Create,
        ["Statistics"] = StatisticsModule.Create,
        ["CSV"] = CsvModule.Create,
        // The proof system's library (tlapm library/), extended by specifications for their proofs
        ["TLAPS"] = ProofModules.Tlaps,
        ["NaturalsInduction"] = ProofModules.NaturalsInduction,
        ["WellFoundedInduction"] = ProofModules.WellFoundedInduction,
        ["FiniteSetTheorems"] = ProofModules.FiniteSetTheorems,
        ["SequenceTheorems"] = ProofModules.SequenceTheorems,
        ["SequencesExtTheorems"] = ProofModules.SequencesExtTheorems,
        ["FunctionTheorems"] = ProofModules.FunctionTheorems,
    };

    private static readonly Dictionary<string, BuiltinModule> Cache = new(StringComparer.Ordinal);

    /// <summary>Operators Ops implements in a standard module that this TLC's text of the module (tla2tools and
    /// CommunityModules cc6b616) does not define: SANY does not know them, so a specification may define the name
    /// itself (newer CommunityModules add them).</summary>
    private static readonly HashSet<string> BeyondTlcText = new(StringComparer.Ordinal)
    {
        "IOUtils!zeroPadN", "Randomization!RandomSubsetSet", "SVG!Image", "SVG!SVGDoc", "SVG!SVGSerialize",
        "SequencesExt!IsSorted", "SequencesExt!ToBag", "UndirectedGraphs!UndirectedGraphs",
    };

    /// <summary>Whether <paramref name="op"/> of <paramref name="module"/> is one of Ops's operators beyond TLC's text
    /// of the module (see <see cref="BeyondTlcText"/>).</summary>
    public static bool IsBeyondTlcText(string module, string op) => BeyondTlcText.Contains(module + "!" + op);

    public static IReadOnlyCollection<string> ModuleNames => Factories.Keys;

    /// <summary>ASCII synonyms SANY accepts for the same operator, registered under both names.</summary>
    private static readonly (string Name, string Alias)[] Aliases =
    {
        ("\\leq", "<="), ("\\leq", "=<"), ("\\geq", ">="), ("\\o", "\\circ"),
    };

    private static void AddAliases(BuiltinModule m)
    {
        foreach (var (name, alias) in Aliases)
            if (m.Operators.TryGetValue(name, out var b) && !m.Operators.ContainsKey(alias))
                m.Operators[alias] = new Builtin(alias, b.Arity, b.Fn, b.Direct) { HasEffects = b.HasEffects, Direct1 = b.Direct1, Direct2 = b.Direct2 };
    }

    /// <summary>The natively implemented operators of a module, or null when the module has none.</summary>
    public static BuiltinModule Find(string moduleName)
    {
        if (moduleName == null || !Factories.TryGetValue(moduleName, out var make)) return null;
        lock (Cache)
        {
            if (!Cache.TryGetValue(moduleName, out var m))
            {
                m = make();
                AddAliases(m);
                BuiltinSignatures.Apply(m);
                foreach (var (name, op) in m.Operators) op.TlcLevelNames = TlcDefinitionNames.Of(moduleName, name);
                Cache[moduleName] = m;
            }
            return m;
        }
    }
}
