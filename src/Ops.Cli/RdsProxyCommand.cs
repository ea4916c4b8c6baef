using System.Text.Json;
using Ops.Aws.Runtime;
using Ops.RdsProxy;

namespace Ops.Cli;

/// <summary>`ops rds-proxy check|apply`: thin over Ops.RdsProxy (the same calls as Test-/Set-RdsProxyConfiguration).</summary>
public static class RdsProxyCommand
{
    public const string Usage = """
        usage: ops rds-proxy check -config FILE [-region R] [-endpoint-url URL] [-profile NAME] [-json FILE|-]
               ops rds-proxy apply -config FILE [same options] [-dry-run] [-poll-seconds N]

          check   Read the file and AWS (Describe/Get only), check the apply model specs/ops/rds_proxy.tla,
                  and print every problem with its fix and counterexample, then the plan.
          apply   Check, then create/update the secrets, the proxy and its targets. Nothing changes when the
                  check fails; applying the same file again changes nothing.
                  -dry-run  print the plan only (as -WhatIf)

        Passwords come from the environment (password: {env: VARIABLE}); they are never printed.
        Exit codes: 0 passed (or applied), 12 the check found errors, 151 the file is invalid, 255 other errors.
        """;

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr) => Run(args, stdout, stderr, null);

    /// <param name="aws">Base client options (tests pass credentials here); null for the SDK's chain.</param>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, AwsClientOptions aws)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            stdout.WriteLine(Usage);
            return args.Length == 0 ? 255 : 0;
        }
        var verb = args[0];
        if (verb is not ("check" or "apply"))
        {
            stderr.WriteLine($"ops rds-proxy: unknown command '{verb}' (check or apply)");
            return 255;
        }
        string configPath = null, json = null;
        bool dryRun = false;
        aws = aws?.Clone() ?? new AwsClientOptions();
        var options = new RdsProxyOptions();
        try
        {
            for (int i = 1; i < args.Length; i++)
            {
                var a = args[i].StartsWith("--", StringComparison.Ordinal) ? args[i][1..] : args[i];
                string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{a} needs a value");
                switch (a)
                {
                    case "-config": configPath = Value(); break;
                    case "-region": aws.Region = Value(); break;
                    case "-endpoint-url": aws.EndpointUrl = Value(); break;
                    case "-profile": aws.Profile = Value(); break;
                    case "-json": json = Value(); break;
                    case "-dry-run": dryRun = true; break;
                    case "-poll-seconds":
                        var v = Value();
                        options.PollInterval = int.TryParse(v, out var s) && s >= 0 ? TimeSpan.FromSeconds(s) : throw new ArgumentException($"-poll-seconds expects seconds, not '{v}'");
                        break;
                    default:
                        if (configPath == null && !a.StartsWith('-')) { configPath = a; break; }
                        throw new ArgumentException($"unknown option {args[i]}");
                }
            }
            if (configPath == null) throw new ArgumentException("no configuration file given (-config FILE)");
        }
        catch (ArgumentException e)
        {
            stderr.WriteLine($"ops rds-proxy {verb}: {e.Message}");
            return 255;
        }

        var text = json == "-" ? stderr : stdout;
        options.Log = line => stderr.WriteLine(Redactor.Redact(line));
        try
        {
            var config = RdsProxyConfig.Load(configPath);
            using var session = new RdsProxySession(config, aws, options);
            RdsProxyCheckResult check;
            RdsProxyApplyResult applied = null;
            if (verb == "check" || dryRun)
            {
                check = session.Manager.CheckAsync(config).GetAwaiter().GetResult();
                text.Write(check.ToText());
            }
            else
            {
                applied = session.Manager.ApplyAsync(config).GetAwaiter().GetResult();
                check = applied.Check;
                text.Write(applied.ToText());
            }
            if (json != null)
            {
                var doc = Redactor.Redact(JsonSerializer.Serialize(new
                {
                    proxy = check.ProxyName,
                    passed = check.Passed,
                    findings = check.Findings.Select(f => new { severity = f.Severity.ToString().ToLowerInvariant(), code = f.Code, login = f.Login, message = f.Message, fix = f.Fix, invariant = f.Invariant, trace = f.Trace }),
                    plan = check.Plan.Select(p => new { kind = p.Kind.ToString(), target = p.Target, description = p.Description }),
                    applied = applied?.Applied,
                }, new JsonSerializerOptions { WriteIndented = true }));
                if (json == "-") stdout.WriteLine(doc);
                else File.WriteAllText(json, doc);
            }
            return check.Passed ? 0 : 12;
        }
        catch (ConfigException e)
        {
            stderr.WriteLine($"ops rds-proxy {verb}: {Redactor.Redact(e.Message)}");
            return 151;
        }
        catch (Exception e) when (e is AwsServiceException or AwsConfigurationException or RdsProxyApplyException or TimeoutException or InvalidOperationException or HttpRequestException)
        {
            stderr.WriteLine($"ops rds-proxy {verb}: {Redactor.Redact(e.Message)}");
            return 255;
        }
    }
}
