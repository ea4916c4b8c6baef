#Requires -Version 7.4
# Pester 5 tests of the module as a whole: manifest, exports, formats, help.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $manifestPath = Get-OpsModulePath
    Import-OpsModule
}

Describe 'The Ops module' {
    It 'has a valid manifest for PowerShell 7.4' {
        $m = Test-ModuleManifest -Path $manifestPath
        $m.PowerShellVersion | Should -Be ([version] '7.4')
        $m.RootModule | Should -Be 'Ops.PowerShell.dll'
    }

    It 'exports exactly the compiled cmdlets' {
        $exported = (Get-Module Ops).ExportedCmdlets.Keys | Sort-Object
        $compiled = Get-Command -Module Ops -CommandType Cmdlet | ForEach-Object Name | Sort-Object
        $exported | Should -Be $compiled
        $exported | Should -Contain 'Invoke-ModelCheck'
        $exported | Should -Contain 'Get-ModelCheckSpec'
        $exported | Should -Contain 'Test-TlaSyntax'
    }

    It 'uses approved verbs only' {
        $approved = (Get-Verb).Verb
        Get-Command -Module Ops | ForEach-Object { $approved | Should -Contain $_.Verb }
    }

    It 'ships about_Ops help and the MAML help next to the assembly' {
        $moduleDir = Split-Path $manifestPath
        Get-Content (Join-Path $moduleDir 'en-US' 'about_Ops.help.txt') -Raw | Should -Match 'ErrorOnViolation'
        Test-Path (Join-Path $moduleDir 'en-US' 'Ops.PowerShell.dll-Help.xml') | Should -BeTrue
    }

    It 'names every cmdlet of the module in about_Ops' {
        $about = Get-Content (Join-Path (Split-Path $manifestPath) 'en-US' 'about_Ops.help.txt') -Raw
        foreach ($name in (Get-Command -Module Ops -CommandType Cmdlet).Name) { $about | Should -Match ([regex]::Escape($name)) -Because $name }
    }

    It 'has a format view for every type a cmdlet returns' {
        $formats = [xml] (Get-Content (Join-Path (Split-Path $manifestPath) 'Ops.format.ps1xml') -Raw)
        $viewed = $formats.Configuration.ViewDefinitions.View.ViewSelectedBy.TypeName
        foreach ($command in Get-Command -Module Ops -CommandType Cmdlet) {
            foreach ($type in $command.OutputType.Name | Where-Object { $_ -notlike 'System.*' }) {
                $viewed | Should -Contain $type -Because "$($command.Name) returns $type"
            }
        }
    }

    It 'ships the seed specifications' {
        Test-Path (Join-Path (Split-Path $manifestPath) 'specs' 'seed' 'bank.tla') | Should -BeTrue
    }
}
