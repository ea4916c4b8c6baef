#Requires -Version 7.4
# Pester 5 tests of Test-JenkinsEcsCloud (xunit: tests/Ops.Jenkins.Tests).

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-OpsModule
    $jcasc = Join-Path $PSScriptRoot '..' '..' 'examples' 'jenkins' 'jenkins.yaml'
}

Describe 'Test-JenkinsEcsCloud' {
    It 'returns one verdict per amazon-ecs cloud' {
        $verdicts = Test-JenkinsEcsCloud -Path $jcasc -NoSuggestion
        $verdicts.Cloud | Should -Contain 'frontend-builds'
        $verdicts.Cloud | Should -Contain 'frontend-builds-fixed'
        ($verdicts | Where-Object Cloud -eq 'frontend-builds').Safe | Should -BeFalse
        ($verdicts | Where-Object Cloud -eq 'frontend-builds-fixed').Safe | Should -BeTrue
    }

    It 'throws a terminating error for an unsafe cloud under -ErrorOnViolation' {
        { Test-JenkinsEcsCloud -Path $jcasc -NoSuggestion -ErrorOnViolation } | Should -Throw
    }

    It 'shows verdicts without .NET type names, in a table and in a list' {
        $verdicts = Test-JenkinsEcsCloud -Path $jcasc -NoSuggestion
        $text = ($verdicts | Out-String -Width 120) + ($verdicts | Format-List | Out-String -Width 120)
        $text | Should -Not -Match 'Ops\.Jenkins\.'
        $text | Should -Match 'frontend-builds'
        "$($verdicts[0])" | Should -Match '^\S+ \(line \d+\): (safe|unsafe|waits forever|error)'
    }

    It 'suggests settings that stay safe with the margin, and says the margin' {
        $unsafe = Test-JenkinsEcsCloud -Path $jcasc | Where-Object Cloud -eq 'frontend-builds'
        $s = $unsafe.Suggestions | Select-Object -First 1
        $s.MarginPercent | Should -Be 50
        $s.Margin.TaskStart.Max | Should -Be 180
        $s.Verified | Should -BeTrue
        $s.Text | Should -Match 'stays safe if tasks take up to 180 s to start'
        $edge = Test-JenkinsEcsCloud -Path $jcasc -MarginPercent 0 | Where-Object Cloud -eq 'frontend-builds'
        $edge.Suggestions[0].Setting | Should -Be 'taskPollingIntervalInSeconds'
        $edge.Suggestions[0].Suggested | Should -Be 295
    }

    It 'validates the margin' {
        { Test-JenkinsEcsCloud -Path $jcasc -MarginPercent -1 } | Should -Throw
        { Test-JenkinsEcsCloud -Path $jcasc -MarginPercent 1000 } | Should -Throw
    }

    It 'validates the assumption ranges' {
        { Test-JenkinsEcsCloud -Path $jcasc -TaskStartSeconds 20 } | Should -Throw
    }

    It 'has help with examples' {
        @((Get-Help Test-JenkinsEcsCloud).Examples.Example).Count | Should -BeGreaterThan 0
    }
}
