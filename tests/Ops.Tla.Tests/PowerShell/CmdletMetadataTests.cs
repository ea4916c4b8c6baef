using System.Text.RegularExpressions;
using System.Xml.Linq;
using Xunit;

namespace Ops.Tla.Tests.PowerShell;

/// <summary>
/// The compiled module as PowerShell will see it, checked from the metadata of Ops.PowerShell.dll: approved verbs,
/// the manifest exports exactly the cmdlets, state-changing cmdlets support ShouldProcess (-WhatIf/-Confirm), every
/// cmdlet declares its output type and has MAML help (with examples, every parameter documented) and a Pester file.
/// </summary>
public class CmdletMetadataTests
{
    private static readonly string Dll = Path.Combine(AppContext.BaseDirectory, "Ops.PowerShell.dll");
    private static string Module => Path.Combine(TestPaths.RepoRoot, "module");

    private static List<CmdletMeta> Cmdlets() => CmdletMetadata.Read(Dll, out _);

    /// <summary>Get-Verb of PowerShell 7.4.</summary>
    public static readonly HashSet<string> ApprovedVerbs = new(StringComparer.Ordinal)
    {
        "Add", "Clear", "Close", "Copy", "Enter", "Exit", "Find", "Format", "Get", "Hide", "Join", "Lock", "Move", "New", "Open",
        "Optimize", "Pop", "Push", "Redo", "Remove", "Rename", "Reset", "Resize", "Search", "Select", "Set", "Show", "Skip",
        "Split", "Step", "Switch", "Undo", "Unlock", "Watch",
        "Connect", "Disconnect", "Read", "Receive", "Send", "Write",
        "Backup", "Checkpoint", "Compare", "Compress", "Convert", "ConvertFrom", "ConvertTo", "Dismount", "Edit", "Expand",
        "Export", "Group", "Import", "Initialize", "Limit", "Merge", "Mount", "Out", "Publish", "Restore", "Save", "Sync",
        "Unpublish", "Update",
        "Debug", "Measure", "Ping", "Repair", "Resolve", "Test", "Trace",
        "Approve", "Assert", "Build", "Complete", "Confirm", "Deny", "Deploy", "Disable", "Enable", "Install", "Invoke",
        "Register", "Request", "Restart", "Resume", "Start", "Stop", "Submit", "Suspend", "Uninstall", "Unregister", "Wait",
        "Block", "Grant", "Protect", "Revoke", "Unblock", "Unprotect",
        "Use",
    };

    /// <summary>Verbs that change something outside the session: their cmdlets must support -WhatIf/-Confirm.</summary>
    public static readonly HashSet<string> StateChangingVerbs = new(StringComparer.Ordinal)
    {
        "Add", "Clear", "Copy", "Move", "New", "Remove", "Rename", "Reset", "Set", "Lock", "Unlock", "Publish", "Unpublish",
        "Update", "Sync", "Restore", "Save", "Install", "Uninstall", "Register", "Unregister", "Start", "Stop", "Restart",
        "Suspend", "Resume", "Enable", "Disable", "Deploy", "Initialize", "Grant", "Revoke", "Block", "Unblock", "Protect",
        "Unprotect", "Mount", "Dismount", "Submit", "Approve", "Deny", "Write", "Send", "Import", "Export", "Backup", "Merge",
        "Repair", "Edit", "Compress", "Expand",
    };

    [Fact]
    public void The_assembly_defines_the_module_cmdlets()
    {
        var names = Cmdlets().Select(c => c.Name).ToList();
        Assert.Contains("Invoke-ModelCheck", names);
        Assert.Contains("Get-ModelCheckSpec", names);
        Assert.Contains("Test-TlaSyntax", names);
    }

    [Fact]
    public void Verbs_are_approved_and_nouns_are_single_words()
    {
        foreach (var c in Cmdlets())
        {
            Assert.True(ApprovedVerbs.Contains(c.Verb), $"{c.Name}: '{c.Verb}' is not an approved verb (Get-Verb)");
            Assert.Matches(new Regex("^[A-Z][A-Za-z0-9]+$"), c.Noun);
        }
    }

