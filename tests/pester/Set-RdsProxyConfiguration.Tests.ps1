#Requires -Version 7.4
# Pester 5 tests of Set-RdsProxyConfiguration (the apply itself is tested from xunit against a loopback AWS
# endpoint: tests/Ops.RdsProxy.Tests; here, the cmdlet's shell).

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-OpsModule
}

Describe 'Set-RdsProxyConfiguration' {
    It 'supports -WhatIf and -Confirm' {
        $cmd = Get-Command Set-RdsProxyConfiguration
        $cmd.Parameters.Keys | Should -Contain 'WhatIf'
        $cmd.Parameters.Keys | Should -Contain 'Confirm'
    }

    It 'fails on a missing file without touching AWS' {
        { Set-RdsProxyConfiguration -Path (Join-Path $TestDrive 'missing.yaml') -Region eu-west-2 -WhatIf } | Should -Throw
    }

    It 'has help with examples' {
        @((Get-Help Set-RdsProxyConfiguration).Examples.Example).Count | Should -BeGreaterThan 0
    }
}
