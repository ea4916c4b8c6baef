using System.Text;

namespace Ops.Tla.Values;

/// <summary>
/// TLC's pretty printer for values in messages and Print output (tlc2.pprint, used by Values.ppr): a value's
/// printed form that does not fit in 80 columns is re-parsed and broken over lines, "{ a,\n  b }" style.
/// A printed form the printer cannot parse (as TLC's, e.g. a model value with an underscore) is left as it is.
/// </summary>
public static class Ppr
{
    public const int Width = 80;

    public static string Format(Value v) => Format(v.ToString());

    public static string Format(string s, int width = Width)
    {
        if (string.IsNullOrEmpty(s) || s.Length <= width) return s;
        try
        {
            var tree = Parser.Parse(s, 0);
            if (tree.Last < s.Length - 1) return s;
            return Formatter.Format(tree, width, 0, "");
        }
        catch (Exception e) when (e is FormatException or IndexOutOfRangeException or ArgumentOutOfRangeException)
        {
            return s;
        }
    }

    private enum Kind { Constant, Set, Sequence, Record, RecordPair, Function, FunctionPair, Subset }

    private sealed class Node
    {
        public readonly string Str;
        public readonly Kind Type;
        public readonly int First;
        public int Last;
        public Node Children;
        public Node Next;

        public Node(string s, int first, int last, Kind type) { Str = s; First = first; Last = last; Type = type; }

        public string Text => Str.Substring(First, Last - First + 1);
        public int Length => Last - First + 1;
    }

    private static class Parser
    {
        private static char At(string s, int i) => i < s.Length ? s[i] : throw new IndexOutOfRangeException();

        public static Node Parse(string s, int index)
        {
            index = SkipWhitespace(s, index);
            char c = At(s, index);
            if (c == '{') return ParseList(s, index, Kind.Set, '}', 1);
            if (c == '<') return ParseList(s, index, Kind.Sequence, '>', 2);
            if (c == '[') return ParsePairs(s, index, Kind.Record, ']', "|->", ",", Kind.RecordPair);
            if (c == '(') return ParsePairs(s, index, Kind.Function, ')', ":>", "@@", Kind.FunctionPair);
            if (string.CompareOrdinal(s, index, "SUBSET", 0, 6) == 0 && index + 6 <= s.Length) return ParseSubset(s, index);
            return ParseConstant(s, index);
        }

        private static Node ParseList(string s, int index, Kind kind, char close, int openLen)
        {
            var node = new Node(s, index, 0, kind);
            Node first = null, last = null;
            int i = SkipWhitespace(s, index + openLen);
            while (At(s, i) != close)
            {
                var elt = Parse(s, i);
                if (first == null) first = elt; else last.Next = elt;
                last = elt;
                i = SkipWhitespace(s, elt.Last + 1);
                if (At(s, i) == ',') i++;
                i = SkipWhitespace(s, i);
            }
            if (kind == Kind.Sequence) i++; // the second '>' of ">>"
            node.Children = first;
            node.Last = i;
            return node;
        }

        private static Node ParsePairs(string s, int index, Kind kind, char close, string div, string sep, Kind pairKind)
        {
            var node = new Node(s, index, 0, kind);
            Node first = null, last = null;
            int i = SkipWhitespace(s, index + 1);
            while (At(s, i) != close)
            {
                var pair = ParsePair(s, i, div, pairKind);
                if (first == null) first = pair; else last.Next = pair;
                last = pair;
                i = SkipWhitespace(s, pair.Last + 1);
                if (string.CompareOrdinal(s, i, sep, 0, sep.Length) == 0 && i + sep.Length <= s.Length) i += sep.Length;
                i = SkipWhitespace(s, i);
            }
            node.Children = first;
            node.Last = i;
            return node;
        }

        private static Node ParsePair(string s, int index, string div, Kind kind)
        {
            var node = new Node(s, index, 0, kind);
            var key = Parse(s, index);
            int i = SkipWhitespace(s, key.Last + 1);
            if (!(i + div.Length <= s.Length && string.CompareOrdinal(s, i, div, 0, div.Length) == 0))
                throw new FormatException("missing " + div);
            i = SkipWhitespace(s, i + div.Length);
            var val = Parse(s, i);
            key.Next = val;
            node.Children = key;
            node.Last = val.Last;
            return node;
        }

        private static Node ParseSubset(string s, int index)
        {
            var node = new Node(s, index, 0, Kind.Subset);
            var elt = Parse(s, SkipWhitespace(s, index + 6));
            node.Children = elt;
            node.Last = elt.Last;
            return node;
        }