    [Fact]
    public void State_changing_cmdlets_support_ShouldProcess()
    {
        foreach (var c in Cmdlets().Where(c => StateChangingVerbs.Contains(c.Verb)))
            Assert.True(c.SupportsShouldProcess, $"{c.Name} changes state ({c.Verb}) and must declare [Cmdlet(..., SupportsShouldProcess = true)]");
    }

    [Fact]
    public void Every_cmdlet_declares_its_output_type_and_has_parameters()
    {
        foreach (var c in Cmdlets())
        {
            Assert.True(c.OutputTypes.Count > 0, $"{c.Name} has no [OutputType]");
            Assert.True(c.Parameters.Count > 0, $"{c.Name} has no [Parameter] properties (its own or its base classes')");
        }
        var invoke = Cmdlets().Single(c => c.Name == "Invoke-ModelCheck");
        Assert.Equal("Ops.PowerShell.ModelCheckResult", Assert.Single(invoke.OutputTypes));
        foreach (var p in new[] { "Path", "ConfigPath", "Constant", "Workers", "Deadlock", "ErrorOnViolation", "TracePath" })
            Assert.Contains(p, invoke.Parameters);
    }

    [Fact]
    public void Parameters_declared_by_a_base_class_are_the_cmdlets_own()
    {
        // Get-PglogicalInventory declares no property itself: -Connection and -Credential come from its base class.
        var inventory = Cmdlets().Single(c => c.Name == "Get-PglogicalInventory");
        Assert.Equal(new[] { "Connection", "Credential" }, inventory.Parameters.OrderBy(p => p, StringComparer.Ordinal));
        var plan = Cmdlets().Single(c => c.Name == "New-PglogicalReplicationPlan");
        Assert.Contains("Connection", plan.Parameters);
        Assert.Contains("Inventory", plan.Parameters);
        Assert.Equal(plan.Parameters.Count, plan.Parameters.Distinct().Count());
    }

    private static (string Root, List<string> Cmdlets, string PsVersion, List<string> Formats) Manifest()
    {
        var text = File.ReadAllText(Path.Combine(Module, "Ops.psd1"));
        var noComments = Regex.Replace(text, @"#.*$", "", RegexOptions.Multiline);
        List<string> List(string key)
        {
            var m = Regex.Match(noComments, key + @"\s*=\s*@\(([^)]*)\)", RegexOptions.Singleline);
            Assert.True(m.Success, $"Ops.psd1 has no {key} = @(...)");
            return Regex.Matches(m.Groups[1].Value, @"'([^']*)'|""([^""]*)""").Select(x => x.Groups[1].Success && x.Groups[1].Value.Length > 0 ? x.Groups[1].Value : x.Groups[2].Value).ToList();
        }
        string Scalar(string key) => Regex.Match(noComments, key + @"\s*=\s*'([^']*)'").Groups[1].Value;
        return (Scalar("RootModule"), List("CmdletsToExport"), Scalar("PowerShellVersion"), List("FormatsToProcess"));
    }

    [Fact]
    public void The_manifest_exports_exactly_the_compiled_cmdlets()
    {
        var m = Manifest();
        var compiled = Cmdlets().Select(c => c.Name).OrderBy(n => n, StringComparer.Ordinal).ToList();
        var exported = m.Cmdlets.OrderBy(n => n, StringComparer.Ordinal).ToList();
        var missing = compiled.Except(exported).ToList();
        var extra = exported.Except(compiled).ToList();
        Assert.True(missing.Count == 0 && extra.Count == 0,
            $"module/Ops.psd1 CmdletsToExport must list exactly the cmdlets of Ops.PowerShell.dll. Add: {string.Join(", ", missing)}. Remove: {string.Join(", ", extra)}.");
        Assert.Equal("Ops.PowerShell.dll", m.Root);
        Assert.Equal("7.4", m.PsVersion);
        Assert.Equal(new[] { "Ops.format.ps1xml" }, m.Formats);
    }

    private static readonly XNamespace Command = "http://schemas.microsoft.com/maml/dev/command/2004/10";
    private static readonly XNamespace Maml = "http://schemas.microsoft.com/maml/2004/10";
    private static readonly XNamespace Dev = "http://schemas.microsoft.com/maml/dev/2004/10";

