using System.Collections;
using System.Numerics;

namespace Ops.PowerShell;

/// <summary>
/// A TLA+ function or record as PowerShell sees it: an ordered dictionary (keys in TLC's order) that PowerShell
/// indexes by key (<c>$state.balance.c1</c>, <c>$state.balance['c1']</c>, <c>$f[3]</c>). Integral keys compare by
/// value whatever their .NET type, so <c>$f[3]</c> finds the key 3 stored as a long.
/// </summary>
public sealed class TlaMap : IDictionary
{
    private readonly List<object> _keys = new();
    private readonly List<object> _values = new();
    private readonly Dictionary<object, int> _index = new(KeyComparer.Instance);

    /// <summary>The TLA+ text of the function, as TLC prints it (set by the converter).</summary>
    public string Text { get; init; }

    public void Add(object key, object value)
    {
        key = Normalize(key);
        if (_index.ContainsKey(key)) throw new ArgumentException($"the key {key} is already present");
        _index[key] = _keys.Count;
        _keys.Add(key);
        _values.Add(value);
    }

    public object this[object key]
    {
        get => _index.TryGetValue(Normalize(key), out var i) ? _values[i] : null;
        set => throw new NotSupportedException("a trace state is read-only");
    }

    public bool Contains(object key) => key != null && _index.ContainsKey(Normalize(key));
    public ICollection Keys => _keys.ToArray();
    public ICollection Values => _values.ToArray();
    public int Count => _keys.Count;
    public bool IsFixedSize => true;
    public bool IsReadOnly => true;
    public bool IsSynchronized => false;
    public object SyncRoot => this;
    public void Clear() => throw new NotSupportedException("a trace state is read-only");
    public void Remove(object key) => throw new NotSupportedException("a trace state is read-only");

    public void CopyTo(Array array, int index)
    {
        for (int i = 0; i < _keys.Count; i++) array.SetValue(new DictionaryEntry(_keys[i], _values[i]), index + i);
    }

    public IDictionaryEnumerator GetEnumerator() => new Enumerator(this);
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => Text ?? "[" + string.Join(", ", _keys.Select((k, i) => $"{k} |-> {_values[i]}")) + "]";

    private static object Normalize(object key) => key switch
    {
        sbyte or byte or short or ushort or int or uint or long => Convert.ToInt64(key),
        ulong u when u <= long.MaxValue => (long)u,
        BigInteger b when b >= long.MinValue && b <= long.MaxValue => (long)b,
        null => throw new ArgumentNullException(nameof(key)),
        _ => key,
    };

    /// <summary>Structural equality, so a key that is itself a set or tuple (object[]) can be looked up.</summary>
    private sealed class KeyComparer : IEqualityComparer<object>
    {
        public static readonly KeyComparer Instance = new();

        public new bool Equals(object a, object b)
        {
            if (a is object[] x && b is object[] y) return x.Length == y.Length && x.Zip(y).All(p => Equals(Normalize(p.First), Normalize(p.Second)));
            return object.Equals(a, b);
        }

        public int GetHashCode(object o)
        {
            if (o is object[] arr)
            {
                var h = new HashCode();
                foreach (var e in arr) h.Add(GetHashCode(Normalize(e)));
                return h.ToHashCode();
            }
            return o.GetHashCode();
        }
    }

    private sealed class Enumerator : IDictionaryEnumerator
    {
        private readonly TlaMap _m;
        private int _i = -1;
        public Enumerator(TlaMap m) => _m = m;
        public bool MoveNext() => ++_i < _m._keys.Count;
        public void Reset() => _i = -1;
        public DictionaryEntry Entry => new(_m._keys[_i], _m._values[_i]);
        public object Current => Entry;
        public object Key => _m._keys[_i];
        public object Value => _m._values[_i];
    }
}
