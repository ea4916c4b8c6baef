namespace Ops.Tla.Checking;

/// <summary>
/// What TLC's front end interns from the standard modules it reads as text from its own jar (TLC 2026.04) and Ops
/// implements natively: for each, the modules it extends and instantiates, the token images SANY interns while
/// parsing it (identifiers, keywords, numbers, backslash operators and string literals with their quotes; each
/// image once, in the order of its first occurrence; other symbols left out, a string equal to one is unlikely), and
/// the values of its string literals. TLC reads <c>_TLCTrace</c> (and so TLC, TLCExt, Sequences, Naturals,
/// FiniteSets and Integers) for every specification, so their names come before every string literal of a spec:
/// this is why TLC orders <c>"x"</c> (a bound name in TLC.tla) before <c>"y"</c> whatever order the spec writes them in.
/// </summary>
internal static class StandardModuleNames
{
    internal sealed record Entry(string[] Extends, string[] Instances, string[] Images, string[] Strings);

    /// <summary>The module TLC adds to the root module's EXTENDS (after the spec's own).</summary>
    public const string ImplicitExtendee = "_TLCTrace";

    public static Entry Find(string name) => name != null && Entries.TryGetValue(name, out var e) ? e : null;

    private static readonly Dictionary<string, Entry> Entries = new(StringComparer.Ordinal)
    {
        ["Naturals"] = new(
            Array.Empty<string>(),
            Array.Empty<string>(),
            new[]
            {
                "Naturals", "Nat", "a", "b", "CHOOSE", "n", "TRUE"
            },
            Array.Empty<string>()),
        ["Integers"] = new(
            new[] { "Naturals" },
            Array.Empty<string>(),
            new[]
            {
                "Integers", "EXTENDS", "Naturals", "Int", "a", "0"
            },
            Array.Empty<string>()),
        ["Reals"] = new(
            new[] { "Integers" },
            Array.Empty<string>(),
            new[]
            {
                "Reals", "EXTENDS", "Integers", "Real", "\"Reals\"", "a", "b", "CHOOSE", "m", "Infinity", "i", "r"
            },
            new[] { "Reals" }),
        ["Sequences"] = new(
            Array.Empty<string>(),
            new[] { "Naturals" },
            new[]
            {
                "Sequences", "LOCAL", "INSTANCE", "Naturals", "Seq", "S", "UNION", "1", "n", "Nat", "Len", "s",
                "CHOOSE", "DOMAIN", "t", "i", "IF", "THEN", "ELSE", "Append", "e", "Head", "Tail", "CASE",
                "SubSeq", "m", "SelectSeq", "Test", "_", "LET", "F", "0", "IN"
            },
            Array.Empty<string>()),
        ["FiniteSets"] = new(
            Array.Empty<string>(),
            new[] { "Naturals", "Sequences" },
            new[]
            {
                "FiniteSets", "LOCAL", "INSTANCE", "Naturals", "Sequences", "IsFiniteSet", "S", "seq", "Seq", "s",
                "n", "1", "Len", "Cardinality", "LET", "CS", "T", "SUBSET", "IF", "THEN", "0", "ELSE", "CHOOSE",
                "x", "IN"
            },
            Array.Empty<string>()),
        ["Bags"] = new(
            new[] { "TLC" },
            new[] { "Naturals" },
            new[]
            {
                "Bags", "EXTENDS", "TLC", "LOCAL", "INSTANCE", "Naturals", "IsABag", "B", "DOMAIN", "n", "Nat",
                "0", "BagToSet", "SetToBag", "S", "e", "1", "BagIn", "EmptyBag", "B1", "B2", "IF", "THEN", "ELSE",
                "LET", "IN", "d", "Sum", "f", "DSum", "SUBSET", "elt", "CHOOSE", "TRUE", "BagUnion", "UNION",
                "SubBag", "RemoveFromDom", "x", "y", "Combine", "BagSet", "i", "Biggest", "Range", "r", "s", "RSB",
                "BB", "BagOfAll", "F", "_", "BagCardinality", "CopiesIn"
            },
            Array.Empty<string>()),
        ["TLC"] = new(
            Array.Empty<string>(),
            new[] { "Naturals", "Sequences", "FiniteSets" },
            new[]
            {
                "TLC", "LOCAL", "INSTANCE", "Naturals", "Sequences", "FiniteSets", "Print", "out", "val", "PrintT",
                "TRUE", "Assert", "IF", "THEN", "ELSE", "CHOOSE", "v", "JavaTime", "n", "Nat", "TLCGet", "i",
                "TLCSet", "d", "e", "x", "f", "g", "DOMAIN", "Permutations", "S", "w", "SortSeq", "s", "Op", "_",
                "LET", "Perm", "p", "1", "Len", "j", "IN", "RandomElement", "Any", "ToString", "a", "b", "STRING",
                "TLCEval"
            },
            Array.Empty<string>()),
        ["TLCExt"] = new(
            Array.Empty<string>(),
            new[] { "TLC", "Integers" },
            new[]
            {
                "TLCExt", "LOCAL", "INSTANCE", "TLC", "Integers", "AssertEq", "a", "b", "IF", "THEN", "PrintT",
                "\"Assertion failed\"", "ELSE", "AssertError", "err", "exp", "LET", "FailsEval", "e", "CHOOSE",
                "BOOLEAN", "TRUE", "TLCError", "s", "STRING", "IN", "Assert", "TLCGetOrDefault", "key",
                "defaultVal", "n", "TLCGetAndSet", "Op", "_", "val", "oldVal", "v", "TLCSet", "Trace",
                "CounterExample", "ToTrace", "CE", "TLCModelValue", "str", "ToString", "TLCDefer", "expression",
                "TLCNoOp", "PickSuccessor", "bool", "TLCCache", "closure", "TLCFP", "var", "i", "Int",
                "TLCEvalDefinition", "definitionName"
            },
            new[] { "Assertion failed" }),
        ["_TLCTrace"] = new(
            Array.Empty<string>(),
            new[] { "TLC", "TLCExt", "Sequences", "Naturals" },
            new[]
            {
                "_TLCTrace", "LOCAL", "INSTANCE", "TLC", "TLCExt", "Sequences", "Naturals", "_TLCTraceDeserialize",
                "absoluteFilename", "TRUE", "_TLCTraceSerialize", "val", "CONSTANT", "_TLCTraceFile", "_TLCTrace0",
                "verbose", "IF", "CounterExample", "state", "\"console\"", "DOMAIN", "FALSE", "THEN", "ELSE",
                "LET", "trace", "ToTrace", "vars", "UNION", "i", "IN", "counterexample", "PrintT",
                "\"CounterExample written: \"", "_TLCTraceSilent", "_TLCTraceInputFile",
                "_TLCTraceFileDeserialized", "_TLCState", "level", "Trace", "_TLCTraceLassoTarget", "actions",
                "\"counterexample\"", "\"action\"", "e", "3", "1", "CHOOSE", "0", "_TLCTraceConstraint", "TLCGet",
                "\"level\"", "dump", "\"state\"", "\"vars\"", "pair", "v", "2", "_TLCTraceView", "lassoTarget"
            },
            new[] { "console", "console", "CounterExample written: ", "counterexample", "action", "level", "counterexample", "state", "vars", "level", "counterexample", "state" }),
        ["Json"] = new(
            Array.Empty<string>(),
            new[] { "Sequences", "FiniteSets", "TLC" },
            new[]
            {
                "Json", "LOCAL", "INSTANCE", "Sequences", "FiniteSets", "TLC", "IsSequence", "F", "D", "TRUE",
                "FALSE", "ToJsonKeyValue", "d", "ToString", "\":\"", "RECURSIVE", "ToJsonObjectString", "_", "LET",
                "CHOOSE", "IN", "IF", "DOMAIN", "THEN", "\"{\"", "\"}\"", "ELSE", "\", \"", "ToJsonArrayString",
                "\"[\"", "\"]\"", "ToJsonString", "IsFiniteSet", "ToJson", "value", "\"{}\"", "ToJsonArray",
                "\"[]\"", "ToJsonObject", "JsonSerialize", "absoluteFilename", "JsonDeserialize", "val",
                "ndJsonSerialize", "ndJsonDeserialize"
            },
            new[] { ":", "{", "}", ", ", "}", "[", "]", ", ", "]", "{}", "[]", "{}" }),
        ["Randomization"] = new(
            Array.Empty<string>(),
            new[] { "Naturals", "FiniteSets" },
            new[]
            {
                "Randomization", "LOCAL", "INSTANCE", "Naturals", "FiniteSets", "RandomSubset", "k", "S", "CHOOSE",
                "T", "SUBSET", "Cardinality", "RandomSetOfSubsets", "n", "TestRandomSetOfSubsets", "i", "1", "5"
            },
            Array.Empty<string>()),
        ["Toolbox"] = new(
            Array.Empty<string>(),
            new[] { "Naturals", "FiniteSets", "TLC" },
            new[]
            {
                "Toolbox", "LOCAL", "INSTANCE", "Naturals", "FiniteSets", "TLC", "_TETrace", "CHOOSE", "f", "Nat",
                "0", "STRING", "TRUE", "_TETraceLength", "Cardinality", "DOMAIN", "_TEPosition", "IF", "TLCGet",
                "\"level\"", "THEN", "ELSE", "1"
            },
            new[] { "level", "level", "level" }),    };
}
