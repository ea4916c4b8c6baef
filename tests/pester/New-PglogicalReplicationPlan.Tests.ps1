#Requires -Version 7.4
# Pester 5 tests of New-PglogicalReplicationPlan (xunit: tests/Ops.Pglogical.Tests/PlannerAndModelTests.cs), from an
# inventory built by hand (New-PglogicalTestInventory): no PostgreSQL needed.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-OpsModule
    $inventory = New-PglogicalTestInventory
}

Describe 'New-PglogicalReplicationPlan' {
    It 'shows the plan, its inventory and options without .NET type names' {
        $plan = New-PglogicalReplicationPlan -Inventory (New-PglogicalTestInventory) -Exclude public.customers -WarningAction SilentlyContinue
        $text = ($plan | Out-String -Width 160) + ($plan.Inventory | Out-String -Width 160) + "$($plan.Options)"
        $text | Should -Not -Match 'Ops\.Pglogical\.'
        $text | Should -Match 'exclude public\.customers'
        $text | Should -Match 'database "app"'
    }

    It 'names PowerShell parameters in reasons and problems (-Exclude, not --exclude)' {
        $plan = New-PglogicalReplicationPlan -Inventory (New-PglogicalTestInventory) -Exclude public.customers, nosuch.* -ErrorVariable problems -ErrorAction SilentlyContinue
        ($plan.Items | Where-Object Name -eq 'customers').Reason | Should -Be 'matches -Exclude public.customers'
        ($problems | Out-String) | Should -Match 'the pattern -Exclude nosuch\.\* matches no table'
        ($problems | Out-String) + ($plan.Items.Reason -join ' ') | Should -Not -Match '--'
    }

    It 'puts a table with a primary key in default and one without in default_insert_only' {
        $plan = $inventory | New-PglogicalReplicationPlan
        $plan.GetType().FullName | Should -Be 'Ops.Pglogical.Planning.ReplicationPlan'
        $plan.IsValid | Should -BeTrue
        $plan.HasChanges | Should -BeTrue
        ($plan.Items | Where-Object Name -eq 'customers').Set | Should -Be 'default'
        ($plan.Items | Where-Object Name -eq 'events').Set | Should -Be 'default_insert_only'
        ($plan.Items | Where-Object Name -eq 'events').Reason | Should -Match 'no primary key'
    }

    It 'excludes what -Exclude names, with the reason' {
        $plan = New-PglogicalReplicationPlan -Inventory $inventory -Exclude public.events
        $events = $plan.Items | Where-Object Name -eq 'events'
        "$($events.Action)" | Should -Be 'Exclude'
        $events.Reason | Should -Match 'exclude'
    }

    It 'writes a table without a primary key under -Strict as an error with the fix' {
        $plan = New-PglogicalReplicationPlan -Inventory $inventory -Strict -ErrorVariable errs -ErrorAction SilentlyContinue
        $plan.IsValid | Should -BeFalse
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'Pglogical.plan.no-key,*'
        $errs[0].CategoryInfo.Category | Should -Be 'InvalidData'
        $errs[0].ErrorDetails.RecommendedAction | Should -Match 'primary key'
        $errs[0].Exception.ExitCode | Should -Be 1   # ops pglogical's code for a plan with problems
    }

    It 'refuses a malformed pattern with a terminating InvalidArgument error' {
        $err = Get-TerminatingError { New-PglogicalReplicationPlan -Inventory $inventory -Exclude 'a.b.c.d' }
        $err.FullyQualifiedErrorId | Should -BeLike 'Pglogical.pattern,*'
        $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $err.Exception.ExitCode | Should -Be 2   # usage
        (Get-TerminatingError { New-PglogicalReplicationPlan -Inventory $inventory -RulesPath (Join-Path $TestDrive 'missing.csv') }).Exception.ExitCode | Should -Be 1
    }

    It 'returns no plan under -WhatIf, and connects to nothing' {
        New-PglogicalReplicationPlan -Inventory $inventory -WhatIf | Should -BeNullOrEmpty
        # Nothing listens on port 1: a connection attempt would be a terminating error.
        New-PglogicalReplicationPlan 'host=127.0.0.1 port=1 dbname=app' -WhatIf | Should -BeNullOrEmpty
    }

    It 'saves the plan to -SavePath as ops pglogical plan --save does, without the node DSN''s password' {
        $file = Join-Path $TestDrive 'node-plan.json'
        $plan = New-PglogicalReplicationPlan -Inventory (New-PglogicalTestInventory -NoNode) -CreateNode provider `
            -NodeDsn 'host=db1 dbname=app user=repl password=s3cret-Pw' -SavePath $file -WarningAction SilentlyContinue
        $plan.CreateNodeName | Should -Be 'provider'
        $text = Get-Content $file -Raw
        $text | Should -Not -Match 's3cret-Pw'
        $saved = $text | ConvertFrom-Json
        $saved.createNodeName | Should -Be 'provider'
        $saved.createNodeDsnDisplay | Should -Match '\*{8}'
        @($saved.items).Count | Should -Be $plan.Items.Count
        $saved.inventory.database | Should -Be 'app'
    }

    It 'saves nothing under -WhatIf' {
        $file = Join-Path $TestDrive 'whatif-plan.json'
        New-PglogicalReplicationPlan -Inventory $inventory -SavePath $file -WhatIf | Should -BeNullOrEmpty
        Test-Path $file | Should -BeFalse
    }

    It 'refuses a -SavePath it cannot write before it plans or connects' {
        # Nothing listens on port 1: had it connected first, the error would be a connection error.
        $err = Get-TerminatingError { New-PglogicalReplicationPlan 'host=127.0.0.1 port=1 dbname=app' -SavePath (Join-Path $TestDrive 'no' 'such' 'plan.json') }
        $err.FullyQualifiedErrorId | Should -BeLike 'Pglogical.io,*'
        "$err" | Should -Match '-SavePath .*plan\.json cannot be written: the directory .* does not exist'
        $err.Exception.ExitCode | Should -Be 1
        (Get-TerminatingError { New-PglogicalReplicationPlan -Inventory $inventory -SavePath $TestDrive }).Exception.Message | Should -Match 'it is a directory'
    }

    It 'supports -WhatIf and -Confirm at ConfirmImpact Low (planning changes nothing on the server)' {
        $command = Get-Command New-PglogicalReplicationPlan
        $command.Parameters.Keys | Should -Contain 'WhatIf'
        $command.Parameters.Keys | Should -Contain 'Confirm'
        $attribute = $command.ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0]
        $attribute.SupportsShouldProcess | Should -BeTrue
        "$($attribute.ConfirmImpact)" | Should -Be 'Low'
    }

    It 'has help with examples' {
        @((Get-Help New-PglogicalReplicationPlan).Examples.Example).Count | Should -BeGreaterThan 0
    }
}
