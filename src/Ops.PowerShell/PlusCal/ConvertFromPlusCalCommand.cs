using System.Management.Automation;
using Ops.Tla;
using Ops.Tla.PlusCal;

namespace Ops.PowerShell.PlusCal;

/// <summary>What ConvertFrom-PlusCal did to one module.</summary>
public sealed class PlusCalConversion
{
    public string Path { get; set; }
    /// <summary>"Added" (no translation before), "Updated" (stale translation replaced), "UpToDate".</summary>
    public string Status { get; set; }
    public int TranslationLines { get; set; }
    public string PcalChecksum { get; set; }
    public string TlaChecksum { get; set; }
    public string[] AddedLabels { get; set; }
    public bool Written { get; set; }

    public override string ToString() => $"{System.IO.Path.GetFileName(Path)}: {Status}{(Written ? ", written" : "")}";
}

/// <summary>
/// <c>ConvertFrom-PlusCal -Path Spec.tla</c>: translates the module's PlusCal algorithm to TLA+ (as pcal.trans does)
/// and writes the translation into the file between <c>\* BEGIN TRANSLATION</c> and <c>\* END TRANSLATION</c>.
/// Supports -WhatIf / -Confirm (the file is written only when ShouldProcess agrees).
/// </summary>
[Cmdlet(VerbsData.ConvertFrom, "PlusCal", SupportsShouldProcess = true)]
[OutputType(typeof(PlusCalConversion))]
public sealed class ConvertFromPlusCalCommand : OpsCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("FullName")]
    public string Path { get; set; }

    /// <summary>Declare pc and stack after the algorithm's variables (the layout of pcal.trans before 1.11). By default
    /// pc comes first and stack after the variables, as pcal.trans 1.11 on writes it.</summary>
    [Parameter]
    public SwitchParameter PcLast { get; set; }

    /// <summary>pc first, stack after the variables: the default since pcal.trans 1.11 (accepted for scripts that pass it).</summary>
    [Parameter]
    public SwitchParameter PcFirst { get; set; }

    /// <summary>pcal.trans options, as on its command line (e.g. <c>-Option -wf, -termination</c>); the module's
    /// <c>PlusCal options (...)</c> statement is read as well.</summary>
    [Parameter]
    public string[] Option { get; set; }

    protected override void ProcessRecord()
    {
        var path = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path);
        if (PcLast.IsPresent && PcFirst.IsPresent)
        {
            WriteError(new ErrorRecord(new ArgumentException("-PcLast and -PcFirst ask for two layouts of the translation: give one (pc first is the default)."),
                "PlusCalLayout", ErrorCategory.InvalidArgument, path));
            return;
        }
        try
        {
            var result = Convert(path, PcLast.IsPresent, p => ShouldProcess(p, "Write the PlusCal translation"), Option,
                WriteWarning);
            WriteObject(result);
        }
        catch (TlaException e)
        {
            WriteError(new ErrorRecord(e, "PlusCalSyntax", ErrorCategory.ParserError, path) { ErrorDetails = new ErrorDetails(e.Describe()) });
        }
        catch (ArgumentException e)
        {
            WriteError(new ErrorRecord(e, "PlusCalOption", ErrorCategory.InvalidArgument, Option));
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            WriteError(FileNotFoundRecord("-Path", Path, path, "PlusCalFileNotFound", (int)Ops.Tla.ExitStatus.ParseError,
                "check the name and the current folder (Get-ChildItem *.tla lists the modules here)."));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            WriteError(new ErrorRecord(e, "PlusCalIO", ErrorCategory.ReadError, path));
        }
    }

    /// <summary>The cmdlet's work without PowerShell (for tests): translates <paramref name="path"/> and writes the
    /// module back when <paramref name="shouldWrite"/> agrees and the translation changed.</summary>
    public static PlusCalConversion Convert(string path, bool pcLast, Func<string, bool> shouldWrite,
        string[] options = null, Action<string> warn = null)
    {
        var opts = PlusCalOptions.FromCommandLine(options ?? Array.Empty<string>());
        var text = File.ReadAllText(path);
        var t = PlusCalTranslator.Translate(text, path, pcLast, opts);
        foreach (var w in t.Warnings) warn?.Invoke(w);
        var status = t.ExistingLines == null ? "Added" : t.ExistingIsStale ? "Updated" : "UpToDate";
        bool written = false;
        if (status != "UpToDate" && shouldWrite(path))
        {
            File.WriteAllText(path, t.ModuleText);
            written = true;
        }
        return new PlusCalConversion
        {
            Path = path, Status = status, TranslationLines = t.Lines.Count, PcalChecksum = t.PcalChecksum,
            TlaChecksum = t.TlaChecksum, AddedLabels = t.AddedLabels.ToArray(), Written = written,
        };
    }
}
