#Requires -Version 7.4
# Pester 5 tests of Set-EcsService (the apply itself is tested from xunit against a loopback AWS endpoint
# simulating ECS and ELBv2: tests/Ops.EcsService.Tests; here, the cmdlet's shell).

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-OpsModule
}

Describe 'Set-EcsService' {
    It 'supports -WhatIf and -Confirm' {
        $cmd = Get-Command Set-EcsService
        $cmd.Parameters.Keys | Should -Contain 'WhatIf'
        $cmd.Parameters.Keys | Should -Contain 'Confirm'
        $cmd.Parameters.Keys | Should -Contain 'Wait'
    }

    It 'fails on a missing file without touching AWS' {
        { Set-EcsService -Path (Join-Path $TestDrive 'missing.yaml') -Region eu-west-2 -WhatIf } | Should -Throw
    }

    It 'refuses a playbook whose values are still Jinja templates' {
        $templated = Join-Path $TestDrive 'templated.yml'
        Set-Content -Path $templated -Value @'
- name: Create service
  community.aws.ecs_service:
    name: "{{ service.name }}"
    cluster: prod
    task_definition: web:2
    desired_count: 1
'@
        $err = Get-TerminatingError { Set-EcsService -Path $templated -Region eu-west-2 -WhatIf }
        $err.Exception.Message | Should -Match 'Jinja template'
    }

    It 'has help with examples' {
        @((Get-Help Set-EcsService).Examples.Example).Count | Should -BeGreaterThan 0
    }
}
