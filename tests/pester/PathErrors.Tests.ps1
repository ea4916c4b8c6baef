#Requires -Version 7.4
# Pester tests of the module's errors for a file it was given and cannot use (missing, a folder), as a CI script meets
# them: the message names the parameter, the file and the fix; the ErrorRecord has its category, error id, target and
# recommended action; and its exception carries the CLI's exit code, so that `-ErrorAction Stop` with
# `catch { exit $_.Exception.ExitCode }` fails the step (before: an ItemNotFoundException, no ExitCode, `exit $null`
# exited 0). Also -ReportPath/-TracePath given a folder that does not exist yet.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-OpsModule
    $models = Join-Path $TestDrive 'models'
    New-Item -ItemType Directory -Path $models | Out-Null
    foreach ($n in 'A', 'B') {
        Set-Content -Path (Join-Path $models "$n.tla") -Value ($InvariantTla -replace 'MODULE Invariant', "MODULE $n") -NoNewline
        Set-Content -Path (Join-Path $models "$n.cfg") -Value $InvariantCfg -NoNewline
    }
    $module = Get-OpsModulePath
    function Get-ErrorOf([scriptblock] $Script) {
        try { & $Script | Out-Null } catch { return $_ }
        throw 'no terminating error'
    }
}

Describe 'A missing or misnamed specification' {
    It 'Invoke-ModelCheck: names -Path, the file and the fix; ObjectNotFound, SpecNotFound, exit code 150' {
        $missing = Join-Path $models 'Nope.tla'
        $err = Get-ErrorOf { Invoke-ModelCheck $missing -ErrorAction Stop }
        $err.CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $err.CategoryInfo.Reason | Should -Be 'ItemNotFoundException'
        $err.FullyQualifiedErrorId | Should -BeLike 'SpecNotFound,*'
        $err.TargetObject | Should -Be $missing
        $err.Exception.Message | Should -BeLike "-Path $missing does not exist: check the name*Get-ModelCheckSpec*"
        $err.ErrorDetails.RecommendedAction | Should -Match '^Check the name'
        $err.Exception.ExitCode | Should -Be 150
        "$err" | Should -Not -Match ' at Ops\.|Exception:'
    }

    It 'Invoke-ModelCheck on a folder: an error naming the folder and the pipeline to use, not a check of the folder' {
        $r = Invoke-ModelCheck $models -ErrorAction SilentlyContinue -ErrorVariable errs
        $r | Should -BeNullOrEmpty
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'SpecNotFound,*'
        $errs[0].Exception.Message | Should -Be "-Path $models is a folder: give a .tla file, or pipe the folder's specifications: Get-ChildItem -Path $models -Filter *.tla | Invoke-ModelCheck."
        $errs[0].Exception.ExitCode | Should -Be 150
    }

    It 'Invoke-ModelCheck -LiteralPath on a folder: the same' {
        $err = Get-ErrorOf { Invoke-ModelCheck -LiteralPath $models -ErrorAction Stop }
        $err.Exception.Message | Should -BeLike "-LiteralPath $models is a folder: *"
        $err.Exception.ExitCode | Should -Be 150
    }

    It 'Test-TlaSyntax and ConvertFrom-PlusCal: the same kind of record' {
        $missing = Join-Path $models 'Nope.tla'
        foreach ($err in (Get-ErrorOf { Test-TlaSyntax $missing -ErrorAction Stop }), (Get-ErrorOf { ConvertFrom-PlusCal $missing -ErrorAction Stop })) {
            $err.CategoryInfo.Category | Should -Be 'ObjectNotFound'
            $err.TargetObject | Should -Be $missing
            $err.Exception.Message | Should -BeLike "-Path $missing does not exist: check the name*"
            $err.ErrorDetails.RecommendedAction | Should -Not -BeNullOrEmpty
            $err.Exception.ExitCode | Should -Be 150
        }
    }

    It 'a CI script with $ErrorActionPreference = Stop exits with 150, not 0' {
        $script = "`$ErrorActionPreference = 'Stop'; Import-Module '$module'; try { Invoke-ModelCheck '$(Join-Path $models 'Nope.tla')' | Out-Null } catch { exit `$_.Exception.ExitCode }; exit 0"
        & (Join-Path $PSHOME 'pwsh') -NoProfile -NonInteractive -Command $script 2>&1 | Out-Null
        $LASTEXITCODE | Should -Be 150
    }
}

Describe '-ReportPath and -TracePath naming a folder that does not exist yet' {
    It 'makes the folder and writes one page and one trace per specification (before: a file named "reports", the second refused)' {
        $reports = Join-Path $TestDrive 'reports'
        $traces = Join-Path $TestDrive 'cex'
        $results = Get-ChildItem (Join-Path $models '*.tla') | Invoke-ModelCheck -ReportPath $reports -TracePath $traces -ErrorAction SilentlyContinue -ErrorVariable errs
        @($errs | Where-Object FullyQualifiedErrorId -like 'OutputNotWritten*').Count | Should -Be 0
        Test-Path $reports -PathType Container | Should -BeTrue
        (Get-ChildItem $reports).Name | Sort-Object | Should -Be @('A.html', 'B.html')
        (Get-ChildItem $traces).Name | Sort-Object | Should -Be @('A.itf.json', 'B.itf.json')
        $results.ReportPath | Should -Be @((Join-Path $reports 'A.html'), (Join-Path $reports 'B.html'))
    }

    It 'still writes a single file when the name has an extension' {
        $page = Join-Path $TestDrive 'one.html'
        $r = Invoke-ModelCheck (Join-Path $models 'A.tla') -ReportPath $page -ErrorAction SilentlyContinue
        $r.ReportPath | Should -Be $page
        Test-Path $page -PathType Leaf | Should -BeTrue
    }
}

