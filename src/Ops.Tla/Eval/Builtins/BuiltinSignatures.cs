namespace Ops.Tla.Eval.Builtins;

/// <summary>
/// The operator parameters of the natively implemented operators: for each one that takes an operator, the number of
/// arguments each of its parameters takes (0: an ordinary value), as the module's TLA+ text declares them
/// (<c>Pointwise(f, g, T(_,_))</c> is <c>0, 0, 2</c>). TLC parses those texts before it uses its Java overrides, so
/// SANY checks every call's arguments against them: a LAMBDA or an operator name where a value is expected, a value
/// or an operator of another arity where an operator is, is a semantic error (exit 150) even where the call is never
/// evaluated. Operators not listed take ordinary values only. <see cref="StandardLibrary"/> applies the table to the
/// modules it makes; a test checks every entry against the registered operators.
/// </summary>
public static class BuiltinSignatures
{
    private static readonly Dictionary<string, int[]> Table = new(StringComparer.Ordinal)
    {
        // Standard modules
        ["Sequences!SelectSeq"] = new[] { 0, 1 },
        ["Bags!BagOfAll"] = new[] { 1, 0 },
        ["TLC!SortSeq"] = new[] { 0, 2 },
        ["TLCExt!TLCGetAndSet"] = new[] { 0, 2, 0, 0 },
        // CommunityModules
        ["Folds!MapThenFoldSet"] = new[] { 2, 0, 1, 1, 0 },
        ["Functions!RestrictDomain"] = new[] { 0, 1 },
        ["Functions!RestrictValues"] = new[] { 0, 1 },
        ["Functions!Pointwise"] = new[] { 0, 0, 2 },
        ["Functions!FoldFunction"] = new[] { 2, 0, 0 },
        ["Functions!FoldFunctionOnSet"] = new[] { 2, 0, 0, 0 },
        ["FiniteSetsExt!FoldSet"] = new[] { 2, 0, 0 },
        ["FiniteSetsExt!ReduceSet"] = new[] { 2, 0, 0 },
        ["FiniteSetsExt!MapThenSumSet"] = new[] { 1, 0 },
        ["FiniteSetsExt!Quantify"] = new[] { 0, 1 },
        ["FiniteSetsExt!ChooseUnique"] = new[] { 0, 1 },
        ["SequencesExt!SetToSortSeq"] = new[] { 0, 2 },
        ["SequencesExt!SelectInSeq"] = new[] { 0, 1 },
        ["SequencesExt!SelectInSubSeq"] = new[] { 0, 0, 0, 1 },
        ["SequencesExt!SelectLastInSeq"] = new[] { 0, 1 },
        ["SequencesExt!SelectLastInSubSeq"] = new[] { 0, 0, 0, 1 },
        ["SequencesExt!RemoveFirstMatch"] = new[] { 0, 1 },
        ["SequencesExt!FoldSeq"] = new[] { 2, 0, 0 },
        ["SequencesExt!FoldLeft"] = new[] { 2, 0, 0 },
        ["SequencesExt!FoldRight"] = new[] { 2, 0, 0 },
        ["SequencesExt!FoldLeftDomain"] = new[] { 2, 0, 0 },
        ["SequencesExt!FoldRightDomain"] = new[] { 2, 0, 0 },
        ["BagsExt!MapThenFoldBag"] = new[] { 2, 0, 1, 1, 0 },
        ["BagsExt!FoldBag"] = new[] { 2, 0, 0 },
        ["Relation!IsReflexiveUnder"] = new[] { 2, 0 },
        ["Relation!IsIrreflexiveUnder"] = new[] { 2, 0 },
        ["Relation!IsSymmetricUnder"] = new[] { 2, 0 },
        ["Relation!IsAntiSymmetricUnder"] = new[] { 2, 0 },
        ["Relation!IsAsymmetricUnder"] = new[] { 2, 0 },
        ["Relation!IsTransitiveUnder"] = new[] { 2, 0 },
        ["Relation!IsStrictlyPartiallyOrderedUnder"] = new[] { 2, 0 },
        ["Relation!IsPartiallyOrderedUnder"] = new[] { 2, 0 },
        ["Relation!IsStrictlyTotallyOrderedUnder"] = new[] { 2, 0 },
        ["Relation!IsTotallyOrderedUnder"] = new[] { 2, 0 },
        // The proof system's library
        ["TLAPS!EnabledWrapper"] = new[] { 1 },
        ["TLAPS!CdotWrapper"] = new[] { 1 },
        ["NaturalsInduction!NatInductiveDefHypothesis"] = new[] { 0, 0, 2 },
        ["NaturalsInduction!NatInductiveDefConclusion"] = new[] { 0, 0, 2 },
        ["NaturalsInduction!FiniteNatInductiveDefHypothesis"] = new[] { 0, 0, 2, 0, 0 },
        ["NaturalsInduction!FiniteNatInductiveDefConclusion"] = new[] { 0, 0, 2, 0, 0 },
        ["WellFoundedInduction!WFDefOn"] = new[] { 0, 0, 2 },
        ["WellFoundedInduction!OpDefinesFcn"] = new[] { 0, 0, 2 },
        ["WellFoundedInduction!WFInductiveDefines"] = new[] { 0, 0, 2 },
        ["WellFoundedInduction!WFInductiveUnique"] = new[] { 0, 2 },
        ["WellFoundedInduction!PreImage"] = new[] { 1, 0, 0 },
        ["WellFoundedInduction!OpToRel"] = new[] { 2, 0 },
    };

    /// <summary>Every entry: module, operator, parameter arities.</summary>
    public static IEnumerable<(string Module, string Operator, int[] ParamArities)> Entries =>
        Table.Select(e => (e.Key[..e.Key.IndexOf('!')], e.Key[(e.Key.IndexOf('!') + 1)..], e.Value));

    /// <summary>Sets <see cref="Builtin.ParamArities"/> on the operators of <paramref name="module"/> the table lists.</summary>
    internal static void Apply(BuiltinModule module)
    {
        foreach (var (name, op) in module.Operators)
            if (Table.TryGetValue(module.Name + "!" + name, out var arities) && arities.Length == op.Arity)
                op.ParamArities = arities;
    }
}
