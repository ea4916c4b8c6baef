namespace Ops.PowerShell;

/// <summary>The PowerShell module's cmdlets live in this assembly; each cmdlet is a thin shell over a library call
/// that the xunit tests reach directly.</summary>
public static class ModuleInfo
{
    public const string Prefix = "";
}
