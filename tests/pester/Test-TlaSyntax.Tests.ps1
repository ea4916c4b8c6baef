#Requires -Version 7.4
# Pester 5 tests of Test-TlaSyntax (xunit: SyntaxServiceTests).

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-OpsModule
}

Describe 'Test-TlaSyntax' {
    BeforeAll {
        $good = New-TestSpec -Name Counter -Tla $CounterTla -Cfg $CounterCfg
        $bad = New-TestSpec -Name Broken -Tla $ParseErrorTla
    }

    It 'returns $true for a valid specification' {
        Test-TlaSyntax $good | Should -BeTrue
    }

    It 'returns $false and an ErrorRecord naming file, line and column for a broken one' {
        $ok = Test-TlaSyntax $bad -ErrorVariable errs -ErrorAction SilentlyContinue
        $ok | Should -BeFalse
        $errs.Count | Should -Be 1
        $errs[0].CategoryInfo.Category | Should -Be 'ParserError'
        $errs[0].FullyQualifiedErrorId | Should -Match '^TlaSyntaxError'
        "$($errs[0])" | Should -Match 'Broken\.tla:5:\d+: '
        $errs[0].Exception.Span.Line | Should -Be 5
        $errs[0].TargetObject | Should -Be $bad
    }

    It 'returns details with -Detailed' {
        $r = Test-TlaSyntax $bad -Detailed -ErrorAction SilentlyContinue
        $r.Valid | Should -BeFalse
        $r.Errors[0].Line | Should -Be 5
        (Test-TlaSyntax $good -Detailed).Modules | Should -Be @('Counter')
    }

    It 'tests configuration files' {
        Test-TlaSyntax (Join-Path $TestDrive 'Counter.cfg') | Should -BeTrue
    }

    It 'accepts wildcards and pipeline input' {
        @(Test-TlaSyntax (Join-Path $TestDrive '*.tla') -ErrorAction SilentlyContinue).Count | Should -Be 2
        @(Get-ChildItem $TestDrive -Filter *.tla | Test-TlaSyntax -ErrorAction SilentlyContinue).Count | Should -Be 2
    }

    It 'resolves names unless -SyntaxOnly' {
        $unknown = New-TestSpec -Name Unknown -Tla "---- MODULE Unknown ----`nVARIABLE x`nInit == x = Missing`n====`n"
        Test-TlaSyntax $unknown -ErrorAction SilentlyContinue | Should -BeFalse
        Test-TlaSyntax $unknown -SyntaxOnly | Should -BeTrue
    }

    It 'has help with examples' {
        @((Get-Help Test-TlaSyntax).Examples.Example).Count | Should -BeGreaterThan 0
    }
}
