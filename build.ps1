#Requires -Version 7.0
<#
.SYNOPSIS
    Builds, tests and packages Ops.

.DESCRIPTION
    One entry point for developers and pipelines, run from any directory:

      Build    dotnet build of Ops.sln (Release by default).
      Test     dotnet test of Ops.sln, then the Pester tests under tests/pester when the
               Pester module (5.3 or later) is installed. Closes with a line
               "Pester: N passed, N failed, N skipped".
      Package  assembles out/Ops, the PowerShell module ready for Import-Module or
               Publish-Module: Ops.psd1, Ops.PowerShell.dll, Ops.Tla.dll and Ops.Domain.dll (with Ops.Pglogical.dll,
               Ops.Jenkins.dll, Ops.EcsService.dll and their dependencies), Ops.format.ps1xml,
               en-US/ (about_Ops, MAML help), specs/ (the shipped models), and the `ops` CLI in
               cli/ (out/Ops/cli/ops). It is `dotnet publish` of src/Ops.PowerShell into out/Ops and of
               src/Ops.Cli (ReadyToRun) into out/Ops/cli: the CLI's net10.0 dependencies never replace
               the module's net8.0 ones. Then a check that every file is there.

    Hosts without pwsh run the same steps with the dotnet CLI: `dotnet test Ops.sln` and
    `bash .ci/package-module.sh` (which .ci/run calls).

.PARAMETER Task
    Build (default), Test or Package.

.PARAMETER Configuration
    The build configuration: Release (default) or Debug.

.PARAMETER SkipDotnetTest
    With -Task Test: skip `dotnet test` and run only the Pester tests (.ci/run uses this after
    it has run `dotnet test` itself).

.PARAMETER OutputPath
    With -Task Package: the folder to assemble. Default: out/Ops under the repository root.
    It is emptied first.

.EXAMPLE
    ./build.ps1

    Builds Ops.sln in Release.

.EXAMPLE
    ./build.ps1 -Task Test

    Runs the xunit tests, then the Pester tests.

.EXAMPLE
    ./build.ps1 -Task Package
    Import-Module ./out/Ops/Ops.psd1
    Invoke-ModelCheck ./out/Ops/specs/seed/bank.tla

    Assembles out/Ops, imports the module from it and checks a shipped spec.
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Package')]
    [string] $Task = 'Build',

    [ValidateSet('Release', 'Debug')]
    [string] $Configuration = 'Release',

    [switch] $SkipDotnetTest,

    [string] $OutputPath
)

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

$Root = $PSScriptRoot
$Solution = Join-Path $Root 'Ops.sln'
if (-not $OutputPath) {
    $OutputPath = Join-Path $Root 'out' 'Ops'
}

$env:DOTNET_CLI_TELEMETRY_OPTOUT = '1'
$env:DOTNET_NOLOGO = '1'

function Invoke-Dotnet {
    param([Parameter(Mandatory)] [string[]] $Arguments)

    Write-Host "> dotnet $($Arguments -join ' ')"
    & dotnet @Arguments
    if ($LASTEXITCODE -ne 0) {
        throw "dotnet $($Arguments[0]) failed with exit code $LASTEXITCODE."
    }
}

function Invoke-OpsBuild {
    Invoke-Dotnet -Arguments @('build', $Solution, '-c', $Configuration)
}

function Invoke-OpsPester {
    $pesterDir = Join-Path $Root 'tests' 'pester'
    $passed = 0; $failed = 0; $skipped = 0

    if (-not (Test-Path $pesterDir)) {
        Write-Host "No Pester tests ($pesterDir does not exist)."
    }
    elseif (-not (Get-Module -ListAvailable -Name Pester | Where-Object { $_.Version -ge [version]'5.3' })) {
        Write-Warning 'Pester 5.3 or later is not installed: skipping the Pester tests.'
    }
    else {
        # The tests run as `Invoke-Pester tests/pester` runs them for a developer: this script's own strict mode
        # (Set-StrictMode -Version Latest, for the build steps) would otherwise reach into every test block and
        # fail tests that read a property of $null, which passes outside build.ps1.
        Set-StrictMode -Off
        $pester = Import-Module Pester -MinimumVersion 5.3 -PassThru
        Write-Host "Pester $($pester.Version) from $($pester.ModuleBase)"
        $config = New-PesterConfiguration
        $config.Run.Path = $pesterDir
        $config.Run.PassThru = $true
        $config.Run.Exit = $false
        $config.Output.Verbosity = 'Detailed'
        $result = Invoke-Pester -Configuration $config
        $passed = $result.PassedCount
        $failed = $result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount
        $skipped = $result.SkippedCount
    }

    Write-Host "Pester: $passed passed, $failed failed, $skipped skipped"
    if ($failed -gt 0) {
        throw "$failed Pester test(s) failed."
    }
}

