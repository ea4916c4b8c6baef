using Ops.Tla.Syntax;

namespace Ops.Tla.Config;

/// <summary>
/// Reads a TLC model configuration (.cfg) into a <see cref="ModelConfig"/>, accepting what TLC's
/// <c>tlc2.tool.impl.ModelConfig</c> accepts. Every problem is reported as a
/// <see cref="TlaException"/> of kind <see cref="ErrorKind.Config"/> with file, line and column.
/// </summary>
/// <remarks>
/// The file is a sequence of sections, each opened by a keyword (case-sensitive) and running to the next:
/// <list type="bullet">
/// <item><c>INIT</c>, <c>NEXT</c>, <c>SPECIFICATION</c>, <c>SYMMETRY</c>, <c>VIEW</c>, <c>ALIAS</c>:
/// exactly one name; at most once per file.</item>
/// <item><c>INVARIANT(S)</c>, <c>PROPERTY</c>/<c>PROPERTIES</c>, <c>CONSTRAINT(S)</c>,
/// <c>ACTION_CONSTRAINT(S)</c>, <c>POSTCONDITION(S)</c>, <c>_POSSIBLE</c>: zero or more names; repeated sections
/// accumulate.</item>
/// <item><c>CHECK_DEADLOCK TRUE|FALSE</c>: at most once.</item>
/// <item><c>CONSTANT(S)</c>: entries <c>N = value</c>, <c>N = [M] value</c>, <c>N &lt;- Op</c>,
/// <c>N &lt;- [M] Op</c>, <c>F(v1, ..., vn) = value</c>; N may be an operator symbol or <c>A!B</c>.
/// Values are integers (also negative), strings, TRUE, FALSE, model values (bare names) and <c>{...}</c> sets.</item>
/// </list>
/// </remarks>
public static class ConfigParser
{
    /// <summary>Reads and parses the file at <paramref name="path"/>.</summary>
    public static ModelConfig ParseFile(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException
                                      or NotSupportedException or System.Security.SecurityException)
        {
            // TLC: a ConfigFileException, reported as "TLC threw an unexpected exception", exit 255.
            throw new TlaException(ErrorKind.Config, new SourceSpan(path ?? "", 0, 0, 0, 0),
                $"cannot read configuration file '{path}': {e.Message}") { ExitCode = ExitStatus.SystemError };
        }
        if (path.EndsWith(".tla", StringComparison.Ordinal))
            text = MonolithConfig(text, Path.GetFileNameWithoutExtension(path));
        return Parse(text, path);
    }

    /// <summary>
    /// The configuration embedded in a .tla file ("monolith" spec), as TLC's MonolithSpecExtractor finds it: the
    /// lines after the first line of the form <c>---- CONFIG name ----</c> (four or more dashes on each side, name
    /// the file's module name) up to the next line starting with <c>====</c>. Every other line is blanked, so that
    /// positions in errors stay those of the .tla file. A file without such a section gives an empty configuration.
    /// </summary>
    public static string MonolithConfig(string text, string name)
    {
        var lines = (text ?? "").Split('\n');
        var start = new System.Text.RegularExpressions.Regex(
            @"^-----*\s*CONFIG\s+" + System.Text.RegularExpressions.Regex.Escape(name) + @"\s*-----*\r?$");
        var sb = new System.Text.StringBuilder();
        int state = 0; // 0: before the section, 1: inside it, 2: after it
        foreach (var line in lines)
        {
            if (state == 1 && line.StartsWith("====", StringComparison.Ordinal)) state = 2;
            sb.Append(state == 1 ? line.TrimEnd('\r') : "").Append('\n');
            if (state == 0 && start.IsMatch(line)) state = 1;
        }
        return sb.ToString();
    }

    /// <summary>Parses configuration text; <paramref name="filePath"/> is used for spans and messages only.</summary>
    public static ModelConfig Parse(string text, string filePath)
    {
        filePath ??= "";
        try
        {
            var tokens = CfgLexer.Tokenize(text ?? "", filePath);
            return new Parser(tokens, filePath).Run();
        }
        catch (TlaException e) when (e.Kind == ErrorKind.Config && e.ExitCode == null)
        {
            // TLC's parser of the configuration file throws a ConfigFileException that TLC reports as "TLC threw an
            // unexpected exception" and exits 255 (its 151 is for configurations it reads but cannot apply: a name
            // the spec does not define, a constant left without a value).
            throw new TlaException(e.Kind, e.Span, e.Message) { ExitCode = ExitStatus.SystemError };
        }
        catch (TlaException)
        {
            throw;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Safety net: no input may surface as anything but a configuration error.
            throw new TlaException(ErrorKind.Config, new SourceSpan(filePath, 0, 0, 0, 0),
                $"could not read configuration file '{filePath}': {e.Message}") { ExitCode = ExitStatus.SystemError };
        }
    }

    private sealed class Parser
    {
        private static readonly string[] Keywords =
        {
            "CONSTANT", "CONSTANTS", "INIT", "NEXT", "SPECIFICATION", "INVARIANT", "INVARIANTS", "PROPERTY",
            "PROPERTIES", "CONSTRAINT", "CONSTRAINTS", "ACTION_CONSTRAINT", "ACTION_CONSTRAINTS", "SYMMETRY",
            "VIEW", "ALIAS", "POSTCONDITION", "POSTCONDITIONS", "CHECK_DEADLOCK", "_POSSIBLE",
        };

        /// <summary>Keywords TLC knows (so they end a section) but Ops does not implement.</summary>
        private static readonly HashSet<string> Unsupported = new() { "_PERIODIC", "_RL_REWARD" };

        private static readonly HashSet<string> KeywordSet = new(Keywords);

        /// <summary>Symbols that are punctuation, never the name of a definable operator.</summary>
        private static readonly HashSet<string> Delimiters = new()
        {
            "(", ")", "[", "]", "{", "}", ",", ":", "::", ".", "!", "=", "==", "<-", "<<", ">>", ">>_", "]_",
            "|->", "->", "_",
        };

        private const int MaxNesting = 256;

        private readonly List<CfgToken> _tokens;
        private readonly ModelConfig _cfg;
        private int _i;
        private CfgToken _last;
        private SourceSpan? _checkDeadlockAt;
        /// <summary>Argument count per (module, name) for CONSTANT entries, to keep F(..) tables consistent.</summary>
        private readonly Dictionary<(string Module, string Name), (int Arity, SourceSpan At)> _arities = new();

        public Parser(List<CfgToken> tokens, string file)
        {
            _tokens = tokens;
            _cfg = new ModelConfig { FilePath = file };
        }

        private CfgToken Cur => _tokens[_i];

        private CfgToken Take()
        {
            var t = _tokens[_i];
            if (_i < _tokens.Count - 1) _i++;
            _last = t;
            return t;
        }

        private static TlaException Error(SourceSpan span, string message) => new(ErrorKind.Config, span, message);

        /// <summary>A section of names holding something else: TLC's parser takes any token there for a name, which
        /// the spec then does not define, TLC's configuration error 151 (not the 255 of its parser's errors).</summary>
        private static TlaException NameError(SourceSpan span, string message) =>
            new(ErrorKind.Config, span, message) { ExitCode = ExitStatus.ConfigError };

        private static bool IsKeyword(CfgToken t) =>
            t.Kind == CfgTokenKind.Ident && (KeywordSet.Contains(t.Text) || Unsupported.Contains(t.Text));

        private static bool IsSectionEnd(CfgToken t) => t.Kind == CfgTokenKind.Eof || IsKeyword(t);

        /// <summary>An identifier or a user-definable operator symbol such as \prec or ++.</summary>
        private static bool IsName(CfgToken t) =>
            (t.Kind == CfgTokenKind.Ident && !IsKeyword(t))
            || (t.Kind == CfgTokenKind.Symbol && !Delimiters.Contains(t.Text));

        private static string Show(CfgToken t) => t.Kind switch
        {
            CfgTokenKind.Eof => "the end of the file",
            _ when IsKeyword(t) => $"keyword {t.Text}",
            _ => $"'{t.Text}'",
        };

        public ModelConfig Run()
        {
            string singleBefore = null;
            while (Cur.Kind != CfgTokenKind.Eof)
            {
                var kw = Cur;
                if (!IsKeyword(kw)) throw NotAKeyword(kw, singleBefore);
                Take();
                singleBefore = null;
                switch (kw.Text)
                {
                    case "CONSTANT":
                    case "CONSTANTS":
                        while (!IsSectionEnd(Cur)) ParseConstantEntry();
                        break;
                    case "INIT": _cfg.Init = Single(kw, _cfg.Init); singleBefore = kw.Text; break;
                    case "NEXT": _cfg.Next = Single(kw, _cfg.Next); singleBefore = kw.Text; break;
                    case "SPECIFICATION": _cfg.Specification = Single(kw, _cfg.Specification); singleBefore = kw.Text; break;
                    case "SYMMETRY": _cfg.Symmetry = Single(kw, _cfg.Symmetry); singleBefore = kw.Text; break;
                    case "VIEW": _cfg.View = Single(kw, _cfg.View); singleBefore = kw.Text; break;
                    case "ALIAS": _cfg.Alias = Single(kw, _cfg.Alias); singleBefore = kw.Text; break;
                    case "POSTCONDITION":
                    case "POSTCONDITIONS":
                        Names(kw, _cfg.Postconditions, "a postcondition");
                        break;
                    case "_POSSIBLE":
                        Names(kw, _cfg.Possible, "a state or action predicate");
                        break;
                    case "INVARIANT":
                    case "INVARIANTS":
                        Names(kw, _cfg.Invariants, "an invariant");
                        break;
                    case "PROPERTY":
                    case "PROPERTIES":
                        Names(kw, _cfg.Properties, "a property");
                        break;
                    case "CONSTRAINT":
                    case "CONSTRAINTS":
                        Names(kw, _cfg.Constraints, "a state constraint");
                        break;
                    case "ACTION_CONSTRAINT":
                    case "ACTION_CONSTRAINTS":
                        Names(kw, _cfg.ActionConstraints, "an action constraint");
                        break;
                    case "CHECK_DEADLOCK":
                        CheckDeadlock(kw);
                        break;
                    default:
                        throw Error(kw.Span, $"'{kw.Text}' is a TLC-internal keyword that Ops does not support; remove that section");
                }
            }
            return _cfg;
        }

        private TlaException NotAKeyword(CfgToken t, string singleBefore)
        {
            // A word after INIT/NEXT/... 's one name is a second name only when it is on the same line and is not a
            // misspelt keyword (INVARIANTT on the next line starts a section, it is not NEXT's second argument).
            var suggestion = t.Kind == CfgTokenKind.Ident ? Suggest(t.Text) : null;
            bool secondName = singleBefore != null && suggestion == null && _i > 0 && _tokens[_i - 1].Span.EndLine == t.Span.Line;
            string after = secondName ? $"; {singleBefore} takes exactly one name" : "";
            var next = _tokens[Math.Min(_i + 1, _tokens.Count - 1)];
            if (t.Kind == CfgTokenKind.Ident && (next.Is("=") || next.Is("<-")))
                after += $"; constant assignments belong in a CONSTANTS section ('CONSTANTS {t.Text} {next.Text} ...')";
            if (t.Kind == CfgTokenKind.Ident)
            {
                return suggestion != null
                    ? Error(t.Span, $"unknown keyword '{t.Text}'; did you mean '{suggestion}'?{after}")
                    : Error(t.Span, $"unknown keyword '{t.Text}' (expected one of {string.Join(", ", Keywords)}){after}");
            }
            return Error(t.Span,
                $"expected a keyword such as CONSTANTS, INIT, NEXT, SPECIFICATION or INVARIANT, found {Show(t)}{after}");
        }

        /// <summary>The keyword a word was probably meant to be (wrong case or a typo or two), if any.</summary>
        private static string Suggest(string word)
        {
            string best = null;
            int bestDistance = 3;
            foreach (var k in Keywords)
            {
                int d = string.Equals(k, word, StringComparison.OrdinalIgnoreCase) ? 0 : Distance(k, word);
                if (d < bestDistance)
                {
                    best = k;
                    bestDistance = d;
                }
            }
            return best;
        }

        private static int Distance(string a, string b)
        {
            if (Math.Abs(a.Length - b.Length) > 2) return 3;
            var prev = new int[b.Length + 1];
            var cur = new int[b.Length + 1];
            for (int j = 0; j <= b.Length; j++) prev[j] = j;
            for (int i = 1; i <= a.Length; i++)
            {
                cur[0] = i;
                for (int j = 1; j <= b.Length; j++)
                {
                    int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                    cur[j] = Math.Min(Math.Min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
                }
                (prev, cur) = (cur, prev);
            }
            return prev[b.Length];
        }

        /// <summary>A section holding exactly one name (INIT, NEXT, ...).</summary>
        private CfgName Single(CfgToken kw, CfgName existing)
        {
            // TLC's parser of the file rejects these (ConfigFileException: "The keyword INIT appeared twice.", a
            // keyword without its name at the end): exit 255; a name it reads but the spec lacks is 151 later.
            if (existing is not null)
                throw Error(kw.Span,
                    $"{kw.Text} is given twice (first as '{existing.Name}' at line {existing.Span.Line}); keep only one");
            var t = Cur;
            if (t.Kind == CfgTokenKind.Eof)
                throw Error(kw.Span, $"{kw.Text} expects the name of a definition after it, but the file ends here");
            if (t.Kind != CfgTokenKind.Ident || IsKeyword(t))
                throw NameError(t.Span, $"{kw.Text} expects the name of a definition, found {Show(t)}; write e.g. '{kw.Text} Name'");
            Take();
            return new CfgName(t.Text, t.Span);
        }

        /// <summary>A section holding any number of names separated by white space. TLC's parser of the file takes
        /// every token up to the next keyword as a name (<c>A!B</c> is A, ! and B; <c>[]P</c> is [] and P; a comma,
        /// a number or a string is one too), and the first it cannot find in the specification is its error
        /// ("The property [] specified in the configuration file is not defined in the specification.", exit 151).</summary>
        private void Names(CfgToken kw, List<CfgName> into, string what)
        {
            while (!IsSectionEnd(Cur))
            {
                var t = Cur;
                Take();
                into.Add(new CfgName(t.Text, t.Span));
            }
        }

        private void CheckDeadlock(CfgToken kw)
        {
            if (_checkDeadlockAt is SourceSpan first)
                throw Error(kw.Span, $"CHECK_DEADLOCK is given twice (first at line {first.Line}); keep only one");
            var t = Cur;
            if (t.Kind == CfgTokenKind.Ident && (t.Text == "TRUE" || t.Text == "FALSE"))
            {
                Take();
                _cfg.CheckDeadlock = t.Text == "TRUE";
                _checkDeadlockAt = kw.Span;
                return;
            }
            throw Error(t.Kind == CfgTokenKind.Eof ? kw.Span : t.Span, $"CHECK_DEADLOCK expects TRUE or FALSE, found {Show(t)}");
        }

        private void ParseConstantEntry()
        {
            var first = Cur;
            if (!IsName(first))
                throw Error(first.Span,
                    $"expected a constant name (or a keyword to start a new section) in CONSTANTS, found {Show(first)}");
            Take();
            string name = first.Text;
            var nameSpan = first.Span;
            while (Cur.Is("!"))
            {
                var bang = Take();
                var part = Cur;
                if (!IsName(part))
                    throw Error(part.Kind == CfgTokenKind.Eof ? bang.Span : part.Span,
                        $"expected a name after '{name}!', found {Show(part)}");
                Take();
                name += "!" + part.Text;
                nameSpan = nameSpan.To(part.Span);
            }

            var entry = new ConstantAssignment { Name = name, NameSpan = nameSpan };
            if (Cur.Is("<-"))
            {
                var arrow = Take();
                entry.Module = ModuleScope(arrow);
                var rhs = Cur;
                if (!IsName(rhs))
                    throw Error(rhs.Kind == CfgTokenKind.Eof ? _last.Span : rhs.Span,
                        $"expected the name of a definition after '{name} <-', found {Show(rhs)}");
                Take();
                entry.SubstituteWith = rhs.Text;
                entry.Span = nameSpan.To(rhs.Span);
            }
            else
            {
                if (Cur.Is("(")) entry.Args = Arguments(name);
                var eq = Cur;
                if (!eq.Is("=")) throw ExpectedAssignment(name, nameSpan, entry.Args is not null, eq);
                Take();
                entry.Module = ModuleScope(eq);
                entry.Value = Value($"'{name} ='", 0);
                entry.Span = nameSpan.To(entry.Value.Span);
            }
            entry.Arity = entry.Args?.Count ?? 0;
            CheckArity(entry);
            _cfg.Constants.Add(entry);
        }

        private TlaException ExpectedAssignment(string name, SourceSpan nameSpan, bool hadArgs, CfgToken found)
        {
            if (hadArgs)
                return Error(found.Kind == CfgTokenKind.Eof ? _last.Span : found.Span,
                    $"expected '=' after '{name}(...)', found {Show(found)}; to substitute an operator write '{name} <- Def' without arguments");
            string message = $"expected '=' or '<-' after constant name '{name}', found {Show(found)}";
            if (found.Kind == CfgTokenKind.Eof) return Error(nameSpan, message);
            if (LooksLikeKeyword(name) && Suggest(name) is string kw)
                return Error(nameSpan, $"{message} ('{name}' is not a keyword; did you mean '{kw}'?)");
            if (found.Is("==") || found.Is(":="))
                return Error(found.Span, $"{message}; a .cfg file assigns with '=' (e.g. '{name} = 3')");
            return Error(found.Span, $"{message}; write e.g. '{name} = 3' or '{name} <- Def'");
        }

        private static bool LooksLikeKeyword(string word) =>
            word.Length > 1 && word.All(c => c == '_' || (c >= 'A' && c <= 'Z'));

        /// <summary>The optional <c>[Module]</c> after '=' or '&lt;-'.</summary>
        private string ModuleScope(CfgToken after)
        {
            if (!Cur.Is("[")) return null;
            var open = Take();
            var module = Cur;
            if (module.Kind != CfgTokenKind.Ident || IsKeyword(module))
                throw Error(module.Kind == CfgTokenKind.Eof ? open.Span : module.Span,
                    $"expected a module name after '{after.Text} [', found {Show(module)}");
            Take();
            if (!Cur.Is("]"))
                throw Error(Cur.Kind == CfgTokenKind.Eof ? module.Span : Cur.Span,
                    $"expected ']' after module name '{module.Text}', found {Show(Cur)}");
            Take();
            return module.Text;
        }

        /// <summary>The argument values of <c>F(v1, ..., vn) = v</c>.</summary>
        private List<CfgValue> Arguments(string name)
        {
            var open = Take();
            var args = new List<CfgValue>();
            while (true)
            {
                args.Add(Value(args.Count == 0 ? $"'{name}('" : "','", 0));
                if (Cur.Is(","))
                {
                    Take();
                    continue;
                }
                if (Cur.Is(")"))
                {
                    Take();
                    return args;
                }
                throw Error(Cur.Kind == CfgTokenKind.Eof ? open.Span : Cur.Span,
                    $"expected ',' or ')' in the arguments of '{name}' opened at line {open.Span.Line}, column {open.Span.Col}, found {Show(Cur)}");
            }
        }

        private void CheckArity(ConstantAssignment entry)
        {
            if (entry.SubstituteWith is not null) return;
            var key = (entry.Module ?? "", entry.Name);
            if (_arities.TryGetValue(key, out var seen))
            {
                if (seen.Arity != entry.Arity && (seen.Arity > 0 || entry.Arity > 0))
                    throw Error(entry.NameSpan,
                        $"'{entry.Name}' is given {Arity(entry.Arity)} here but {Arity(seen.Arity)} at line {seen.At.Line}; "
                        + "every entry for an operator must have the same number of arguments");
            }
            else
            {
                _arities[key] = (entry.Arity, entry.NameSpan);
            }
        }

        private static string Arity(int n) => n == 0 ? "no arguments" : n == 1 ? "1 argument" : $"{n} arguments";

        /// <summary>A number of the file: TLC reads it as a Java int, and a larger one stops it (a NumberFormatException,
        /// "TLC threw an unexpected exception", exit 255).</summary>
        private System.Numerics.BigInteger Int32(CfgToken t) => t.Number <= int.MaxValue ? t.Number
            : throw Error(t.Span, $"The number {t.Text} is too big: TLC's integers are 32-bit, at most 2147483647");

        /// <summary>A value: integer, string, TRUE/FALSE, model value or set.</summary>
        private CfgValue Value(string after, int depth)
        {
            var t = Cur;
            switch (t.Kind)
            {
                case CfgTokenKind.Number:
                    Take();
                    return new CfgInt(Int32(t), t.Span);
                case CfgTokenKind.String:
                    Take();
                    return new CfgString(t.StringValue, t.Span);
                case CfgTokenKind.Ident when !IsKeyword(t):
                    Take();
                    return t.Text switch
                    {
                        "TRUE" => new CfgBool(true, t.Span),
                        "FALSE" => new CfgBool(false, t.Span),
                        _ => new CfgModelValue(t.Text, t.Span),
                    };
                case CfgTokenKind.Symbol when t.Text == "-" && _tokens[_i + 1].Kind == CfgTokenKind.Number:
                    // TLC's configuration grammar has no sign: it stops at the '-' ("It was expecting = or <-", or
                    // "expecting }" inside a set; a ConfigFileException, exit 255), so ops stops too.
                    throw Error(t.Span.To(_tokens[_i + 1].Span),
                        $"TLC's configuration files hold no negative numbers ('-{_tokens[_i + 1].Text}'); define the value "
                        + $"in a TLA+ module (e.g. MinusN == -{_tokens[_i + 1].Text} in MC.tla) and substitute it with 'N <- MinusN'");
                case CfgTokenKind.Symbol when t.Text == "{":
                    return Set(depth);
                case CfgTokenKind.Symbol when t.Text == "<<":
                    throw Error(t.Span,
                        "a .cfg file cannot hold tuples or sequences ('<<...>>'); define the value in a TLA+ module "
                        + "(e.g. MC.tla) and substitute it with 'N <- Def'");
                case CfgTokenKind.Eof:
                    throw Error(_last.Span, $"expected a value after {after}, but the file ends here");
            }
            throw Error(t.Span,
                $"expected a value after {after} (an integer, a string, TRUE, FALSE, a model value or a {{...}} set), found {Show(t)}");
        }

        private CfgSet Set(int depth)
        {
            var open = Take();
            if (depth >= MaxNesting)
                throw Error(open.Span, $"sets are nested more than {MaxNesting} deep");
            var items = new List<CfgValue>();
            if (Cur.Is("}")) return new CfgSet(items, open.Span.To(Take().Span));
            while (true)
            {
                items.Add(Value(items.Count == 0 ? "'{'" : "','", depth + 1));
                if (Cur.Is(","))
                {
                    Take();
                    continue;
                }
                if (Cur.Is("}")) return new CfgSet(items, open.Span.To(Take().Span));
                if (Cur.Kind == CfgTokenKind.Eof)
                    throw Error(open.Span, "set '{' is never closed; add the matching '}'");
                throw Error(Cur.Span,
                    $"expected ',' or '}}' in the set opened at line {open.Span.Line}, column {open.Span.Col}, found {Show(Cur)}");
            }
        }
    }
}
