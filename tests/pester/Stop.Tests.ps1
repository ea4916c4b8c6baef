#Requires -Version 7.4
# Pester test of Invoke-ModelCheck stopped by PowerShell (a runspace's Stop(), Stop-Job, Ctrl+C in a host the cmdlet
# cannot watch): the partial result is kept in $OpsLastModelCheckResult and a warning says how far the search got, as
# README and about_Ops say. (An interactive console's Ctrl+C is read as a key instead and returns the partial result.)

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $module = Get-OpsModulePath
}

Describe 'Invoke-ModelCheck stopped by the pipeline' {
    It 'keeps the partial result and says where it is' {
        $big = New-TestSpec -Name Big -Tla $CounterTla.Replace('Counter', 'Big') -Cfg "CONSTANT N = 50000000`nINIT Init`nNEXT Next`n"
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript("Import-Module '$module'; Invoke-ModelCheck -LiteralPath '$big'")
            $handle = $ps.BeginInvoke()
            # Wait until the search reports progress (it runs), then stop the pipeline.
            $deadline = [DateTime]::UtcNow.AddSeconds(60)
            while ($ps.Streams.Progress.Count -eq 0 -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 100 }
            $ps.Streams.Progress.Count | Should -BeGreaterThan 0
            $ps.Stop()
            $handle.IsCompleted | Should -BeTrue
            $warning = @($ps.Streams.Warning | ForEach-Object Message) -join "`n"
            $warning | Should -Match 'Big\.tla: error: The check was cancelled\. \(\d+ states generated, \d+ distinct, depth \d+, incomplete\) The partial result is in \$OpsLastModelCheckResult\.'
            $ps.Commands.Clear()
            $r = $ps.AddScript('$global:OpsLastModelCheckResult').Invoke()[0]
            $r.Spec | Should -Be 'Big.tla'
            $r.Complete | Should -BeFalse
            $r.DistinctStates | Should -BeGreaterThan 0
        }
        finally { $ps.Dispose() }
    }
}
