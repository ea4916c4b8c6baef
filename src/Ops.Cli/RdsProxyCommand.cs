using Ops.Aws.Runtime;
using Ops.RdsProxy;

namespace Ops.Cli;

/// <summary>`ops rds-proxy check|apply`: thin over Ops.RdsProxy (the same calls as Test-/Set-RdsProxyConfiguration).</summary>
public static class RdsProxyCommand
{
    private static readonly string[] Help =
    {
        "Check and apply an RDS Proxy configuration (its secrets, the proxy and its targets) against a model.",
        "Read the file and AWS (Describe/Get only), check the apply model and print every problem with its fix, then the plan.",
        "Check, then create/update the secrets, the proxy and its targets; nothing changes when the check fails.",
    };

    public const string Usage = """
        usage: ops rds-proxy check -config FILE [-region R] [-endpoint-url URL] [-profile NAME] [-json FILE|-]
                                          [-junit FILE] [-aws-snapshot FILE]
               ops rds-proxy apply -config FILE [same options] [-dry-run] [-poll-seconds N]

          check   Read the file and AWS (Describe/Get only), check the apply model specs/ops/rds_proxy.tla,
                  and print every problem with its fix and counterexample, then the plan.
          apply   Check, then create/update the secrets, the proxy and its targets. Nothing changes when the
                  check fails; applying the same file again changes nothing.
                  -dry-run  print the plan only (as -WhatIf)

        Passwords come from the environment (password: {env: VARIABLE}); they are never printed.
        -aws-snapshot FILE  offline: read AWS from a snapshot of its Describe/Get answers as the AWS CLI
                            printed them (one JSON file, docs/rds-proxy.md) instead of calling it; check and
                            apply -dry-run only
        Exit codes: 0 passed (or applied), 12 the check found errors, 151 the file is invalid, 255 other errors.
        """;

    /// <summary><c>ops rds-proxy check|apply</c>: the generic domain command over Ops.RdsProxy.</summary>
    public static OpsCommand Create(CliContext ctx) => Create(ctx, null);

    /// <param name="aws">Base client options (tests pass credentials here); null for the SDK's chain.</param>
    public static OpsCommand Create(CliContext ctx, AwsClientOptions aws) =>
        DomainCommand.Create(ctx, AwsCommandLine.Spec<RdsProxyConfig, RdsProxyObserved, RdsProxyCheckResult>(RdsProxyManager.Words, RdsProxyConfig.Load, Usage, Help, aws,
            (r, config, log, clients, snapshot) =>
            {
                var options = new RdsProxyOptions { Log = log, Secrets = new EnvironmentSecretResolver(EnvironmentOptions.Lookup) };
                if (AwsCommandLine.PollInterval(r) is { } poll) options.PollInterval = poll;
                return RdsProxyManager.Open(config, clients, snapshot, options);
            }));

    /// <summary>Runs <c>ops rds-proxy ARGS</c> with <paramref name="aws"/> as the clients' base options (tests).</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, AwsClientOptions aws = null) =>
        CliApp.Run(args.Prepend("rds-proxy").ToArray(), stdout, stderr, new CliHost(), ctx => Create(ctx, aws));
}
