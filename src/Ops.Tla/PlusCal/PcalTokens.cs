using System.Text;

namespace Ops.Tla.PlusCal;

/// <summary>What a token of the algorithm text is: pcal.trans keeps the kind because only identifiers get primes
/// and <c>[self]</c> subscripts, and only added tokens (<c>pc</c>, <c>stack</c>) get a subscript unconditionally.</summary>
public enum PTokKind { Ident, Number, String, Builtin, Added }

/// <summary>One token of a PlusCal expression. <see cref="Col"/> is the column inside its expression (after
/// normalisation: the leftmost line starts at 0); <see cref="Line"/>/<see cref="SrcCol"/> are the 0-based source
/// position, kept for error messages.</summary>
public sealed class PTok
{
    public string Text;
    public int Col;
    public PTokKind Kind;
    public int Line = -1;
    public int SrcCol = -1;

    public PTok(string text, int col, PTokKind kind) { Text = text; Col = col; Kind = kind; }
    public PTok Clone() => new(Text, Col, Kind) { Line = Line, SrcCol = SrcCol };
    public int Width => Text.Length;
    public override string ToString() => Text;
}

/// <summary>
/// A TLA+ expression as pcal.trans keeps it: lines of tokens with their columns, so that the translation reproduces
/// the user's layout. Each line after the first has an "anchor": the token of an earlier line it was aligned under.
/// When a substitution widens a line (<c>x</c> becomes <c>x'</c> or <c>x[self]</c>), the lines anchored to tokens
/// that moved move with them, as pcal's TLAExpr.renormalize does.
/// </summary>
public sealed class PExpr
{
    public List<List<PTok>> Lines = new();
    private PTok[] _anchor = Array.Empty<PTok>();
    private int[] _anchorCol = Array.Empty<int>();

    public bool IsEmpty => Lines.Count == 0 || Lines.All(l => l.Count == 0);
    public IEnumerable<PTok> Tokens => Lines.SelectMany(l => l);
    public PTok First => Tokens.First();
    public PTok Last => Tokens.Last();
    public int TokenCount => Lines.Sum(l => l.Count);

    public static PExpr FromLines(IEnumerable<IEnumerable<PTok>> lines)
    {
        var e = new PExpr();
        foreach (var l in lines) e.Lines.Add(l.ToList());
        e.Normalize();
        return e;
    }

    /// <summary>A one-line expression of the given tokens separated by single spaces.</summary>
    public static PExpr Spaced(params PTok[] toks)
    {
        int col = 0;
        var line = new List<PTok>();
        foreach (var t in toks)
        {
            t.Col = col;
            line.Add(t);
            col += t.Width + 1;
        }
        return FromLines(new[] { line });
    }

    /// <summary>A one-line expression of the given tokens with no space between them.</summary>
    public static PExpr Tight(params PTok[] toks)
    {
        int col = 0;
        var line = new List<PTok>();
        foreach (var t in toks)
        {
            t.Col = col;
            line.Add(t);
            col += t.Width;
        }
        return FromLines(new[] { line });
    }

    /// <summary>Drops empty lines at both ends, shifts columns so the leftmost line starts at 0, finds anchors.</summary>
    public void Normalize()
    {
        while (Lines.Count > 0 && Lines[0].Count == 0) Lines.RemoveAt(0);
        while (Lines.Count > 0 && Lines[^1].Count == 0) Lines.RemoveAt(Lines.Count - 1);
        int min = int.MaxValue;
        foreach (var l in Lines)
            if (l.Count > 0 && l[0].Col < min) min = l[0].Col;
        if (min == int.MaxValue) min = 0;
        foreach (var l in Lines)
            foreach (var t in l) t.Col -= min;
        ComputeAnchors();
    }

    private void ComputeAnchors()
    {
        _anchor = new PTok[Lines.Count];
        _anchorCol = new int[Lines.Count];
        for (int i = 0; i < Lines.Count; i++)
        {
            var cur = Lines[i];
            if (cur.Count == 0) continue;
            int first = cur[0].Col;
            for (int j = i - 1; j >= 0; j--)
            {
                var anc = Lines[j];
                if (anc.Count > 0 && anc[0].Col <= first)
                {
                    int k = 0;
                    while (k + 1 < anc.Count && anc[k + 1].Col <= first) k++;
                    _anchor[i] = anc[k];
                    _anchorCol[i] = anc[k].Col;
                    break;
                }
            }
        }
    }

