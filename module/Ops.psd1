#
# Module manifest for Ops: the embedded TLA+ model checker and infra-ops cmdlets.
# The cmdlets are compiled (Ops.PowerShell.dll); CmdletsToExport must list exactly the cmdlets of that
# assembly (tests/Ops.Tla.Tests/PowerShell/CmdletMetadataTests.cs checks it).
#
@{
    RootModule           = 'Ops.PowerShell.dll'
    ModuleVersion        = '0.1.0'
    GUID                 = '5f0c2a4e-8d3b-4f7a-9c61-2b7e0d4a9f13'
    Author               = 'Ops'
    CompanyName          = 'Ops'
    Copyright            = '(c) Ops. All rights reserved.'
    Description          = 'Check TLA+ specifications the way TLC does (same verdicts, counts and exit codes) with no Java and no Docker, from PowerShell and CI pipelines; plan, model-check and apply pglogical replication sets; check Jenkins amazon-ecs clouds; check and apply RDS Proxy configurations with Secrets Manager credentials; check and apply ECS services behind an Application Load Balancer.'
    PowerShellVersion    = '7.4'
    CompatiblePSEditions = @('Core')
    FormatsToProcess     = @('Ops.format.ps1xml')
    TypesToProcess       = @('Ops.types.ps1xml')
    CmdletsToExport      = @(
        'ConvertFrom-PlusCal'
        'ConvertTo-PglogicalSql'
        'Get-ModelCheckSpec'
        'Get-PglogicalInventory'
        'Invoke-ModelCheck'
        'Invoke-PglogicalReplicationPlan'
        'New-PglogicalReplicationPlan'
        'Set-EcsService'
        'Set-RdsProxyConfiguration'
        'Test-EcsServiceConfiguration'
        'Test-JenkinsEcsCloud'
        'Test-PglogicalReplicationPlan'
        'Test-RdsProxyConfiguration'
        'Test-TlaSyntax'
    )
    FunctionsToExport    = @()
    VariablesToExport    = @()
    AliasesToExport      = @()
    PrivateData          = @{
        PSData = @{
            Tags         = @('TLA+', 'TLC', 'ModelChecking', 'FormalMethods', 'CI', 'DevOps', 'PostgreSQL', 'pglogical', 'Jenkins', 'AWS', 'ECS', 'PSEdition_Core')
            ReleaseNotes = 'Invoke-ModelCheck, Get-ModelCheckSpec, Test-TlaSyntax (JSON, ITF and JUnit outputs); ConvertFrom-PlusCal; Test-JenkinsEcsCloud; Get-PglogicalInventory, New-PglogicalReplicationPlan, Test-PglogicalReplicationPlan, ConvertTo-PglogicalSql, Invoke-PglogicalReplicationPlan; Test-RdsProxyConfiguration, Set-RdsProxyConfiguration; Test-EcsServiceConfiguration, Set-EcsService.'
        }
    }
}
