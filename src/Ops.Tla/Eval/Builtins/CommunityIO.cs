using System.Globalization;
using System.Text;
using Ops.Tla.Values;

namespace Ops.Tla.Eval.Builtins;

/// <summary>
/// IOUtils (CommunityModules). The harmless operators are implemented (IOEnv, atoi, zeroPadN, and the plain-text
/// Serialize / Deserialize of TLC's override); those that run external processes (IOExec and its variants) or use
/// TLC's binary value format (IOSerialize / IODeserialize) fail with a <see cref="ValueException"/>. Relative file
/// names are resolved against the current directory, as TLC does.
/// </summary>
internal static class IOUtilsModule
{
    public static BuiltinModule Create() =>
        new BuiltinModule("IOUtils")
            .Add("IOSerialize", 3, _ => throw Unsupported("IOSerialize", "TLC's binary value format is not supported; use Serialize with format \"TXT\" or Json!JsonSerialize"))
            .Add("IODeserialize", 2, _ => throw Unsupported("IODeserialize", "TLC's binary value format is not supported; use Deserialize with format \"TXT\" or Json!JsonDeserialize"))
            .Add("Serialize", 3, a => Serialize(a[0], a[1], a[2]))
            .Add("Deserialize", 2, a => Deserialize(a[0], a[1]))
            .Add("IOExec", 1, _ => throw Unsupported("IOExec", "running external processes is not supported"))
            .Add("IOEnvExec", 2, _ => throw Unsupported("IOEnvExec", "running external processes is not supported"))
            .Add("IOExecTemplate", 2, _ => throw Unsupported("IOExecTemplate", "running external processes is not supported"))
            .Add("IOEnvExecTemplate", 3, _ => throw Unsupported("IOEnvExecTemplate", "running external processes is not supported"))
            .Add("IOEnv", 0, _ => Env)
            .Add("atoi", 1, a => Atoi(a[0]))
            .Add("zeroPadN", 2, a => ZeroPadN(a[0], a[1]))
            .OverridingInText("IOSerialize", "IODeserialize", "Serialize", "Deserialize", "IOExec", "IOEnvExec",
                "IOExecTemplate", "IOEnvExecTemplate", "IOEnv", "atoi")
            .WithEffects("IOSerialize", "IODeserialize", "Serialize", "Deserialize", "IOExec", "IOEnvExec",
                "IOExecTemplate", "IOEnvExecTemplate");

    private static ValueException Unsupported(string op, string why) => new($"IOUtils!{op} cannot be evaluated: {why}.");

    /// <summary>The environment IOEnv answers in this flow (the check's and the threads it starts), from
    /// <see cref="Checking.CheckOptions.EnvironmentVariables"/>: the library reads no environment of its own.</summary>
    private static readonly AsyncLocal<IReadOnlyDictionary<string, string>> Environment = new();

    /// <summary>IOEnv answers <paramref name="variables"/> (null: the empty record) in this flow until disposed.</summary>
    public static IDisposable WithEnvironment(IReadOnlyDictionary<string, string> variables)
    {
        var before = Environment.Value;
        Environment.Value = variables;
        return new Restore(before);
    }

    private sealed class Restore(IReadOnlyDictionary<string, string> before) : IDisposable
    {
        public void Dispose() => Environment.Value = before;
    }

    /// <summary>The environment given as a record (made once per model, as TLC reads it once per run: the record's
    /// canonical order depends on the model's string order, so it is not shared between models).</summary>
    private static readonly object EnvKey = new();
    private static Value Env => StringOrder.Current is { } order ? order.Cached(EnvKey, MakeEnv) : MakeEnv();

    private static Value MakeEnv()
    {
        var keys = new List<Value>();
        var vals = new List<Value>();
        foreach (var (name, value) in Environment.Value ?? new Dictionary<string, string>())
        {
            keys.Add(StringValue.Of(name));
            vals.Add(StringValue.Of(value ?? ""));
        }
        return FcnValue.FromPairs(keys, vals);
    }

