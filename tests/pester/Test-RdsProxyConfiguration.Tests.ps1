#Requires -Version 7.4
# Pester 5 tests of Test-RdsProxyConfiguration (the check itself is tested from xunit against a loopback AWS
# endpoint: tests/Ops.RdsProxy.Tests; here, the cmdlet's shell: parameters, file errors, help).

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-OpsModule
    $config = Join-Path $TestDrive 'rds-proxy.yaml'
    Set-Content -Path $config -Value @'
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
    password: {env: OPS_PESTER_FOO_PW}
targets:
  dbInstances: [app-db]
'@
}

Describe 'Test-RdsProxyConfiguration' {
    It 'refuses a file that holds a password in clear, without repeating it' {
        $bad = Join-Path $TestDrive 'clear.yaml'
        (Get-Content $config -Raw) -replace '\{env: OPS_PESTER_FOO_PW\}', 'pester-clear-pw-123' | Set-Content $bad
        $err = $null
        try { Test-RdsProxyConfiguration -Path $bad -Region eu-west-2 } catch { $err = $_ }
        $err | Should -Not -BeNullOrEmpty
        $err.Exception.Message | Should -Match 'never read from the file'
        $err.Exception.Message | Should -Not -Match 'pester-clear-pw-123'
    }

    It 'explains a file of the wrong shape in its own keys, with file:line:col, not in .NET type names' {
        $bad = Join-Path $TestDrive 'shape.yaml'
        Set-Content -Path $bad -Value "proxy:`n  name: [a, b]`n"
        $err = Get-TerminatingError { Test-RdsProxyConfiguration -Path $bad -Region eu-west-2 }
        $err.Exception.Message | Should -Match 'shape\.yaml:2:9: proxy\.name must be a single value \(text\), not a list'
        $err.Exception.Message | Should -Not -Match 'Ops\.RdsProxy|System\.|deserializ'
        $err.Exception.ExitCode | Should -Be 151
    }

    It 'fails with the endpoint error when AWS cannot be reached, before any change' {
        $env:OPS_PESTER_FOO_PW = 'pester-env-pw-456'
        $env:AWS_ACCESS_KEY_ID = 'AKIAPESTER0000000000'
        $env:AWS_SECRET_ACCESS_KEY = 'pester/secret'
        try {
            { Test-RdsProxyConfiguration -Path $config -Region eu-west-2 -EndpointUrl 'http://127.0.0.1:9/' -ErrorAction Stop } | Should -Throw
        } finally {
            Remove-Item Env:OPS_PESTER_FOO_PW, Env:AWS_ACCESS_KEY_ID, Env:AWS_SECRET_ACCESS_KEY -ErrorAction SilentlyContinue
        }
    }

    It 'has help with examples and documents its parameters' {
        $help = Get-Help Test-RdsProxyConfiguration -Full
        @($help.Examples.Example).Count | Should -BeGreaterThan 0
        $help.Parameters.Parameter.Name | Should -Contain 'EndpointUrl'
        (Get-Command Test-RdsProxyConfiguration).Parameters.Keys | Should -Contain 'Quiet'
    }
}
