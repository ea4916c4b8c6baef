#Requires -Version 7.4
# Pester tests of the module as a platform engineer uses it from a shell, second round: the help's own examples run as
# written, CI scripts that pipe Get-ChildItem into a cmdlet that must fail the step, -WhatIf of the Set- cmdlets on a
# configuration whose check fails, and connection strings whose password is written in another form. Each Describe is
# a defect found by using the packaged module (UserSession.Tests.ps1 holds the first round).

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-OpsModule

    $examples = Join-Path $PSScriptRoot '..' '..' 'examples'
    $module = Get-OpsModulePath

    # A CI checkout: a folder of models, one of which violates its invariant.
    $ci = Join-Path $TestDrive 'ci'
    New-Item -ItemType Directory -Path (Join-Path $ci 'models') | Out-Null
    Set-Content -Path (Join-Path $ci 'models' 'Counter.tla') -Value $CounterTla -NoNewline
    Set-Content -Path (Join-Path $ci 'models' 'Counter.cfg') -Value $CounterCfg -NoNewline
    Set-Content -Path (Join-Path $ci 'models' 'Invariant.tla') -Value $InvariantTla -NoNewline
    Set-Content -Path (Join-Path $ci 'models' 'Invariant.cfg') -Value $InvariantCfg -NoNewline

    # Runs $Script as a CI step does (pwsh -File): its output, and its exit code in $LASTEXITCODE.
    function Invoke-CiScript {
        param([Parameter(Mandatory)] [string] $Script)
        $file = Join-Path $ci "step-$([guid]::NewGuid().ToString('N')).ps1"
        Set-Content -Path $file -Value "Set-Location '$ci'; Import-Module '$module'`n$Script"
        $native = Join-Path $PSHOME ($IsWindows ? 'pwsh.exe' : 'pwsh')
        if (Test-Path $native) { & $native -NoProfile -NonInteractive -File $file 2>&1 }
        else { & ([Environment]::ProcessPath) (Join-Path $PSHOME 'pwsh.dll') -NoProfile -NonInteractive -File $file 2>&1 }
    }
}

Describe 'A failing step downstream of Get-ChildItem (the help''s Example 4 of Invoke-ModelCheck)' {
    # Before: Get-ChildItem (a provider cmdlet) caught the exception -ErrorOnViolation threw, as it comes back up through
    # its WriteObject, and wrote it as a non-terminating error of its own ("Get-ChildItem: Model check of ... failed"):
    # the script went on to deploy and exited 0. Piping strings, or giving -Path, failed the step as documented.
    It 'Invoke-ModelCheck -ErrorOnViolation ends the script with exit 1 and runs nothing after it' {
        $out = Invoke-CiScript "Get-ChildItem ./models/*.tla | Invoke-ModelCheck -ErrorOnViolation -JUnitPath ./model-check.xml 6>`$null | Out-Null`nWrite-Output 'deploying'"
        $LASTEXITCODE | Should -Be 1
        ($out | Out-String) | Should -Not -Match '(?m)^deploying'
        ($out | Out-String) | Should -Match '(?s)Invoke-ModelCheck: .*Model check of Invariant.tla failed'
    }

    It 'still gives catch TLC''s exit code and the cmdlet''s ErrorRecord, typed or not' {
        Invoke-CiScript "try { Get-ChildItem ./models/*.tla | Invoke-ModelCheck -ErrorOnViolation 6>`$null | Out-Null } catch [Ops.PowerShell.OpsCommandException] { exit `$_.Exception.ExitCode }; exit 0" | Out-Null
        $LASTEXITCODE | Should -Be 12
        $err = Get-TerminatingError { Get-ChildItem (Join-Path $ci 'models' '*.tla') | Invoke-ModelCheck -ErrorOnViolation 6>$null }
        $err.FullyQualifiedErrorId | Should -Be 'ModelCheckFailed:12,Ops.PowerShell.Cmdlets.InvokeModelCheckCommand'
        $err.Exception | Should -BeOfType ([Ops.PowerShell.ModelCheckFailedException])
        $err.Exception.ExitCode | Should -Be 12
        $err.InvocationInfo.MyCommand.Name | Should -Be 'Invoke-ModelCheck'
    }

    It 'Test-PglogicalReplicationPlan -ErrorOnDivergence over saved plans (its Example 4) fails the step too' {
        $plans = Join-Path $ci 'plans'
        New-Item -ItemType Directory -Path $plans | Out-Null
        New-PglogicalReplicationPlan -InventoryPath (Join-Path $examples 'pglogical' 'inventory.json') -Exclude ref -SavePath (Join-Path $plans 'shop.json') -WarningAction SilentlyContinue | Out-Null
        $out = Invoke-CiScript "Get-ChildItem ./plans/*.json | Test-PglogicalReplicationPlan -ErrorOnDivergence 6>`$null | Out-Null`nWrite-Output 'applying'"
        $LASTEXITCODE | Should -Be 1
        ($out | Out-String) | Should -Not -Match '(?m)^applying'
    }

    It 'Test-JenkinsEcsCloud -ErrorOnViolation over Get-ChildItem''s files fails the step too' {
        Copy-Item (Join-Path $examples 'jenkins' 'jenkins.yaml') (Join-Path $ci 'jenkins.yaml')
        $out = Invoke-CiScript "Get-ChildItem ./*.yaml | Test-JenkinsEcsCloud -NoSuggestion -ErrorOnViolation 6>`$null | Out-Null`nWrite-Output 'merging'"
        $LASTEXITCODE | Should -Be 1
        ($out | Out-String) | Should -Not -Match '(?m)^merging'
    }
}