function Invoke-OpsTest {
    if (-not $SkipDotnetTest) {
        Invoke-Dotnet -Arguments @('test', $Solution, '-c', $Configuration)
    }
    Invoke-OpsPester
}

function Invoke-OpsPackage {
    if (Test-Path $OutputPath) {
        Remove-Item -Path $OutputPath -Recurse -Force
    }
    New-Item -ItemType Directory -Path $OutputPath -Force | Out-Null

    $cli = Join-Path $Root 'src' 'Ops.Cli' 'Ops.Cli.csproj'
    $module = Join-Path $Root 'src' 'Ops.PowerShell' 'Ops.PowerShell.csproj'
    Invoke-Dotnet -Arguments @('publish', $module, '-c', $Configuration, '-o', $OutputPath)
    # The CLI in a folder of its own (its net10.0 Npgsql and Microsoft.Extensions.* would otherwise replace the
    # module's net8.0 ones, which PowerShell 7.4 cannot load), ReadyToRun for this machine's runtime identifier as
    # .ci/package-module.sh does: a small check then starts in tens of milliseconds. Without the runtime pack (no
    # NuGet), the portable build.
    $cliOutput = Join-Path $OutputPath 'cli'
    $rid = [System.Runtime.InteropServices.RuntimeInformation]::RuntimeIdentifier
    try {
        Invoke-Dotnet -Arguments @('publish', $cli, '-c', $Configuration, '-r', $rid, '--self-contained', 'false',
            '-p:PublishReadyToRun=true', '-o', $cliOutput)
    }
    catch {
        Write-Warning "The ReadyToRun build of the CLI failed ($($_.Exception.Message)); packaging the portable build."
        Invoke-Dotnet -Arguments @('publish', $cli, '-c', $Configuration, '-o', $cliOutput)
    }

    $expected = @(
        'Ops.psd1', 'Ops.PowerShell.dll', 'Ops.Tla.dll', 'Ops.Domain.dll', 'Ops.format.ps1xml', 'Ops.types.ps1xml',
        'Ops.Pglogical.dll', 'Npgsql.dll', 'Ops.Jenkins.dll', 'YamlDotNet.dll',
        'Ops.EcsService.dll', 'Ops.Aws.dll', 'AWSSDK.Core.dll',
        (Join-Path 'en-US' 'about_Ops.help.txt'), (Join-Path 'en-US' 'Ops.PowerShell.dll-Help.xml'),
        (Join-Path 'specs' 'seed' 'bank.tla'), (Join-Path 'cli' 'ops.dll')
    )
    $missing = $expected | Where-Object { -not (Test-Path (Join-Path $OutputPath $_)) }
    if ($missing) {
        throw "The module layout is incomplete: missing $($missing -join ', ') in $OutputPath."
    }
    if (Test-Path (Join-Path $OutputPath 'System.Management.Automation.dll')) {
        throw 'System.Management.Automation.dll must not ship in the module (pwsh provides it).'
    }
    if (Test-Path (Join-Path $OutputPath 'ops.dll')) {
        throw "The CLI was published into the module's folder $OutputPath; it belongs in $cliOutput."
    }
    $manifest = Test-ModuleManifest -Path (Join-Path $OutputPath 'Ops.psd1') -ErrorAction Stop
    Write-Host "Assembled $OutputPath (module $($manifest.Name) $($manifest.Version))"
}

switch ($Task) {
    'Build' { Invoke-OpsBuild }
    'Test' { Invoke-OpsTest }
    'Package' { Invoke-OpsPackage }
}
