#Requires -Version 7.4
# Pester 5 tests of ConvertTo-PglogicalSql (xunit: tests/Ops.Pglogical.Tests/UnitTests.cs), on plans made from an
# inventory built by hand (New-PglogicalTestInventory): no PostgreSQL needed.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-OpsModule
    $plan = New-PglogicalTestInventory -Table 'Order Lines' | New-PglogicalReplicationPlan -InsertOnly public.events
}

Describe 'ConvertTo-PglogicalSql' {
    It 'writes the plan as one transaction with named arguments' {
        $sql = $plan | ConvertTo-PglogicalSql
        $sql | Should -BeOfType [string]
        $sql | Should -Match '(?m)^BEGIN;\r?$'
        $sql | Should -Match '(?m)^COMMIT;\r?$'
        $sql | Should -Match ([regex]::Escape("pglogical.replication_set_add_table(set_name := 'default', relation := 'public.customers'::regclass, synchronize_data := true);"))
        $sql | Should -Match ([regex]::Escape("set_name := 'default_insert_only', relation := 'public.events'::regclass"))
    }

    It 'quotes identifiers that need it' {
        ConvertTo-PglogicalSql $plan | Should -Match ([regex]::Escape('relation := ''public."Order Lines"''::regclass'))
    }

    It 'masks the password of the node DSN' {
        $withNode = New-PglogicalTestInventory -NoNode |
            New-PglogicalReplicationPlan -InsertOnly public.events -CreateNode provider -NodeDsn 'host=db1 dbname=app user=repl password=s3cret'
        $sql = ConvertTo-PglogicalSql -Plan $withNode
        $sql | Should -Match 'pglogical\.create_node\(node_name := ''provider'''
        $sql | Should -Not -Match 's3cret'
    }

    It 'has help with examples' {
        @((Get-Help ConvertTo-PglogicalSql).Examples.Example).Count | Should -BeGreaterThan 0
    }
}