    /// <summary>Moves each line by as much as its anchor token moved since the anchors were computed.</summary>
    private void Renormalize()
    {
        for (int i = 0; i < Lines.Count; i++)
        {
            if (_anchor[i] == null) continue;
            int k = _anchor[i].Col - _anchorCol[i];
            _anchorCol[i] = _anchor[i].Col;
            if (k == 0) continue;
            foreach (var t in Lines[i]) t.Col += k;
        }
    }

    public PExpr Clone()
    {
        var e = new PExpr();
        foreach (var l in Lines) e.Lines.Add(l.Select(t => t.Clone()).ToList());
        e.Normalize();
        return e;
    }

    /// <summary>The text of each line, with the spacing of the columns.</summary>
    public List<string> ToStringLines()
    {
        var result = new List<string>();
        for (int i = 0; i < Lines.Count; i++)
        {
            var sb = new StringBuilder();
            if (i < _anchor.Length && _anchor[i] != null) sb.Append(' ', Math.Max(0, _anchor[i].Col - _anchorCol[i]));
            PTok last = null;
            foreach (var t in Lines[i])
            {
                int gap = last == null ? t.Col : t.Col - last.Col - last.Width;
                if (gap > 0) sb.Append(' ', gap);
                else if (last != null && gap < 0 && NeedsSpace(last, t)) sb.Append(' ');
                sb.Append(t.Text);
                last = t;
            }
            result.Add(sb.ToString());
        }
        return result;
    }

    private static bool NeedsSpace(PTok a, PTok b) =>
        (char.IsLetterOrDigit(a.Text[^1]) || a.Text[^1] == '_') && (char.IsLetterOrDigit(b.Text[0]) || b.Text[0] == '_');

    public override string ToString() => string.Join("\n", ToStringLines());

    /// <summary>The expression's text on one line (tokens separated by their spacing, lines joined by a space).</summary>
    public string Flat() => string.Join(" ", ToStringLines().Select(s => s.Trim()));

    /// <summary>True when the token at (line, idx) is a record field name (after <c>.</c>, or <c>[ f |-&gt;</c>,
    /// <c>, f |-&gt;</c>, <c>[ f :</c>, <c>, f :</c>), which substitutions leave alone, as pcal's findNextInstanceIn.</summary>
    public bool IsRecordLabel(int line, int idx)
    {
        var prev = Prev(line, idx);
        if (prev != null && prev.Text == ".") return true;
        var next = Next(line, idx);
        if (prev != null && (prev.Text == "[" || prev.Text == ",") && next != null && (next.Text == "|->" || next.Text == ":"))
            return true;
        return false;
    }

    private PTok Prev(int line, int idx)
    {
        if (idx > 0) return Lines[line][idx - 1];
        for (int l = line - 1; l >= 0; l--)
            if (Lines[l].Count > 0) return Lines[l][^1];
        return null;
    }

    private PTok Next(int line, int idx)
    {
        if (idx + 1 < Lines[line].Count) return Lines[line][idx + 1];
        for (int l = line + 1; l < Lines.Count; l++)
            if (Lines[l].Count > 0) return Lines[l][0];
        return null;
    }

