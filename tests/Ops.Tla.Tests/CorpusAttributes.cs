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
