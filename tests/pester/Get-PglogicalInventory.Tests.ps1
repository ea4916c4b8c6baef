#Requires -Version 7.4
# Pester 5 tests of Get-PglogicalInventory (xunit: tests/Ops.Pglogical.Tests). The test against a live provider runs
# when OPS_PG_TEST_CONNECTION is set (eval "$(.ci/pg-test-cluster.sh start)"); the others need no PostgreSQL.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-OpsModule
}

Describe 'Get-PglogicalInventory' {
    It 'reads the catalog of a provider database' -Skip:(-not $env:OPS_PG_TEST_CONNECTION) {
        $inventory = Get-PglogicalInventory $env:OPS_PG_TEST_CONNECTION
        $inventory.GetType().FullName | Should -Be 'Ops.Pglogical.Inventory.DatabaseInventory'
        $inventory.Database | Should -Not -BeNullOrEmpty
        $inventory.ServerVersionNum | Should -BeGreaterThan 0
        $inventory.PglogicalAvailable | Should -BeTrue
    }

    It 'turns a connection failure into a ConnectionError that carries the fix and not the password' {
        $err = Get-TerminatingError { Get-PglogicalInventory 'host=127.0.0.1 port=1 dbname=app user=ops password=s3cret' }
        $err | Should -Not -BeNullOrEmpty
        $err.FullyQualifiedErrorId | Should -BeLike 'Pglogical.connection,*'
        $err.CategoryInfo.Category | Should -Be 'ConnectionError'
        $err.ErrorDetails.Message | Should -Match '127\.0\.0\.1:1'
        $err.ErrorDetails.RecommendedAction | Should -Not -BeNullOrEmpty
        "$err" | Should -Not -Match 's3cret'
    }

    It 'takes the connection by position and a credential' {
        $parameters = (Get-Command Get-PglogicalInventory).Parameters
        $parameters['Connection'].ParameterSets['__AllParameterSets'].Position | Should -Be 0
        $parameters['Credential'].ParameterType | Should -Be ([pscredential])
    }

    It 'is read-only: no -WhatIf' {
        (Get-Command Get-PglogicalInventory).Parameters.Keys | Should -Not -Contain 'WhatIf'
    }

    It 'has help with examples' {
        @((Get-Help Get-PglogicalInventory).Examples.Example).Count | Should -BeGreaterThan 0
    }
}