    /// <summary>
    /// Replaces, in one pass, every identifier token whose text <paramref name="pick"/> maps to an expression. With
    /// <paramref name="parenthesize"/> a multi-token replacement is put in parentheses (unless this expression is
    /// that single token), as in macro expansion; without it (primes, subscripts, renaming) it is inserted as is.
    /// </summary>
    public PExpr Substitute(Func<PTok, PExpr> pick, bool parenthesize)
    {
        var e = Clone();
        if (e.TokenCount == 1)
        {
            var only = e.First;
            if (only.Kind is PTokKind.Ident or PTokKind.Added)
            {
                var rep = pick(only);
                if (rep != null) return rep.Clone();
            }
            return e;
        }
        for (int li = 0; li < e.Lines.Count; li++)
        {
            var line = e.Lines[li];
            for (int ti = 0; ti < line.Count; ti++)
            {
                var tok = line[ti];
                if (tok.Kind is not (PTokKind.Ident or PTokKind.Added)) continue;
                if (e.IsRecordLabel(li, ti)) continue;
                var rep = pick(tok);
                if (rep == null) continue;
                rep = rep.Clone();
                int spaces = ti + 1 < line.Count ? line[ti + 1].Col - (tok.Col + tok.Width) : 0;
                var rest = line.GetRange(ti + 1, line.Count - ti - 1);
                line.RemoveRange(ti + 1, line.Count - ti - 1);
                int indent = (parenthesize && rep.TokenCount > 1 ? 1 : 0) + tok.Col;
                bool doInsert = !(parenthesize && rep.TokenCount > 1);
                if (!doInsert)
                {
                    tok.Text = "(";
                    tok.Kind = PTokKind.Builtin;
                }
                var curLine = line;
                int curLi = li;
                for (int ri = 0; ri < rep.Lines.Count; ri++)
                {
                    if (ri > 0)
                    {
                        indent = 0;
                        curLi++;
                        curLine = new List<PTok>();
                        e.Lines.Insert(curLi, curLine);
                        var na = new List<PTok>(e._anchor);
                        var nc = new List<int>(e._anchorCol);
                        na.Insert(curLi, rep._anchor[ri]);
                        nc.Insert(curLi, rep._anchorCol[ri]);
                        e._anchor = na.ToArray();
                        e._anchorCol = nc.ToArray();
                    }
                    foreach (var rt in rep.Lines[ri])
                    {
                        rt.Col += indent;
                        if (doInsert)
                        {
                            tok.Text = rt.Text;
                            tok.Kind = rt.Kind;
                            doInsert = false;
                        }
                        else curLine.Add(rt);
                    }
                }
                if (parenthesize && rep.TokenCount > 1)
                {
                    var lt = curLine[^1];
                    curLine.Add(new PTok(")", lt.Col + lt.Width, PTokKind.Builtin));
                }
                int newIdx = curLine.Count - 1;
                if (rest.Count > 0)
                {
                    var prevTok = curLine[^1];
                    int shift = prevTok.Col + prevTok.Width + spaces - rest[0].Col;
                    foreach (var rt in rest)
                    {
                        rt.Col += shift;
                        curLine.Add(rt);
                    }
                }
                e.Renormalize();
                li = curLi;
                line = curLine;
                ti = newIdx;
            }
        }
        return e;
    }

    /// <summary>Prepends <paramref name="front"/> (one line) to this expression, <paramref name="spaces"/> apart.</summary>
    public PExpr Prepend(PExpr front, int spaces)
    {
        var e = Clone();
        var f = front.Clone();
        var fl = f.Lines[^1];
        var lt = fl[^1];
        int incr = lt.Col + lt.Width + spaces;
        if (e.Lines.Count == 0) e.Lines.Add(new List<PTok>());
        foreach (var t in e.Lines[0]) t.Col += incr;
        e.Lines[0].InsertRange(0, fl);
        for (int i = f.Lines.Count - 2; i >= 0; i--) e.Lines.Insert(0, f.Lines[i]);
        var anchors = new List<PTok>(f._anchor);
        var cols = new List<int>(f._anchorCol);
        for (int i = 1; i < e._anchor.Length; i++)
        {
            anchors.Add(e._anchor[i]);
            cols.Add(e._anchorCol[i]);
        }
        while (anchors.Count < e.Lines.Count) { anchors.Add(null); cols.Add(0); }
        e._anchor = anchors.ToArray();
        e._anchorCol = cols.ToArray();
        e.Renormalize();
        return e;
    }

    /// <summary>Appends a token to the last line, <paramref name="offset"/> columns after its last token.</summary>
    public void AddTokenOffset(PTok tok, int offset)
    {
        if (Lines.Count == 0) Lines.Add(new List<PTok>());
        var last = Lines[^1];
        tok.Col = offset + (last.Count > 0 ? last[^1].Col + last[^1].Width : 0);
        last.Add(tok);
        if (_anchor.Length < Lines.Count) ComputeAnchors();
    }
}