    [Fact]
    public void Every_cmdlet_has_MAML_help_with_examples_and_every_parameter()
    {
        var doc = XDocument.Load(Path.Combine(Module, "en-US", "Ops.PowerShell.dll-Help.xml"));
        var help = doc.Descendants(Command + "command").ToDictionary(c => c.Element(Command + "details").Element(Command + "name").Value.Trim());
        foreach (var c in Cmdlets())
        {
            Assert.True(help.TryGetValue(c.Name, out var h), $"{c.Name} has no entry in en-US/Ops.PowerShell.dll-Help.xml");
            var synopsis = h.Element(Command + "details").Element(Maml + "description")?.Value.Trim();
            Assert.False(string.IsNullOrEmpty(synopsis), $"{c.Name}: no synopsis");
            Assert.Contains(h.Descendants(Command + "example"), e => e.Element(Dev + "code")?.Value.Contains(c.Name) == true);
            var documented = h.Element(Command + "parameters").Elements(Command + "parameter").Select(p => p.Element(Maml + "name").Value.Trim()).ToList();
            Assert.True(c.Parameters.All(documented.Contains), $"{c.Name}: undocumented parameters: {string.Join(", ", c.Parameters.Except(documented))}");
            Assert.True(documented.All(c.Parameters.Contains), $"{c.Name}: help documents parameters it does not have: {string.Join(", ", documented.Except(c.Parameters))}");
            foreach (var p in h.Element(Command + "parameters").Elements(Command + "parameter"))
                Assert.False(string.IsNullOrWhiteSpace(p.Element(Maml + "description")?.Value), $"{c.Name} -{p.Element(Maml + "name").Value}: no description");
        }
        Assert.True(File.Exists(Path.Combine(Module, "en-US", "about_Ops.help.txt")));
    }

    [Fact]
    public void Every_cmdlet_has_a_Pester_file()
    {
        foreach (var c in Cmdlets())
        {
            var file = Path.Combine(TestPaths.RepoRoot, "tests", "pester", c.Name + ".Tests.ps1");
            Assert.True(File.Exists(file), $"{c.Name} has no Pester tests ({file})");
            Assert.Contains(c.Name, File.ReadAllText(file));
        }
    }

    [Fact]
    public void The_format_file_names_types_of_the_module()
    {
        var types = ModuleTypes();
        var doc = XDocument.Load(Path.Combine(Module, "Ops.format.ps1xml"));
        var names = doc.Descendants("TypeName").Select(t => t.Value.Trim()).Distinct().ToList();
        Assert.Contains("Ops.PowerShell.ModelCheckResult", names);
        Assert.Contains("Ops.PowerShell.ModelCheckTraceState", names);
        foreach (var n in names) Assert.True(types.Contains(n), $"Ops.format.ps1xml formats {n}, which no assembly of the module defines");
    }

    [Fact]
    public void Every_type_a_cmdlet_returns_has_a_view()
    {
        var doc = XDocument.Load(Path.Combine(Module, "Ops.format.ps1xml"));
        var viewed = doc.Descendants("TypeName").Select(t => t.Value.Trim()).ToHashSet();
        var returned = Cmdlets().SelectMany(c => c.OutputTypes.Select(t => (c.Name, Type: t)))
            .Where(x => !x.Type.StartsWith("System.", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(returned);
        foreach (var (cmdlet, type) in returned)
            Assert.True(viewed.Contains(type), $"{cmdlet} returns {type}, which has no view in Ops.format.ps1xml");
    }

    /// <summary>The public types of the module's assemblies (Ops.*.dll next to Ops.PowerShell.dll).</summary>
    private static HashSet<string> ModuleTypes()
    {
        var all = new HashSet<string>(StringComparer.Ordinal);
        foreach (var dll in Directory.GetFiles(AppContext.BaseDirectory, "Ops.*.dll").Where(f => !Path.GetFileName(f).Contains("Tests")))
        {
            CmdletMetadata.Read(dll, out var types);
            all.UnionWith(types);
        }
        return all;
    }
}