Describe 'Set-EcsService and Set-RdsProxyConfiguration -WhatIf when the check fails' {
    # Before: a terminating error ("the check found 1 error(s) ...; nothing was changed") and no "What if:" line, while
    # Invoke-PglogicalReplicationPlan -WhatIf warned and showed its statements. Now all three: no terminating error, a
    # warning that the apply would stop there, "What if:" for each planned step, and (Set-) the result with DryRun.
    BeforeAll {
        $ecs = Join-Path $examples 'ecs-service'
        $rds = Join-Path $examples 'rds-proxy'
    }

    It 'Set-EcsService -WhatIf: the finding as a non-terminating error (exit code 12), a warning, the result' {
        $a = Set-EcsService (Join-Path $ecs 'web-service.yml') -AwsSnapshotPath (Join-Path $ecs 'aws-snapshot.json') -WhatIf `
            -ErrorAction SilentlyContinue -ErrorVariable findings -WarningAction SilentlyContinue -WarningVariable warned
        $a | Should -HaveCount 1
        $a.DryRun | Should -BeTrue
        $a.Passed | Should -BeFalse
        $a.Changed | Should -BeFalse
        $findings.FullyQualifiedErrorId | Should -Be @('TasksStoppedBeforeHealthy,Ops.PowerShell.EcsService.SetEcsServiceCommand')
        $findings[0].Exception.ExitCode | Should -Be 12
        "$warned" | Should -Match '^The apply would stop here, before changing anything: web-service.yml: the check found 1 error\(s\) in the ECS service configuration'
        # The report's own plan stays empty (nothing may be applied from a failed check).
        @($a.Check.Plan).Count | Should -Be 0
        # The view says it was a dry run (before: Passed, Changed, Applied, Skipped, Findings only).
        ($a | Out-String) | Should -Match 'DryRun\s*:\s*True'
    }

    It 'Set-RdsProxyConfiguration -WhatIf: every finding, then the warning, without a terminating error' {
        $err = Get-TerminatingError { Set-RdsProxyConfiguration (Join-Path $rds 'proxy.yaml') -AwsSnapshotPath (Join-Path $rds 'aws-snapshot.json') -WhatIf -ErrorAction SilentlyContinue -WarningAction SilentlyContinue }
        $err | Should -BeNullOrEmpty
        $b = Set-RdsProxyConfiguration (Join-Path $rds 'proxy.yaml') -AwsSnapshotPath (Join-Path $rds 'aws-snapshot.json') -WhatIf `
            -ErrorAction SilentlyContinue -ErrorVariable findings -WarningAction SilentlyContinue -WarningVariable warned
        $b.DryRun | Should -BeTrue
        $b.Passed | Should -BeFalse
        @($findings.FullyQualifiedErrorId | ForEach-Object { ($_ -split ',')[0] }) | Should -Be @('UserNameWithSecrets', 'SecretNotJson')
        "$warned" | Should -Match 'proxy.yaml: the check found 2 error\(s\) in the RDS Proxy configuration'
    }

    It 'shows "What if:" for each step planned from the file, as Invoke-PglogicalReplicationPlan does' {
        $out = Invoke-ChildPwsh "Import-Module '$module'; Set-RdsProxyConfiguration '$(Join-Path $rds 'proxy.yaml')' -AwsSnapshotPath '$(Join-Path $rds 'aws-snapshot.json')' -WhatIf -ErrorAction SilentlyContinue | Out-Null; Set-EcsService '$(Join-Path $ecs 'web-service.yml')' -AwsSnapshotPath '$(Join-Path $ecs 'aws-snapshot.json')' -WhatIf -ErrorAction SilentlyContinue | Out-Null; 'done'" | Out-String
        $out | Should -Match 'What if: .*"create proxy rds-proxy .*" on target "CreateDBProxy rds-proxy"'
        $out | Should -Match 'What if: .*on target "RegisterDBProxyTargets rds-proxy"'
        $out | Should -Match 'What if: .*"create service web in cluster prod: .*grace period 60 s.*" on target "CreateService prod/web"'
        $out | Should -Match '(?m)^done'
    }

    It 'plans nothing when the file itself has an error, and says so' {
        $file = Join-Path $TestDrive 'proxy-missing-name.yaml'
        Set-Content -Path $file -Value "proxy:`n  engineFamily: POSTGRESQL`n"
        $snapshot = Join-Path $TestDrive 'aws.json'
        Set-Content -Path $snapshot -Value '{ "region": "eu-west-2" }'
        $r = Set-RdsProxyConfiguration -Path $file -AwsSnapshotPath $snapshot -WhatIf -ErrorAction SilentlyContinue -WarningAction SilentlyContinue -WarningVariable warned
        $r.DryRun | Should -BeTrue
        "$warned" | Should -Match 'Nothing can be planned before they are fixed'
    }

    It 'without -WhatIf the failed check is still a terminating error with exit code 12' {
        $err = Get-TerminatingError { Set-EcsService (Join-Path $ecs 'web-service.yml') -AwsSnapshotPath (Join-Path $ecs 'aws-snapshot.json') -Confirm:$false -ErrorAction SilentlyContinue 6>$null }
        $err.Exception.ExitCode | Should -Be 12
        $err.FullyQualifiedErrorId | Should -BeLike 'EcsServiceCheckFailed,*'
    }

    It 'under $ErrorActionPreference = ''Stop'' a dry run of a failing file still fails the step (at the first finding)' {
        $out = Invoke-CiScript "`$ErrorActionPreference = 'Stop'; Set-EcsService '$(Join-Path $ecs 'web-service.yml')' -AwsSnapshotPath '$(Join-Path $ecs 'aws-snapshot.json')' -WhatIf | Out-Null`nWrite-Output 'after'"
        $LASTEXITCODE | Should -Be 1
        ($out | Out-String) | Should -Not -Match '(?m)^after'
    }
}

