# Shared by the Pester tests of the Ops module: dot-source it in BeforeAll, which defines the functions and the
# sample specifications ($CounterTla, $InvariantTla, $ParseErrorTla, ...) for the file's tests.
# The module is imported from, in order: $env:OPS_MODULE_PATH, out/Ops (build.ps1 -Task Package or
# .ci/package-module.sh), or the build output of src/Ops.PowerShell (which has the same layout).

function Get-OpsModulePath {
    $repoRoot = (Resolve-Path (Join-Path $PSScriptRoot '..' '..')).Path
    $candidates = @(
        $env:OPS_MODULE_PATH
        (Join-Path $repoRoot 'out' 'Ops' 'Ops.psd1')
        (Join-Path $repoRoot 'src' 'Ops.PowerShell' 'bin' 'Release' 'net8.0' 'Ops.psd1')
        (Join-Path $repoRoot 'src' 'Ops.PowerShell' 'bin' 'Debug' 'net8.0' 'Ops.psd1')
    ) | Where-Object { $_ -and (Test-Path $_) }
    if (-not $candidates) {
        throw 'The Ops module is not built: run ./build.ps1 -Task Package (or bash .ci/package-module.sh) first.'
    }
    @($candidates)[0]
}

function Import-OpsModule {
    Import-Module (Get-OpsModulePath) -Force -ErrorAction Stop
}

# Writes NAME.tla (and NAME.cfg) into $TestDrive and returns the .tla path.
function New-TestSpec {
    param(
        [Parameter(Mandatory)] [string] $Name,
        [Parameter(Mandatory)] [string] $Tla,
        [string] $Cfg
    )
    $tlaPath = Join-Path $TestDrive "$Name.tla"
    Set-Content -Path $tlaPath -Value $Tla -NoNewline
    if ($Cfg) { Set-Content -Path (Join-Path $TestDrive "$Name.cfg") -Value $Cfg -NoNewline }
    $tlaPath
}

$CounterTla = @'
---- MODULE Counter ----
EXTENDS Naturals
CONSTANT N
VARIABLE x
Init == x = 0
Next == x' = (x + 1) % N
TypeOK == x \in 0..N
====
'@
$CounterCfg = "CONSTANT N = 3`nINIT Init`nNEXT Next`nINVARIANT TypeOK`n"

$InvariantTla = @'
---- MODULE Invariant ----
EXTENDS Naturals, Sequences
CONSTANT Nodes
VARIABLES x, owner
Init == x = 0 /\ owner = [n \in Nodes |-> 0]
Next == \E n \in Nodes : x' = x + 1 /\ owner' = [owner EXCEPT ![n] = @ + 1]
Small == x < 3
====
'@
$InvariantCfg = "CONSTANT Nodes = {n1, n2}`nINIT Init`nNEXT Next`nINVARIANT Small`n"

$ParseErrorTla = @'
---- MODULE Broken ----
EXTENDS Naturals
VARIABLE x
Init == x =
Next == x' = x
====
'@