    /// <summary>Java's Integer.parseInt: an optional sign and decimal digits, within 32 bits.</summary>
    public static Value Atoi(Value v)
    {
        if (v is StringValue s && TryParseJavaInt(s.S, out var n)) return IntValue.Of(n);
        throw Err.OneArg("atoi", "string", v);
    }

    private static bool TryParseJavaInt(string s, out int n)
    {
        n = 0;
        if (s.Length == 0) return false;
        int i = 0;
        bool neg = false;
        if (s[0] == '-' || s[0] == '+')
        {
            neg = s[0] == '-';
            i = 1;
            if (s.Length == 1) return false;
        }
        long acc = 0;
        for (; i < s.Length; i++)
        {
            if (!char.IsDigit(s[i])) return false;
            acc = acc * 10 + (long)char.GetNumericValue(s[i]);
            if (acc > (long)int.MaxValue + 1) return false;
        }
        if (neg) acc = -acc;
        if (acc > int.MaxValue || acc < int.MinValue) return false;
        n = (int)acc;
        return true;
    }

    /// <summary>ToString(n) padded on the left with "0" up to width characters.</summary>
    public static Value ZeroPadN(Value n, Value width)
    {
        var s = n.ToString();
        if (width is not IntValue w)
            throw new ValueException($"Attempted to compute the value of an expression of the form {Err.Show(width)} - Len(ToString(n)) in zeroPadN, but {Err.Show(width)} is not an integer.");
        long pad = w.V - s.Length;
        return StringValue.Of(pad > 0 ? new string('0', (int)Math.Min(pad, 1_000_000)) + s : s);
    }

    private static readonly string[] ExecFields = { "exitValue", "stdout", "stderr" };

    private static Value ExecResult(int exit, string stdout, string stderr) =>
        FcnValue.Record(ExecFields, new Value[] { IntValue.Of(exit), StringValue.Of(stdout), StringValue.Of(stderr) });

    /// <summary>
    /// Serialize(payload, file, [format |-&gt; "TXT", charset |-&gt; cs, openOptions |-&gt; &lt;&lt;"WRITE", "CREATE", ...&gt;&gt;]):
    /// writes a string to a file; the result is [exitValue, stdout, stderr] as in TLC's override.
    /// </summary>
    public static Value Serialize(Value payload, Value dest, Value options)
    {
        const string invalid = "Serialize error invalid parameters: ";
        var opts = Conv.Fcn(options);
        if (opts == null || !(opts.IsRecord || opts.Size == 0))
            return ExecResult(1, "", invalid + "java.lang.ClassCastException: the options are not a record: " + Err.Show(options));
        if (!IsTxt(opts, "Serialize")) throw UnsupportedFormat("Serialize", opts);
        string text, path, charset;
        string[] openOptions;
        try
        {
            text = Str(payload, "payload");
            path = Str(dest, "file name");
            var oo = Conv.Tuple(opts.Apply(StringValue.Of("openOptions")) ?? throw new FormatException("no openOptions field"))
                     ?? throw new FormatException("openOptions is not a sequence");
            openOptions = oo.Vals.Select(v => Str(v, "open option")).ToArray();
            charset = Str(opts.Apply(StringValue.Of("charset")) ?? throw new FormatException("no charset field"), "charset");
        }
        catch (FormatException e)
        {
            return ExecResult(1, "", invalid + "java.lang.ClassCastException: " + e.Message);
        }
        try
        {
            var enc = JavaCharset(charset);
            WriteText(path, Encode(enc, text, charset), openOptions);
            return ExecResult(0, "Finish writting to the file with success!", "");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return ExecResult(1, "", "Serialize error writting to the file: " + JavaException(e, path));
        }
    }

