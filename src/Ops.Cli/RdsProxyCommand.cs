using Ops.Domain;
using Ops.Aws.Offline;
using Ops.Aws.Runtime;
using Ops.RdsProxy;

namespace Ops.Cli;

/// <summary>`ops rds-proxy check|apply`: thin over Ops.RdsProxy (the same calls as Test-/Set-RdsProxyConfiguration).</summary>
public static class RdsProxyCommand
{
    public const string Usage = """
        usage: ops rds-proxy check -config FILE [-region R] [-endpoint-url URL] [-profile NAME] [-json FILE|-]
                                          [-aws-snapshot FILE]
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

    /// <summary><c>ops rds-proxy check|apply</c>. Its arguments are still read by <see cref="AwsCommandLine.Parse"/>; the
    /// options declared here serve help and completion.</summary>
    public static OpsCommand Create(CliContext ctx)
    {
        var command = new OpsCommand("rds-proxy", "Check and apply an RDS Proxy configuration (its secrets, the proxy and its targets) against a model.")
        {
            Details = Usage,
            PassThrough = args => Run(args, ctx.Out, ctx.Err),
        };
        AwsCommandLine.AddVerbs(command,
            "Read the file and AWS (Describe/Get only), check the apply model and print every problem with its fix, then the plan.",
            "Check, then create/update the secrets, the proxy and its targets; nothing changes when the check fails.");
        return command;
    }

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr) => Run(args, stdout, stderr, null);

    /// <param name="aws">Base client options (tests pass credentials here); null for the SDK's chain.</param>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, AwsClientOptions aws)
    {
        var line = AwsCommandLine.Parse("rds-proxy", Usage, args, aws, null, stdout, stderr, out var exitCode);
        if (line == null) return exitCode;
        var options = new RdsProxyOptions();
        if (line.PollInterval is { } poll) options.PollInterval = poll;

        var text = line.ReportWriter(stdout, stderr);
        options.Log = message => stderr.WriteLine(Redactor.Redact(message));
        return line.Execute(() =>
        {
            var config = RdsProxyConfig.Load(line.ConfigPath);
            using var session = RdsProxyManager.Open(config, line.Aws, line.SnapshotPath != null ? AwsSnapshot.Load(line.SnapshotPath) : null, options);
            RdsProxyCheckResult check;
            ApplyResult<RdsProxyCheckResult> applied = null;
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
        }, e => e is ConfigException, e => e is ApplyException, stderr, Redactor.Redact);
    }
}
