#Requires -Version 7.4
# Pester 5 tests of the worked examples under examples/, through the cmdlets (the CLI runs them in xunit: the
# ExampleTests and SnapshotTests of each domain's test project). Offline: a saved inventory, saved AWS answers.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-OpsModule
    $examples = Join-Path $PSScriptRoot '..' '..' 'examples'
}

Describe 'examples/jenkins' {
    It 'finds the incident cloud unsafe and suggests settings that stay safe with the margin' {
        $verdicts = Test-JenkinsEcsCloud -Path (Join-Path $examples 'jenkins' 'jenkins.yaml')
        ($verdicts | Where-Object { -not $_.Safe }).Cloud | Should -Be 'frontend-builds'
        $s = ($verdicts | Where-Object Cloud -eq 'frontend-builds').Suggestions[0]
        "$($s.Setting) $($s.Suggested) $($s.With[0].Setting) $($s.With[0].Suggested)" | Should -Be 'retentionTimeout 6 slaveTimeoutInSeconds 315'
        $s.Verified | Should -BeTrue
    }
}

Describe 'examples/rds-proxy' {
    It 'reports the seed post''s two mistakes from the saved AWS answers, changing nothing' {
        $dir = Join-Path $examples 'rds-proxy'
        $result = Test-RdsProxyConfiguration -Path (Join-Path $dir 'proxy.yaml') -AwsSnapshotPath (Join-Path $dir 'aws-snapshot.json') -ErrorAction SilentlyContinue -ErrorVariable findings
        $result.Passed | Should -BeFalse
        $result.Findings.Code | Should -Contain 'UserNameWithSecrets'
        $result.Findings.Code | Should -Contain 'SecretNotJson'
        $findings.Count | Should -Be 2
        ($findings | ForEach-Object { "$_" }) -join "`n" | Should -Not -Match 'example-only-not-a-password'
    }

    It 'refuses a snapshot file it cannot read, naming it' {
        $err = $null
        try { Test-RdsProxyConfiguration -Path (Join-Path $examples 'rds-proxy' 'proxy.yaml') -AwsSnapshotPath (Join-Path $TestDrive 'none.json') } catch { $err = $_ }
        $err.Exception.Message | Should -Match 'cannot read the AWS snapshot'
    }
}

Describe 'examples/ecs-service' {
    It 'finds the grace period too short and proposes one that stays safe with the margin' {
        $dir = Join-Path $examples 'ecs-service'
        $p = @{ Path = (Join-Path $dir 'web-service.yml'); AwsSnapshotPath = (Join-Path $dir 'aws-snapshot.json'); ErrorAction = 'SilentlyContinue' }
        $result = Test-EcsServiceConfiguration @p
        $result.Passed | Should -BeFalse
        $finding = $result.Findings | Where-Object Code -eq 'TasksStoppedBeforeHealthy'
        $finding.Fix | Should -Match 'at least 330'
        $finding.Fix | Should -Match 'up to 225 s to answer \(the assumed 150 s \+ 50%\)'
        (Test-EcsServiceConfiguration @p -MarginPercent 0).Findings.Fix | Should -Match 'at least 240'
        { Test-EcsServiceConfiguration @p -MarginPercent 1000 } | Should -Throw
    }
}

Describe 'examples/pglogical' {
    It 'plans from the saved inventory and the rules file, and the check finds the row filter''s divergence' {
        $dir = Join-Path $examples 'pglogical'
        $plan = New-PglogicalReplicationPlan -InventoryPath (Join-Path $dir 'inventory.json') -RulesPath (Join-Path $dir 'rules.csv') -Exclude ref -WarningAction SilentlyContinue
        $plan.Inventory.Database | Should -Be 'shop'
        $report = $plan | Test-PglogicalReplicationPlan
        $report.Passed | Should -BeFalse
        $report.Divergences[0].Object | Should -Be 'sales.customers'
    }

    It 'takes -InventoryPath or -Connection, not both' {
        $err = Get-TerminatingError { New-PglogicalReplicationPlan -InventoryPath (Join-Path $examples 'pglogical' 'inventory.json') -Connection 'host=127.0.0.1 port=1' }
        $err.Exception.Message | Should -Match 'InventoryPath'
    }
}
