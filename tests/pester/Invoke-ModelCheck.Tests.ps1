#Requires -Version 7.4
# Pester 5 tests of Invoke-ModelCheck (the xunit tests cover the same behaviour through ModelCheckService).

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-OpsModule
}

Describe 'Invoke-ModelCheck' {
    Context 'a model without error' {
        BeforeAll {
            $spec = New-TestSpec -Name Counter -Tla $CounterTla -Cfg $CounterCfg
            $result = Invoke-ModelCheck -Path $spec
        }

        It 'returns one result object with TLC''s figures' {
            @($result).Count | Should -Be 1
            $result.GetType().FullName | Should -Be 'Ops.PowerShell.ModelCheckResult'
            $result.Result | Should -Be 'success'
            $result.StatesGenerated | Should -Be 4
            $result.DistinctStates | Should -Be 3
            $result.Depth | Should -Be 3
            $result.Duration | Should -BeOfType [timespan]
            $result.Violation | Should -BeNullOrEmpty
            $result.Trace.Count | Should -Be 0
            $result.ExitCode | Should -Be 0
        }

        It 'shows as one line' {
            ($result | Out-String).Trim() -split "`n" | Where-Object { $_ -match 'Counter.tla' } | Should -HaveCount 1
        }

        It 'reproduces TLC on a shipped seed spec' {
            $bank = Get-ModelCheckSpec -Name bank | Invoke-ModelCheck
            $bank.StatesGenerated | Should -Be 2266
            $bank.DistinctStates | Should -Be 220
        }
    }

    Context 'a violation' {
        BeforeAll {
            $spec = New-TestSpec -Name Invariant -Tla $InvariantTla -Cfg $InvariantCfg
            $trace = Join-Path $TestDrive 'cex.itf.json'
            $junit = Join-Path $TestDrive 'junit.xml'
            $report = Join-Path $TestDrive 'report.html'
            $result = Invoke-ModelCheck -Path $spec -TracePath $trace -JUnitPath $junit -ReportPath $report
        }

        It 'reports the violated invariant' {
            $result.Result | Should -Be 'safety failure'
            $result.ExitCode | Should -Be 12
            $result.Violation.Kind | Should -Be 'invariant'
            $result.Violation.Property | Should -Be 'Small'
            $result.Violation.Message | Should -Be 'Invariant Small is violated.'
        }

        It 'has trace states with one property per variable' {
            $result.Trace.Count | Should -Be 4
            $last = $result.Trace[-1]
            $last.Step | Should -Be 4
            $last.x | Should -Be 3
            $last.owner.n1 | Should -Be 3
            $last.owner['n2'] | Should -Be 0
            $result.Trace[0].Action | Should -Be 'Initial predicate'
        }

        It 'keeps the verdict and the violation in an 80-column table (a CI log)' {
            $table = $result | Format-Table | Out-String -Width 80
            $table | Should -Match 'Violation'
            $table | Should -Match 'safety failure'
            $table | Should -Match 'Invariant Small'
        }

        It 'serializes the trace once (ConvertTo-Json)' {
            $json = $result | ConvertTo-Json -Depth 8 -Compress
            ([regex]::Matches($json, '"owner"')).Count | Should -Be $result.Trace.Count
            ($json | ConvertFrom-Json).Trace[-1].x | Should -Be 3
            $result.Trace[-1].GetVariables()['x'] | Should -Be 3
        }

        It 'formats the trace as a table' {
            ($result.Trace | Format-Table | Out-String) | Should -Match 'Step'
        }

        It 'writes the ITF trace and the JUnit report' {
            $itf = Get-Content $trace -Raw | ConvertFrom-Json
            $itf.vars | Should -Be @('x', 'owner')
            $itf.states.Count | Should -Be 4
            $itf.states[3].x.'#bigint' | Should -Be '3'
            $result.TracePath | Should -Be $trace
            [xml] $xml = Get-Content $junit -Raw
            $xml.testsuites.testsuite.failures | Should -Be '1'
            ($xml.testsuites.testsuite.testcase | Where-Object name -eq 'Invariant Small').failure.message | Should -Be 'Invariant Small is violated.'
        }

        It 'writes the HTML report with the trace as a table (-ReportPath)' {
            $result.ReportPath | Should -Be $report
            [xml] $page = Get-Content $report -Raw
            $ns = @{ h = 'http://www.w3.org/1999/xhtml' }
            (Select-Xml -Xml $page -XPath '//h:main' -Namespace $ns).Node.GetAttribute('data-outcome') | Should -Be 'safety failure'
            (Select-Xml -Xml $page -XPath '//h:table[@class="trace"]//h:tr[starts-with(@class, "state")]' -Namespace $ns).Count | Should -Be 4
        }

        It 'throws a terminating error with TLC''s exit code under -ErrorOnViolation, after the result' {
            $out = $null
            $err = $null
            try {
                Invoke-ModelCheck -Path $spec -ErrorOnViolation -OutVariable out | Out-Null
            }
            catch {
                $err = $_
            }
            $err | Should -Not -BeNullOrEmpty
            $err.Exception.GetType().FullName | Should -Be 'Ops.PowerShell.ModelCheckFailedException'
            $err.Exception.ExitCode | Should -Be 12
            $err.FullyQualifiedErrorId | Should -Match '^ModelCheckFailed:12'
            @($out).Count | Should -Be 1
            $out[0].Result | Should -Be 'safety failure'
        }
    }

    Context 'parameters' {
        BeforeAll {
            $counter = New-TestSpec -Name Counter -Tla $CounterTla -Cfg $CounterCfg
            $invariant = New-TestSpec -Name Invariant -Tla $InvariantTla -Cfg $InvariantCfg
        }

        It 'overrides constants with -Constant' {
            (Invoke-ModelCheck $counter -Constant @{ N = 7 }).DistinctStates | Should -Be 7
            $r = Invoke-ModelCheck $invariant -Constant @{ Nodes = 'a', 'b', 'c' }
            @($r.Trace[0].owner.Keys) | Should -Be @('a', 'b', 'c')
        }

        It 'binds tuples and sequences given with [Ops.PowerShell.TlaValue] (the README''s -Constant values)' {
            $tla = "---- MODULE Pairs ----`nEXTENDS Naturals, Sequences`nCONSTANTS Pair, Route, Nil, Names`n" +
                "ASSUME Pair = <<1, ""a"">> /\ Names = {""alice"", ""bob""} /\ Nil \notin Names`n" +
                "VARIABLE i`nInit == i = 1`nNext == i < Len(Route) /\ i' = i + 1`nInRoute == Route[i][1] = i`n===="
            $pairs = New-TestSpec -Name Pairs -Tla $tla -Cfg "INIT Init`nNEXT Next`nINVARIANT InRoute`nCHECK_DEADLOCK FALSE`n"
            $r = Invoke-ModelCheck $pairs -Constant @{
                Pair  = [Ops.PowerShell.TlaValue]::Tuple(1, 'a')
                Route = [Ops.PowerShell.TlaValue]::Sequence([Ops.PowerShell.TlaValue]::Tuple(1, 2), [Ops.PowerShell.TlaValue]::Tuple(2, 3))
                Nil   = [Ops.PowerShell.TlaValue]::ModelValue('Nil')
                Names = [Ops.PowerShell.TlaValue]::Set('alice', 'bob')
            }
            "$($r.Violation)" | Should -BeNullOrEmpty
            $r.Result | Should -Be 'success'
            $r.DistinctStates | Should -Be 2
        }

        It 'refuses a constant value with no TLA+ value, saying why' {
            { Invoke-ModelCheck $counter -Constant @{ N = 2.5 } -ErrorAction Stop } | Should -Throw '*not a whole number*'
        }

        It 'takes -Deadlock as TLC''s -deadlock (no deadlock checking)' {
            $dead = New-TestSpec -Name Dead -Tla "---- MODULE Dead ----`nEXTENDS Naturals`nVARIABLE x`nInit == x = 0`nNext == x < 2 /\ x' = x + 1`n====`n" -Cfg "INIT Init`nNEXT Next`n"
            (Invoke-ModelCheck $dead).Result | Should -Be 'deadlock failure'
            (Invoke-ModelCheck $dead -Deadlock).Result | Should -Be 'success'
        }

        It 'accepts -Workers auto and refuses 0' {
            (Invoke-ModelCheck $counter -Workers auto).Result | Should -Be 'success'
            { Invoke-ModelCheck $counter -Workers 0 -ErrorAction Stop } | Should -Throw
        }

        It 'binds Get-ChildItem output by property name' {
            $results = Get-ChildItem -Path $TestDrive -Filter 'Counter.tla' | Invoke-ModelCheck
            @($results).Count | Should -Be 1
            $results.Spec | Should -Be 'Counter.tla'
        }

        It 'writes one JUnit file for a pipeline of specifications, a test suite per specification' {
            $folder = Join-Path $TestDrive 'pipeline'
            New-Item -ItemType Directory -Path $folder | Out-Null
            Copy-Item $counter, ($counter -replace '\.tla$', '.cfg'), $invariant, ($invariant -replace '\.tla$', '.cfg') -Destination $folder
            $junit = Join-Path $TestDrive 'pipeline.xml'
            $json = Join-Path $TestDrive 'pipeline.json'
            $results = Get-ChildItem (Join-Path $folder '*.tla') | Invoke-ModelCheck -JUnitPath $junit -JsonPath $json
            @($results).Count | Should -Be 2
            [xml] $xml = Get-Content $junit -Raw
            @($xml.testsuites.testsuite).Count | Should -Be 2
            $xml.testsuites.testsuite.name | Should -Be @('Counter', 'Invariant')
            $xml.testsuites.failures | Should -Be '1'
            (Get-Content $json -Raw | ConvertFrom-Json).result | Should -Be @('success', 'safety failure')
        }

        It 'checks every file a -Path wildcard matches, one result each, as a pipeline would' {
            $folder = Join-Path $TestDrive 'wildcard'
            New-Item -ItemType Directory -Path $folder | Out-Null
            Copy-Item $counter, ($counter -replace '\.tla$', '.cfg'), $invariant, ($invariant -replace '\.tla$', '.cfg') -Destination $folder
            New-Item -ItemType Directory -Path (Join-Path $folder 'sub.tla') | Out-Null   # a folder the pattern matches: left out
            $junit = Join-Path $TestDrive 'wildcard.xml'
            $results = Invoke-ModelCheck (Join-Path $folder '*.tla') -JUnitPath $junit -ErrorAction SilentlyContinue
            @($results).Count | Should -Be 2
            $results.Spec | Should -Be @('Counter.tla', 'Invariant.tla')
            $results.Result | Should -Be @('success', 'safety failure')
            [xml] $xml = Get-Content $junit -Raw
            @($xml.testsuites.testsuite).Count | Should -Be 2
        }

        It 'refuses one -ConfigPath for a -Path wildcard that matches several specifications' {
            $folder = Join-Path $TestDrive 'wildcard-cfg'
            New-Item -ItemType Directory -Path $folder | Out-Null
            Copy-Item $counter, ($counter -replace '\.tla$', '.cfg'), $invariant, ($invariant -replace '\.tla$', '.cfg') -Destination $folder
            $r = Invoke-ModelCheck (Join-Path $folder '*.tla') -ConfigPath ($counter -replace '\.tla$', '.cfg') -ErrorVariable errs -ErrorAction SilentlyContinue
            $r | Should -BeNullOrEmpty
            $errs[0].FullyQualifiedErrorId | Should -Match '^AmbiguousPath'
            $errs[0].Exception.Message | Should -Match 'matches 2 files, and -ConfigPath names one configuration'
        }

        It 'reports a missing specification as an ObjectNotFound error' {
            { Invoke-ModelCheck (Join-Path $TestDrive 'nope.tla') -ErrorAction Stop } | Should -Throw
        }

        It 'writes a parse error as an error record and still returns the result' {
            $broken = New-TestSpec -Name Broken -Tla $ParseErrorTla -Cfg "INIT Init`nNEXT Next`n"
            $r = Invoke-ModelCheck $broken -ErrorVariable errs -ErrorAction SilentlyContinue
            $r.ExitCode | Should -Be 150
            $errs.Count | Should -BeGreaterThan 0
            "$($errs[0])" | Should -Match 'Broken\.tla:5:\d+'
            "$($r.Violation)" | Should -Match '^.*Broken\.tla:5:\d+: '
            ($r | Format-Table | Out-String -Width 80) | Should -Match 'Broken\.tla:5:\d+:'
        }

        It 'says one thing about a misspelt .cfg keyword, with file:line:col and what it was meant to be' {
            $typo = New-TestSpec -Name Typo -Tla $CounterTla.Replace('Counter', 'Typo') -Cfg "CONSTANT N = 3`nINIT Init`nNEXT Next`nINVARIANTT TypeOK`n"
            $r = Invoke-ModelCheck $typo -ErrorAction SilentlyContinue
            $r.ExitCode | Should -Be 255  # TLC: a ConfigFileException, "TLC threw an unexpected exception", exit 255
            "$($r.Violation)" | Should -Match "Typo\.cfg:4:1: unknown keyword 'INVARIANTT'; did you mean 'INVARIANT'\?$"
            "$($r.Violation)" | Should -Not -Match 'takes exactly one name'
        }

        It 'names PowerShell parameters in its messages, not the CLI''s' {
            $lonely = New-TestSpec -Name Lonely -Tla $CounterTla.Replace('Counter', 'Lonely')
            $r = Invoke-ModelCheck $lonely -ErrorAction SilentlyContinue
            $r.Violation.Message | Should -Match '-ConfigPath'
            $r.Violation.Message | Should -Not -Match '-config FILE'
        }

        It 'returns the partial result of a run stopped by -TimeoutSeconds' {
            $big = New-TestSpec -Name Big -Tla $CounterTla.Replace('Counter', 'Big') -Cfg "CONSTANT N = 50000000`nINIT Init`nNEXT Next`n"
            $r = Invoke-ModelCheck $big -TimeoutSeconds 1 -ErrorAction SilentlyContinue
            $r.Complete | Should -BeFalse
            $r.Violation.Kind | Should -Be 'time limit'
            $global:OpsLastModelCheckResult.Spec | Should -Be 'Big.tla'
        }
    }

    Context 'on disk (-DiskStates, -FingerprintMemory, -MetaDirectory)' {
        BeforeAll {
            $invariant = New-TestSpec -Name Invariant -Tla $InvariantTla -Cfg $InvariantCfg
            $bank = (Get-ModelCheckSpec -Name bank).Path
        }

        It 'finds TLC''s figures with the fingerprints and states on disk from the start' {
            $memory = Invoke-ModelCheck $bank
            $disk = Invoke-ModelCheck $bank -DiskStates
            $memory.StoredOnDisk | Should -BeFalse
            $disk.StoredOnDisk | Should -BeTrue
            $disk.Result | Should -Be 'success'
            $disk.StatesGenerated | Should -Be 2266
            $disk.DistinctStates | Should -Be 220
            $disk.Depth | Should -Be $memory.Depth
        }

        It 'gives the counterexample of the search in memory, with one worker and two' {
            $memory = Invoke-ModelCheck $invariant
            foreach ($workers in 1, 2) {
                $disk = Invoke-ModelCheck $invariant -DiskStates -Workers $workers
                $disk.StoredOnDisk | Should -BeTrue
                $disk.ExitCode | Should -Be 12
                $disk.Violation.Property | Should -Be 'Small'
                ($disk.Trace | ForEach-Object { "$($_.x) $($_.owner.n1) $($_.owner.n2)" }) -join ';' |
                    Should -Be (($memory.Trace | ForEach-Object { "$($_.x) $($_.owner.n1) $($_.owner.n2)" }) -join ';')
            }
        }

        It 'makes its files under -MetaDirectory (created when missing) and removes them at the end' {
            $meta = Join-Path $TestDrive 'meta' 'states'
            $r = Invoke-ModelCheck $bank -DiskStates -MetaDirectory $meta -FingerprintMemory 0.1
            $r.StoredOnDisk | Should -BeTrue
            $r.DistinctStates | Should -Be 220
            Test-Path $meta -PathType Container | Should -BeTrue
            @(Get-ChildItem $meta -Force).Count | Should -Be 0
        }

        It 'takes TLC''s spellings -FpMem (megabytes from 1 up) and -MetaDir' {
            $r = Invoke-ModelCheck $bank -DiskStates -FpMem 16 -MetaDir (Join-Path $TestDrive 'fpmem')
            $r.StoredOnDisk | Should -BeTrue
            $r.DistinctStates | Should -Be 220
        }

        It 'refuses a -FingerprintMemory of 0 or less and a -MetaDirectory that is a file' {
            { Invoke-ModelCheck $bank -DiskStates -FingerprintMemory 0 -ErrorAction Stop } | Should -Throw '*FingerprintMemory*'
            { Invoke-ModelCheck $bank -DiskStates -FingerprintMemory -1 -ErrorAction Stop } | Should -Throw '*FingerprintMemory*'
            $file = Join-Path $TestDrive 'not-a-folder.txt'
            Set-Content -Path $file -Value 'x'
            { Invoke-ModelCheck $bank -DiskStates -MetaDirectory $file -ErrorAction Stop } | Should -Throw '*-MetaDirectory*is a file*'
        }
    }

    Context 'random simulation (-Simulate)' {
        BeforeAll {
            # Every state has one successor through each action: TLC's counts do not depend on the random choices.
            $safe = New-TestSpec -Name SimSafe -Tla "---- MODULE SimSafe ----`nEXTENDS Naturals`nVARIABLES x, y`nInit == x = 0 /\ y = 0`nInc == x' = (x + 1) % 3 /\ y' = y`nFlip == y' = 1 - y /\ x' = x`nNext == Inc \/ Flip`n====`n" -Cfg "INIT Init`nNEXT Next`n"
            # x grows by 1 or 2 at random: every behaviour passes 9, at a random step.
            $grow = New-TestSpec -Name SimGrow -Tla "---- MODULE SimGrow ----`nEXTENDS Naturals`nVARIABLE x`nInit == x = 0`nNext == x' = x + 1 \/ x' = x + 2`nInv == x < 9`n====`n" -Cfg "INIT Init`nNEXT Next`nINVARIANT Inv`n"
        }

        It 'generates -Behaviors behaviours of -Depth steps, with TLC''s counts' {
            # TLC (tlc -simulate num=5 -depth 10): 51 states checked, 5 traces generated.
            $r = Invoke-ModelCheck $safe -Simulate -Behaviors 5 -Depth 10 -Seed 1
            $r.Result | Should -Be 'success'
            $r.Mode | Should -Be 'simulate'
            $r.StatesGenerated | Should -Be 51
            $r.Behaviors | Should -Be 5
            $r.Seed | Should -Be 1
            "$r" | Should -Match '51 states generated, 5 behaviours, seed 1'
            $r.ToTlcText() | Should -Match 'Simulation using seed 1 and aril 0'
        }

        It 'stops at the first violation with TLC''s exit code and the behaviour as the trace' {
            $r = Invoke-ModelCheck $grow -Simulate -Behaviors 10 -Seed 7
            $r.Result | Should -Be 'safety failure'
            $r.ExitCode | Should -Be 12
            $r.Violation.Property | Should -Be 'Inv'
            $r.Trace[-1].x | Should -BeGreaterOrEqual 9
            $r.Trace[0].Action | Should -Match '^Init line 4'
        }

        It 'repeats the same behaviours from the seed, given or drawn' {
            $first = Invoke-ModelCheck $grow -Simulate -Behaviors 10
            $again = Invoke-ModelCheck $grow -Simulate -Behaviors 10 -Seed $first.Seed
            ($again.Trace | ForEach-Object x) -join ',' | Should -Be (($first.Trace | ForEach-Object x) -join ',')
        }

        It 'ends an unbounded simulation at -TimeoutSeconds without error' {
            $r = Invoke-ModelCheck $safe -Simulate -TimeoutSeconds 1
            $r.Result | Should -Be 'success'
            $r.Behaviors | Should -BeGreaterThan 0
        }

        It 'refuses -Behaviors or -Depth without -Simulate' {
            { Invoke-ModelCheck $safe -Behaviors 3 -ErrorAction Stop } | Should -Throw '*-Simulate*'
            { Invoke-ModelCheck $safe -Depth 3 -ErrorAction Stop } | Should -Throw '*-Simulate*'
        }
    }

    Context 'help and completion' {
        It 'has help with examples' {
            $help = Get-Help Invoke-ModelCheck -Full
            $help.Synopsis | Should -Match 'TLA\+'
            @($help.Examples.Example).Count | Should -BeGreaterThan 2
            ($help.Parameters.Parameter | Where-Object Name -eq 'Constant').Description.Text | Should -Match 'model values'
            ($help.Parameters.Parameter | Where-Object Name -eq 'Simulate').Description.Text | Should -Match 'random behaviours'
            ($help.Parameters.Parameter | Where-Object Name -eq 'DiskStates').Description.Text | Should -Match 'on disk'
        }

        It 'completes constant names of the specification' {
            $spec = New-TestSpec -Name Counter -Tla $CounterTla -Cfg $CounterCfg
            $line = "Invoke-ModelCheck -Path '$spec' -Constant "
            $completion = TabExpansion2 -inputScript $line -cursorColumn $line.Length
            $completion.CompletionMatches.ListItemText | Should -Contain 'N'
        }
    }
}
