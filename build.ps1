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
      Package  assembles out/Ops: today the published `ops` CLI (src/Ops.Cli). The
               PowerShell module (Ops.psd1, the cmdlet assembly, formats and about_ help
               from module/) joins the same folder when the module project arrives.

    Hosts without pwsh run the same steps with the dotnet CLI (see .ci/run).

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
    ./out/Ops/ops --help

    Assembles out/Ops and runs the CLI from it.
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
        Import-Module Pester -MinimumVersion 5.3
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
    Invoke-Dotnet -Arguments @('publish', $cli, '-c', $Configuration, '-o', $OutputPath)

    Write-Host "Assembled $OutputPath"
}

switch ($Task) {
    'Build' { Invoke-OpsBuild }
    'Test' { Invoke-OpsTest }
    'Package' { Invoke-OpsPackage }
}
