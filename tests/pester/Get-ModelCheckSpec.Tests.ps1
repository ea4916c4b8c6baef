#Requires -Version 7.4
# Pester 5 tests of Get-ModelCheckSpec (xunit: SpecCatalogTests).

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-OpsModule
}

Describe 'Get-ModelCheckSpec' {
    It 'lists the shipped seed models, one per configuration' {
        $all = Get-ModelCheckSpec
        $all.Name | Should -Contain 'bank'
        $all.Name | Should -Contain 'bank_transfers'
        $all.Name | Should -Contain 'ExistingService_symmetry'
        $all | ForEach-Object { Test-Path $_.Path | Should -BeTrue; Test-Path $_.ConfigPath | Should -BeTrue }
        ($all | Select-Object -First 1).GetType().FullName | Should -Be 'Ops.PowerShell.ModelCheckSpec'
    }

    It 'filters by name with wildcards and by category' {
        (Get-ModelCheckSpec -Name 'bank*').Name | Should -Be @('bank', 'bank_customers', 'bank_transfers')
        Get-ModelCheckSpec -Category seed | ForEach-Object { $_.Category | Should -Be 'seed' }
    }

    It 'writes an error for an unknown name' {
        { Get-ModelCheckSpec -Name 'no_such_model' -ErrorAction Stop } | Should -Throw '*No shipped model*'
    }

    It 'refuses an unknown category' {
        { Get-ModelCheckSpec -Category 'nope' } | Should -Throw
    }

    It 'pipes into Invoke-ModelCheck (Path and ConfigPath bind by property name)' {
        $r = Get-ModelCheckSpec bank_transfers | Invoke-ModelCheck
        $r.Result | Should -Be 'safety failure'
        $r.Trace.Count | Should -Be 5
    }

    It 'lists only models that check cleanly: every one of them gives a verdict, none an error' {
        $all = @(Get-ModelCheckSpec)
        $all.Count | Should -BeGreaterThan 15
        $results = $all | Invoke-ModelCheck -ErrorAction SilentlyContinue
        @($results).Count | Should -Be $all.Count
        foreach ($r in $results) {
            $r.Result | Should -Not -Be 'error' -Because "$($r.Spec) with $(Split-Path -Leaf $r.ConfigPath): $($r.Violation)"
            $r.Complete | Should -BeTrue
        }
        ($results | Where-Object { (Split-Path -Leaf $_.ConfigPath) -eq 'syn_nodes_live_lossy.cfg' }).Result | Should -Be 'liveness failure'
    }

    It 'lists templates only with -IncludeTemplate, with the constants they need' {
        (Get-ModelCheckSpec).Name | Should -Not -Contain 'ecs_service_check'
        $template = Get-ModelCheckSpec -IncludeTemplate -Name ecs_service_check
        $template.IsTemplate | Should -BeTrue
        $template.UnboundConstants | Should -Not -BeNullOrEmpty
        { Get-ModelCheckSpec -Name rds_proxy_check -ErrorAction Stop } | Should -Throw '*is a template*-IncludeTemplate*'
    }

    It 'has help with examples' {
        @((Get-Help Get-ModelCheckSpec).Examples.Example).Count | Should -BeGreaterThan 0
    }
}
