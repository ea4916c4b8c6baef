#Requires -Version 7.4
# Pester 5 tests of how the module's cmdlets fail a pipeline (Ops.PowerShell.OpsCmdlet.Fail): every terminating error
# they throw on purpose has an OpsCommandException with the CLI's exit code for the same outcome and a one-line
# reason, and the long report (counterexample, findings, divergences) goes to the host (information stream, PSHOST),
# so a CI log shows it even when the script catches the error and exits with $_.Exception.ExitCode.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-OpsModule
    $jcasc = Join-Path $PSScriptRoot '..' '..' 'examples' 'jenkins' 'jenkins.yaml'

    # The terminating error of a command run as `try { COMMAND -InformationVariable info } catch { $err = $_ }`, and
    # the text of the information records it wrote before it.
    function Get-Failure {
        param($Err, $Info)
        [pscustomobject]@{ Error = $Err; Report = ($Info | ForEach-Object { "$($_.MessageData)" }) -join "`n" }
    }
}

Describe 'Failing a pipeline' {
    It 'Test-JenkinsEcsCloud -ErrorOnViolation: exit code 12, a one-line reason, the report on the host' {
        $err = $null; $info = $null
        try { Test-JenkinsEcsCloud -Path $jcasc -NoSuggestion -ErrorOnViolation -InformationVariable info | Out-Null } catch { $err = $_ }
        $f = Get-Failure $err $info
        $f.Error | Should -Not -BeNullOrEmpty
        $f.Error.Exception | Should -BeOfType ([Ops.PowerShell.OpsCommandException])
        $f.Error.Exception.ExitCode | Should -Be 12
        $f.Error.Exception.Message | Should -Not -Match "`n"
        $f.Error.Exception.Message | Should -Match 'frontend-builds'
        $f.Error.FullyQualifiedErrorId | Should -BeLike 'JenkinsEcsCloudUnsafe,*'
        $f.Report | Should -Match "cloud 'frontend-builds' \(line \d+\): unsafe"
    }

    It 'Invoke-ModelCheck -ErrorOnViolation: TLC''s exit code, and the counterexample on the host' {
        $spec = New-TestSpec -Name Invariant -Tla $InvariantTla -Cfg $InvariantCfg
        $err = $null; $info = $null
        try { Invoke-ModelCheck -Path $spec -ErrorOnViolation -InformationVariable info | Out-Null } catch { $err = $_ }
        $f = Get-Failure $err $info
        $f.Error.Exception | Should -BeOfType ([Ops.PowerShell.OpsCommandException])
        $f.Error.Exception.ExitCode | Should -Be 12
        $f.Error.Exception.Message | Should -Not -Match "`n"
        $f.Report | Should -Match 'Error: Invariant Small is violated\.'
        $f.Report | Should -Match 'State 4:'
        $f.Report | Should -Match '/\\ x = 3'
    }

    It 'Test-PglogicalReplicationPlan -ErrorOnDivergence: exit code 12, the divergences on the host' {
        $plan = New-PglogicalReplicationPlan -Inventory (New-PglogicalTestInventory)
        $err = $null; $info = $null
        try { $plan | Test-PglogicalReplicationPlan -ErrorOnDivergence -InformationVariable info | Out-Null } catch { $err = $_ }
        $f = Get-Failure $err $info
        $f.Error.Exception.ExitCode | Should -Be 12
        $f.Error.Exception.Message | Should -Match '^the plan lets the subscriber differ from the provider in \d+ way'
        $f.Error.Exception.Message | Should -Not -Match "`n"
        $f.Report | Should -Match 'check FAILED'
    }

    It 'Invoke-PglogicalReplicationPlan refusing a divergent plan: exit code 12' {
        $plan = New-PglogicalReplicationPlan -Inventory (New-PglogicalTestInventory)
        $err = $null; $info = $null
        try { $plan | Invoke-PglogicalReplicationPlan 'host=127.0.0.1 port=1 dbname=app' -Confirm:$false -InformationVariable info | Out-Null } catch { $err = $_ }
        $f = Get-Failure $err $info
        $f.Error.Exception.ExitCode | Should -Be 12
        $f.Report | Should -Match 'check FAILED'
    }

    It 'a bad file is the CLI''s configuration error, 151 (Test-JenkinsEcsCloud, Test-RdsProxyConfiguration)' {
        $bad = Join-Path $TestDrive 'bad.yaml'
        Set-Content -Path $bad -Value "jenkins:`n  clouds:`n    - ecs:`n        name: x`n        slaveTimeoutInSeconds: soon`n"
        (Get-TerminatingError { Test-JenkinsEcsCloud -Path $bad }).Exception.ExitCode | Should -Be 151
        Set-Content -Path $bad -Value "proxy: [`n"
        (Get-TerminatingError { Test-RdsProxyConfiguration -Path $bad -Region eu-west-2 }).Exception.ExitCode | Should -Be 151
    }

    It 'a connection failure is the CLI''s failure, 1 (Get-PglogicalInventory)' {
        $err = Get-TerminatingError { Get-PglogicalInventory 'host=127.0.0.1 port=1 dbname=app user=ops' }
        $err.Exception.ExitCode | Should -Be 1
    }

    It 'a plan problem stopped by -ErrorAction Stop carries the CLI''s exit code too (1)' {
        $err = Get-TerminatingError { New-PglogicalReplicationPlan -Inventory (New-PglogicalTestInventory) -Strict -ErrorAction Stop }
        $err.Exception | Should -BeOfType ([Ops.PowerShell.OpsCommandException])
        $err.Exception.ExitCode | Should -Be 1
    }

    It 'ends a script with the exit code: exit $_.Exception.ExitCode' {
        $module = Get-OpsModulePath
        $script = "Import-Module '$module'; try { Test-JenkinsEcsCloud -Path '$jcasc' -NoSuggestion -ErrorOnViolation | Out-Null } catch { exit `$_.Exception.ExitCode }; exit 0"
        $output = Invoke-ChildPwsh $script
        $LASTEXITCODE | Should -Be 12
        # The report reached the log although the script caught the error.
        ($output | Out-String) | Should -Match "cloud 'frontend-builds'"
    }
}
