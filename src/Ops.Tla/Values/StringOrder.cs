using System.Collections.Concurrent;

namespace Ops.Tla.Values;

/// <summary>
/// The order of the strings of one model, as TLC orders them. TLC compares two strings by the position at which
/// each was first interned in its process (util.UniqueString.compareTo compares intern tokens), not alphabetically;
/// that order decides which string <c>CHOOSE</c> picks, the order in which a set of strings is enumerated (hence
/// the search's order and its counts at a violation) and how sets, records and functions print.
/// <para>
/// One table per model: every string the model uses has one instance here, ranked by first use: the model loader
/// registers the strings TLC interns before the search, in TLC's order (see <c>Checking.StringOrderBuilder</c>), and
/// a string first made while checking (ToString, concatenation, JSON, ...) is ranked when it is made. The rank is a
/// function of the content within one table; two models (two checks in one process) never share a table.
/// </para>
/// <para>
/// <see cref="StringValue.Of"/> uses the current table: the one of the model being loaded or checked, set with
/// <see cref="Enter"/> and flowing into the threads and tasks started from there (an <see cref="AsyncLocal{T}"/>).
/// Outside any model strings are unranked and ordered by content.
/// </para>
/// </summary>
public sealed class StringOrder
{
    private static readonly AsyncLocal<StringOrder> CurrentOrder = new();

    private readonly ConcurrentDictionary<string, StringValue> _byContent = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<object, object> _caches = new();
    private int _next;

    /// <summary>The table of the model being loaded or checked on this logical thread, or null.</summary>
    public static StringOrder Current => CurrentOrder.Value;

    /// <summary>Makes <paramref name="order"/> current until the returned scope is disposed (then the previous one
    /// is current again).</summary>
    public static Scope Enter(StringOrder order)
    {
        var previous = CurrentOrder.Value;
        CurrentOrder.Value = order;
        return new Scope(previous);
    }

    public readonly struct Scope : IDisposable
    {
        private readonly StringOrder _previous;
        internal Scope(StringOrder previous) { _previous = previous; }
        public void Dispose() => CurrentOrder.Value = _previous;
    }

    /// <summary>The instance of <paramref name="s"/> in this table, ranked after every string already there if it is
    /// new.</summary>
    public StringValue Get(string s)
    {
        if (_byContent.TryGetValue(s, out var v)) return v;
        // Two threads may make the same new string at once: one instance wins, the other rank is never used.
        return _byContent.GetOrAdd(s, static (k, t) => new StringValue(k, t, Interlocked.Increment(ref t._next)), this);
    }

    /// <summary>Registers <paramref name="s"/> (no-op when it is already ranked).</summary>
    public void Add(string s) => Get(s);

    /// <summary>The number of strings ranked so far.</summary>
    public int Count => _byContent.Count;

    /// <summary>The strings ranked so far, in order (for tests and diagnostics).</summary>
    public IReadOnlyList<string> Ranked() => _byContent.Values.OrderBy(v => v.Rank).Select(v => v.S).ToList();

    /// <summary>A value cached for this model (a value that holds strings, which must not be shared between models
    /// since its canonical order depends on the table).</summary>
    public T Cached<T>(object key, Func<T> make) where T : class => (T)_caches.GetOrAdd(key, _ => make());
}
