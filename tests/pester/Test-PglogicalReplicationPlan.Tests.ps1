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

    It 'checks a plan saved with New-PglogicalReplicationPlan -SavePath as it checks the plan object' {
        $file = Join-Path $TestDrive 'divergent.json'
        $null = New-PglogicalReplicationPlan -Inventory $inventory -SavePath $file
        $fromObject = $divergent | Test-PglogicalReplicationPlan
        $fromFile = Test-PglogicalReplicationPlan -PlanPath $file
        $fromFile.Passed | Should -BeFalse
        $fromFile.Divergences.Object | Should -Be $fromObject.Divergences.Object
        $fromFile.Divergences.Problem | Should -Be $fromObject.Divergences.Problem
        $fromFile.StatesGenerated | Should -Be $fromObject.StatesGenerated
    }

    It 'takes saved plans from Get-ChildItem, with -ErrorOnDivergence' {
        $folder = Join-Path $TestDrive 'plans'
        $null = New-Item -ItemType Directory $folder
        $null = New-PglogicalReplicationPlan -Inventory $inventory -InsertOnly public.events -SavePath (Join-Path $folder 'a-insert-only.json')
        $null = New-PglogicalReplicationPlan -Inventory $inventory -SavePath (Join-Path $folder 'b-divergent.json')
        $reports = Get-ChildItem $folder -Filter *.json | Test-PglogicalReplicationPlan
        @($reports).Count | Should -Be 2
        $reports.Passed | Should -Be @($true, $false)
        $err = Get-TerminatingError { Get-ChildItem $folder -Filter *.json | Test-PglogicalReplicationPlan -ErrorOnDivergence }
        $err.FullyQualifiedErrorId | Should -BeLike 'Pglogical.divergence,*'
    }

    It 'says a file is not a saved plan, and how to make one (in PowerShell''s words)' {
        $file = Join-Path $TestDrive 'not-a-plan.json'
        Set-Content -Path $file -Value '{ "hello": 1 }'
        $err = Get-TerminatingError { Test-PglogicalReplicationPlan -PlanPath $file }
        $err.FullyQualifiedErrorId | Should -BeLike 'Pglogical.plan-file,*'
        "$err" | Should -Match 'not-a-plan\.json is not a saved plan'
        $err.ErrorDetails.RecommendedAction | Should -Be 'write one with: New-PglogicalReplicationPlan -SavePath FILE'
        $err.Exception.ExitCode | Should -Be 1
        $missing = Get-TerminatingError { Test-PglogicalReplicationPlan -PlanPath (Join-Path $TestDrive 'missing.json') }
        "$missing" | Should -Match '-PlanPath .*missing\.json does not exist: check the name'
        $missing.CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }

    It 'takes either -Plan or -PlanPath, not both' {
        { Test-PglogicalReplicationPlan -Plan $divergent -PlanPath (Join-Path $TestDrive 'x.json') -ErrorAction Stop } | Should -Throw '*Parameter set cannot be resolved*'
    }

    It 'connects to nothing: no -Connection' {
        (Get-Command Test-PglogicalReplicationPlan).Parameters.Keys | Should -Not -Contain 'Connection'
    }

    It 'has help with examples' {
        @((Get-Help Test-PglogicalReplicationPlan).Examples.Example).Count | Should -BeGreaterThan 0
    }
}
