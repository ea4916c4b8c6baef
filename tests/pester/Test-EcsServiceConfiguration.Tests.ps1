#Requires -Version 7.4
# Pester 5 tests of Test-EcsServiceConfiguration (the check itself is tested from xunit against a loopback AWS
# endpoint simulating ECS and ELBv2: tests/Ops.EcsService.Tests; here, the cmdlet's shell: parameters, file
# errors, help).

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-OpsModule
    $definition = Join-Path $TestDrive 'web-service.yaml'
    Set-Content -Path $definition -Value @'
- name: Create service
  ecs_service:
    name: web
    cluster: prod
    task_definition: web:2
    network_configuration:
      assign_public_ip: no
      security_groups: [sg-web]
      subnets: [subnet-a, subnet-b]
    launch_type: FARGATE
    desired_count: 2
    load_balancers:
      - targetGroupArn: arn:aws:elasticloadbalancing:eu-west-2:123456789012:targetgroup/web/73e2d6bc24d8a067
        containerName: web
        containerPort: 8080
    health_check_grace_period_seconds: 120
  vars:
    ops_container_start_seconds: 60
'@
}

Describe 'Test-EcsServiceConfiguration' {
    It 'refuses credentials in the file, without touching AWS' {
        $bad = Join-Path $TestDrive 'credentials.yaml'
        (Get-Content $definition -Raw) -replace 'cluster: prod', "cluster: prod`n    aws_secret_key: pester-not-a-key" | Set-Content $bad
        $err = Get-TerminatingError { Test-EcsServiceConfiguration -Path $bad -Region eu-west-2 }
        $err | Should -Not -BeNullOrEmpty
        $err.Exception.Message | Should -Match 'never read from the file'
        $err.FullyQualifiedErrorId | Should -Match 'EcsServiceConfigInvalid'
    }

    It 'names the line of an unknown argument and suggests the right one' {
        $bad = Join-Path $TestDrive 'typo.yaml'
        (Get-Content $definition -Raw) -replace 'desired_count', 'desired_cont' | Set-Content $bad
        $err = Get-TerminatingError { Test-EcsServiceConfiguration -Path $bad -Region eu-west-2 }
        $err.Exception.Message | Should -Match ':11:5:'
        $err.Exception.Message | Should -Match 'did you mean desired_count'
    }

    It 'fails with the endpoint error when AWS cannot be reached, before any change' {
        $env:AWS_ACCESS_KEY_ID = 'AKIAPESTER0000000000'
        $env:AWS_SECRET_ACCESS_KEY = 'pester/secret'
        try {
            { Test-EcsServiceConfiguration -Path $definition -Region eu-west-2 -EndpointUrl 'http://127.0.0.1:9/' -ErrorAction Stop } | Should -Throw
        } finally {
            Remove-Item Env:AWS_ACCESS_KEY_ID, Env:AWS_SECRET_ACCESS_KEY -ErrorAction SilentlyContinue
        }
    }

    It 'has help with examples and documents its parameters' {
        $help = Get-Help Test-EcsServiceConfiguration -Full
        @($help.Examples.Example).Count | Should -BeGreaterThan 0
        $help.Parameters.Parameter.Name | Should -Contain 'EndpointUrl'
        (Get-Command Test-EcsServiceConfiguration).Parameters.Keys | Should -Contain 'Quiet'
        (Get-Command Test-EcsServiceConfiguration).OutputType.Name | Should -Contain 'Ops.EcsService.EcsServiceCheckResult'
    }
}
