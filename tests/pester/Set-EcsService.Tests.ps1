#Requires -Version 7.4
# Pester 5 tests of Set-EcsService (the apply itself is tested from xunit against a loopback AWS endpoint
# simulating ECS and ELBv2: tests/Ops.EcsService.Tests; the shell it shares with every domain's Set- cmdlet:
# DomainCmdlets.Tests.ps1; here, what is its own).

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-OpsModule
}

Describe 'Set-EcsService' {
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
}
