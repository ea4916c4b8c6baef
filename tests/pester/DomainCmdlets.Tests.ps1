#Requires -Version 7.4
# Pester tests of the domains' Set- cmdlets as one generic adapter (src/Ops.PowerShell/Domains): the same shell for
# every domain: -WhatIf and -Confirm, a bad file refused before AWS is called (exit code 151, the domain's error id),
# help with examples. What each applies is tested from xunit against a loopback AWS endpoint.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-OpsModule
}

Describe '<Name>, a Set- cmdlet of the generic domain adapter' -ForEach @(
    @{ Name = 'Set-RdsProxyConfiguration'; Own = @('PollIntervalSeconds'); ErrorId = 'RdsProxyConfigInvalid' }
    @{ Name = 'Set-EcsService'; Own = @('PollIntervalSeconds', 'Wait', 'MarginPercent'); ErrorId = 'EcsServiceConfigInvalid' }
) {
    It 'supports -WhatIf and -Confirm, with its own parameters' {
        $cmd = Get-Command $Name
        foreach ($p in @('WhatIf', 'Confirm', 'Path', 'Region', 'EndpointUrl', 'ProfileName', 'AwsSnapshotPath') + $Own) {
            $cmd.Parameters.Keys | Should -Contain $p
        }
    }

    It 'refuses a missing file with exit code 151 before AWS is called' {
        $err = Get-TerminatingError { & $Name -Path (Join-Path $TestDrive 'missing.yaml') -Region eu-west-2 -WhatIf }
        $err.Exception.ExitCode | Should -Be 151
        $err.FullyQualifiedErrorId | Should -BeLike "$ErrorId,*"
        $err.Exception.Message | Should -Match 'missing\.yaml'
    }

    It 'has help with examples' {
        @((Get-Help $Name).Examples.Example).Count | Should -BeGreaterThan 0
    }
}
