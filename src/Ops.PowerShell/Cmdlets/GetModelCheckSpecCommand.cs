using System.Management.Automation;

namespace Ops.PowerShell.Cmdlets;

/// <summary>Get-ModelCheckSpec: lists the specifications shipped in the module (specs/seed, specs/ops).</summary>
[Cmdlet(VerbsCommon.Get, "ModelCheckSpec")]
[OutputType(typeof(ModelCheckSpec))]
public sealed class GetModelCheckSpecCommand : OpsCmdlet
{
    /// <summary>The module's specs folder.</summary>
    public static string ModuleSpecRoot => SpecCatalog.DefaultRoot(System.IO.Path.GetDirectoryName(typeof(GetModelCheckSpecCommand).Assembly.Location) ?? ".");

    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(ShippedSpecNameCompleter))]
    public string[] Name { get; set; }

    [Parameter]
    [ValidateSet("seed", "ops", IgnoreCase = true)]
    public string Category { get; set; }

    protected override void ProcessRecord()
    {
        var specs = SpecCatalog.List(ModuleSpecRoot, Name, Category);
        if (specs.Count == 0 && Name != null && Name.Any(n => !WildcardPattern.ContainsWildcardCharacters(n)))
        {
            WriteError(new ErrorRecord(new ItemNotFoundException($"No shipped model is named {string.Join(", ", Name)} (Get-ModelCheckSpec lists them)."),
                "ModelCheckSpecNotFound", ErrorCategory.ObjectNotFound, Name));
            return;
        }
        foreach (var s in specs) WriteObject(s);
    }
}
