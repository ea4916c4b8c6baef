#Requires -Version 7.4
# Pester 5 tests of Invoke-PglogicalReplicationPlan: what it refuses and -WhatIf, with plans made from an inventory
# built by hand (New-PglogicalTestInventory) and a connection to a port nothing listens on, so a test that reached
# the database would fail. Applying to a live provider is tested by xunit (tests/Ops.Pglogical.Tests/IntegrationTests.cs).

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-OpsModule
    $inventory = New-PglogicalTestInventory
    $nowhere = 'host=127.0.0.1 port=1 dbname=app'
    $safe = New-PglogicalReplicationPlan -Inventory $inventory -InsertOnly public.events
    $divergent = New-PglogicalReplicationPlan -Inventory $inventory
    $invalid = New-PglogicalReplicationPlan -Inventory $inventory -Strict -ErrorAction SilentlyContinue
}

Describe 'Invoke-PglogicalReplicationPlan' {
    It 'changes nothing under -WhatIf (and does not connect)' {
        $safe | Invoke-PglogicalReplicationPlan $nowhere -WhatIf | Should -BeNullOrEmpty
    }

    It 'shows what it would do under -WhatIf, and what would stop it, without connecting or throwing' {
        $out = $divergent | Invoke-PglogicalReplicationPlan $nowhere -WhatIf -WarningVariable warned 6>&1 5>&1 4>&1 3>&1 2>&1 | Out-String
        $warned | Should -Not -BeNullOrEmpty
        "$warned" | Should -Match 'would stop here, before connecting, unless -AllowDivergence'
        $invalid | Invoke-PglogicalReplicationPlan $nowhere -WhatIf -WarningVariable warnedInvalid -WarningAction SilentlyContinue | Should -BeNullOrEmpty
        "$warnedInvalid" | Should -Match 'problem'
    }

    It 'refuses a plan with problems before connecting' {
        $invalid.IsValid | Should -BeFalse
        $err = Get-TerminatingError { $invalid | Invoke-PglogicalReplicationPlan $nowhere -Confirm:$false }
        $err.FullyQualifiedErrorId | Should -BeLike 'Pglogical.plan,*'
        $err.CategoryInfo.Category | Should -Be 'InvalidData'
        $err.Exception.ExitCode | Should -Be 1
        $err.ErrorDetails.RecommendedAction | Should -Not -BeNullOrEmpty
    }

    It 'refuses a plan the model check finds a divergence in, unless -AllowDivergence' {
        $err = Get-TerminatingError { $divergent | Invoke-PglogicalReplicationPlan $nowhere -Confirm:$false }
        $err.FullyQualifiedErrorId | Should -BeLike 'Pglogical.divergence,*'
        $err.ErrorDetails.RecommendedAction | Should -Match 'AllowDivergence'
        $err.Exception.ExitCode | Should -Be 12
        $divergent | Invoke-PglogicalReplicationPlan $nowhere -AllowDivergence -WhatIf | Should -BeNullOrEmpty
    }

    It 'reports a connection failure, with the fix, when it does run' {
        $err = Get-TerminatingError { $safe | Invoke-PglogicalReplicationPlan $nowhere -Confirm:$false }
        $err.FullyQualifiedErrorId | Should -BeLike 'Pglogical.connection,*'
        $err.CategoryInfo.Category | Should -Be 'ConnectionError'
    }

    Context 'a plan saved with New-PglogicalReplicationPlan -SavePath (-PlanPath)' {
        BeforeAll {
            $safeFile = Join-Path $TestDrive 'safe.json'
            $divergentFile = Join-Path $TestDrive 'divergent.json'
            $null = New-PglogicalReplicationPlan -Inventory $inventory -InsertOnly public.events -SavePath $safeFile
            $null = New-PglogicalReplicationPlan -Inventory $inventory -SavePath $divergentFile
        }

        It 'says under -WhatIf what it would run, and what would stop it, without connecting' {
            Invoke-PglogicalReplicationPlan $nowhere -PlanPath $safeFile -WhatIf | Should -BeNullOrEmpty
            # "What if:" goes to the host, not to a stream: a child pwsh's output holds it.
            # This pwsh again: its own executable, or dotnet running pwsh.dll (pwsh as a .NET global tool).
            $pwsh, $dll = [Environment]::ProcessPath, @()
            if ([System.IO.Path]::GetFileNameWithoutExtension($pwsh) -eq 'dotnet') { $dll = @(Join-Path $PSHOME 'pwsh.dll') }
            $out = & $pwsh @dll -NoProfile -NonInteractive -Command "Import-Module '$(Get-OpsModulePath)'; Invoke-PglogicalReplicationPlan '$nowhere' -PlanPath '$safeFile' -WhatIf" 2>&1 | Out-String
            $out | Should -Match 'What if: .*add table public\.customers to default; add table public\.events to default_insert_only.*database "app"'
            Invoke-PglogicalReplicationPlan $nowhere -PlanPath $divergentFile -WhatIf -WarningVariable warned -WarningAction SilentlyContinue | Should -BeNullOrEmpty
            "$warned" | Should -Match 'would stop here, before connecting, unless -AllowDivergence'
        }

        It 'refuses a saved divergent plan as it refuses the object, and goes on to connect with a safe one' {
            $err = Get-TerminatingError { Invoke-PglogicalReplicationPlan $nowhere -PlanPath $divergentFile -Confirm:$false }
            $err.FullyQualifiedErrorId | Should -BeLike 'Pglogical.divergence,*'
            $err.Exception.ExitCode | Should -Be 12
            $err = Get-TerminatingError { Get-Item $safeFile | Invoke-PglogicalReplicationPlan $nowhere -Confirm:$false }
            $err.FullyQualifiedErrorId | Should -BeLike 'Pglogical.connection,*'
        }

        It 'refuses, before connecting, a saved plan that creates a node whose DSN password was not saved' {
            $file = Join-Path $TestDrive 'node.json'
            $null = New-PglogicalReplicationPlan -Inventory (New-PglogicalTestInventory -NoNode) -InsertOnly public.events -CreateNode provider `
                -NodeDsn 'host=db1 dbname=app user=repl password=s3cret-Pw' -SavePath $file -WarningAction SilentlyContinue
            $err = Get-TerminatingError { Invoke-PglogicalReplicationPlan $nowhere -PlanPath $file -Confirm:$false }
            $err.FullyQualifiedErrorId | Should -BeLike 'Pglogical.plan,*'
            "$err" | Should -Match 'password of its DSN was not saved'
            "$err" | Should -Not -Match 's3cret-Pw'
        }
    }

    It 'supports -WhatIf and -Confirm and asks by default (ConfirmImpact High)' {
        $command = Get-Command Invoke-PglogicalReplicationPlan
        $command.Parameters.Keys | Should -Contain 'WhatIf'
        $command.Parameters.Keys | Should -Contain 'Confirm'
        "$($command.ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0].ConfirmImpact)" | Should -Be 'High'
    }

    It 'has help with examples' {
        @((Get-Help Invoke-PglogicalReplicationPlan).Examples.Example).Count | Should -BeGreaterThan 0
    }
}