    /// <summary>Deserialize(file, [format |-&gt; "TXT", charset |-&gt; cs]): [exitValue |-&gt; 0, stdout |-&gt; contents, stderr |-&gt; ""].</summary>
    public static Value Deserialize(Value src, Value options)
    {
        const string invalid = "Deserialize error invalid parameters: ";
        var opts = Conv.Fcn(options);
        if (opts == null || !(opts.IsRecord || opts.Size == 0))
            return ExecResult(1, "", invalid + "java.lang.ClassCastException: the options are not a record: " + Err.Show(options));
        if (!IsTxt(opts, "Deserialize")) throw UnsupportedFormat("Deserialize", opts);
        string path, charset;
        try
        {
            path = Str(src, "file name");
            charset = Str(opts.Apply(StringValue.Of("charset")) ?? throw new FormatException("no charset field"), "charset");
        }
        catch (FormatException e)
        {
            return ExecResult(1, "", invalid + "java.lang.ClassCastException: " + e.Message);
        }
        try
        {
            var enc = JavaCharset(charset);
            var text = enc.GetString(File.ReadAllBytes(path));
            if (text.Length > 0 && text[0] == '\uFEFF' && charset.ToUpperInvariant().StartsWith("UTF-16")) text = text[1..];
            return ExecResult(0, text, "");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return ExecResult(1, "", "Deserialize error reading from the file: " + JavaException(e, path));
        }
    }

    private static bool IsTxt(FcnValue opts, string op)
    {
        var f = opts.Apply(StringValue.Of("format"));
        if (f == null)
            throw new ValueException($"Attempted to access the field format of the record {Err.Show(opts)}, which has no such field");
        if (f is not StringValue s)
            throw new ValueException($"{op}: the format field of the options should be a string, but instead it is:\n{Err.Show(f)}");
        return s.S == "TXT";
    }

    private static ValueException UnsupportedFormat(string op, FcnValue opts) =>
        new($"IOUtils!{op} supports only the format \"TXT\", but the options are:\n{Err.Show(opts)}");

    private static string Str(Value v, string what) =>
        v is StringValue s ? s.S : throw new FormatException($"the {what} is not a string: {Err.Show(v)}");

    private static Encoding JavaCharset(string name)
    {
        switch (name.ToUpperInvariant().Replace('_', '-'))
        {
            case "UTF-8":
            case "UTF8": return new UTF8Encoding(false);
            case "US-ASCII":
            case "ASCII": return Encoding.ASCII;
            case "ISO-8859-1":
            case "LATIN1": return Encoding.Latin1;
            case "UTF-16BE": return new UnicodeEncoding(true, false);
            case "UTF-16LE": return new UnicodeEncoding(false, false);
            case "UTF-16": return new UnicodeEncoding(true, true);
            default: throw new ArgumentException("java.nio.charset.UnsupportedCharsetException: " + name);
        }
    }

    private static byte[] Encode(Encoding enc, string text, string charset)
    {
        var body = enc.GetBytes(text);
        if (charset.ToUpperInvariant() != "UTF-16") return body;
        // Java's UTF-16 encoder writes a big-endian byte-order mark.
        return new byte[] { 0xFE, 0xFF }.Concat(body).ToArray();
    }

    /// <summary>Files.write with Java's StandardOpenOptions (none: CREATE, TRUNCATE_EXISTING, WRITE).</summary>
    private static void WriteText(string path, byte[] bytes, string[] options)
    {
        var set = new HashSet<string>(options, StringComparer.Ordinal);
        foreach (var o in set)
            if (o is not ("READ" or "WRITE" or "APPEND" or "TRUNCATE_EXISTING" or "CREATE" or "CREATE_NEW" or "DELETE_ON_CLOSE" or "SPARSE" or "SYNC" or "DSYNC"))
                throw new ArgumentException($"java.lang.IllegalArgumentException: No enum constant java.nio.file.StandardOpenOption.{o}");
        if (set.Count == 0) set = new HashSet<string> { "CREATE", "TRUNCATE_EXISTING", "WRITE" };
        if (set.Contains("READ")) throw new ArgumentException("java.lang.IllegalArgumentException: READ not allowed");
        if (set.Contains("APPEND") && set.Contains("TRUNCATE_EXISTING"))
            throw new ArgumentException("java.lang.IllegalArgumentException: READ + APPEND not allowed");
        bool exists = File.Exists(path);
        if (set.Contains("CREATE_NEW") && exists) throw new IOException("java.nio.file.FileAlreadyExistsException: " + path);
        if (!exists && !set.Contains("CREATE") && !set.Contains("CREATE_NEW")) throw new IOException("java.nio.file.NoSuchFileException: " + path);
        using var fs = new FileStream(path, FileMode.OpenOrCreate, FileAccess.Write);
        if (set.Contains("TRUNCATE_EXISTING")) fs.SetLength(0);
        if (set.Contains("APPEND")) fs.Seek(0, SeekOrigin.End);
        fs.Write(bytes, 0, bytes.Length);
    }

