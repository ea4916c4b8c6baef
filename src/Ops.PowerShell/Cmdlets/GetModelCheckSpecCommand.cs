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

    [Parameter]
    public SwitchParameter IncludeTemplate { get; set; }

    protected override void ProcessRecord()
    {
        var specs = SpecCatalog.List(ModuleSpecRoot, Name, Category, IncludeTemplate.IsPresent);
        if (specs.Count == 0 && Name != null && Name.Any(n => !WildcardPattern.ContainsWildcardCharacters(n)))
        {
            var templates = IncludeTemplate ? new List<ModelCheckSpec>() : SpecCatalog.List(ModuleSpecRoot, Name, Category, includeTemplates: true);
            if (templates.Count > 0)
            {
                var t = templates[0];
                WriteError(new ErrorRecord(new ItemNotFoundException($"{t.Name} is a template, not a checkable model: its configuration leaves {string.Join(", ", t.UnboundConstants)} unbound. List it with -IncludeTemplate and give them with Invoke-ModelCheck -Constant."),
                    "ModelCheckSpecIsTemplate", ErrorCategory.ObjectNotFound, Name));
                return;
            }
            WriteError(new ErrorRecord(new ItemNotFoundException($"No shipped model is named {string.Join(", ", Name)} (Get-ModelCheckSpec lists them)."),
                "ModelCheckSpecNotFound", ErrorCategory.ObjectNotFound, Name));
            return;
        }
        foreach (var s in specs) WriteObject(s);
    }
}
