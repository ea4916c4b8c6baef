using Ops.Tla.Values;

namespace Ops.Tla.Checking;

/// <summary>
/// The random generator of RandomElement, RandomSubset and the other random choices under -seed, as TLC arranges
/// it (RandomEnumerableValues.TLCStateRandom): the initial states draw from one generator seeded with the seed; the
/// successors of a state draw from a generator seeded with the seed and that state's fingerprint, seeded once per
/// state so that two choices in one step differ. A state's successors are then the same whichever worker expands it
/// and whenever, and a trace can be generated again. (TLC's own choices cannot be reproduced: they derive from its
/// fingerprints, whose polynomial TLC picks at random for each run.) One instance per evaluating thread.
/// </summary>
internal sealed class SeededChoices
{
    private readonly long _seed;
    private Random _initial, _current;
    private ulong _currentFp;
    private bool _hasCurrent;

    public SeededChoices(long seed) => _seed = seed;

    /// <summary>The generator for the initial predicate.</summary>
    public Random Initial => _initial ??= new Random(Fold(Fp.Mix(Fp.Seed, unchecked((ulong)_seed))));

    /// <summary>The generator for the successors of the state with fingerprint <paramref name="fp"/>.</summary>
    public Random For(ulong fp)
    {
        if (!_hasCurrent || _currentFp != fp)
        {
            _current = new Random(Fold(Fp.Mix(Fp.Mix(Fp.Seed, unchecked((ulong)_seed)), fp)));
            _currentFp = fp;
            _hasCurrent = true;
        }
        return _current;
    }

    private static int Fold(ulong h) => unchecked((int)(h ^ (h >> 32)));
}
