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

# The ErrorRecord of the terminating error $ScriptBlock throws, or $null when it throws none.
function Get-TerminatingError {
    param([Parameter(Mandatory)] [scriptblock] $ScriptBlock)
    try { & $ScriptBlock | Out-Null } catch { $_ }
}

# A pglogical provider's inventory as Get-PglogicalInventory returns it, built by hand, so that the pglogical cmdlets
# can be tested without PostgreSQL: database "app" (PostgreSQL 15.18, pglogical 2.4.2 preloaded, node "provider" with
# the sets create_node makes) with public.customers (primary key id) and public.events (no primary key).
# -Table adds more tables with a primary key id (names as the catalog holds them, e.g. 'Order Lines');
# -NoNode leaves the database without a pglogical node (New-PglogicalReplicationPlan -CreateNode creates it).
function New-PglogicalTestInventory {
    param([string[]] $Table, [switch] $NoNode)
    # Reading New-PglogicalReplicationPlan's parameters loads Ops.Pglogical.dll, whose types are used below.
    $inventoryType = (Get-Command New-PglogicalReplicationPlan).Parameters['Inventory'].ParameterType
    $inventory = $inventoryType::new()
    $inventory.Connection = 'host=test dbname=app'
    $inventory.Database = 'app'
    $inventory.ServerVersion = '15.18'
    $inventory.ServerVersionNum = 150018
    $inventory.WalLevel = 'logical'
    $inventory.SharedPreloadLibraries = 'pglogical'
    $inventory.PglogicalAvailable = $true
    $inventory.PglogicalVersion = '2.4.2'
    $inventory.MaxReplicationSlots = 10
    $inventory.MaxWalSenders = 10
    $inventory.MaxWorkerProcesses = 16
    if (-not $NoNode) {
        $inventory.NodeName = 'provider'
        foreach ($set in [Ops.Pglogical.Planning.Planner]::NodeDefaultSets) { $inventory.ReplicationSets.Add($set) }
    }
    $inventory.Schemas.Add('public')
    $tables = @(@{ Name = 'customers'; Key = @('id') }, @{ Name = 'events'; Key = @() })
    foreach ($name in $Table) { $tables += @{ Name = $name; Key = @('id') } }
    foreach ($t in $tables) {
        $relation = [Ops.Pglogical.Inventory.RelationInfo]::new()
        $relation.Schema = 'public'
        $relation.Name = $t.Name
        $relation.Kind = [Ops.Pglogical.Inventory.RelationKind]::Table
        $relation.HasRows = $true
        $number = 0
        foreach ($column in @($t.Key) + 'v') {
            $number++
            $isKey = $t.Key -contains $column
            if ($isKey) { $relation.PrimaryKey.Add($column) }
            $relation.Columns.Add([Ops.Pglogical.Inventory.ColumnInfo]@{ Name = $column; Number = $number; Type = 'text'; NotNull = $isKey })
        }
        $inventory.Relations.Add($relation)
    }
    $inventory
}

# Runs a new pwsh process (the one running the tests: a native pwsh, or pwsh.dll under `dotnet` when pwsh is a .NET
# tool) with -NoProfile -NonInteractive -Command $Command; returns its output (stdout and stderr) and leaves its exit
# code in $LASTEXITCODE.
function Invoke-ChildPwsh {
    param([Parameter(Mandatory)] [string] $Command)
    $native = Join-Path $PSHOME ($IsWindows ? 'pwsh.exe' : 'pwsh')
    if (Test-Path $native) {
        & $native -NoProfile -NonInteractive -Command $Command 2>&1
    }
    else {
        & ([Environment]::ProcessPath) (Join-Path $PSHOME 'pwsh.dll') -NoProfile -NonInteractive -Command $Command 2>&1
    }
}
