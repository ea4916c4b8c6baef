using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Management.Automation.Runspaces;

namespace Ops.PowerShell.Cmdlets;

/// <summary>Shared plumbing of the argument completers: the current location and quoting.</summary>
internal static class Completion
{
    /// <summary>PowerShell's current file-system location (Set-Location), which is not the process's current
    /// directory: a completer runs on the pipeline thread, where the runspace's session state cannot be read through
    /// SessionStateProxy while a command runs, so it asks a nested command of the current runspace.</summary>
    public static string CurrentDirectory()
    {
        try
        {
            if (Runspace.DefaultRunspace != null)
            {
                using var ps = System.Management.Automation.PowerShell.Create(RunspaceMode.CurrentRunspace);
                ps.AddCommand("Microsoft.PowerShell.Management\\Get-Location").AddParameter("PSProvider", "FileSystem");
                if (ps.Invoke().FirstOrDefault()?.BaseObject is PathInfo location && !string.IsNullOrEmpty(location.ProviderPath)) return location.ProviderPath;
            }
        }
        catch (Exception e) when (e is InvalidOperationException or RuntimeException or NotSupportedException)
        {
            // No runspace to ask (a completer called outside PowerShell): the process's directory.
        }
        return Environment.CurrentDirectory;
    }

    public static string Bound(IDictionary fakeBoundParameters, string name) =>
        fakeBoundParameters != null && fakeBoundParameters.Contains(name) ? Convert.ToString(fakeBoundParameters[name]) : null;

    /// <summary>The specification already on the command line (-Path, whose wildcard escapes are undone, or
    /// -LiteralPath), for the completers of -ConfigPath and -Constant.</summary>
    public static string SpecPath(IDictionary fakeBoundParameters) =>
        Bound(fakeBoundParameters, "Path") is { } path ? WildcardPattern.Unescape(path) : Bound(fakeBoundParameters, "LiteralPath");

    /// <summary>A file or folder as a completion: quoted when PowerShell would otherwise read it as something else
    /// (a space, $, a quote, parentheses, ...), and with [ ] * ? escaped (backticks) for a parameter that takes
    /// wildcards (<paramref name="wildcards"/>), so that the completed name names that one file.</summary>
    public static CompletionResult Path(string p, bool wildcards)
    {
        var text = wildcards ? WildcardPattern.Escape(p) : p;
        var quote = text.Length == 0 || text.IndexOfAny(SpecialCharacters) >= 0 || text[0] is '-' or '@' or '#' or '<' or '>' || text.Any(char.IsWhiteSpace);
        var completion = quote ? "'" + text.Replace("'", "''") + "'" : text;
        return new CompletionResult(completion, p, p.EndsWith('/') || p.EndsWith('\\') ? CompletionResultType.ProviderContainer : CompletionResultType.ProviderItem, p);
    }

    private static readonly char[] SpecialCharacters = { ' ', '$', '\'', '"', '`', '(', ')', '{', '}', ';', ',', '&', '|', '[', ']', '*', '?' };
}

/// <summary>-Path: .tla files (and folders) under the current location.</summary>
public sealed class SpecPathCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters) =>
        CompletionService.Paths(Completion.CurrentDirectory(), wordToComplete, ".tla").Select(p => Completion.Path(p, wildcards: true));
}

/// <summary>-Path of Test-TlaSyntax: .tla and .cfg files.</summary>
public sealed class TlaOrCfgPathCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters) =>
        CompletionService.Paths(Completion.CurrentDirectory(), wordToComplete, ".tla", ".cfg").Select(p => Completion.Path(p, wildcards: true));
}

/// <summary>-ConfigPath: the .cfg files next to the -Path specification first.</summary>
public sealed class ConfigPathCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters) =>
        CompletionService.ConfigPaths(Completion.CurrentDirectory(), Completion.SpecPath(fakeBoundParameters), wordToComplete).Select(p => Completion.Path(p, wildcards: false));
}

/// <summary>-Constant: the CONSTANT names the -Path specification declares, as the start of a hashtable.</summary>
public sealed class ConstantNameCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var names = CompletionService.ConstantNames(Completion.CurrentDirectory(), Completion.SpecPath(fakeBoundParameters), wordToComplete);
        return names.Select(n => new CompletionResult("@{ " + n + " = ", n, CompletionResultType.ParameterValue, $"CONSTANT {n}"));
    }
}

/// <summary>-Workers: auto and a few counts.</summary>
public sealed class WorkersCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters) =>
        new[] { "auto", "1", "2", "4", Environment.ProcessorCount.ToString() }.Distinct()
            .Where(w => w.StartsWith(wordToComplete ?? "", StringComparison.OrdinalIgnoreCase))
            .Select(w => new CompletionResult(w, w, CompletionResultType.ParameterValue, w == "auto" ? "one worker per processor" : w + " workers"));
}

/// <summary>Get-ModelCheckSpec -Name: the shipped models' names.</summary>
public sealed class ShippedSpecNameCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters) =>
        SpecCatalog.List(GetModelCheckSpecCommand.ModuleSpecRoot)
            .Where(s => s.Name.StartsWith((wordToComplete ?? "").Trim('\'', '"'), StringComparison.OrdinalIgnoreCase))
            .Select(s => new CompletionResult(s.Name, s.Name, CompletionResultType.ParameterValue, string.IsNullOrEmpty(s.Description) ? s.Name : s.Description));
}

/// <summary>-Workers accepts 'auto' (one per processor) as well as a number.</summary>
public sealed class WorkersTransformationAttribute : ArgumentTransformationAttribute
{
    public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
    {
        var value = inputData is PSObject p ? p.BaseObject : inputData;
        try
        {
            return ModelCheckService.ParseWorkers(value is int or long or string ? value : Convert.ToString(value));
        }
        catch (ArgumentException e)
        {
            throw new ArgumentTransformationMetadataException(e.Message, e);
        }
    }
}
