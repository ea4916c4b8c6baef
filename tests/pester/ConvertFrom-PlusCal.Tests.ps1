#Requires -Version 7.4
# Pester 5 tests of ConvertFrom-PlusCal (xunit: tests/Ops.Tla.Tests/PlusCal).

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-OpsModule
    $algorithm = @'
---- MODULE Count ----
EXTENDS Naturals
(* --algorithm count
variables x = 0;
begin
A: x := x + 1;
B: skip;
end algorithm *)
\* BEGIN TRANSLATION
\* END TRANSLATION
====
'@
}

Describe 'ConvertFrom-PlusCal' {
    It 'writes the translation into the module and reports it' {
        $spec = New-TestSpec -Name Count -Tla $algorithm
        $r = ConvertFrom-PlusCal -Path $spec -Confirm:$false
        $r.Status | Should -Be 'Added'
        $r.Written | Should -BeTrue
        # pcal.trans 1.12's layout: pc first.
        Get-Content $spec -Raw | Should -Match 'VARIABLES pc, x'
        (ConvertFrom-PlusCal -Path $spec -Confirm:$false).Status | Should -Be 'UpToDate'
    }

    It 'writes the older layout (pc after the variables) with -PcLast, and refuses -PcLast with -PcFirst' {
        $spec = New-TestSpec -Name Count -Tla $algorithm
        (ConvertFrom-PlusCal -Path $spec -PcLast -Confirm:$false).Status | Should -Be 'Added'
        Get-Content $spec -Raw | Should -Match 'VARIABLES x, pc'
        # The default layout differs, so the file's translation is stale for it.
        (ConvertFrom-PlusCal -Path $spec -WhatIf).Status | Should -Be 'Updated'
        ConvertFrom-PlusCal -Path $spec -PcLast -PcFirst -Confirm:$false -ErrorVariable errs -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'PlusCalLayout*'
    }

    It 'does not write the file under -WhatIf' {
        $spec = New-TestSpec -Name Count -Tla $algorithm
        $r = ConvertFrom-PlusCal -Path $spec -WhatIf
        $r.Written | Should -BeFalse
        Get-Content $spec -Raw | Should -Not -Match 'VARIABLES pc, x'
    }

    It 'translates into a specification Invoke-ModelCheck can check' {
        $spec = New-TestSpec -Name Count -Tla $algorithm -Cfg "SPECIFICATION Spec`n"
        ConvertFrom-PlusCal -Path $spec -Confirm:$false | Out-Null
        (Invoke-ModelCheck $spec -Deadlock).Result | Should -Be 'success'
    }

    It 'writes a PlusCal syntax error as an error record' {
        $spec = New-TestSpec -Name Bad -Tla ($algorithm.Replace('Count', 'Bad').Replace('x := x + 1;', 'x := ;'))
        ConvertFrom-PlusCal -Path $spec -Confirm:$false -ErrorVariable errs -ErrorAction SilentlyContinue | Out-Null
        $errs.Count | Should -BeGreaterThan 0
        $errs[0].CategoryInfo.Category | Should -Be 'ParserError'
    }

    It 'supports -WhatIf and has help with examples' {
        (Get-Command ConvertFrom-PlusCal).Parameters.Keys | Should -Contain 'WhatIf'
        @((Get-Help ConvertFrom-PlusCal).Examples.Example).Count | Should -BeGreaterThan 0
    }
}
