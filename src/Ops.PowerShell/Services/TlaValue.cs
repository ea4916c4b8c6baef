using System.Collections;
using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.RegularExpressions;

namespace Ops.PowerShell;

/// <summary>
/// A constant value written exactly as the .cfg language writes it, for <c>Invoke-ModelCheck -Constant</c> when the
/// default rendering of a PowerShell value is not the one wanted:
/// <code>
/// -Constant @{ Nil = [Ops.PowerShell.TlaValue]::ModelValue('Nil')
///              Names = [Ops.PowerShell.TlaValue]::Set('alice', 'bob')        # strings, not model values
///              Pair = [Ops.PowerShell.TlaValue]::Tuple(1, 'a')
///              Procs = [Ops.PowerShell.TlaValue]::Raw('{p1, p2, p3}') }
/// </code>
/// </summary>
public sealed class TlaValue
{
    /// <summary>The value in .cfg syntax.</summary>
    public string Text { get; }

    private TlaValue(string text) => Text = text;

    public override string ToString() => Text;

    /// <summary>A model value (an identifier that stands for itself), e.g. <c>Nil</c>.</summary>
    public static TlaValue ModelValue(string name)
    {
        if (!ConstantRenderer.IsModelValueName(name))
            throw new ArgumentException($"'{name}' cannot be a model value: a model value is an identifier (letters, digits and _, with at least one letter) that is not a TLA+ keyword.");
        return new TlaValue(name);
    }

    /// <summary>A TLA+ string (even when it looks like an identifier).</summary>
    public static TlaValue String(string s) => new(ConstantRenderer.Quote(s ?? throw new ArgumentNullException(nameof(s))));

    /// <summary>A set of the given elements, each rendered by the default rules except that strings stay strings.</summary>
    public static TlaValue Set(params object[] elements) =>
        new("{" + string.Join(", ", (elements ?? Array.Empty<object>()).Select(e => ConstantRenderer.Render(e, null, stringsAreModelValues: false))) + "}");

    /// <summary>A tuple (sequence) <c>&lt;&lt;a, b&gt;&gt;</c>; strings stay strings.</summary>
    public static TlaValue Tuple(params object[] elements) =>
        new("<<" + string.Join(", ", (elements ?? Array.Empty<object>()).Select(e => ConstantRenderer.Render(e, null, stringsAreModelValues: false))) + ">>");

    /// <summary>Text in the .cfg value syntax, used as it is (checked when the model loads).</summary>
    public static TlaValue Raw(string cfgText)
    {
        if (string.IsNullOrWhiteSpace(cfgText)) throw new ArgumentException("Raw needs the value's text in .cfg syntax, e.g. {a, b} or <<1, \"x\">>.");
        return new TlaValue(cfgText.Trim());
    }
}