Describe 'A -Connection whose password is not written as password=' {
    # Before: the error's TargetObject (and so its CategoryInfo, which $Error and Get-Error show) was the connection
    # string with only password= and a URI's user:password@ masked: Npgsql's PWD= and PSW= (which it connects with) and a
    # misspelt keyword (pwd=, passwd=) showed the password.
    It 'is not in the error of <Form>' -ForEach @(
        @{ Form = 'Npgsql PWD='; Connection = 'Host=127.0.0.1;Port=1;Database=app;Username=ops;PWD=Alias-Secret-1' }
        @{ Form = 'Npgsql PSW='; Connection = 'Host=127.0.0.1;Port=1;Database=app;Username=ops;PSW=Alias-Secret-1' }
        @{ Form = 'libpq pwd= (not a libpq keyword)'; Connection = 'host=127.0.0.1 port=1 dbname=app user=ops pwd=Alias-Secret-1' }
        @{ Form = 'libpq passwd= quoted'; Connection = "host=127.0.0.1 port=1 dbname=app user=ops passwd='Alias Secret-1'" }
        @{ Form = 'URI query sslpassword='; Connection = 'postgresql://ops@127.0.0.1:1/app?sslpassword=Alias-Secret-1&bogus=1' }
    ) {
        foreach ($run in @(
                { Get-PglogicalInventory $Connection }
                { New-PglogicalReplicationPlan $Connection }
                { New-PglogicalReplicationPlan -Inventory (New-PglogicalTestInventory) | Invoke-PglogicalReplicationPlan $Connection -Confirm:$false -AllowDivergence }
            )) {
            $err = Get-TerminatingError $run
            $err | Should -Not -BeNullOrEmpty
            $shown = "$($err.TargetObject) $($err.CategoryInfo) $($err.Exception.Message) $($err | Out-String -Width 400)"
            $shown | Should -Not -Match 'Alias.Secret' -Because "$run with $Connection"
            $err.TargetObject | Should -Match '127\.0\.0\.1' -Because 'the target still names the server'
        }
    }
}

