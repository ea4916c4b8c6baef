#Requires -Version 7.4
# Pester 5: a secret scan over what every cmdlet of the module writes. Each cmdlet runs with passwords in connection
# strings (libpq, URI, Npgsql forms and -Credential), secret values in the environment and in files, and AWS keys;
# everything it writes is searched for them: output objects (as JSON, as Format-List shows every property, as
# text), ErrorRecords (TargetObject, CategoryInfo, ErrorDetails, FullyQualifiedErrorId, the exception and every
# inner exception with its properties and ToString(), ToString() of the record) and the verbose, debug, warning
# and information streams. Nothing may contain a secret. No PostgreSQL and no AWS are needed: connections go to
# 127.0.0.1:1 (refused), AWS calls to 127.0.0.1:9.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-OpsModule

    $secrets = @('PgSecret-4711', 'PgCredSecret-4712', 'NodeDsnSecret-4713', 'RdsEnvSecret-0815', 'RdsClearSecret-0816',
        'AwsSecretKey-9999/xyz')
    $env:AWS_ACCESS_KEY_ID = 'AKIASECRETSCAN00000'
    $env:AWS_SECRET_ACCESS_KEY = 'AwsSecretKey-9999/xyz'
    $env:OPS_SCAN_RDS_PW = 'RdsEnvSecret-0815'

    # Every string a value shows: as JSON, as Format-List * shows it, and as text. Depth-limited: the graphs are
    # plans and reports, not cycles.
    function Get-Text {
        param($Value, [int] $Depth = 0)
        if ($null -eq $Value -or $Depth -gt 4) { return }
        if ($Value -is [string]) { return $Value }
        "$Value"
        if ($Value -is [System.Management.Automation.ErrorRecord]) {
            Get-Text $Value.TargetObject ($Depth + 1)
            $Value.CategoryInfo.ToString()
            $Value.FullyQualifiedErrorId
            if ($Value.ErrorDetails) { $Value.ErrorDetails.Message; $Value.ErrorDetails.RecommendedAction }
            for ($e = $Value.Exception; $e; $e = $e.InnerException) {
                $e.Message
                $e.ToString()
                try { $e | Format-List * -Force | Out-String -Width 400 } catch { }
                foreach ($k in $e.Data.Keys) { "$k=$($e.Data[$k])" }
            }
        }
        elseif ($Value -is [System.Management.Automation.InformationalRecord]) { $Value.Message }
        elseif ($Value -is [System.Management.Automation.InformationRecord]) { "$($Value.MessageData)" }
        else {
            try { $Value | ConvertTo-Json -Depth 5 -Compress -WarningAction SilentlyContinue } catch { }
            try { $Value | Format-List * -Force | Out-String -Width 400 } catch { }
        }
    }

    # Runs $Script with -Verbose and -Debug in effect, collects every stream and the terminating error, and returns
    # the secrets found (with where).
    function Find-Secret {
        param([Parameter(Mandatory)] [scriptblock] $Script)
        $VerbosePreference = 'Continue'
        $DebugPreference = 'Continue'
        $InformationPreference = 'Continue'
        $records = [System.Collections.Generic.List[object]]::new()
        try {
            & $Script *>&1 | ForEach-Object { $records.Add($_) }
        }
        catch {
            $records.Add($_)
        }
        foreach ($r in $records) {
            $text = (Get-Text $r) -join "`n"
            foreach ($s in $secrets) {
                if ($text.Contains($s)) { "$s in a $($r.GetType().Name): $(($text -split "`n" | Where-Object { $_.Contains($s) } | Select-Object -First 1).Trim())" }
            }
        }
    }

    $pgForms = @(
        'host=127.0.0.1 port=1 dbname=app user=ops password=PgSecret-4711'
        "host=127.0.0.1 port=1 dbname=app user=ops password='PgSecret-4711'"
        'postgresql://ops:PgSecret-4711@127.0.0.1:1/app'
        'Host=127.0.0.1;Port=1;Database=app;Username=ops;Password=PgSecret-4711'
    )
    $credential = [pscredential]::new('ops', (ConvertTo-SecureString 'PgCredSecret-4712' -AsPlainText -Force))
    $inventory = New-PglogicalTestInventory -NoNode
    $nodeDsn = 'host=db1 dbname=app user=repl password=NodeDsnSecret-4713'

    $rds = Join-Path $TestDrive 'rds-proxy.yaml'
    Set-Content -Path $rds -Value @'
proxy:
  name: rds-proxy
  engineFamily: POSTGRESQL
  roleArn: arn:aws:iam::123456789012:role/RdsProxySecrets
  vpcSubnetIds: [subnet-1, subnet-2]
auth:
  - login: foo
    secret: creds-foo
secrets:
  - name: creds-foo
    username: foo
    password: {env: OPS_SCAN_RDS_PW}
targets:
  dbInstances: [app-db]
'@
    $rdsClear = Join-Path $TestDrive 'rds-clear.yaml'
    (Get-Content $rds -Raw) -replace '\{env: OPS_SCAN_RDS_PW\}', 'RdsClearSecret-0816' | Set-Content $rdsClear
    $ecs = Join-Path $TestDrive 'ecs.yml'
    Set-Content -Path $ecs -Value @'
- name: Create service
  community.aws.ecs_service:
    name: web
    cluster: prod
    task_definition: web:2
    desired_count: 2
    region: eu-west-2
'@
    $endpoint = 'http://127.0.0.1:9/'
}

AfterAll {
    Remove-Item Env:AWS_ACCESS_KEY_ID, Env:AWS_SECRET_ACCESS_KEY, Env:OPS_SCAN_RDS_PW -ErrorAction SilentlyContinue
}

Describe 'No secret in anything a cmdlet writes' {
    It 'Get-PglogicalInventory, with every form of connection string and with -Credential' {
        foreach ($c in $pgForms) { Find-Secret { Get-PglogicalInventory $c } | Should -BeNullOrEmpty -Because $c }
        Find-Secret { Get-PglogicalInventory 'host=127.0.0.1 port=1 dbname=app' -Credential $credential } | Should -BeNullOrEmpty
    }

    It 'New-PglogicalReplicationPlan, connecting and from an inventory with a node DSN that holds a password' {
        foreach ($c in $pgForms) { Find-Secret { New-PglogicalReplicationPlan $c } | Should -BeNullOrEmpty -Because $c }
        Find-Secret { New-PglogicalReplicationPlan -Inventory $inventory -CreateNode provider -NodeDsn $nodeDsn } | Should -BeNullOrEmpty
        Find-Secret { New-PglogicalReplicationPlan -Inventory $inventory -CreateNode provider -NodeDsn $nodeDsn -WhatIf } | Should -BeNullOrEmpty
    }

    It 'Test-PglogicalReplicationPlan and ConvertTo-PglogicalSql of such a plan' {
        $plan = New-PglogicalReplicationPlan -Inventory $inventory -CreateNode provider -NodeDsn $nodeDsn -WarningAction SilentlyContinue
        Find-Secret { $plan | Test-PglogicalReplicationPlan -ErrorOnDivergence } | Should -BeNullOrEmpty
        Find-Secret { $plan | ConvertTo-PglogicalSql } | Should -BeNullOrEmpty
    }

    It 'Invoke-PglogicalReplicationPlan: -WhatIf, a refusal and a connection failure' {
        $plan = New-PglogicalReplicationPlan -Inventory $inventory -CreateNode provider -NodeDsn $nodeDsn -InsertOnly public.events -WarningAction SilentlyContinue
        foreach ($c in $pgForms) {
            Find-Secret { $plan | Invoke-PglogicalReplicationPlan $c -WhatIf } | Should -BeNullOrEmpty -Because $c
            Find-Secret { $plan | Invoke-PglogicalReplicationPlan $c -Confirm:$false } | Should -BeNullOrEmpty -Because $c
        }
        $divergent = New-PglogicalReplicationPlan -Inventory $inventory -CreateNode provider -NodeDsn $nodeDsn -WarningAction SilentlyContinue
        Find-Secret { $divergent | Invoke-PglogicalReplicationPlan $pgForms[0] -Confirm:$false } | Should -BeNullOrEmpty
    }

    It 'Test-RdsProxyConfiguration and Set-RdsProxyConfiguration: a password in the file, in the environment, AWS keys' {
        Find-Secret { Test-RdsProxyConfiguration -Path $rdsClear -Region eu-west-2 } | Should -BeNullOrEmpty
        Find-Secret { Test-RdsProxyConfiguration -Path $rds -Region eu-west-2 -EndpointUrl $endpoint } | Should -BeNullOrEmpty
        Find-Secret { Set-RdsProxyConfiguration -Path $rds -Region eu-west-2 -EndpointUrl $endpoint -WhatIf } | Should -BeNullOrEmpty
        Find-Secret { Set-RdsProxyConfiguration -Path $rdsClear -Region eu-west-2 -EndpointUrl $endpoint -Confirm:$false } | Should -BeNullOrEmpty
    }

    It 'Test-EcsServiceConfiguration and Set-EcsService with AWS keys in the environment' {
        Find-Secret { Test-EcsServiceConfiguration -Path $ecs -EndpointUrl $endpoint } | Should -BeNullOrEmpty
        Find-Secret { Set-EcsService -Path $ecs -EndpointUrl $endpoint -WhatIf } | Should -BeNullOrEmpty
    }

    It 'the model-checking cmdlets and Test-JenkinsEcsCloud (no secret of theirs: nothing of the environment leaks)' {
        $spec = New-TestSpec -Name Invariant -Tla $InvariantTla -Cfg $InvariantCfg
        $jcasc = Join-Path $PSScriptRoot '..' '..' 'examples' 'jenkins' 'jenkins.yaml'
        Find-Secret { Invoke-ModelCheck $spec -ErrorOnViolation } | Should -BeNullOrEmpty
        Find-Secret { Test-TlaSyntax $spec -Detailed } | Should -BeNullOrEmpty
        Find-Secret { Get-ModelCheckSpec bank } | Should -BeNullOrEmpty
        Find-Secret { Test-JenkinsEcsCloud $jcasc -NoSuggestion -ErrorOnViolation } | Should -BeNullOrEmpty
    }

    It 'the scan finds a secret when one is written (it can fail)' {
        Find-Secret { Write-Verbose 'password=PgSecret-4711' } | Should -Not -BeNullOrEmpty
        Find-Secret { Write-Error -Message 'x' -TargetObject 'PgSecret-4711' } | Should -Not -BeNullOrEmpty
        Find-Secret { [pscustomobject]@{ Inner = [pscustomobject]@{ Dsn = 'NodeDsnSecret-4713' } } } | Should -Not -BeNullOrEmpty
        Find-Secret { throw [System.InvalidOperationException]::new('outer', [System.Exception]::new('RdsEnvSecret-0815')) } | Should -Not -BeNullOrEmpty
    }
}