Describe '<Name> given a missing file or a folder' -ForEach @(
    @{ Name = 'Test-RdsProxyConfiguration'; ErrorId = 'RdsProxyConfigInvalid' }
    @{ Name = 'Test-EcsServiceConfiguration'; ErrorId = 'EcsServiceConfigInvalid' }
    @{ Name = 'Test-JenkinsEcsCloud'; ErrorId = 'JenkinsEcsConfigInvalid' }
    @{ Name = 'Set-EcsService'; ErrorId = 'EcsServiceConfigInvalid' }
    @{ Name = 'Set-RdsProxyConfiguration'; ErrorId = 'RdsProxyConfigInvalid' }
) {
    BeforeAll {
        # The Set- cmdlets under -WhatIf: the file is refused before AWS would be called.
        $whatIf = if ((Get-Command $Name).Parameters.ContainsKey('WhatIf')) { @{ WhatIf = $true } } else { @{} }
    }

    # Before: InvalidData "PATH: no such file" for both, no fix; Test-JenkinsEcsCloud said "Access to the path is denied"
    # for a folder.
    It 'a missing file: ObjectNotFound, the domain''s error id, exit code 151, the fix' {
        $missing = Join-Path $TestDrive 'missing.yaml'
        $err = Get-ErrorOf { & $Name -Path $missing @whatIf }
        $err.CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $err.FullyQualifiedErrorId | Should -BeLike "$ErrorId,*"
        $err.TargetObject | Should -Be $missing
        $err.Exception.ExitCode | Should -Be 151
        $err.Exception.Message | Should -BeLike "-Path $missing does not exist: check the name*"
        $err.ErrorDetails.RecommendedAction | Should -Not -BeNullOrEmpty
    }

    It 'a folder: says it is one and how to pipe its files' {
        $err = Get-ErrorOf { & $Name -Path $models @whatIf }
        $err.Exception.Message | Should -Be "-Path $models is a folder: give the configuration file, or pipe the folder's: Get-ChildItem -Path $models -File | $Name."
        $err.Exception.ExitCode | Should -Be 151
    }
}

Describe 'The pglogical cmdlets given a file that does not exist or is a folder' {
    # Before: InvalidOperation (no target) "cannot read PATH: Could not find file 'PATH'", and for a folder "Access to
    # the path is denied"; -PlanPath had no recommended action.
    BeforeAll {
        $missing = Join-Path $TestDrive 'nope.json'
        $cases = @(
            @{ Parameter = 'InventoryPath'; Run = { New-PglogicalReplicationPlan -InventoryPath $args[0] } }
            @{ Parameter = 'PlanPath'; Run = { Test-PglogicalReplicationPlan -PlanPath $args[0] } }
            @{ Parameter = 'PlanPath'; Run = { Invoke-PglogicalReplicationPlan 'host=db1 dbname=app user=ops password=hunter2' -PlanPath $args[0] -WhatIf } }
        )
    }

    It 'is ObjectNotFound naming the parameter, the file and the fix, with the domain''s exit code 1 and no secret' {
        foreach ($c in $cases) {
            $err = Get-ErrorOf { & $c.Run $missing }
            $err.CategoryInfo.Category | Should -Be 'ObjectNotFound'
            $err.Exception.Message | Should -BeLike "-$($c.Parameter) $missing does not exist: *"
            $err.ErrorDetails.RecommendedAction | Should -Not -BeNullOrEmpty
            $err.TargetObject | Should -Not -BeNullOrEmpty
            $err.Exception.ExitCode | Should -Be 1
            ($err | Out-String) | Should -Not -Match 'hunter2'
        }
    }

    It 'says a folder is one' {
        (Get-ErrorOf { New-PglogicalReplicationPlan -InventoryPath $models }).Exception.Message | Should -BeLike "-InventoryPath $models is a folder*"
        (Get-ErrorOf { New-PglogicalReplicationPlan -InventoryPath $models -RulesPath $models }).Exception.Message | Should -BeLike "-RulesPath $models is a folder*"
    }
}

Describe 'Test-JenkinsEcsCloud -ReportPath naming a folder that does not exist yet' {
    It 'makes the folder and writes one page per JCasC file (before: a file named "jreports", the second refused)' {
        $jcasc = Join-Path $PSScriptRoot '..' '..' 'examples' 'jenkins' 'jenkins.yaml'
        $dir = Join-Path $TestDrive 'jcasc'
        New-Item -ItemType Directory -Path $dir | Out-Null
        Copy-Item $jcasc (Join-Path $dir 'a.yaml'); Copy-Item $jcasc (Join-Path $dir 'b.yaml')
        $reports = Join-Path $TestDrive 'jreports'
        Get-ChildItem (Join-Path $dir '*.yaml') | Test-JenkinsEcsCloud -NoSuggestion -ReportPath $reports -ErrorAction SilentlyContinue -ErrorVariable errs | Out-Null
        @($errs | Where-Object FullyQualifiedErrorId -like 'JenkinsEcsReportNotWritten*').Count | Should -Be 0
        (Get-ChildItem $reports).Name | Sort-Object | Should -Be @('a.html', 'b.html')
    }
}
