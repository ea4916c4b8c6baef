using System.Collections;
using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.RegularExpressions;
using Ops.Tla;
using Ops.Tla.Config;
using Ops.Tla.Syntax;

namespace Ops.PowerShell;

/// <summary>
/// A constant value for <c>Invoke-ModelCheck -Constant</c> when the default reading of a PowerShell value is not the
/// one wanted. It is bound as a value (not as .cfg text), so it can be what a .cfg file cannot hold, such as a tuple:
/// <code>
/// -Constant @{ Nil = [Ops.PowerShell.TlaValue]::ModelValue('Nil')
///              Names = [Ops.PowerShell.TlaValue]::Set('alice', 'bob')        # strings, not model values
///              Pair = [Ops.PowerShell.TlaValue]::Tuple(1, 'a')               # also ::Sequence(...)
///              Procs = [Ops.PowerShell.TlaValue]::Raw('{p1, p2, p3}') }
/// </code>
/// </summary>
public sealed class TlaValue
{
    /// <summary>The value as TLA+ writes it (tuples as &lt;&lt;...&gt;&gt;).</summary>
    public string Text { get; }

    /// <summary>The value the checker binds.</summary>
    public CfgValue Value { get; }

    private TlaValue(CfgValue value)
    {
        Value = value;
        Text = ConstantRenderer.Print(value);
    }

    public override string ToString() => Text;

    /// <summary>A model value (an identifier that stands for itself), e.g. <c>Nil</c>.</summary>
    public static TlaValue ModelValue(string name)
    {
        if (!ConstantRenderer.IsModelValueName(name))
            throw new ArgumentException($"'{name}' cannot be a model value: a model value is an identifier (letters, digits and _, with at least one letter) that is not a TLA+ keyword.");
        return new TlaValue(new CfgModelValue(name, ConstantRenderer.NoSpan));
    }

    /// <summary>A TLA+ string (even when it looks like an identifier).</summary>
    public static TlaValue String(string s) => new(new CfgString(s ?? throw new ArgumentNullException(nameof(s)), ConstantRenderer.NoSpan));

    /// <summary>A set of the given elements, each read by the default rules except that strings stay strings.</summary>
    public static TlaValue Set(params object[] elements) =>
        new(new CfgSet(Elements(elements), ConstantRenderer.NoSpan));

    /// <summary>A tuple <c>&lt;&lt;a, b&gt;&gt;</c> (a sequence: a function from 1..n); strings stay strings.</summary>
    public static TlaValue Tuple(params object[] elements) =>
        new(new CfgTuple(Elements(elements), ConstantRenderer.NoSpan));

    /// <summary>A sequence <c>&lt;&lt;a, b, c&gt;&gt;</c>: the same as <see cref="Tuple"/>.</summary>
    public static TlaValue Sequence(params object[] elements) => Tuple(elements);

    /// <summary>Text in the .cfg value syntax (an integer, a string, TRUE/FALSE, a model value or a {...} set),
    /// checked now.</summary>
    public static TlaValue Raw(string cfgText)
    {
        if (string.IsNullOrWhiteSpace(cfgText)) throw new ArgumentException("Raw needs the value's text in .cfg syntax, e.g. {a, b} or 3; for a tuple use [Ops.PowerShell.TlaValue]::Tuple(...).");
        try
        {
            var parsed = ConfigParser.Parse($"CONSTANT Raw = {cfgText.Trim()}\n", "[Ops.PowerShell.TlaValue]::Raw");
            return new TlaValue(parsed.Constants[0].Value);
        }
        catch (TlaException e)
        {
            throw new ArgumentException($"Raw('{cfgText.Trim()}') is not a .cfg value: {e.Message}", e);
        }
    }

    private static List<CfgValue> Elements(object[] elements) =>
        (elements ?? Array.Empty<object>()).Select(e => ConstantRenderer.ToCfg(e, null, stringsAreModelValues: false)).ToList();
}

