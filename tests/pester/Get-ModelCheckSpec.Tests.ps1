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

    It 'has help with examples' {
        @((Get-Help Get-ModelCheckSpec).Examples.Example).Count | Should -BeGreaterThan 0
    }
}
