using Ops.Domain;
using Ops.Aws.Offline;
using Ops.Aws.Runtime;
using Ops.EcsService;

namespace Ops.Cli;

/// <summary>`ops ecs-service check|apply`: thin over Ops.EcsService (the same calls as Test-EcsServiceConfiguration
/// and Set-EcsService).</summary>
public static class EcsServiceCommand
{
    public const string Usage = """
        usage: ops ecs-service check -config FILE [-region R] [-endpoint-url URL] [-profile NAME] [-json FILE|-]
                                          [-aws-snapshot FILE]
               ops ecs-service apply -config FILE [same options] [-dry-run] [-wait] [-poll-seconds N]

          check   Read the service definition (ansible's ecs_service arguments, or a playbook with one ecs_service
                  task) and AWS (Describe calls only): the task definition, the target groups and their load
                  balancers, the service. Report what CreateService/UpdateService would refuse, check the rolling
                  deployment model specs/ops/ecs_service.tla, and print every problem with its fix and its
                  counterexample, then the plan.
          apply   Check, then CreateService or UpdateService of what differs. Nothing changes when the check fails;
                  applying the same file again changes nothing.
                  -dry-run  print the plan only (as -WhatIf)
                  -wait     wait until the deployment is COMPLETED (also: wait: yes in the file)
          -margin PERCENT  a suggested health_check_grace_period_seconds must stay safe when the container takes
                  this much longer to answer its health check than assumed (default 50; checked with the model)

        -aws-snapshot FILE  offline: read AWS from a snapshot of its Describe/Get answers as the AWS CLI
                            printed them (one JSON file, docs/ecs-service.md) instead of calling it; check and
                            apply -dry-run only
        Exit codes: 0 passed (or applied), 12 the check found errors, 151 the file is invalid, 255 other errors.
        """;

    /// <summary><c>ops ecs-service check|apply</c>. Its arguments are still read by <see cref="AwsCommandLine.Parse"/>; the
    /// options declared here serve help and completion.</summary>
    public static OpsCommand Create(CliContext ctx)
    {
        var command = new OpsCommand("ecs-service", "Check and apply an ECS service definition (ansible's ecs_service) against a model of its rolling deployment.")
        {
            Details = Usage,
            PassThrough = args => Run(args, ctx.Out, ctx.Err),
        };
        AwsCommandLine.AddVerbs(command,
            "Read the service definition and AWS (Describe only), report what CreateService/UpdateService would refuse, check the deployment model.",
            "Check, then CreateService or UpdateService of what differs; nothing changes when the check fails.",
            (verb, apply) =>
            {
                verb.Add(CliOptions.Value("margin", "PERCENT", "a suggested health_check_grace_period_seconds must stay safe when the container takes this much longer (default 50)"));
                if (apply) verb.Add(CliOptions.Flag("wait", "wait until the deployment is COMPLETED"));
            });
        return command;
    }

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr) => Run(args, stdout, stderr, null);

    /// <param name="aws">Base client options (tests pass credentials here); null for the SDK's chain.</param>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, AwsClientOptions aws)
    {
        var options = new EcsServiceOptions();
        var line = AwsCommandLine.Parse("ecs-service", Usage, args, aws, (option, value) =>
        {
            switch (option)
            {
                case "-wait": options.Wait = true; return true;
                case "-margin":
                {
                    var text = value();
                    var t = text.Trim().TrimEnd('%');
                    if (!int.TryParse(t, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var p))
                        throw new ArgumentException($"-margin expects a margin in percent from 0 to {DeploymentFacts.MaxMarginPercent} (e.g. 50), not '{text}'");
                    DeploymentFacts.ValidateMargin(p, "-margin");
                    options.MarginPercent = p;
                    return true;
                }
                default: return false;
            }
        }, stdout, stderr, out var exitCode);
        if (line == null) return exitCode;
        if (line.PollInterval is { } poll) options.PollInterval = poll;

        var text = line.ReportWriter(stdout, stderr);
        options.Log = stderr.WriteLine;
        return line.Execute(() =>
        {
            var config = EcsServiceConfig.Load(line.ConfigPath);
            using var session = EcsServiceManager.Open(config, line.Aws, line.SnapshotPath != null ? AwsSnapshot.Load(line.SnapshotPath) : null, options);
            EcsServiceCheckResult check;
            ApplyResult<EcsServiceCheckResult> applied = null;
            if (line.ReadOnly)
            {
                check = session.Domain.CheckAsync(config).GetAwaiter().GetResult();
                text.Write(check.ToText());
            }
            else
            {
                applied = session.Domain.ApplyAsync(config).GetAwaiter().GetResult();
                check = applied.Check;
                text.Write(applied.ToText());
            }
            if (line.Json != null) line.WriteJson(applied?.ToJson() ?? check.ToJson(), stdout);
            return check.Passed ? 0 : 12;
        }, e => e is ConfigException, e => e is ApplyException, stderr);
    }
}