        private static Node ParseConstant(string s, int index)
        {
            int first = SkipWhitespace(s, index);
            int last = first;
            if (At(s, first) == '"')
            {
                do last++; while (At(s, last) != '"');
                return new Node(s, first, last, Kind.Constant);
            }
            if (char.IsDigit(At(s, last)))
            {
                var iv = ParseInterval(s, index);
                if (iv != null) return iv;
            }
            if (At(s, last) == '-')
            {
                last++;
                while (char.IsDigit(At(s, last)))
                {
                    last++;
                    if (last == s.Length) break;
                }
                last--;
                return new Node(s, first, last, Kind.Constant);
            }
            if (char.IsLetterOrDigit(At(s, last)))
            {
                while (char.IsLetterOrDigit(At(s, last)))
                {
                    last++;
                    if (last == s.Length) break;
                }
                last--;
                return new Node(s, first, last, Kind.Constant);
            }
            throw new FormatException("illegal character in a constant");
        }

        private static Node ParseInterval(string s, int index)
        {
            int last = index;
            if (last >= s.Length || !char.IsDigit(s[last])) return null;
            while (last < s.Length && char.IsDigit(s[last])) last++;
            if (string.CompareOrdinal(s, last, "..", 0, 2) != 0 || last + 2 > s.Length) return null;
            last += 2;
            if (last >= s.Length || !char.IsDigit(s[last])) return null;
            while (char.IsDigit(s[last]))
            {
                last++;
                if (last == s.Length) break;
            }
            last--;
            return new Node(s, index, last, Kind.Constant);
        }

        private static int SkipWhitespace(string s, int i)
        {
            while (char.IsWhiteSpace(At(s, i))) i++;
            return i;
        }
    }

    private static class Formatter
    {
        public static string Format(Node value, int width, int trailer, string pad)
        {
            if (value.Length <= width - trailer) return value.Text;
            return value.Type switch
            {
                Kind.Constant => value.Text,
                Kind.Set => Simple(value, width, trailer, pad, "{ ", " }", "  ", ","),
                Kind.Sequence => Simple(value, width, trailer, pad, "<< ", " >>", "   ", ","),
                Kind.Function => Pairs(value, width, trailer, pad, "( ", " )", "  ", " @@", " :>", "    "),
                Kind.Record => Pairs(value, width, trailer, pad, "[ ", " ]", "  ", ",", " |->", "    "),
                Kind.Subset => Simple(value, width, trailer, pad, "SUBSET ", " ", " ", ","),
                _ => throw new FormatException("unexpected node"),
            };
        }

        private static string Simple(Node list, int width, int trailer, string pad, string open, string close, string listPad, string sep)
        {
            var sb = new StringBuilder(open);
            int w = width - Math.Max(open.Length, listPad.Length);
            int t = trailer + close.Length;
            string p = pad + listPad;
            for (var v = list.Children; v != null; v = v.Next)
            {
                if (v.Next != null) sb.Append(Format(v, w, sep.Length, p)).Append(sep).Append('\n').Append(p);
                else sb.Append(Format(v, w, t, p));
            }
            return sb.Append(close).ToString();
        }

        private static string Pairs(Node list, int width, int trailer, string pad, string open, string close, string listPad,
            string sep, string div, string divPad)
        {
            var sb = new StringBuilder(open);
            int w = width - Math.Max(open.Length, listPad.Length);
            int t = trailer + close.Length;
            string p = pad + listPad;
            for (var pair = list.Children; pair != null; pair = pair.Next)
            {
                var arg = pair.Children;
                var val = arg.Next;
                if (pair.Next != null)
                {
                    if (arg.Length + div.Length + 1 + val.Length + sep.Length <= w)
                        sb.Append(arg.Text).Append(div).Append(' ').Append(val.Text).Append(sep).Append('\n').Append(p);
                    else if (arg.Length + div.Length <= w)
                        sb.Append(arg.Text).Append(div).Append('\n').Append(p).Append(divPad)
                          .Append(Format(val, w - divPad.Length, sep.Length, p + divPad)).Append(sep).Append('\n').Append(p);
                    else
                        sb.Append(Format(arg, w, t + div.Length, p)).Append(div).Append('\n').Append(p).Append(divPad)
                          .Append(Format(val, w - divPad.Length, sep.Length, p + divPad)).Append(sep).Append('\n').Append(p);
                    continue;
                }
                if (arg.Length + div.Length + 1 + val.Length <= w - t)
                    sb.Append(arg.Text).Append(div).Append(' ').Append(val.Text);
                else if (arg.Length + div.Length <= w)
                    sb.Append(arg.Text).Append(div).Append('\n').Append(p).Append(divPad)
                      .Append(Format(val, w - divPad.Length, t, p + divPad));
                else
                    sb.Append(Format(arg, w, t + div.Length, p)).Append(div).Append('\n').Append(p).Append(divPad)
                      .Append(Format(val, w - divPad.Length, t, p + divPad));
            }
            return sb.Append(close).ToString();
        }
    }
}
