using Ops.Tla.Semantics;

namespace Ops.Tla.Distributed;

/// <summary>What every partition needs to build the model on its silo: the modules' texts (the root and every module
/// it reached when the coordinator loaded it), the configuration's text, and the options that change the search.</summary>
[GenerateSerializer, Immutable]
public sealed class SearchSetup
{
    [Id(0)] public string SearchId;
    [Id(1)] public int Partitions;
    [Id(2)] public string RootModule;
    [Id(3)] public string[] ModuleNames;
    [Id(4)] public string[] ModuleTexts;
    [Id(5)] public string[] ModulePaths;
    [Id(6)] public string ConfigText;
    [Id(7)] public string ConfigName;
    [Id(8)] public bool CheckDeadlock = true;
    [Id(9)] public long? Seed;
    [Id(10)] public bool CheckLiveness = true;
}

/// <summary>Successors (or initial states) sent to the partition that owns them: their <c>StateCodec</c> bytes one
/// after the other, and for each its fingerprint, its order key (the rank of its predecessor in its level and its
/// number among that state's successors), its action and its predecessor's fingerprint.</summary>
[GenerateSerializer, Immutable]
public sealed class StateBatch
{
    [Id(0)] public byte[] States;
    [Id(1)] public int[] Ends;
    [Id(2)] public ulong[] Fingerprints;
    [Id(3)] public long[] Keys;
    [Id(4)] public int[] Actions;
    [Id(5)] public ulong[] Parents;

    public int Count => Fingerprints.Length;

    /// <summary>The bytes of the batch's content (what a message carries, less Orleans' framing).</summary>
    public long Bytes => States.Length + (long)Count * (sizeof(int) * 2 + sizeof(ulong) * 2 + sizeof(long));
}

/// <summary>A failure found by a partition, with where it stands in the single-process search's order: the rank of
/// the state expanded in its level, the number of its successor, then the phase (0: the checks of a new state, made
/// by its owner; 1: the checks of a successor, made by the expander; 2: after a successor: an evaluation error, a
/// deadlock).</summary>
[GenerateSerializer]
public sealed class FailureReport
{
    [Id(0)] public int Outcome;
    [Id(1)] public int Kind;
    [Id(2)] public string Property;
    [Id(3)] public string Message;
    [Id(4)] public int ExitStatus;
    [Id(5)] public bool AtState;
    /// <summary>The state the trace ends with (a successor, or the new state an owner checked), encoded; null: none.</summary>
    [Id(6)] public byte[] Successor;
    [Id(7)] public int SuccessorAction = -1;
    [Id(8)] public int Rank;
    [Id(9)] public long Ordinal;
    [Id(10)] public int Phase;
    [Id(11)] public bool SuccessorEmitted;
    /// <summary>The fingerprint of the state the trace goes through last before <see cref="Successor"/> (the state
    /// expanded, or the new state's predecessor).</summary>
    [Id(12)] public ulong StateFingerprint;

    public (int, long, int) Order => (Rank, Ordinal, Phase);
}

[GenerateSerializer]
public sealed class ExpandReport
{
    [Id(0)] public long Generated;
    [Id(1)] public FailureReport Failure;
    [Id(2)] public List<string> Output = new();
    [Id(3)] public int Expanded;
    /// <summary>Successors sent to other partitions, and their bytes (states and their fingerprints, keys, actions,
    /// predecessors).</summary>
    [Id(4)] public long SentStates;
    [Id(5)] public long SentBytes;
    /// <summary>Successors this partition owned itself (no message).</summary>
    [Id(6)] public long KeptStates;
}

[GenerateSerializer]
public sealed class CloseReport
{
    /// <summary>The order keys of the partition's new states, sorted.</summary>
    [Id(0)] public long[] Keys;
    [Id(1)] public FailureReport Failure;
    [Id(2)] public List<string> Output = new();
}

[GenerateSerializer]
public sealed class CountReport
{
    [Id(0)] public long GeneratedBefore;
    [Id(1)] public long NewUpTo;
    [Id(2)] public bool NewAtKey;
}

[GenerateSerializer]
public sealed class TraceLink
{
    [Id(0)] public bool Found;
    [Id(1)] public ulong Parent;
    [Id(2)] public int Action;
    /// <summary>The state itself, kept when the model's states cannot be generated again from their predecessor.</summary>
    [Id(3)] public byte[] State;
}

/// <summary>The modules shipped to the silos, as the coordinator read them (errors name the same files).</summary>
internal sealed class ShippedModules : IModuleSource
{
    private readonly Dictionary<string, ModuleText> _texts = new(StringComparer.Ordinal);

    public ShippedModules(SearchSetup s)
    {
        for (int i = 0; i < s.ModuleNames.Length; i++)
            _texts[s.ModuleNames[i]] = new ModuleText(s.ModuleNames[i], s.ModuleTexts[i], s.ModulePaths[i]);
    }

    public ModuleText Find(string name) => name != null && _texts.TryGetValue(name, out var t) ? t : null;
}

/// <summary>Records every module the checker reads through it (to ship the same texts to the silos).</summary>
internal sealed class RecordingModules(IModuleSource inner) : IModuleSource
{
    public readonly Dictionary<string, ModuleText> Read = new(StringComparer.Ordinal);

    public ModuleText Find(string name)
    {
        var t = inner.Find(name);
        if (t != null) lock (Read) Read[name] = t;
        return t;
    }
}