Describe 'The help''s Example 1 of Invoke-ModelCheck' {
    # Before: its remark said the result shows Spec, Result, Generated, Distinct, Depth, Duration, Violation; the view
    # (made to fit 80 columns) shows no Depth and no Duration.
    It 'names the columns the result''s table shows' {
        $remark = ((Get-Help Invoke-ModelCheck -Full).examples.example[0].remarks | ForEach-Object Text) -join ' '
        $shown = (Invoke-ModelCheck (Join-Path $ci 'models' 'Counter.tla') | Format-Table | Out-String -Width 200) -split "`n" |
            Where-Object { $_ -match '^\s*Spec\s' } | Select-Object -First 1
        $columns = @($shown.Trim() -split '\s+')
        $columns | Should -Be @('Spec', 'Result', 'Generated', 'Distinct', 'Violation')
        $remark | Should -Match ([regex]::Escape(($columns -join ', ')))
    }
}

Describe '-ErrorVariable of a cmdlet that fails the step' {
    # Before: -ErrorOnViolation / -ErrorOnDivergence threw past ThrowTerminatingError, so -ErrorVariable stayed empty
    # (a cmdlet's terminating error is in it, as $Error has it).
    It '<Name> puts its failure in -ErrorVariable, NAME and +NAME alike' -ForEach @(
        @{ Name = 'Invoke-ModelCheck'; Run = { param($ev) Invoke-ModelCheck (Join-Path $ci 'models' 'Invariant.tla') -ErrorOnViolation -ErrorVariable $ev 6>$null }; Id = 'ModelCheckFailed:12,*' }
        @{ Name = 'Test-JenkinsEcsCloud'; Run = { param($ev) Test-JenkinsEcsCloud (Join-Path $examples 'jenkins' 'jenkins.yaml') -NoSuggestion -ErrorOnViolation -ErrorVariable $ev 6>$null }; Id = 'JenkinsEcsCloudUnsafe,*' }
        @{ Name = 'Test-PglogicalReplicationPlan'; Run = { param($ev) New-PglogicalReplicationPlan -Inventory (New-PglogicalTestInventory) | Test-PglogicalReplicationPlan -ErrorOnDivergence -ErrorVariable $ev 6>$null }; Id = 'Pglogical.divergence,*' }
    ) {
        try { . $Run 'failed' | Out-Null } catch { }
        @($failed).Count | Should -Be 1
        $failed[0].FullyQualifiedErrorId | Should -BeLike $Id
        $failed[0].Exception.ExitCode | Should -Be 12
        $kept = [System.Collections.ArrayList]@('earlier')
        try { . $Run '+kept' | Out-Null } catch { }
        $kept.Count | Should -Be 2
        $kept[1].FullyQualifiedErrorId | Should -BeLike $Id
    }
}

