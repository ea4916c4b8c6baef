using System.Management.Automation;

namespace Ops.PowerShell.Cmdlets;

/// <summary>Test-TlaSyntax: parses .tla (and .cfg) files without checking them; errors become ErrorRecords that name
/// the file, line and column.</summary>
[Cmdlet(VerbsDiagnostic.Test, "TlaSyntax", DefaultParameterSetName = "Path")]
[OutputType(typeof(bool))]
[OutputType(typeof(TlaSyntaxResult))]
public sealed class TestTlaSyntaxCommand : OpsCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("FullName")]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(TlaOrCfgPathCompleter))]
    public string[] Path { get; set; }

    /// <summary>Parse only: do not resolve modules and names.</summary>
    [Parameter]
    public SwitchParameter SyntaxOnly { get; set; }

    /// <summary>Return a TlaSyntaxResult per file instead of $true/$false.</summary>
    [Parameter]
    public SwitchParameter Detailed { get; set; }

    protected override void ProcessRecord()
    {
        foreach (var p in Path)
        {
            IEnumerable<string> files;
            try
            {
                files = GetResolvedProviderPathFromPSPath(p, out _);
            }
            catch (ItemNotFoundException e)
            {
                WriteError(new ErrorRecord(e, "FileNotFound", ErrorCategory.ObjectNotFound, p));
                continue;
            }
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
}
