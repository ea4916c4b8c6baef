#Requires -Version 7.4
# Pester tests of the module as a platform engineer uses it from a shell: files named with wildcard characters,
# -LiteralPath and Get-ChildItem's files, tab completion against PowerShell's location (not the process's), -Verbose,
# and a CI script that must fail when -ErrorOnViolation says so. Each test is a defect found by using the packaged module.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-OpsModule

    # A folder with a space in its name, and one whose name holds wildcard characters. (A specification's own file
    # name cannot hold them: it is its module's name, an identifier; TLC's parser rejects 'Counter[1].tla' holding
    # MODULE Counter, exit 150, and so does Ops.)
    $models = Join-Path $TestDrive 'my models'
    New-Item -ItemType Directory -Path $models | Out-Null
    $wild = Join-Path $TestDrive 'run[1]'
    New-Item -ItemType Directory -Path $wild | Out-Null
    Set-Content -LiteralPath (Join-Path $wild 'Counter.tla') -Value $CounterTla -NoNewline
    Set-Content -LiteralPath (Join-Path $wild 'Counter.cfg') -Value $CounterCfg -NoNewline
    Set-Content -LiteralPath (Join-Path $models 'Invariant.tla') -Value $InvariantTla -NoNewline
    Set-Content -LiteralPath (Join-Path $models 'Invariant.cfg') -Value $InvariantCfg -NoNewline

    function Get-Completion([string] $Line) {
        (TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches
    }
}

