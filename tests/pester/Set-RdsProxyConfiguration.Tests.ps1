#Requires -Version 7.4
# Pester 5 tests of Set-RdsProxyConfiguration (the apply itself is tested from xunit against a loopback AWS
# endpoint: tests/Ops.RdsProxy.Tests; the shell it shares with every domain's Set- cmdlet: DomainCmdlets.Tests.ps1;
# here, what is its own).

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-OpsModule
}

Describe 'Set-RdsProxyConfiguration' {
    It 'stops at the file''s own errors, changing nothing, with each finding as an error and exit code 12' {
        $file = Join-Path $TestDrive 'proxy.yaml'
        Set-Content -Path $file -Value "proxy:`n  engineFamily: POSTGRESQL`n"
        $snapshot = Join-Path $TestDrive 'aws.json'
        Set-Content -Path $snapshot -Value '{ "region": "eu-west-2" }'
        $err = $null
        try { Set-RdsProxyConfiguration -Path $file -AwsSnapshotPath $snapshot -Confirm:$false -ErrorVariable findings -ErrorAction Continue 6>$null 2>$null | Out-Null }
        catch { $err = $_ }
        $err.Exception.ExitCode | Should -Be 12
        $err.Exception.Message | Should -Match 'nothing was changed'
        $findings.FullyQualifiedErrorId | Should -Contain 'ConfigMissing,Ops.PowerShell.RdsProxy.SetRdsProxyConfigurationCommand'
        $findings.Exception.Message | Should -Contain '[ConfigMissing]: proxy.name is missing Fix: name the proxy'
    }
}
