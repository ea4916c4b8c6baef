using Xunit;

namespace Ops.Tla.Tests;

/// <summary>A fact that reads the shared corpus (shared/conformance/tlaplus-examples beside the repository). Where the
/// corpus is absent (a user's clone of the repository alone) it is reported as skipped, with the note saying why,
/// instead of passing without checking anything.</summary>
public sealed class CorpusFactAttribute : FactAttribute
{
    public CorpusFactAttribute()
    {
        if (TestPaths.CorpusOrNull == null) Skip = TestPaths.CorpusAbsentNote;
    }
}

/// <summary>A theory over the shared corpus: skipped with a note where the corpus is absent (its data would be empty,
/// which xunit reports as a failure, "No data found").</summary>
public sealed class CorpusTheoryAttribute : TheoryAttribute
{
    public CorpusTheoryAttribute()
    {
        if (TestPaths.CorpusOrNull == null) Skip = TestPaths.CorpusAbsentNote;
    }
}

/// <summary>The test classes that run whole corpora (the ratchets, the PlusCal corpus) are one collection: xunit runs
/// them one after another instead of side by side, so that each one's models get the machine's cores. Their time
/// limits only guard against a hang: a model that matched once is slow under contention, not wrong.</summary>
[CollectionDefinition(Name)]
public sealed class CorpusRunsCollection
{
    public const string Name = "corpus runs";

    /// <summary>The per-model limit of the corpus runs: far above any model's time on a loaded machine.</summary>
    public static readonly TimeSpan HangGuard = TimeSpan.FromMinutes(15);
}