    private static string JavaException(Exception e, string path) => e switch
    {
        FileNotFoundException or DirectoryNotFoundException => "java.nio.file.NoSuchFileException: " + path,
        UnauthorizedAccessException => "java.nio.file.AccessDeniedException: " + path,
        _ when e.Message.StartsWith("java.") => e.Message,
        _ => "java.io.IOException: " + e.Message,
    };
}

/// <summary>Json (CommunityModules): TLC's override (gson) for ToJson*, JsonSerialize/JsonDeserialize and their ndJson variants.</summary>
internal static class JsonModule
{
    public static BuiltinModule Create() =>
        new BuiltinModule("Json")
            .Add("ToJson", 1, a => StringValue.Of(Node(a[0])))
            .Add("ToJsonArray", 1, a => StringValue.Of(ArrayNode(a[0])))
            .Add("ToJsonObject", 1, a => StringValue.Of(ObjectNode(a[0])))
            .Add("JsonSerialize", 2, a => Serialize(a[0], a[1], "JsonSerialize", nd: false))
            .Add("JsonDeserialize", 1, a => Deserialize(a[0], "JsonDeserialize", nd: false))
            .Add("ndJsonSerialize", 2, a => Serialize(a[0], a[1], "ndJsonSerialize", nd: true))
            .Add("ndJsonDeserialize", 1, a => Deserialize(a[0], "ndJsonDeserialize", nd: true))
            .WithEffects("JsonSerialize", "JsonDeserialize", "ndJsonSerialize", "ndJsonDeserialize");

    private static ValueException Unsupported(Value v) =>
        new($"Cannot convert value: unsupported value type {Err.Show(v)}");

    /// <summary>The JSON text of a value: records as objects, sequences and sets as arrays, scalars as themselves.</summary>
    public static string Node(Value v)
    {
        var sb = new StringBuilder();
        WriteNode(sb, v);
        return sb.ToString();
    }

    public static string ArrayNode(Value v)
    {
        var sb = new StringBuilder();
        switch (v)
        {
            case FcnBase f:
                WriteFcn(sb, f.ToFcn(), preferArray: true);
                break;
            case SetBase s when s.IsFinite:
                WriteArray(sb, s.ToEnumerated().Elems);
                break;
            default: throw Unsupported(v);
        }
        return sb.ToString();
    }

    public static string ObjectNode(Value v)
    {
        var sb = new StringBuilder();
        if (v is not FcnBase f) throw Unsupported(v);
        var fn = f.ToFcn();
        if (fn.IsTuple && !fn.BuiltAsFunction)
        {
            // A tuple becomes an object with the keys "0", "1", ... (a function with domain 1..n an array).
            sb.Append('{');
            for (int i = 0; i < fn.Size; i++)
            {
                if (i > 0) sb.Append(',');
                WriteString(sb, i.ToString(CultureInfo.InvariantCulture));
                sb.Append(':');
                WriteNode(sb, fn.Vals[i]);
            }
            sb.Append('}');
        }
        else WriteFcn(sb, fn, preferArray: false);
        return sb.ToString();
    }

    private static void WriteNode(StringBuilder sb, Value v)
    {
        switch (v)
        {
            case StringValue s: WriteString(sb, s.S); break;
            case ModelValue m: WriteString(sb, m.ToString()); break;
            case IntValue i: sb.Append(i.V.ToString(CultureInfo.InvariantCulture)); break;
            case BoolValue b: sb.Append(b.B ? "true" : "false"); break;
            case FcnBase f: WriteFcn(sb, f.ToFcn(), preferArray: true); break;
            case SetBase s when s.IsFinite: WriteArray(sb, s.ToEnumerated().Elems); break;
            default: throw Unsupported(v);
        }
    }