Describe 'Specifications in a folder whose name holds [ ] (wildcard characters)' {
    It 'Invoke-ModelCheck checks the file Get-ChildItem pipes (it binds its PSPath to -LiteralPath)' {
        $r = Get-ChildItem -LiteralPath (Join-Path $wild 'Counter.tla') | Invoke-ModelCheck
        $r.Spec | Should -Be 'Counter.tla'
        $r.DistinctStates | Should -Be 3
    }

    It 'Invoke-ModelCheck -LiteralPath takes the path as it is' {
        (Invoke-ModelCheck -LiteralPath (Join-Path $wild 'Counter.tla')).Result | Should -Be 'success'
    }

    It 'Invoke-ModelCheck -Path takes the file so named when the pattern matches no file' {
        (Invoke-ModelCheck (Join-Path $wild 'Counter.tla')).StatesGenerated | Should -Be 4
    }

    It 'Test-TlaSyntax parses the piped file instead of writing nothing' {
        $out = @(Get-ChildItem -LiteralPath (Join-Path $wild 'Counter.tla') | Test-TlaSyntax)
        $out | Should -Be @($true)
        @(Test-TlaSyntax -LiteralPath (Join-Path $wild 'Counter.tla') -Detailed).Valid | Should -Be @($true)
    }

    It 'Test-TlaSyntax says when a pattern matches no file (a CI lint step must not pass on a typo)' {
        $out = Test-TlaSyntax (Join-Path $models '*.tlaa') -ErrorAction SilentlyContinue -ErrorVariable errs
        $out | Should -BeNullOrEmpty
        $errs.Count | Should -Be 1
        $errs[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $errs[0].Exception.Message | Should -Match 'matches no file'
    }
}

Describe 'Invoke-ModelCheck -ErrorOnViolation in a CI script' {
    It 'fails the step when the specification is missing, with the CLI''s exit code 150 (before: an error, then the step passed)' {
        $err = Get-TerminatingError { Invoke-ModelCheck (Join-Path $models 'Missing.tla') -ErrorOnViolation }
        $err | Should -Not -BeNullOrEmpty
        $err.CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $err.FullyQualifiedErrorId | Should -BeLike 'SpecNotFound,*'
        $err.Exception.ExitCode | Should -Be 150
        $err.Exception | Should -BeOfType ([Ops.PowerShell.OpsCommandException])
    }

    It 'fails the step when a report cannot be written (exit code 255)' {
        $err = Get-TerminatingError { Invoke-ModelCheck (Join-Path $models 'Invariant.tla') -ErrorOnViolation -JUnitPath (Join-Path $models 'no such folder' 'j.xml') }
        $err.Exception.ExitCode | Should -Be 255
        $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $err.Exception.Message | Should -Match '-JUnitPath .* cannot be written'
    }

    It 'without -ErrorOnViolation a missing specification is a non-terminating error and the pipeline goes on' {
        $results = (Join-Path $models 'Missing.tla'), (Join-Path $models 'Invariant.tla') | Invoke-ModelCheck -ErrorAction SilentlyContinue -ErrorVariable errs
        @($results).Count | Should -Be 1
        $results.Spec | Should -Be 'Invariant.tla'
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'SpecNotFound,*'
    }

    It 'ends a pwsh -c script that goes on after the check: exit 1 and nothing after it runs' {
        $module = Get-OpsModulePath
        $spec = Join-Path $models 'Invariant.tla'
        $output = Invoke-ChildPwsh "Import-Module '$module'; Invoke-ModelCheck '$spec' -ErrorOnViolation 6>`$null | Out-Null; Write-Output 'still running'"
        $LASTEXITCODE | Should -Be 1
        ($output | Out-String) | Should -Not -Match 'still running'
        ($output | Out-String) | Should -Match 'Invoke-ModelCheck: Model check of Invariant.tla failed'
    }

    It 'still ends with TLC''s exit code through catch, and a typed catch sees the failure' {
        $module = Get-OpsModulePath
        $spec = Join-Path $models 'Invariant.tla'
        Invoke-ChildPwsh "Import-Module '$module'; try { Invoke-ModelCheck '$spec' -ErrorOnViolation 6>`$null | Out-Null } catch [Ops.PowerShell.ModelCheckFailedException] { exit `$_.Exception.ExitCode }; exit 0" | Out-Null
        $LASTEXITCODE | Should -Be 12
        Invoke-ChildPwsh "Import-Module '$module'; Invoke-ModelCheck '$(Join-Path $models 'Missing.tla')' -ErrorOnViolation; Write-Output 'still running'" | Out-Null
        $LASTEXITCODE | Should -Be 1
    }

    It 'Test-JenkinsEcsCloud -ErrorOnViolation ends the script too' {
        $module = Get-OpsModulePath
        $jcasc = Join-Path $PSScriptRoot '..' '..' 'examples' 'jenkins' 'jenkins.yaml'
        $output = Invoke-ChildPwsh "Import-Module '$module'; Test-JenkinsEcsCloud '$jcasc' -NoSuggestion -ErrorOnViolation 6>`$null | Out-Null; Write-Output 'still running'"
        $LASTEXITCODE | Should -Be 1
        ($output | Out-String) | Should -Not -Match 'still running'
    }
}

Describe 'Invoke-ModelCheck -Verbose' {
    It 'says what is checked, with which configuration, and TLC''s closing lines' {
        $lines = Invoke-ModelCheck (Join-Path $models 'Invariant.tla') -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message
        $lines[0] | Should -BeLike 'Checking *Invariant.tla: 1 worker(s), deadlock checked.'
        $lines | Should -Contain "Configuration: $(Join-Path $models 'Invariant.cfg')"
        $lines | Should -Contain 'Invariant Small is violated. (safety failure, exit code 12)'
        $lines | Should -Contain '8 states generated, 7 distinct states found, 2 states left on queue.'
    }
}

Describe 'Tab completion' {
    BeforeAll {
        $elsewhere = Join-Path $TestDrive 'elsewhere'
        New-Item -ItemType Directory -Path $elsewhere | Out-Null
        Set-Content -Path (Join-Path $elsewhere 'Other.cfg') -Value 'INIT Init'
    }

    It 'completes -ConfigPath and -Constant from PowerShell''s location, not the process''s directory' {
        $processDirectory = [Environment]::CurrentDirectory
        [Environment]::CurrentDirectory = $elsewhere
        Push-Location $models
        try {
            (Get-Completion 'Invoke-ModelCheck ./Invariant.tla -ConfigPath ').ListItemText | Should -Contain './Invariant.cfg'
            (Get-Completion 'Invoke-ModelCheck ./Invariant.tla -ConfigPath ').ListItemText | Should -Not -Contain 'Other.cfg'
            (Get-Completion 'Invoke-ModelCheck ./Invariant.tla -Constant ').CompletionText | Should -Be '@{ Nodes = '
            (Get-Completion 'Invoke-ModelCheck ./Inv').CompletionText | Should -Be './Invariant.tla'
        }
        finally {
            Pop-Location
            [Environment]::CurrentDirectory = $processDirectory
        }
    }

    It 'quotes and escapes a name with wildcard characters so that the completed command checks that file' {
        Push-Location -LiteralPath $TestDrive
        try {
            $completion = (Get-Completion 'Invoke-ModelCheck ./run[1]/Coun').CompletionText
            $completion | Should -Be "'./run``[1``]/Counter.tla'"
            (Invoke-Expression "Invoke-ModelCheck $completion").Spec | Should -Be 'Counter.tla'
            (Get-Completion 'Invoke-ModelCheck ./run[1]/Counter.tla -ConfigPath ./run[1]/C').CompletionText | Should -Be "'./run[1]/Counter.cfg'"
        }
        finally { Pop-Location }
    }
}

Describe 'ConvertFrom-PlusCal of a file that is not there' {
    It 'is an ObjectNotFound error naming the file (before: a read error)' {
        ConvertFrom-PlusCal (Join-Path $models 'Missing.tla') -ErrorAction SilentlyContinue -ErrorVariable errs | Should -BeNullOrEmpty
        $errs[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'PlusCalFileNotFound,*'
        $errs[0].Exception.Message | Should -Match ([regex]::Escape((Join-Path $models 'Missing.tla')))
    }
}

Describe 'What a view shows is a property a pipeline can use' {
    BeforeAll {
        $examples = Join-Path $PSScriptRoot '..' '..' 'examples'
        $ecsSnapshot = Join-Path $examples 'ecs-service' 'aws-snapshot.json'
        # The example with a grace period that the check accepts, so that Set-EcsService -WhatIf gets to its plan.
        $fixed = Join-Path $TestDrive 'web-fixed.yml'
        (Get-Content -Raw (Join-Path $examples 'ecs-service' 'web-service.yml')) -replace 'health_check_grace_period_seconds: 60', 'health_check_grace_period_seconds: 330' |
            Set-Content -Path $fixed
    }

    It 'Test-EcsServiceConfiguration: Service and ErrorCount, as the list shows them' {
        $r = Test-EcsServiceConfiguration (Join-Path $examples 'ecs-service' 'web-service.yml') -AwsSnapshotPath $ecsSnapshot -ErrorAction SilentlyContinue
        $row = $r | Select-Object Service, Passed, ErrorCount
        "$($row.Service) $($row.Passed) $($row.ErrorCount)" | Should -Be 'prod/web False 1'
        ($r | Out-String) | Should -Match 'ErrorCount\s*:\s*1'
        ($r | Out-String) | Should -Match 'ModelRuns\s*:'
        ($r | ConvertTo-Json -Depth 2 -WarningAction SilentlyContinue | ConvertFrom-Json).Service | Should -Be 'prod/web'
    }

    It 'Test-RdsProxyConfiguration: ErrorCount' {
        $dir = Join-Path $examples 'rds-proxy'
        $r = Test-RdsProxyConfiguration (Join-Path $dir 'proxy.yaml') -AwsSnapshotPath (Join-Path $dir 'aws-snapshot.json') -ErrorAction SilentlyContinue
        @($r | Where-Object ErrorCount -gt 0).Count | Should -Be 1
        $r.ErrorCount | Should -Be 2
    }

    It 'Set-EcsService -WhatIf: Passed and Findings of the apply result' {
        $a = Set-EcsService $fixed -AwsSnapshotPath $ecsSnapshot -WhatIf 6>$null
        $a.Passed | Should -BeTrue
        @($a.Findings).Count | Should -Be 0
        $a.Skipped | Should -HaveCount 1
        ($a | Select-Object Passed, Changed).Passed | Should -BeTrue
    }

    It 'New-PglogicalReplicationPlan: Database and NodeDsn' {
        $plan = New-PglogicalReplicationPlan -InventoryPath (Join-Path $examples 'pglogical' 'inventory.json') -Exclude ref -CreateNode provider2 -NodeDsn 'host=db1 dbname=shop user=repl password=S3cret' -WarningAction SilentlyContinue -ErrorAction SilentlyContinue
        ($plan | Select-Object Database).Database | Should -Be 'shop'
        $plan.NodeDsn | Should -Not -Match 'S3cret'
        $plan.Summary() | Should -Match 'table\(s\) to add'
    }

    It 'Test-TlaSyntax -Detailed: Error' {
        $broken = New-TestSpec -Name Broken -Tla $ParseErrorTla
        $r = Test-TlaSyntax $broken -Detailed -ErrorAction SilentlyContinue
        $r.Error | Should -BeLike '*Broken.tla:5:6: *'
        @(Test-TlaSyntax $broken, (Join-Path $models 'Invariant.tla') -Detailed -ErrorAction SilentlyContinue | Where-Object Error).Count | Should -Be 1
    }

    It 'Test-JenkinsEcsCloud: the list says Run, the property''s name' {
        $v = Test-JenkinsEcsCloud (Join-Path $examples 'jenkins' 'jenkins.yaml') -NoSuggestion | Select-Object -First 1
        ($v | Format-List | Out-String) | Should -Match '(?m)^Run\s*:\s*safety failure'
        "$($v.Run)" | Should -Match '^safety failure'
    }
}

Describe 'New-PglogicalReplicationPlan -SavePath -Verbose' {
    It 'names the parameter that reads the file back, -PlanPath (before: -SavePath), and where the inventory came from' {
        $inventory = Join-Path $PSScriptRoot '..' '..' 'examples' 'pglogical' 'inventory.json'
        $file = Join-Path $TestDrive 'plan.json'
        $lines = New-PglogicalReplicationPlan -InventoryPath $inventory -Exclude ref -SavePath $file -Verbose -WarningAction SilentlyContinue 4>&1 |
            Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message
        $lines | Should -Contain "Saved to ${file}: give it to -PlanPath of the next cmdlet."
        ($lines -join "`n") | Should -Match ([regex]::Escape("(the inventory given with -InventoryPath $inventory)"))
        (Test-PglogicalReplicationPlan -PlanPath $file).Divergences.Count | Should -BeGreaterThan 0
    }
}

Describe 'A bad file among piped configuration files' {
    BeforeAll {
        $jcasc = Join-Path $PSScriptRoot '..' '..' 'examples' 'jenkins' 'jenkins.yaml'
        $folder = Join-Path $TestDrive 'jcasc'
        New-Item -ItemType Directory -Path $folder | Out-Null
        Set-Content -Path (Join-Path $folder 'a-broken.yaml') -Value "jenkins:`n  clouds:`n    - ecs:`n        name: x`n        bogus: [`n"
        Copy-Item $jcasc (Join-Path $folder 'b-jenkins.yaml')
    }

    It 'is a non-terminating error (151, the file named) and the next file is still checked' {
        $verdicts = Get-ChildItem $folder -Filter *.yaml | Test-JenkinsEcsCloud -NoSuggestion -ErrorAction SilentlyContinue -ErrorVariable errs
        @($verdicts).Count | Should -Be 3
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'JenkinsEcsConfigInvalid,*'
        $errs[0].CategoryInfo.Category | Should -Be 'InvalidData'
        $errs[0].TargetObject | Should -Be (Join-Path $folder 'a-broken.yaml')
        $errs[0].Exception.ExitCode | Should -Be 151
        $errs[0].Exception.Message | Should -Match 'a-broken.yaml:7:1: malformed YAML'
    }

    It 'given as a parameter it stays a terminating error with exit code 151' {
        (Get-TerminatingError { Test-JenkinsEcsCloud -Path (Join-Path $folder 'a-broken.yaml') }).Exception.ExitCode | Should -Be 151
    }

    It 'under -ErrorOnViolation it fails the step, piped or not' {
        $err = Get-TerminatingError { Get-ChildItem $folder -Filter *.yaml | Test-JenkinsEcsCloud -NoSuggestion -ErrorOnViolation }
        $err.Exception.ExitCode | Should -Be 151
    }

    It 'Test-EcsServiceConfiguration goes on with the next piped file as well' {
        $examples = Join-Path $PSScriptRoot '..' '..' 'examples' 'ecs-service'
        $ecs = Join-Path $TestDrive 'ecs'
        New-Item -ItemType Directory -Path $ecs | Out-Null
        Set-Content -Path (Join-Path $ecs 'a-broken.yml') -Value "- name: x`n  ecs_service:`n    nmae: web`n"
        Copy-Item (Join-Path $examples 'web-service.yml') (Join-Path $ecs 'b-web.yml')
        $reports = Get-ChildItem $ecs -Filter *.yml | Test-EcsServiceConfiguration -AwsSnapshotPath (Join-Path $examples 'aws-snapshot.json') -ErrorAction SilentlyContinue -ErrorVariable errs
        @($reports).Count | Should -Be 1
        $reports.Service | Should -Be 'prod/web'
        @($errs | Where-Object FullyQualifiedErrorId -like 'EcsServiceConfigInvalid,*').Count | Should -Be 1
    }
}

Describe 'Invoke-ModelCheck -ConfigPath that names no file' {
    It 'is an ObjectNotFound error naming -ConfigPath (before: a check error that asked for a -ConfigPath already given)' {
        $r = Invoke-ModelCheck (Join-Path $models 'Invariant.tla') -ConfigPath (Join-Path $models 'Nope.cfg') -ErrorAction SilentlyContinue -ErrorVariable errs
        $r | Should -BeNullOrEmpty
        $errs[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'ConfigNotFound,*'
        $errs[0].Exception.Message | Should -BeLike "-ConfigPath $(Join-Path $models 'Nope.cfg') does not exist: give the model configuration (.cfg) file*"
        (Get-TerminatingError { Invoke-ModelCheck (Join-Path $models 'Invariant.tla') -ConfigPath (Join-Path $models 'Nope.cfg') -ErrorOnViolation }).Exception.ExitCode | Should -Be 255
    }
}

Describe 'Set-EcsService -WhatIf' {
    It 'returns a dry run: DryRun is $true, nothing applied, the step skipped' {
        $examples = Join-Path $PSScriptRoot '..' '..' 'examples' 'ecs-service'
        $fixed = Join-Path $TestDrive 'web-whatif.yml'
        (Get-Content -Raw (Join-Path $examples 'web-service.yml')) -replace 'health_check_grace_period_seconds: 60', 'health_check_grace_period_seconds: 330' | Set-Content -Path $fixed
        $a = Set-EcsService $fixed -AwsSnapshotPath (Join-Path $examples 'aws-snapshot.json') -WhatIf 6>$null
        $a.DryRun | Should -BeTrue
        $a.Changed | Should -BeFalse
        $a.Applied | Should -HaveCount 0
    }
}

Describe 'Help syntax' {
    It 'shows every switch as a switch (before: -Simulate was shown taking a SwitchParameter value)' {
        foreach ($name in (Get-Command -Module Ops).Name) {
            $syntax = (Get-Help $name).syntax | Out-String -Width 1000
            $syntax | Should -Not -Match '<SwitchParameter>' -Because "$name's syntax"
        }
        ((Get-Help Invoke-ModelCheck).syntax | Out-String -Width 1000) | Should -Match '\[-Simulate\]'
    }
}
