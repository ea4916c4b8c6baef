#Requires -Version 7.4
# Pester 5 tests of Test-PglogicalReplicationPlan (xunit: tests/Ops.Pglogical.Tests/PlannerAndModelTests.cs): the
# embedded checker on plans made from an inventory built by hand (New-PglogicalTestInventory), no PostgreSQL needed.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-OpsModule
    $inventory = New-PglogicalTestInventory
    # public.events has no primary key and, by default, every kind of write: its UPDATEs would not replicate.
    $divergent = New-PglogicalReplicationPlan -Inventory $inventory
    $insertOnly = New-PglogicalReplicationPlan -Inventory $inventory -InsertOnly public.events
}

Describe 'Test-PglogicalReplicationPlan' {
    It 'finds how the subscriber can differ, in words, with the fix' {
        $report = $divergent | Test-PglogicalReplicationPlan
        $report.GetType().FullName | Should -Be 'Ops.Pglogical.Model.ModelCheckReport'
        $report.Passed | Should -BeFalse
        $report.Divergences.Count | Should -Be 1
        $report.Divergences[0].Object | Should -Be 'public.events'
        $report.Divergences[0].Problem | Should -Match 'UPDATE'
        $report.Divergences[0].Fix | Should -Not -BeNullOrEmpty
    }

    It 'passes a plan whose table without a primary key is only inserted into' {
        $report = Test-PglogicalReplicationPlan -Plan $insertOnly
        $report.Passed | Should -BeTrue
        $report.Tables | Should -Be 2
        $report.StatesGenerated | Should -BeGreaterThan 0
    }

    It 'writes the report, then throws a terminating error under -ErrorOnDivergence' {
        $reports = $null
        $err = $null
        try { $divergent | Test-PglogicalReplicationPlan -ErrorOnDivergence -OutVariable reports | Out-Null } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -BeLike 'Pglogical.divergence,*'
        $err.ErrorDetails.Message | Should -Match 'public\.events'
        @($reports).Count | Should -Be 1
        $reports[0].Passed | Should -BeFalse
        { $insertOnly | Test-PglogicalReplicationPlan -ErrorOnDivergence } | Should -Not -Throw
    }

    It 'keeps the bound models with -KeepModelPath' {
        $dir = Join-Path $TestDrive 'models'
        $report = $insertOnly | Test-PglogicalReplicationPlan -KeepModelPath $dir
        $report.ModelDirectory | Should -Not -BeNullOrEmpty
        @(Get-ChildItem $dir -Filter 'MC_*.cfg').Count | Should -BeGreaterThan 0
    }

    It 'connects to nothing: no -Connection' {
        (Get-Command Test-PglogicalReplicationPlan).Parameters.Keys | Should -Not -Contain 'Connection'
    }

    It 'has help with examples' {
        @((Get-Help Test-PglogicalReplicationPlan).Examples.Example).Count | Should -BeGreaterThan 0
    }
}
