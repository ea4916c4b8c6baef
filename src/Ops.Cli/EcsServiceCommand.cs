using System.CommandLine;
using System.Globalization;
using Ops.Aws.Offline;
using Ops.Aws.Runtime;
using Ops.Domain;
using Ops.EcsService;

namespace Ops.Cli;

/// <summary>`ops ecs-service check|apply`: thin over Ops.EcsService (the same calls as Test-EcsServiceConfiguration
/// and Set-EcsService).</summary>
public static class EcsServiceCommand
{
    public const string Usage = """
        usage: ops ecs-service check -config FILE [-region R] [-endpoint-url URL] [-profile NAME] [-json FILE|-]
                                          [-junit FILE] [-aws-snapshot FILE] [-margin PERCENT]
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

    /// <summary><c>ops ecs-service check|apply</c>: the generic domain command over Ops.EcsService.</summary>
    public static OpsCommand Create(CliContext ctx) => Create(ctx, null);

    /// <param name="aws">Base client options (tests pass credentials here); null for the SDK's chain.</param>
    public static OpsCommand Create(CliContext ctx, AwsClientOptions aws) => DomainCommand.Create(ctx,
        AwsCommandLine.Spec<EcsServiceConfig, LiveState, EcsServiceCheckResult>(EcsServiceManager.Words, EcsServiceConfig.Load, Usage, new[]
        {
            "Check and apply an ECS service definition (ansible's ecs_service) against a model of its rolling deployment.",
            "Read the service definition and AWS (Describe only), report what CreateService/UpdateService would refuse, check the deployment model.",
            "Check, then CreateService or UpdateService of what differs; nothing changes when the check fails.",
        }, aws, Open, (verb, apply) =>
        {
            verb.Add(Margin());
            if (apply) verb.Add(CliOptions.Flag("wait", "wait until the deployment is COMPLETED (also: wait: yes in the file)"));
        }));

    private static IDomainSession<EcsServiceConfig, LiveState, EcsServiceCheckResult> Open(ParseResult r, EcsServiceConfig config, Action<string> log, AwsClientOptions clients, AwsSnapshot snapshot)
    {
        var options = new EcsServiceOptions { Log = log, MarginPercent = r.GetValue<int>("--margin") };
        if (r.CommandResult.Command.Name == "apply") options.Wait = r.GetValue<bool>("--wait");
        if (AwsCommandLine.PollInterval(r) is { } poll) options.PollInterval = poll;
        return EcsServiceManager.Open(config, clients, snapshot, options);
    }

    /// <summary><c>-margin PERCENT</c> (50 or 50%), from 0 to <see cref="DeploymentFacts.MaxMarginPercent"/>.</summary>
    private static Option<int> Margin()
    {
        var o = CliOptions.Make<int>("margin", "PERCENT",
            "a suggested health_check_grace_period_seconds must stay safe when the container takes this much longer to answer than assumed (default 50)");
        o.DefaultValueFactory = _ => DeploymentFacts.DefaultMarginPercent;
        o.CustomParser = r =>
        {
            var text = r.Tokens.Count > 0 ? r.Tokens[^1].Value : "";
            if (int.TryParse(text.Trim().TrimEnd('%'), NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p <= DeploymentFacts.MaxMarginPercent) return p;
            r.AddError($"{CliOptions.Spelling(r)} expects a margin in percent from 0 to {DeploymentFacts.MaxMarginPercent} (e.g. 50), not '{text}'");
            return DeploymentFacts.DefaultMarginPercent;
        };
        return o;
    }

    /// <summary>Runs <c>ops ecs-service ARGS</c> with <paramref name="aws"/> as the clients' base options (tests).</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, AwsClientOptions aws = null) =>
        CliApp.Run(args.Prepend("ecs-service").ToArray(), stdout, stderr, new CliHost(), ctx => Create(ctx, aws));
}
