using System.Text.Json;
using Ops.Aws.Testing;
using Xunit;
using Xunit.Abstractions;

namespace Ops.EcsService.Tests;

/// <summary>`ops ecs-service check|apply` over the loopback endpoint, and the endpoint's ECS and ELBv2 answers read by
/// the real AWS CLI (botocore's own parsers).</summary>
public class CliTests(ITestOutputHelper output)
{
    private (int, string, string) Cli(EcsFixture f, params string[] args)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        var code = Ops.Cli.EcsServiceCommand.Run(args, o, e, f.Aws);
        output.WriteLine($"ops ecs-service {string.Join(" ", args)} -> {code}");
        output.WriteLine(o.ToString());
        output.WriteLine(e.ToString());
        return (code, o.ToString(), e.ToString());
    }

    [Fact]
    public void Check_apply_and_reapply_from_the_command_line()
    {
        if (!Requires.Botocore(output.WriteLine)) return;
        using var f = new EcsFixture();
        var dir = Directory.CreateTempSubdirectory("ops-ecs-cli");
        try
        {
            var bad = Path.Combine(dir.FullName, "bad.yml");
            File.WriteAllText(bad, Definitions.Web(f, targetGroup: f.WebInstance.Arn));
            var (code, stdout, _) = Cli(f, "check", "-config", bad);
            Assert.Equal(12, code);
            Assert.Contains("ERROR [TargetTypeMismatch] load_balancers[0]:", stdout);
            Assert.Contains("fix: create a target group with target type ip", stdout);
            Assert.Contains("1 error(s): nothing was changed.", stdout);

            var good = Path.Combine(dir.FullName, "web.yml");
            File.WriteAllText(good, Definitions.Web(f));
            var json = Path.Combine(dir.FullName, "plan.json");
            (code, stdout, _) = Cli(f, "apply", "-config", good, "-dry-run", "-json", json);
            Assert.Equal(0, code);
            Assert.Contains("Plan for ECS service prod/web (1 step(s)):", stdout);
            using (var doc = JsonDocument.Parse(File.ReadAllText(json)))
            {
                Assert.Equal("CreateService", doc.RootElement.GetProperty("plan")[0].GetProperty("kind").GetString());
                Assert.True(doc.RootElement.GetProperty("passed").GetBoolean());
                Assert.Equal("web:2", doc.RootElement.GetProperty("taskDefinition").GetString());
            }
            Assert.Empty(f.Changes());

            (code, stdout, _) = Cli(f, "apply", "-config", good, "-wait", "-poll-seconds", "0");
            Assert.Equal(0, code);
            Assert.Contains("Apply complete.", stdout);
            Assert.Contains("applied: WaitForDeployment prod/web", stdout);
            (code, stdout, _) = Cli(f, "apply", good);
            Assert.Equal(0, code);
            Assert.Contains("up to date, no changes", stdout);
            Assert.Single(f.Changes());

            var risky = Path.Combine(dir.FullName, "risky.yml");
            File.WriteAllText(risky, Definitions.Web(f, desired: 1, deployment: "minimum_healthy_percent: 0\n      maximum_percent: 100"));
            (code, stdout, _) = Cli(f, "check", risky, "-json", "-");
            Assert.Equal(12, code);
            using (var doc = JsonDocument.Parse(stdout))
            {
                var finding = doc.RootElement.GetProperty("findings").EnumerateArray().First(x => x.GetProperty("severity").GetString() == "error");
                Assert.Equal("DeploymentLeavesNoHealthyTarget", finding.GetProperty("code").GetString());
                Assert.Equal("HealthyTargetsServe", finding.GetProperty("property").GetString());
                Assert.Contains("the load balancer answers 503", finding.GetProperty("trace").EnumerateArray().Last().GetString());
            }

            File.WriteAllText(bad, "name: web\ndesired_count: [1");
            (code, _, var stderr) = Cli(f, "check", "-config", bad);
            Assert.Equal(151, code);
            Assert.Contains("bad.yml:", stderr);
            (code, _, stderr) = Cli(f, "deploy", good);
            Assert.Equal(255, code);
            (code, stdout, _) = Cli(f, "--help");
            Assert.Equal(0, code);
            Assert.Contains("ops ecs-service check -config FILE", stdout);
        }
        finally
        {
            dir.Delete(true);
        }
        Assert.Empty(f.Endpoint.ModelViolations);
    }

    [Theory]
    [InlineData("ecs-service", new[] { "check" }, "ops ecs-service check: no configuration file given (-config FILE)")]
    [InlineData("ecs-service", new[] { "apply", "web.yml", "-colour" }, "ops ecs-service apply: Unrecognized command or argument '-colour'")]
    [InlineData("ecs-service", new[] { "apply", "web.yml", "-poll-seconds", "soon" }, "-poll-seconds expects seconds, not 'soon'")]
    [InlineData("ecs-service", new[] { "check", "web.yml", "-margin", "lots" }, "-margin expects a margin in percent from 0 to 900 (e.g. 50), not 'lots'")]
    [InlineData("ecs-service", new[] { "check", "-config" }, "Required argument missing for option: '-config'")]
    [InlineData("rds-proxy", new[] { "apply", "proxy.yml", "-wait" }, "ops rds-proxy apply: Unrecognized command or argument '-wait'")]
    [InlineData("rds-proxy", new[] { "check", "-region" }, "Required argument missing for option: '-region'")]
    [InlineData("rds-proxy", new[] { "create", "proxy.yml" }, "ops rds-proxy: Unrecognized command or argument 'create'")]
    [InlineData("rds-proxy", new[] { "check", "proxy.yml", "-aws-snapshot", "s.json", "-profile", "p" }, "ops rds-proxy check: -aws-snapshot replaces AWS: it takes no -endpoint-url or -profile")]
    public void Usage_errors_exit_255_with_the_option_named_before_anything_is_read(string command, string[] args, string message)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        var all = new[] { command }.Concat(args).ToArray();
        Assert.Equal(255, Ops.Cli.CliApp.Run(all, o, e));
        Assert.Contains(message, e.ToString());
        Assert.Equal("", o.ToString());
    }

    /// <summary>The generic domain command (DomainCommand) of both AWS domains: the same report as text, JSON and JUnit.</summary>
    [Theory]
    [InlineData("rds-proxy", "proxy.yaml")]
    [InlineData("ecs-service", "web-service.yml")]
    public void Every_domain_command_reports_its_findings_as_text_JSON_and_JUnit(string domain, string config)
    {
        var dir = Directory.CreateTempSubdirectory("ops-domain-cli");
        try
        {
            var junit = Path.Combine(dir.FullName, "report.xml");
            var (code, json, text) = OfflineCli.CheckExample(Ops.Cli.CliApp.Run, output.WriteLine, domain, config, "-json", "-", "-junit", junit);
            Assert.Equal(12, code);
            using var doc = JsonDocument.Parse(json);
            var errors = doc.RootElement.GetProperty("findings").EnumerateArray().Where(f => f.GetProperty("severity").GetString() == "error")
                .Select(f => f.GetProperty("code").GetString()).ToList();
            Assert.NotEmpty(errors);
            foreach (var error in errors) Assert.Contains($"ERROR [{error}]", text);
            Assert.Contains($"{errors.Count} error(s): nothing was changed.", text);
            var suite = System.Xml.Linq.XDocument.Load(junit).Root!.Element("testsuite")!;
            var failing = suite.Elements("testcase").Where(c => c.Element("failure") != null).Select(c => c.Attribute("name")!.Value).ToList();
            Assert.Equal(errors.Count + 1, failing.Count);
            Assert.Equal("check", failing[^1]);
            Assert.All(errors.Zip(failing), p => Assert.StartsWith(p.First, p.Second));
        }
        finally
        {
            dir.Delete(true);
        }
    }

    [Theory]
    [InlineData("rds-proxy")]
    [InlineData("ecs-service")]
    public void Every_domain_command_has_the_shared_options_in_its_help(string domain)
    {
        var o = new StringWriter();
        Assert.Equal(0, Ops.Cli.CliApp.Run(new[] { domain, "apply", "--help" }, o, new StringWriter()));
        foreach (var option in new[] { "-config <FILE>", "-json <FILE|->", "-junit <FILE>", "-dry-run", "-aws-snapshot <FILE>", "-region <R>", "-poll-seconds <N>" })
            Assert.Contains(option, o.ToString());
        o = new StringWriter();
        Assert.Equal(0, Ops.Cli.CliApp.Run(new[] { domain, "check", "--help" }, o, new StringWriter()));
        Assert.DoesNotContain("  -dry-run ", o.ToString());
    }

    [Fact]
    public void A_missing_definition_file_exits_151_naming_it()
    {
        var o = new StringWriter();
        var e = new StringWriter();
        var missing = Path.Combine(Path.GetTempPath(), "ops-no-such-dir", "web.yml");
        Assert.Equal(151, Ops.Cli.CliApp.Run(new[] { "ecs-service", "check", missing }, o, e));
        Assert.Contains(missing, e.ToString());
    }

    [Fact]
    public void The_ops_command_dispatches_ecs_service()
    {
        var o = new StringWriter();
        Assert.Equal(0, Ops.Cli.CliApp.Run(new[] { "ecs-service", "--help" }, o, new StringWriter()));
        Assert.Contains("ops ecs-service apply", o.ToString());
    }

    private Task<(int Exit, string Out, string Err)> Aws(LoopbackAwsEndpoint endpoint, params string[] args)
    {
        var result = AwsCliRunner.Run(endpoint, args);
        output.WriteLine($"aws {args[0]} {args[1]}: exit {result.Exit} {result.Err.Trim()}");
        return Task.FromResult(result);
    }

    [Fact]
    public async Task The_aws_cli_reads_the_simulated_ECS_and_ELBv2_and_gets_AWS_refusals()
    {
        if (!Requires.Cli(output.WriteLine)) return;
        using var f = new EcsFixture();

        async Task TargetGroups()
        {
            var r = await Aws(f.Endpoint, "elbv2", "describe-target-groups", "--target-group-arns", f.Web.Arn);
            Assert.True(r.Exit == 0, r.Err);
            var tg = JsonDocument.Parse(r.Out).RootElement.GetProperty("TargetGroups")[0];
            Assert.Equal("ip", tg.GetProperty("TargetType").GetString());
            Assert.Equal(f.Alb.Arn, tg.GetProperty("LoadBalancerArns")[0].GetString());
            Assert.Equal(30, tg.GetProperty("HealthCheckIntervalSeconds").GetInt32());
        }

        async Task Refusal()
        {
            // The seed's mistake made with the console's default target type: AWS's own words, through botocore.
            var r = await Aws(f.Endpoint, "ecs", "create-service", "--cluster", "prod", "--service-name", "web", "--task-definition", "web:2",
                "--desired-count", "1", "--launch-type", "FARGATE",
                "--network-configuration", "awsvpcConfiguration={subnets=[subnet-a],assignPublicIp=DISABLED}",
                "--load-balancers", $"targetGroupArn={f.WebInstance.Arn},containerName=web,containerPort=8080");
            Assert.NotEqual(0, r.Exit);
            Assert.Contains("An error occurred (InvalidParameterException) when calling the CreateService operation", r.Err);
            Assert.Contains("has target type instance, which is incompatible with the awsvpc network mode specified in the task definition.", r.Err);
        }

        async Task CreateAndDescribe()
        {
            var r = await Aws(f.Endpoint, "ecs", "create-service", "--cluster", "prod", "--service-name", "api", "--task-definition", "web:2",
                "--desired-count", "2", "--launch-type", "FARGATE", "--health-check-grace-period-seconds", "120",
                "--network-configuration", "awsvpcConfiguration={subnets=[subnet-a,subnet-b],securityGroups=[sg-web],assignPublicIp=DISABLED}",
                "--load-balancers", $"targetGroupArn={f.Web.Arn},containerName=web,containerPort=8080");
            Assert.True(r.Exit == 0, r.Err);
            var d = await Aws(f.Endpoint, "ecs", "describe-services", "--cluster", "prod", "--services", "api", "missing");
            Assert.True(d.Exit == 0, d.Err);
            var root = JsonDocument.Parse(d.Out).RootElement;
            var s = root.GetProperty("services")[0];
            Assert.Equal(f.WebV2, s.GetProperty("taskDefinition").GetString());
            Assert.Equal(8080, s.GetProperty("loadBalancers")[0].GetProperty("containerPort").GetInt32());
            Assert.Equal("PRIMARY", s.GetProperty("deployments")[0].GetProperty("status").GetString());
            Assert.Equal("MISSING", root.GetProperty("failures")[0].GetProperty("reason").GetString());
        }

        await Task.WhenAll(TargetGroups(), Refusal(), CreateAndDescribe());
        Assert.Empty(f.Endpoint.ModelViolations);
    }
}