Describe 'A saved inventory or plan that is not one' {
    # Before: malformed JSON was System.Text.Json's message with 0-based "LineNumber: 1 | BytePositionInLine: 0" (and,
    # for -InventoryPath, no file name); a JSON object that is no inventory was planned as database "" with three problems.
    BeforeAll {
        $broken = Join-Path $TestDrive 'broken.json'
        Set-Content -Path $broken -Value "{`n  `"Database`": `"shop`",`n  `"Relations`": [ { `"Name`": `"é`" x } ]`n}" -NoNewline
        $other = Join-Path $TestDrive 'other.json'
        Set-Content -Path $other -Value '{ "x": 1 }'
    }

    It '-InventoryPath with malformed JSON names the file, line and column (in characters)' {
        $err = Get-TerminatingError { New-PglogicalReplicationPlan -InventoryPath $broken }
        $err.Exception.Message | Should -BeLike "${broken}:3:32: -InventoryPath is not an inventory: malformed JSON ('x' is invalid after a value*"
        $err.Exception.ExitCode | Should -Be 1
        $err.ErrorDetails.RecommendedAction | Should -Match 'ops pglogical inventory --json'
    }

    It '-PlanPath with malformed JSON names the file, line and column' {
        $err = Get-TerminatingError { Test-PglogicalReplicationPlan -PlanPath $broken }
        $err.Exception.Message | Should -BeLike "${broken}:3:32: -PlanPath is not a saved plan: malformed JSON*"
        $err = Get-TerminatingError { Invoke-PglogicalReplicationPlan 'host=127.0.0.1 port=1 dbname=shop' -PlanPath $broken -WhatIf }
        $err.Exception.Message | Should -BeLike "${broken}:3:32: *"
    }

    It '-InventoryPath with a JSON object that is not an inventory is refused, not planned' {
        $err = Get-TerminatingError { New-PglogicalReplicationPlan -InventoryPath $other -WarningAction SilentlyContinue -ErrorAction SilentlyContinue }
        $err | Should -Not -BeNullOrEmpty
        $err.Exception.Message | Should -Be "-InventoryPath $other is not an inventory: it names no database"
    }

    It 'a saved inventory still plans' {
        (New-PglogicalReplicationPlan -InventoryPath (Join-Path $examples 'pglogical' 'inventory.json') -Exclude ref -WarningAction SilentlyContinue).Database | Should -Be 'shop'
    }
}

Describe '-Debug in a non-interactive shell' {
    # Before: -Debug (without -Verbose) made the compiled cmdlets' verbose stream Inquire, as PowerShell does for compiled
    # cmdlets only: the first WriteVerbose asked "Continue with this operation?", which pwsh -NonInteractive (a CI step)
    # refuses: "Invoke-ModelCheck: PowerShell is in NonInteractive mode. Read and Prompt functionality is not available."
    It '<Name> -Debug runs to the end, the verbose stream as $VerbosePreference says' -ForEach @(
        @{ Name = 'Invoke-ModelCheck'; Command = "(Invoke-ModelCheck '{models}/Counter.tla' -Debug).Result" ; Expect = 'success' }
        @{ Name = 'Test-JenkinsEcsCloud'; Command = "(Test-JenkinsEcsCloud '{examples}/jenkins/jenkins.yaml' -NoSuggestion -Debug)[0].Cloud"; Expect = 'frontend-builds' }
        @{ Name = 'Set-EcsService -WhatIf'; Command = "(Set-EcsService '{examples}/ecs-service/web-service.yml' -AwsSnapshotPath '{examples}/ecs-service/aws-snapshot.json' -WhatIf -Debug -ErrorAction SilentlyContinue -WarningAction SilentlyContinue).DryRun"; Expect = 'True' }
    ) {
        $cmd = $Command.Replace('{models}', (Join-Path $ci 'models')).Replace('{examples}', $examples)
        $out = Invoke-ChildPwsh "Import-Module '$module'; $cmd" | Out-String
        $out | Should -Not -Match 'NonInteractive mode'
        $out | Should -Match "(?m)^$Expect\s*$"
        $out | Should -Not -Match 'VERBOSE:'
        $shown = Invoke-ChildPwsh "Import-Module '$module'; `$VerbosePreference = 'Continue'; $cmd" | Out-String
        $shown | Should -Match 'VERBOSE:'
    }
}

Describe 'Several report files that cannot be written' {
    # Before: only the first was an error: with -TracePath and -ReportPath both naming one file for a pipeline of two
    # failing specifications, the second's -ReportPath page was not written and nothing said so.
    It 'is one error per file not written' {
        $specs = Join-Path $TestDrive 'two'
        New-Item -ItemType Directory -Path $specs | Out-Null
        foreach ($n in 'A', 'B') {
            Set-Content -Path (Join-Path $specs "$n.tla") -Value ($InvariantTla -replace 'MODULE Invariant', "MODULE $n") -NoNewline
            Set-Content -Path (Join-Path $specs "$n.cfg") -Value $InvariantCfg -NoNewline
        }
        $results = Get-ChildItem (Join-Path $specs '*.tla') | Invoke-ModelCheck -TracePath (Join-Path $specs 'cex.itf.json') -ReportPath (Join-Path $specs 'report.html') -ErrorAction SilentlyContinue -ErrorVariable errs
        @($results).Count | Should -Be 2
        @($errs).Count | Should -Be 2
        $errs.FullyQualifiedErrorId | Should -Be @('OutputNotWritten,Ops.PowerShell.Cmdlets.InvokeModelCheckCommand', 'OutputNotWritten,Ops.PowerShell.Cmdlets.InvokeModelCheckCommand')
        $errs[0].Exception.Message | Should -Match '^-TracePath .* already holds the counterexample of A.tla'
        $errs[1].Exception.Message | Should -Match '^-ReportPath .* already holds the report of A.tla'
        $results[1].ReportPath | Should -BeNullOrEmpty
    }
}

Describe 'Ctrl+C (the pipeline stopped) during a domain check' {
    # Before: the domain cmdlets gave their checks and applies no cancellation, so stopping the pipeline waited until
    # the check (Test-JenkinsEcsCloud's search of every cloud: 83 s for 300 clouds here) or the apply's wait
    # (Set-EcsService -Wait: up to 30 min) had finished. Now StopProcessing cancels them (the model run under way
    # ends, and no further cloud's run starts), and nothing of a cancelled check is written.
    It 'stops Test-JenkinsEcsCloud with nothing written: no verdict, no error' {
        $big = Join-Path $TestDrive 'big-jenkins.yaml'
        # 1000 clouds: the whole check takes minutes, so 2 s in it is under way on any machine (40 clouds finished
        # inside 2 s on a fast CI machine once the checker got faster, and the test saw 'Completed').
        $clouds = foreach ($i in 1..1000) {
            "    - ecs:`n        name: c$i`n        cluster: arn:aws:ecs:eu-west-2:123456789012:cluster/c`n        maxAgents: 100`n        retentionTimeout: 5`n" +
            "        taskPollingIntervalInSeconds: 300`n        slaveTimeoutInSeconds: 300`n        templates:`n          - templateName: t$i`n            label: t$i`n            image: jenkins/inbound-agent`n"
        }
        Set-Content -Path $big -Value ("jenkins:`n  clouds:`n" + ($clouds -join ''))
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript("Import-Module '$module'; Test-JenkinsEcsCloud '$big'")
            $output = [System.Management.Automation.PSDataCollection[psobject]]::new()
            $handle = $ps.BeginInvoke([System.Management.Automation.PSDataCollection[psobject]]::new(), $output)
            # Stop once the check is likely under way (after the module's import); stopped earlier, the same holds.
            Start-Sleep -Seconds 2
            $ps.Stop()
            $ps.InvocationStateInfo.State | Should -Be 'Stopped'
            $output.Count | Should -Be 0
            $ps.Streams.Error.Count | Should -Be 0
        }
        finally { $ps.Dispose() }
    }
}
