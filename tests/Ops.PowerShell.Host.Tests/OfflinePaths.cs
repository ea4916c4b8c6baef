using System.Text.Json;
using Xunit;

namespace Ops.PowerShell.Host.Tests;

/// <summary>
/// Each cmdlet's path that needs no server, run in a real PowerShell against the packaged module. The same scripts run
/// in PowerShell 7.4 on .NET 8 (in this process) and in pwsh 7.6 (a process): <see cref="PowerShell74Tests"/> and
/// <see cref="Pwsh76Tests"/>.
/// </summary>
public static class OfflinePaths
{
    private static string Quote(string s) => "'" + s.Replace("'", "''") + "'";

    private static string TempDir()
    {
        var d = Path.Combine(Path.GetTempPath(), "ops-host-case-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(d);
        return d;
    }

    public static JsonElement Environment(IPowerShellHost host) => host.Run("""
        @{
            PSVersion = $PSVersionTable.PSVersion.ToString()
            Runtime = [System.Environment]::Version.ToString()
            Commands = @((Get-Command -Module Ops).Name | Sort-Object)
            Exported = @((Import-PowerShellDataFile (Join-Path $ModuleDir 'Ops.psd1')).CmdletsToExport | Sort-Object)
        } | ConvertTo-Json -Compress
        """).Json();

    public static void Commands_are_the_manifests(IPowerShellHost host)
    {
        var e = Environment(host);
        var commands = e.GetProperty("Commands").EnumerateArray().Select(x => x.GetString()).ToList();
        var exported = e.GetProperty("Exported").EnumerateArray().Select(x => x.GetString()).ToList();
        Assert.Equal(14, exported.Count);
        Assert.Equal(exported, commands);
    }

    public static void Invoke_ModelCheck_reproduces_TLC_on_shipped_specs(IPowerShellHost host)
    {
        var r = host.Run("""
            $bank = Invoke-ModelCheck -Path (Join-Path $ModuleDir 'specs' 'seed' 'bank.tla')
            $transfers = Get-ModelCheckSpec bank_transfers | Invoke-ModelCheck
            @{
                Result = $bank.Result; Generated = $bank.StatesGenerated; Distinct = $bank.DistinctStates; ExitCode = $bank.ExitCode
                Violation = $transfers.Result; Property = $transfers.Violation.Property; TraceLength = $transfers.Trace.Count
                ViolationExit = $transfers.ExitCode
            } | ConvertTo-Json -Compress
            """).Json();
        Assert.Equal("success", r.GetProperty("Result").GetString());
        Assert.Equal(2266, r.GetProperty("Generated").GetInt64());
        Assert.Equal(220, r.GetProperty("Distinct").GetInt64());
        Assert.Equal(0, r.GetProperty("ExitCode").GetInt32());
        Assert.Equal("safety failure", r.GetProperty("Violation").GetString());
        Assert.Equal(5, r.GetProperty("TraceLength").GetInt32());
        Assert.Equal(12, r.GetProperty("ViolationExit").GetInt32());
    }

    public static void Get_ModelCheckSpec_lists_the_shipped_models(IPowerShellHost host)
    {
        var r = host.Run("""
            $all = @(Get-ModelCheckSpec)
            @{
                Names = @($all.Name)
                Missing = @($all | Where-Object { -not (Test-Path $_.Path) -or -not (Test-Path $_.ConfigPath) } | ForEach-Object Name)
                Categories = @($all.Category | Sort-Object -Unique)
            } | ConvertTo-Json -Compress
            """).Json();
        var names = r.GetProperty("Names").EnumerateArray().Select(x => x.GetString()).ToList();
        Assert.Contains("bank", names);
        Assert.Contains("bank_transfers", names);
        Assert.True(names.Count >= 10, $"{names.Count} shipped models: {string.Join(", ", names)}");
        Assert.Empty(r.GetProperty("Missing").EnumerateArray());
        Assert.Equal(new[] { "ops", "seed" }, r.GetProperty("Categories").EnumerateArray().Select(x => x.GetString()));
    }

    public static void Test_TlaSyntax_passes_a_shipped_spec_and_names_the_place_of_an_error(IPowerShellHost host)
    {
        var dir = TempDir();
        var broken = Path.Combine(dir, "Broken.tla");
        File.WriteAllText(broken, "---- MODULE Broken ----\nEXTENDS Naturals\nVARIABLE x\nInit == x =\nNext == x' = x\n====\n");
        try
        {
            var r = host.Run($$"""
                $good = Test-TlaSyntax (Join-Path $ModuleDir 'specs' 'seed' 'bank.tla')
                $bad = Test-TlaSyntax {{Quote(broken)}} -ErrorVariable errs -ErrorAction SilentlyContinue
                @{ Good = $good; Bad = $bad; Error = "$($errs[0])"; Category = "$($errs[0].CategoryInfo.Category)" } | ConvertTo-Json -Compress
                """).Json();
            Assert.True(r.GetProperty("Good").GetBoolean());
            Assert.False(r.GetProperty("Bad").GetBoolean());
            Assert.Matches(@"Broken\.tla:5:\d+: ", r.GetProperty("Error").GetString());
            Assert.Equal("ParserError", r.GetProperty("Category").GetString());
        }
        finally { Directory.Delete(dir, true); }
    }

    public static void ConvertFrom_PlusCal_writes_a_translation_that_checks(IPowerShellHost host)
    {
        var dir = TempDir();
        var spec = Path.Combine(dir, "Count.tla");
        File.WriteAllText(spec, """
            ---- MODULE Count ----
            EXTENDS Naturals
            (* --algorithm count
            variables x = 0;
            begin
            A: x := x + 1;
            B: skip;
            end algorithm *)
            \* BEGIN TRANSLATION
            \* END TRANSLATION
            ====

            """);
        File.WriteAllText(Path.Combine(dir, "Count.cfg"), "SPECIFICATION Spec\n");
        try
        {
            var r = host.Run($$"""
                $t = ConvertFrom-PlusCal -Path {{Quote(spec)}} -Confirm:$false
                $again = ConvertFrom-PlusCal -Path {{Quote(spec)}} -Confirm:$false
                $check = Invoke-ModelCheck {{Quote(spec)}} -Deadlock
                @{ Written = $t.Written; Again = "$($again.Status)"; Result = $check.Result; Distinct = $check.DistinctStates } | ConvertTo-Json -Compress
                """).Json();
            Assert.True(r.GetProperty("Written").GetBoolean());
            Assert.Contains("VARIABLES pc, x", File.ReadAllText(spec));
            Assert.Equal("UpToDate", r.GetProperty("Again").GetString());
            Assert.Equal("success", r.GetProperty("Result").GetString());
            Assert.Equal(3, r.GetProperty("Distinct").GetInt64());
        }
        finally { Directory.Delete(dir, true); }
    }

    public static void Test_JenkinsEcsCloud_checks_the_example(IPowerShellHost host)
    {
        var jcasc = Path.Combine(PackagedModule.RepoRoot, "examples", "jenkins", "jenkins.yaml");
        var r = host.Run($$"""
            $v = Test-JenkinsEcsCloud -Path {{Quote(jcasc)}} -NoSuggestion
            @{
                Unsafe = ($v | Where-Object Cloud -eq 'frontend-builds').Safe
                Fixed = ($v | Where-Object Cloud -eq 'frontend-builds-fixed').Safe
            } | ConvertTo-Json -Compress
            """).Json();
        Assert.False(r.GetProperty("Unsafe").GetBoolean());
        Assert.True(r.GetProperty("Fixed").GetBoolean());
    }

    /// <summary>A plan from a saved inventory (data/app-inventory.json, as `ops pglogical inventory --json` writes
    /// one: database app, public.customers with a primary key, public.events without, public."Order Lines"), its
    /// model check by the embedded checker, and its SQL: Npgsql, System.Text.Json and the checker in the
    /// host's runtime.</summary>
    public static void Pglogical_plan_check_and_sql_from_a_saved_inventory(IPowerShellHost host)
    {
        var inventory = Path.Combine(AppContext.BaseDirectory, "data", "app-inventory.json");
        var r = host.Run($$"""
            # Ops.Pglogical.dll loads with the first pglogical cmdlet's parameters; then its types can be named.
            $null = (Get-Command New-PglogicalReplicationPlan).Parameters['Inventory'].ParameterType
            $inventory = [Ops.Pglogical.Output.PlanText]::InventoryFromJson((Get-Content -Raw {{Quote(inventory)}}))
            $divergent = $inventory | New-PglogicalReplicationPlan
            $fixed = New-PglogicalReplicationPlan -Inventory $inventory -InsertOnly public.events
            $report = $divergent | Test-PglogicalReplicationPlan
            $fixedReport = $fixed | Test-PglogicalReplicationPlan
            $sql = $fixed | ConvertTo-PglogicalSql
            @{
                Valid = $divergent.IsValid
                EventsSet = ($divergent.Items | Where-Object Name -eq 'events').Set
                Passed = $report.Passed; Object = $report.Divergences[0].Object
                FixedPassed = $fixedReport.Passed; Generated = $fixedReport.StatesGenerated
                Sql = "$sql"
            } | ConvertTo-Json -Compress
            """).Json();
        Assert.True(r.GetProperty("Valid").GetBoolean());
        Assert.Equal("default_insert_only", r.GetProperty("EventsSet").GetString());
        Assert.False(r.GetProperty("Passed").GetBoolean());
        Assert.Equal("public.events", r.GetProperty("Object").GetString());
        Assert.True(r.GetProperty("FixedPassed").GetBoolean());
        Assert.True(r.GetProperty("Generated").GetInt64() > 0);
        var sql = r.GetProperty("Sql").GetString();
        Assert.Matches("(?m)^BEGIN;\r?$", sql);
        Assert.Contains("pglogical.replication_set_add_table(set_name := 'default', relation := 'public.customers'::regclass", sql);
        Assert.Contains("relation := 'public.\"Order Lines\"'::regclass", sql);
    }

    /// <summary>The connection is refused (nothing listens on port 1): a ConnectionError naming the server, with
    /// Npgsql loaded and working (on PowerShell 7.4 this is where a module whose Npgsql needs a newer runtime fails
    /// to load), and the password in no message.</summary>
    public static void Get_PglogicalInventory_fails_cleanly_on_an_unreachable_server(IPowerShellHost host)
    {
        var r = host.Run("""
            $err = $null
            try { Get-PglogicalInventory 'host=127.0.0.1 port=1 dbname=app user=ops password=host-test-s3cret' | Out-Null } catch { $err = $_ }
            $messages = @()
            for ($e = $err.Exception; $e; $e = $e.InnerException) { $messages += "$($e.GetType().FullName): $($e.Message)" }
            @{
                Id = $err.FullyQualifiedErrorId; Category = "$($err.CategoryInfo.Category)"
                Message = "$err"; Details = "$($err.ErrorDetails.Message)"; Exceptions = $messages
            } | ConvertTo-Json -Compress
            """).Json();
        var exceptions = string.Join("\n", r.GetProperty("Exceptions").EnumerateArray().Select(x => x.GetString()));
        Assert.DoesNotContain("Could not load", exceptions);
        Assert.DoesNotContain("FileLoadException", exceptions);
        Assert.StartsWith("Pglogical.connection,", r.GetProperty("Id").GetString());
        Assert.Equal("ConnectionError", r.GetProperty("Category").GetString());
        Assert.Contains("127.0.0.1:1", r.GetProperty("Message").GetString() + r.GetProperty("Details").GetString());
        Assert.DoesNotContain("host-test-s3cret", r.GetProperty("Message").GetString() + r.GetProperty("Details").GetString() + exceptions);
    }

    /// <summary>With a live server (OPS_PG_TEST_CONNECTION, from .ci/pg-test-cluster.sh): the catalog read through
    /// Npgsql in the host's runtime.</summary>
    public static void Get_PglogicalInventory_reads_a_live_provider(IPowerShellHost host)
    {
        var r = host.Run("""
            $inventory = Get-PglogicalInventory $env:OPS_PG_TEST_CONNECTION
            @{
                Type = $inventory.GetType().FullName; Database = $inventory.Database
                VersionNum = $inventory.ServerVersionNum; Pglogical = $inventory.PglogicalAvailable
                Relations = $inventory.Relations.Count
            } | ConvertTo-Json -Compress
            """).Json();
        Assert.Equal("Ops.Pglogical.Inventory.DatabaseInventory", r.GetProperty("Type").GetString());
        Assert.False(string.IsNullOrEmpty(r.GetProperty("Database").GetString()));
        Assert.True(r.GetProperty("VersionNum").GetInt32() >= 150000);
        Assert.True(r.GetProperty("Pglogical").GetBoolean());
        Assert.True(r.GetProperty("Relations").GetInt32() >= 0);
    }

    private const string RdsProxyConfig = """
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
            password: PASSWORD
        targets:
          dbInstances: [app-db]

        """;

    /// <summary>A password in clear in the file is refused before any AWS call, without repeating it; with the
    /// password from the environment, an unreachable endpoint is an error (AWSSDK.Core loaded and working).</summary>
    public static void Test_RdsProxyConfiguration_offline(IPowerShellHost host)
    {
        var dir = TempDir();
        var clear = Path.Combine(dir, "clear.yaml");
        var fromEnv = Path.Combine(dir, "env.yaml");
        File.WriteAllText(clear, RdsProxyConfig.Replace("PASSWORD", "host-test-clear-pw-123"));
        File.WriteAllText(fromEnv, RdsProxyConfig.Replace("PASSWORD", "{env: OPS_HOST_TEST_FOO_PW}"));
        try
        {
            var r = host.Run($$"""
                $clearErr = $null; $endpointErr = $null
                try { Test-RdsProxyConfiguration -Path {{Quote(clear)}} -Region eu-west-2 | Out-Null } catch { $clearErr = $_ }
                $env:OPS_HOST_TEST_FOO_PW = 'host-test-env-pw-456'
                $env:AWS_ACCESS_KEY_ID = 'AKIAHOSTTEST00000000'
                $env:AWS_SECRET_ACCESS_KEY = 'host-test/secret'
                try { Test-RdsProxyConfiguration -Path {{Quote(fromEnv)}} -Region eu-west-2 -EndpointUrl 'http://127.0.0.1:9/' | Out-Null } catch { $endpointErr = $_ }
                @{
                    Clear = "$($clearErr.Exception.Message)"
                    Endpoint = "$($endpointErr.Exception.Message)"; EndpointType = "$($endpointErr.Exception.GetType().FullName)"
                } | ConvertTo-Json -Compress
                """).Json();
            Assert.Contains("never read from the file", r.GetProperty("Clear").GetString());
            Assert.DoesNotContain("host-test-clear-pw-123", r.GetProperty("Clear").GetString());
            var endpoint = r.GetProperty("Endpoint").GetString();
            Assert.False(string.IsNullOrEmpty(endpoint), "an unreachable endpoint must be an error");
            Assert.DoesNotContain("Could not load", endpoint);
            Assert.DoesNotContain("host-test-env-pw-456", endpoint);
            Assert.DoesNotContain("host-test/secret", endpoint);
        }
        finally { Directory.Delete(dir, true); }
    }

    private const string EcsService = """
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

        """;

    /// <summary>A misspelt argument is refused with its line and the right name, before any AWS call; a correct
    /// file against an unreachable endpoint is an error.</summary>
    public static void Test_EcsServiceConfiguration_offline(IPowerShellHost host)
    {
        var dir = TempDir();
        var typo = Path.Combine(dir, "typo.yaml");
        var good = Path.Combine(dir, "web.yaml");
        File.WriteAllText(typo, EcsService.Replace("desired_count", "desired_cont"));
        File.WriteAllText(good, EcsService);
        try
        {
            var r = host.Run($$"""
                $typoErr = $null; $endpointErr = $null
                try { Test-EcsServiceConfiguration -Path {{Quote(typo)}} -Region eu-west-2 | Out-Null } catch { $typoErr = $_ }
                $env:AWS_ACCESS_KEY_ID = 'AKIAHOSTTEST00000000'
                $env:AWS_SECRET_ACCESS_KEY = 'host-test/secret'
                try { Test-EcsServiceConfiguration -Path {{Quote(good)}} -Region eu-west-2 -EndpointUrl 'http://127.0.0.1:9/' | Out-Null } catch { $endpointErr = $_ }
                @{
                    Typo = "$($typoErr.Exception.Message)"; TypoId = $typoErr.FullyQualifiedErrorId
                    Endpoint = "$($endpointErr.Exception.Message)"
                } | ConvertTo-Json -Compress
                """).Json();
            Assert.Contains(":11:", r.GetProperty("Typo").GetString());
            Assert.Contains("did you mean desired_count", r.GetProperty("Typo").GetString());
            Assert.Contains("EcsServiceConfigInvalid", r.GetProperty("TypoId").GetString());
            var endpoint = r.GetProperty("Endpoint").GetString();
            Assert.False(string.IsNullOrEmpty(endpoint), "an unreachable endpoint must be an error");
            Assert.DoesNotContain("Could not load", endpoint);
            Assert.DoesNotContain("host-test/secret", endpoint);
        }
        finally { Directory.Delete(dir, true); }
    }
}
