namespace Ops.Tla.Syntax;

/// <summary>
/// What TLC's front end interns from a module's text, in text order (see <c>Values.StringOrder</c>): SANY interns
/// the image of every token as it builds the syntax tree (identifiers, keywords, symbols and numbers as written,
/// string literals with their quotes; the module header <c>---- MODULE</c> is one token), and the value of each string
/// literal later, when it analyses the module. Also the names of the modules it instantiates, in text order.
/// </summary>
public sealed class ModuleLexicon
{
    /// <summary>Token images, in text order (nested modules included where they are written).</summary>
    public string[] Images = Array.Empty<string>();
    /// <summary>The values of the string literals, in text order.</summary>
    public string[] Strings = Array.Empty<string>();
    /// <summary>The modules named after INSTANCE, in text order.</summary>
    public string[] Instances = Array.Empty<string>();

    public static ModuleLexicon From(IReadOnlyList<Token> tokens)
    {
        var images = new List<string>();
        var strings = new List<string>();
        var instances = new List<string>();
        for (int i = 0; i < tokens.Count; i++)
        {
            var t = tokens[i];
            switch (t.Kind)
            {
                case TokenKind.Eof or TokenKind.Separator or TokenKind.ModuleEnd or TokenKind.Offside:
                    continue;
                case TokenKind.Keyword when t.Text == "MODULE" && i > 0 && tokens[i - 1].Kind == TokenKind.Separator:
                    continue;
                case TokenKind.String:
                    strings.Add(t.Text);
                    break;
                case TokenKind.Keyword when t.Text == "INSTANCE" && i + 1 < tokens.Count && tokens[i + 1].Kind == TokenKind.Ident:
                    instances.Add(tokens[i + 1].Text);
                    break;
            }
            images.Add(t.Raw ?? t.Text);
        }
        return new ModuleLexicon { Images = images.ToArray(), Strings = strings.ToArray(), Instances = instances.ToArray() };
    }
}