    /// <summary>A sequence (domain 1..n) as an array; any other function as an object.</summary>
    private static void WriteFcn(StringBuilder sb, FcnValue f, bool preferArray)
    {
        if (f.IsTuple)
        {
            WriteArray(sb, f.Vals);
            return;
        }
        sb.Append('{');
        for (int i = 0; i < f.Size; i++)
        {
            if (i > 0) sb.Append(',');
            var k = f.Keys[i];
            WriteString(sb, k is StringValue s ? s.S : k.ToString());
            sb.Append(':');
            WriteNode(sb, f.Vals[i]);
        }
        sb.Append('}');
    }

    private static void WriteArray(StringBuilder sb, IEnumerable<Value> elems)
    {
        sb.Append('[');
        bool first = true;
        foreach (var e in elems)
        {
            if (!first) sb.Append(',');
            first = false;
            WriteNode(sb, e);
        }
        sb.Append(']');
    }

    /// <summary>gson's string escaping (not HTML-safe).</summary>
    public static void WriteString(StringBuilder sb, string s)
    {
        sb.Append('"');
        foreach (var c in s)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\t': sb.Append("\\t"); break;
                case '\b': sb.Append("\\b"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\f': sb.Append("\\f"); break;
                case '\u2028': sb.Append("\\u2028"); break;
                case '\u2029': sb.Append("\\u2029"); break;
                default:
                    if (c < 0x20) sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    else sb.Append(c);
                    break;
            }
        }
        sb.Append('"');
    }

    private static Value Serialize(Value path, Value v, string op, bool nd)
    {
        var file = path as StringValue ?? throw Err.Arg("first", op, "string", path);
        var sb = new StringBuilder();
        if (nd)
        {
            var seq = Conv.Tuple(v) ?? throw Err.Arg("second", op, "sequence", v);
            foreach (var e in seq.Vals) sb.Append(Node(e)).Append('\n');
        }
        else
        {
            // JsonSerialize writes a sequence or a record as one JSON value (CommunityModules' Json.serialize).
            if (Conv.Tuple(v) == null && !(Conv.Fcn(v) is { IsRecord: true }))
                throw Err.Arg("second", op, "sequence or record", v);
            sb.Append(Node(v));
        }
        try
        {
            var dir = Path.GetDirectoryName(Path.GetFullPath(file.S));
            if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
            File.WriteAllText(file.S, sb.ToString(), new UTF8Encoding(false));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new ValueException($"{op}: cannot write {file.S}: {e.Message}");
        }
        return BoolValue.True;
    }

    private static Value Deserialize(Value path, string op, bool nd)
    {
        var file = path as StringValue ?? throw Err.Arg("first", op, "string", path);
        string text;
        try
        {
            text = File.ReadAllText(file.S);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new ValueException($"{op}: cannot read {file.S}: {e.Message}");
        }
        if (!nd) return Parse(text, op);
        var values = new List<Value>();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length > 0) values.Add(Parse(line, op));
        }
        return FcnValue.Tuple(values);
    }

    /// <summary>Parses one JSON value: objects become records, arrays tuples, numbers integers.</summary>
    public static Value Parse(string text, string op = "JsonDeserialize")
    {
        var p = new Parser(text, op);
        p.SkipWs();
        var v = p.ParseValue();
        p.SkipWs();
        if (!p.AtEnd) throw p.Error("unexpected text after the JSON value");
        return v;
    }

    private sealed class Parser
    {
        private readonly string _s;
        private readonly string _op;
        private int _i;

        public Parser(string s, string op) { _s = s; _op = op; }

        public bool AtEnd => _i >= _s.Length;

        public ValueException Error(string what) => new($"{_op}: malformed JSON at offset {_i}: {what}");

        public void SkipWs()
        {
            while (_i < _s.Length && (_s[_i] is ' ' or '\t' or '\n' or '\r' or '\uFEFF')) _i++;
        }

        private char Peek => _i < _s.Length ? _s[_i] : '\0';

        private void Expect(char c)
        {
            if (Peek != c) throw Error($"expected '{c}'");
            _i++;
        }

        public Value ParseValue()
        {
            SkipWs();
            switch (Peek)
            {
                case '{': return ParseObject();
                case '[': return ParseArray();
                case '"': return StringValue.Of(ParseString());
                case 't': Word("true"); return BoolValue.True;
                case 'f': Word("false"); return BoolValue.False;
                case 'n': Word("null"); throw new ValueException($"{_op}: JSON null has no TLA+ value");
                default:
                    if (Peek == '-' || char.IsDigit(Peek)) return ParseNumber();
                    throw Error("expected a JSON value");
            }
        }

        private void Word(string w)
        {
            if (string.CompareOrdinal(_s, _i, w, 0, w.Length) != 0) throw Error($"expected {w}");
            _i += w.Length;
        }

        private Value ParseNumber()
        {
            int start = _i;
            if (Peek == '-') _i++;
            while (char.IsDigit(Peek)) _i++;
            bool integral = true;
            if (Peek == '.') { integral = false; _i++; while (char.IsDigit(Peek)) _i++; }
            if (Peek is 'e' or 'E')
            {
                integral = false;
                _i++;
                if (Peek is '+' or '-') _i++;
                while (char.IsDigit(Peek)) _i++;
            }
            var tok = _s[start.._i];
            if (integral && long.TryParse(tok, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n)
                && n >= int.MinValue && n <= int.MaxValue)
                return IntValue.Of(n);
            throw new ValueException($"{_op}: the JSON number {tok} is not a 32-bit integer");
        }

        private string ParseString()
        {
            Expect('"');
            var sb = new StringBuilder();
            while (true)
            {
                if (AtEnd) throw Error("unterminated string");
                char c = _s[_i++];
                if (c == '"') break;
                if (c != '\\') { sb.Append(c); continue; }
                if (AtEnd) throw Error("unterminated escape");
                char e = _s[_i++];
                switch (e)
                {
                    case '"': sb.Append('"'); break;
                    case '\\': sb.Append('\\'); break;
                    case '/': sb.Append('/'); break;
                    case 'b': sb.Append('\b'); break;
                    case 'f': sb.Append('\f'); break;
                    case 'n': sb.Append('\n'); break;
                    case 'r': sb.Append('\r'); break;
                    case 't': sb.Append('\t'); break;
                    case 'u':
                        if (_i + 4 > _s.Length || !int.TryParse(_s.AsSpan(_i, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var code))
                            throw Error("bad \\u escape");
                        sb.Append((char)code);
                        _i += 4;
                        break;
                    default: throw Error($"bad escape \\{e}");
                }
            }
            return sb.ToString();
        }

        private Value ParseArray()
        {
            Expect('[');
            var items = new List<Value>();
            SkipWs();
            if (Peek == ']') { _i++; return FcnValue.EmptyTuple; }
            while (true)
            {
                items.Add(ParseValue());
                SkipWs();
                if (Peek == ',') { _i++; continue; }
                Expect(']');
                return FcnValue.Tuple(items);
            }
        }

        private Value ParseObject()
        {
            Expect('{');
            var keys = new List<string>();
            var vals = new List<Value>();
            SkipWs();
            if (Peek == '}') { _i++; return FcnValue.EmptyTuple; }
            while (true)
            {
                SkipWs();
                var k = ParseString();
                SkipWs();
                Expect(':');
                var v = ParseValue();
                // gson keeps the last of duplicate keys.
                int at = keys.IndexOf(k);
                if (at >= 0) vals[at] = v;
                else { keys.Add(k); vals.Add(v); }
                SkipWs();
                if (Peek == ',') { _i++; continue; }
                Expect('}');
                return FcnValue.Record(keys, vals);
            }
        }
    }
}