/// <summary>
/// Renders PowerShell values as .cfg constant values (<c>Invoke-ModelCheck -Constant</c>). The rule:
/// <list type="bullet">
/// <item>integers (any integral type, or a whole double/decimal) become numbers: <c>3</c>;</item>
/// <item>booleans become <c>TRUE</c> / <c>FALSE</c>;</item>
/// <item>a string becomes a TLA+ string: <c>'fast'</c> gives <c>"fast"</c>;</item>
/// <item>an array (or any list) becomes a set; strings inside it become model values, the TLC idiom for sets of
/// processes or nodes: <c>'n1','n2'</c> gives <c>{n1, n2}</c> (each must be an identifier); numbers and booleans
/// stay numbers and booleans; nested arrays become nested sets;</item>
/// <item>a <see cref="TlaValue"/> is used as written: <c>[Ops.PowerShell.TlaValue]::ModelValue('Nil')</c>,
/// <c>::String('x')</c>, <c>::Set('a','b')</c> (a set of strings), <c>::Tuple(1,2)</c>, <c>::Raw('{a, b}')</c>;</item>
/// <item>anything else (null, hashtables, dates, fractions) is refused with a message that says what to write.</item>
/// </list>
/// </summary>
public static class ConstantRenderer
{
    private static readonly Regex Identifier = new("^[A-Za-z0-9_]*[A-Za-z][A-Za-z0-9_]*$", RegexOptions.CultureInvariant);

    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "ASSUME", "ASSUMPTION", "AXIOM", "CASE", "CHOOSE", "CONSTANT", "CONSTANTS", "DOMAIN", "ELSE", "ENABLED", "EXCEPT",
        "EXTENDS", "IF", "IN", "INSTANCE", "LET", "LOCAL", "MODULE", "OTHER", "SF_", "SUBSET", "THEN", "THEOREM", "UNCHANGED",
        "UNION", "VARIABLE", "VARIABLES", "WF_", "WITH", "TRUE", "FALSE", "BOOLEAN", "STRING", "LAMBDA", "RECURSIVE",
        "INIT", "NEXT", "SPECIFICATION", "INVARIANT", "INVARIANTS", "PROPERTY", "PROPERTIES", "CONSTRAINT", "CONSTRAINTS",
        "ACTION_CONSTRAINT", "ACTION_CONSTRAINTS", "SYMMETRY", "VIEW", "CHECK_DEADLOCK", "ALIAS", "POSTCONDITION",
    };

    public static bool IsModelValueName(string s) => s != null && Identifier.IsMatch(s) && !Keywords.Contains(s);

    public static bool IsConstantName(string s) => s != null && Identifier.IsMatch(s) && !Keywords.Contains(s);

    /// <summary>Renders every entry of a -Constant table (keys are constant names).</summary>
    /// <param name="unwrap">Turns a host wrapper (PowerShell's PSObject) into the value it wraps; null for none.</param>
    public static Dictionary<string, string> RenderAll(IDictionary constants, Func<object, object> unwrap = null)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (constants == null) return result;
        foreach (DictionaryEntry e in constants)
        {
            var name = Convert.ToString(unwrap != null ? unwrap(e.Key) : e.Key, CultureInfo.InvariantCulture)?.Trim();
            if (!IsConstantName(name))
                throw new ArgumentException($"-Constant: '{name}' is not a constant name (an identifier declared with CONSTANT in the specification).");
            try
            {
                result[name] = Render(e.Value, unwrap);
            }
            catch (ArgumentException ex)
            {
                throw new ArgumentException($"-Constant {name}: {ex.Message}", ex);
            }
        }
        return result;
    }

    /// <summary>Renders one value (see the class summary for the rule).</summary>
    public static string Render(object value, Func<object, object> unwrap = null, bool stringsAreModelValues = false, int depth = 0)
    {
        if (depth > 32) throw new ArgumentException("the value nests too deeply");
        if (unwrap != null) value = unwrap(value);
        switch (value)
        {
            case null:
                throw new ArgumentException("$null has no .cfg form; give a number, a string, $true/$false, an array (a set) or a [Ops.PowerShell.TlaValue].");
            case TlaValue t:
                return t.Text;
            case bool b:
                return b ? "TRUE" : "FALSE";
            case string s:
                if (!stringsAreModelValues) return Quote(s);
                if (!IsModelValueName(s))
                    throw new ArgumentException($"'{s}' in an array becomes a model value and so must be an identifier (letters, digits, _); for a set of strings write [Ops.PowerShell.TlaValue]::Set(...).");
                return s;
            case char c:
                return stringsAreModelValues ? Render(c.ToString(), null, true, depth + 1) : Quote(c.ToString());
            case sbyte or byte or short or ushort or int or uint or long or ulong or BigInteger:
                return Convert.ToString(value, CultureInfo.InvariantCulture);
            case float or double or decimal:
            {
                var d = Convert.ToDecimal(value, CultureInfo.InvariantCulture);
                if (d != decimal.Truncate(d)) throw new ArgumentException($"{value} is not a whole number: TLA+ models use integers.");
                return decimal.Truncate(d).ToString(CultureInfo.InvariantCulture);
            }
            case Enum:
                throw new ArgumentException($"the enum value {value} has no .cfg form; pass its name as a string or [Ops.PowerShell.TlaValue]::ModelValue('{value}').");
            case IDictionary:
                throw new ArgumentException("a hashtable has no .cfg form (the configuration language has no records); define the record in the specification, or use [Ops.PowerShell.TlaValue]::Raw(...) for a set or tuple.");
            case IEnumerable list:
            {
                var items = new List<string>();
                foreach (var item in list) items.Add(Render(item, unwrap, stringsAreModelValues: true, depth + 1));
                return "{" + string.Join(", ", items) + "}";
            }
            default:
                throw new ArgumentException($"a value of type {value.GetType().FullName} has no .cfg form; give a number, a string, $true/$false, an array (a set) or a [Ops.PowerShell.TlaValue].");
        }
    }

    /// <summary>A TLA+ string literal (TLC's escapes, as the checker prints strings).</summary>
    public static string Quote(string s) => new Ops.Tla.Values.StringValue(s).ToString();
}
