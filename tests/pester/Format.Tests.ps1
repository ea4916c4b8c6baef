#Requires -Version 7.4
# Pester test of Invoke-ModelCheck's default table (Ops.format.ps1xml) for several configurations of one spec, as
# `Get-ModelCheckSpec -Category seed | Invoke-ModelCheck` (the help's example) shows them. Before: two rows both named
# "ExistingService.t…" with different verdicts.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-OpsModule
}

Describe 'The table of Invoke-ModelCheck results' {
    It 'names a configuration other than SPEC.cfg in the Spec column, and SPEC.tla otherwise' {
        $tla = New-TestSpec -Name Invariant -Tla $InvariantTla -Cfg $InvariantCfg
        Set-Content -Path (Join-Path $TestDrive 'Wide.cfg') -Value ($InvariantCfg -replace '\{n1, n2\}', '{n1, n2, n3}') -NoNewline
        $results = @(
            Invoke-ModelCheck $tla -ErrorAction SilentlyContinue
            Invoke-ModelCheck $tla -ConfigPath (Join-Path $TestDrive 'Wide.cfg') -ErrorAction SilentlyContinue
        )
        $lines = ($results | Format-Table | Out-String -Width 80) -split "`n" | Where-Object { $_ -match 'failure|success' }
        $lines.Count | Should -Be 2
        $lines[0] | Should -Match '^Invariant\.tla\s'
        $lines[1] | Should -Match '^Wide\.cfg\s'
        ($lines | ForEach-Object { $_.TrimEnd().Length } | Measure-Object -Maximum).Maximum | Should -BeLessOrEqual 80
    }
}
