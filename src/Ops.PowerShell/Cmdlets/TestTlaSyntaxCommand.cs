using System.Management.Automation;

namespace Ops.PowerShell.Cmdlets;

/// <summary>Test-TlaSyntax: parses .tla (and .cfg) files without checking them; errors become ErrorRecords that name
/// the file, line and column.</summary>
[Cmdlet(VerbsDiagnostic.Test, "TlaSyntax", DefaultParameterSetName = PathSet)]
[OutputType(typeof(bool))]
[OutputType(typeof(TlaSyntaxResult))]
public sealed class TestTlaSyntaxCommand : OpsCmdlet
{
    private const string PathSet = "Path", LiteralPathSet = "LiteralPath";

    /// <summary>Files to parse; wildcards allowed (a pattern that matches nothing is an error, as for Resolve-Path).</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true, ParameterSetName = PathSet)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(TlaOrCfgPathCompleter))]
    public string[] Path { get; set; }

    /// <summary>Files to parse, exactly as named (no wildcards): what Get-ChildItem's files bind to (their PSPath).</summary>
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, ParameterSetName = LiteralPathSet)]
    [Alias("PSPath", "LP", "FullName")]
    [ValidateNotNullOrEmpty]
    public string[] LiteralPath { get; set; }

    /// <summary>Parse only: do not resolve modules and names.</summary>
    [Parameter]
    public SwitchParameter SyntaxOnly { get; set; }

    /// <summary>Return a TlaSyntaxResult per file instead of $true/$false.</summary>
    [Parameter]
    public SwitchParameter Detailed { get; set; }

    protected override void ProcessRecord()
    {
        var literal = ParameterSetName == LiteralPathSet;
        foreach (var p in literal ? LiteralPath : Path)
        {
            var files = Resolve(p, literal);
            if (files == null) continue;
            foreach (var file in files)
            {
                var result = SyntaxService.Test(file, SyntaxOnly.IsPresent);
                foreach (var d in result.Errors)
                {
                    var record = new ErrorRecord(d.Exception, "TlaSyntaxError:" + d.Kind, d.Kind == "IO" ? ErrorCategory.ReadError : ErrorCategory.ParserError, file)
                    {
                        ErrorDetails = new ErrorDetails(d.ToString())
                        {
                            RecommendedAction = d.Line > 0 ? $"Fix {System.IO.Path.GetFileName(d.File)} at line {d.Line}, column {d.Column}." : null,
                        },
                    };
                    WriteError(record);
                }
                WriteObject(Detailed ? result : result.Valid);
            }
        }
    }

    /// <summary>The files <paramref name="path"/> names (a non-terminating error and null when none): a pattern's
    /// matches, or, taken literally (-LiteralPath, or a name such as spec[1].tla that matches no pattern), the file
    /// itself.</summary>
    private IEnumerable<string> Resolve(string path, bool literal)
    {
        string unresolved = null;
        try
        {
            unresolved = SessionState.Path.GetUnresolvedProviderPathFromPSPath(path, out var provider, out _);
            if (provider.Name != "FileSystem")
            {
                WriteError(new ErrorRecord(new ArgumentException($"{path} is not a file-system path."), "NotFileSystemPath", ErrorCategory.InvalidArgument, path));
                return null;
            }
        }
        catch (Exception e) when (e is SessionStateException or ArgumentException or NotSupportedException)
        {
            WriteError(new ErrorRecord(e, "FileNotFound", ErrorCategory.ObjectNotFound, path));
            return null;
        }
        if (literal || !WildcardPattern.ContainsWildcardCharacters(path))
        {
            if (File.Exists(unresolved)) return new[] { unresolved };
            WriteError(FileNotFoundRecord(literal ? "-LiteralPath" : "-Path", path, unresolved, "FileNotFound", (int)Ops.Tla.ExitStatus.ParseError,
                Directory.Exists(unresolved)
                    ? $"give .tla or .cfg files, or pipe the folder's: Get-ChildItem -Path {path} -Recurse -Include *.tla,*.cfg | Test-TlaSyntax."
                    : "check the name and the current folder (Get-ChildItem *.tla,*.cfg lists the files here)."));
            return null;
        }
        try
        {
            var files = GetResolvedProviderPathFromPSPath(path, out _).Where(File.Exists).ToList();
            if (files.Count > 0) return files;
        }
        catch (Exception e) when (e is SessionStateException or ArgumentException or NotSupportedException or IOException) { }
        if (File.Exists(unresolved)) return new[] { unresolved };
        WriteError(new ErrorRecord(new ItemNotFoundException($"{path} matches no file."), "FileNotFound", ErrorCategory.ObjectNotFound, path));
        return null;
    }
}
