using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Management.Automation.Runspaces;

namespace Ops.PowerShell.Cmdlets;

/// <summary>Shared plumbing of the argument completers: the current location and quoting.</summary>
internal static class Completion
{
    public static string CurrentDirectory()
    {
        try
        {
            return Runspace.DefaultRunspace?.SessionStateProxy?.Path?.CurrentFileSystemLocation?.ProviderPath ?? Environment.CurrentDirectory;
        }
        catch (Exception e) when (e is InvalidOperationException or PSInvalidOperationException or NotSupportedException)
        {
            return Environment.CurrentDirectory;
        }
    }

    public static string Bound(IDictionary fakeBoundParameters, string name) =>
        fakeBoundParameters != null && fakeBoundParameters.Contains(name) ? Convert.ToString(fakeBoundParameters[name]) : null;

    public static CompletionResult Path(string p) =>
        new(p.Contains(' ') ? "'" + p.Replace("'", "''") + "'" : p, p,
            p.EndsWith('/') || p.EndsWith('\\') ? CompletionResultType.ProviderContainer : CompletionResultType.ProviderItem, p);
}

/// <summary>-Path: .tla files (and folders) under the current location.</summary>
public sealed class SpecPathCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters) =>
        CompletionService.Paths(Completion.CurrentDirectory(), wordToComplete, ".tla").Select(Completion.Path);
}

/// <summary>-Path of Test-TlaSyntax: .tla and .cfg files.</summary>
public sealed class TlaOrCfgPathCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters) =>
        CompletionService.Paths(Completion.CurrentDirectory(), wordToComplete, ".tla", ".cfg").Select(Completion.Path);
}

/// <summary>-ConfigPath: the .cfg files next to the -Path specification first.</summary>
public sealed class ConfigPathCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters) =>
        CompletionService.ConfigPaths(Completion.CurrentDirectory(), Completion.Bound(fakeBoundParameters, "Path"), wordToComplete).Select(Completion.Path);
}

/// <summary>-Constant: the CONSTANT names the -Path specification declares, as the start of a hashtable.</summary>
public sealed class ConstantNameCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var names = CompletionService.ConstantNames(Completion.CurrentDirectory(), Completion.Bound(fakeBoundParameters, "Path"), wordToComplete);
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
