using System.Text.Json;
using Ops.Aws.Runtime;
using Ops.EcsService;

namespace Ops.Cli;

/// <summary>`ops ecs-service check|apply`: thin over Ops.EcsService (the same calls as Test-EcsServiceConfiguration
/// and Set-EcsService).</summary>
public static class EcsServiceCommand
{
    public const string Usage = """
        usage: ops ecs-service check -config FILE [-region R] [-endpoint-url URL] [-profile NAME] [-json FILE|-]
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
            stderr.WriteLine($"ops ecs-service: unknown command '{verb}' (check or apply)");
            return 255;
        }
        string configPath = null, json = null;
        bool dryRun = false;
        aws = aws?.Clone() ?? new AwsClientOptions();
        var options = new EcsServiceOptions();
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
                    case "-wait": options.Wait = true; break;
                    case "-poll-seconds":
                        var v = Value();
                        options.PollInterval = int.TryParse(v, out var s) && s >= 0 ? TimeSpan.FromSeconds(s) : throw new ArgumentException($"-poll-seconds expects seconds, not '{v}'");
                        break;
                    default:
                        if (configPath == null && !a.StartsWith('-')) { configPath = a; break; }
                        throw new ArgumentException($"unknown option {args[i]}");
                }
            }
            if (configPath == null) throw new ArgumentException("no service definition given (-config FILE)");
        }
        catch (ArgumentException e)
        {
            stderr.WriteLine($"ops ecs-service {verb}: {e.Message}");
            return 255;
        }

        var text = json == "-" ? stderr : stdout;
        options.Log = line => stderr.WriteLine(line);
        try
        {
            var config = EcsServiceConfig.Load(configPath);
            using var session = new EcsServiceSession(config, aws, options);
            EcsServiceCheckResult check;
            EcsServiceApplyResult applied = null;
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
                var doc = JsonSerializer.Serialize(new
                {
                    cluster = check.Cluster,
                    service = check.ServiceName,
                    exists = check.Exists,
                    taskDefinition = check.TaskDefinition,
                    passed = check.Passed,
                    findings = check.Findings.Select(f => new { severity = f.Severity.ToString().ToLowerInvariant(), code = f.Code, subject = f.Subject, message = f.Message, fix = f.Fix, property = f.Property, trace = f.Trace }),
                    plan = check.Plan.Select(p => new { kind = p.Kind.ToString(), target = p.Target, description = p.Description }),
                    model = check.ModelRuns,
                    applied = applied?.Applied,
                    serviceArn = applied?.ServiceArn,
                }, new JsonSerializerOptions { WriteIndented = true });
                if (json == "-") stdout.WriteLine(doc);
                else File.WriteAllText(json, doc);
            }
            return check.Passed ? 0 : 12;
        }
        catch (ConfigException e)
        {
            stderr.WriteLine($"ops ecs-service {verb}: {e.Message}");
            return 151;
        }
        catch (Exception e) when (e is AwsServiceException or AwsConfigurationException or EcsServiceApplyException or TimeoutException or InvalidOperationException or HttpRequestException or IOException)
        {
            stderr.WriteLine($"ops ecs-service {verb}: {e.Message}");
            return 255;
        }
    }
}