/// <summary>
/// Turns PowerShell values into the constant values the checker binds (<c>Invoke-ModelCheck -Constant</c>), and
/// prints them as TLA+ writes them. They are bound as values over the .cfg's, not pasted into it as text, so a tuple
/// (which a .cfg file cannot hold, as in TLC) works too. The rule:
/// <list type="bullet">
/// <item>integers (any integral type, or a whole double/decimal) become numbers: <c>3</c>;</item>
/// <item>booleans become <c>TRUE</c> / <c>FALSE</c>;</item>
/// <item>a string becomes a TLA+ string: <c>'fast'</c> gives <c>"fast"</c>;</item>
/// <item>an array (or any list) becomes a set; strings inside it become model values, the TLC idiom for sets of
/// processes or nodes: <c>'n1','n2'</c> gives <c>{n1, n2}</c> (each must be an identifier); numbers and booleans
/// stay numbers and booleans; nested arrays become nested sets;</item>
/// <item>a <see cref="TlaValue"/> is used as it is: <c>[Ops.PowerShell.TlaValue]::ModelValue('Nil')</c>,
/// <c>::String('x')</c>, <c>::Set('a','b')</c> (a set of strings), <c>::Tuple(1,2)</c> or <c>::Sequence(...)</c>
/// (a tuple, nested values allowed), <c>::Raw('{a, b}')</c> (.cfg syntax);</item>
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
    public static Dictionary<string, string> RenderAll(IDictionary constants, Func<object, object> unwrap = null) =>
        ValuesOf(constants, unwrap).ToDictionary(kv => kv.Key, kv => Print(kv.Value), StringComparer.Ordinal);

    /// <summary>Every entry of a -Constant table as the value the checker binds (keys are constant names).</summary>
    public static Dictionary<string, CfgValue> ValuesOf(IDictionary constants, Func<object, object> unwrap = null)
    {
        var result = new Dictionary<string, CfgValue>(StringComparer.Ordinal);
        if (constants == null) return result;
        foreach (DictionaryEntry e in constants)
        {
            var name = Convert.ToString(unwrap != null ? unwrap(e.Key) : e.Key, CultureInfo.InvariantCulture)?.Trim();
            if (!IsConstantName(name))
                throw new ArgumentException($"-Constant: '{name}' is not a constant name (an identifier declared with CONSTANT in the specification).");
            try
            {
                result[name] = WithSpan(ToCfg(e.Value, unwrap), new SourceSpan("-Constant " + name, 1, 1, 1, 1));
            }
            catch (ArgumentException ex)
            {
                throw new ArgumentException($"-Constant {name}: {ex.Message}", ex);
            }
        }
        return result;
    }

    /// <summary>Renders one value as TLA+ text (see the class summary for the rule).</summary>
    public static string Render(object value, Func<object, object> unwrap = null, bool stringsAreModelValues = false, int depth = 0) =>
        Print(ToCfg(value, unwrap, stringsAreModelValues, depth));

    /// <summary>The span of values made here (errors about them name the -Constant entry instead).</summary>
    internal static readonly SourceSpan NoSpan = new("-Constant", 1, 1, 1, 1);

    /// <summary>One value as the checker binds it (see the class summary for the rule).</summary>
    public static CfgValue ToCfg(object value, Func<object, object> unwrap = null, bool stringsAreModelValues = false, int depth = 0)
    {
        if (depth > 32) throw new ArgumentException("the value nests too deeply");
        if (unwrap != null) value = unwrap(value);
        switch (value)
        {
            case null:
                throw new ArgumentException("$null has no TLA+ value; give a number, a string, $true/$false, an array (a set) or a [Ops.PowerShell.TlaValue].");
            case TlaValue t:
                return t.Value;
            case bool b:
                return new CfgBool(b, NoSpan);
            case string s:
                if (!stringsAreModelValues) return new CfgString(s, NoSpan);
                if (!IsModelValueName(s))
                    throw new ArgumentException($"'{s}' in an array becomes a model value and so must be an identifier (letters, digits, _); for a set of strings write [Ops.PowerShell.TlaValue]::Set(...).");
                return new CfgModelValue(s, NoSpan);
            case char c:
                return ToCfg(c.ToString(), null, stringsAreModelValues, depth + 1);
            case sbyte or byte or short or ushort or int or uint or long or ulong or BigInteger:
                return new CfgInt(value is BigInteger big ? big : new BigInteger(Convert.ToDecimal(value, CultureInfo.InvariantCulture)), NoSpan);
            case float or double or decimal:
            {
                var d = Convert.ToDecimal(value, CultureInfo.InvariantCulture);
                if (d != decimal.Truncate(d)) throw new ArgumentException($"{value} is not a whole number: TLA+ models use integers.");
                return new CfgInt(new BigInteger(decimal.Truncate(d)), NoSpan);
            }
            case Enum:
                throw new ArgumentException($"the enum value {value} has no TLA+ value; pass its name as a string or [Ops.PowerShell.TlaValue]::ModelValue('{value}').");
            case IDictionary:
                throw new ArgumentException("a hashtable has no TLA+ value here (a -Constant cannot be a record or function); define the record in the specification, or pass its parts as separate constants.");
            case IEnumerable list:
            {
                var items = new List<CfgValue>();
                foreach (var item in list) items.Add(ToCfg(item, unwrap, stringsAreModelValues: true, depth + 1));
                return new CfgSet(items, NoSpan);
            }
            default:
                throw new ArgumentException($"a value of type {value.GetType().FullName} has no TLA+ value; give a number, a string, $true/$false, an array (a set) or a [Ops.PowerShell.TlaValue].");
        }
    }

    /// <summary>A value as TLA+ writes it.</summary>
    public static string Print(CfgValue v) => v switch
    {
        CfgInt i => i.Value.ToString(CultureInfo.InvariantCulture),
        CfgString s => Quote(s.Value),
        CfgBool b => b.Value ? "TRUE" : "FALSE",
        CfgModelValue m => m.Name,
        CfgSet set => "{" + string.Join(", ", set.Items.Select(Print)) + "}",
        CfgTuple t => "<<" + string.Join(", ", t.Items.Select(Print)) + ">>",
        _ => v.ToString(),
    };

    /// <summary><paramref name="v"/> with <paramref name="span"/> on it and on everything inside it, so that an error
    /// about it names the -Constant entry.</summary>
    private static CfgValue WithSpan(CfgValue v, SourceSpan span) => v switch
    {
        CfgSet s => new CfgSet(s.Items.Select(i => WithSpan(i, span)).ToList(), span),
        CfgTuple t => new CfgTuple(t.Items.Select(i => WithSpan(i, span)).ToList(), span),
        _ => v with { Span = span },
    };

    /// <summary>A TLA+ string literal (TLC's escapes, as the checker prints strings).</summary>
    public static string Quote(string s) => Ops.Tla.Values.StringValue.Quote(s);
}
