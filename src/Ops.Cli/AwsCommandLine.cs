using System.CommandLine;
using Ops.Aws.Offline;
using Ops.Aws.Runtime;
using Ops.Domain;

namespace Ops.Cli;

/// <summary>What every AWS domain adds to the generic <c>ops DOMAIN check|apply</c> (<see cref="DomainCommand"/>):
/// AWS's region, endpoint and profile, or <c>-aws-snapshot FILE</c> (a saved picture of AWS's answers, for check and
/// apply -dry-run only), and for apply <c>-poll-seconds N</c>; the clients' options built from them; AWS's failures
/// (exit 255).</summary>
internal static class AwsCommandLine
{
    /// <summary>The generic command's spec for an AWS domain: the domain's words (its name), its file reader, its help
    /// (<paramref name="details"/>; <paramref name="help"/>: the command's, check's and apply's one-line descriptions),
    /// and how it opens its clients from the parsed options (on AWS, or on the snapshot when one is given).</summary>
    public static DomainCommandSpec<TConfig, TObserved, TReport> Spec<TConfig, TObserved, TReport>(DomainWords words, Func<string, TConfig> read,
        string details, string[] help, AwsClientOptions baseAws,
        Func<ParseResult, TConfig, Action<string>, AwsClientOptions, AwsSnapshot, IDomainSession<TConfig, TObserved, TReport>> open,
        Action<Command, bool> extraOptions = null) where TReport : Report => new()
    {
        Name = words.Command, Words = words, Read = read, Details = details,
        Description = help[0], CheckDescription = help[1], ApplyDescription = help[2],
        AddOptions = (verb, apply) =>
        {
            AddOptions(verb, apply);
            extraOptions?.Invoke(verb, apply);
        },
        Validate = Validate,
        IsFailure = IsFailure,
        Open = (r, _, config, log) => open(r, config, log, Client(r, baseAws), Snapshot(r)),
    };

    /// <summary>Adds the AWS options to a check or (<paramref name="apply"/>) apply command.</summary>
    public static void AddOptions(Command verb, bool apply)
    {
        verb.Add(CliOptions.Value("region", "R", "the AWS region (default: the file's region:, then AWS_REGION or the profile's)"));
        verb.Add(CliOptions.Value("endpoint-url", "URL", "the AWS endpoint URL (a VPC endpoint, a test endpoint)"));
        verb.Add(CliOptions.Value("profile", "NAME", "the AWS profile of the shared config and credentials files"));
        verb.Add(CliOptions.Value("aws-snapshot", "FILE", "offline: read AWS from a saved snapshot of its Describe/Get answers (check and apply -dry-run only)"));
        if (apply) verb.Add(CliOptions.Int("poll-seconds", "N", "seconds between status polls while waiting", null, min: 0, what: "seconds"));
    }

    /// <summary>A snapshot with a real apply, or with an endpoint or profile: the usage error, else null.</summary>
    public static string Validate(ParseResult r, bool readOnly)
    {
        if (r.GetValue<string>("--aws-snapshot") == null) return null;
        if (!readOnly) return "-aws-snapshot reads a saved picture of AWS: it serves check and apply -dry-run, not an apply";
        if (r.GetValue<string>("--endpoint-url") != null || r.GetValue<string>("--profile") != null)
            return "-aws-snapshot replaces AWS: it takes no -endpoint-url or -profile";
        return null;
    }

    /// <summary>The clients' options: <paramref name="baseAws"/> (tests give credentials), then the command line's.</summary>
    public static AwsClientOptions Client(ParseResult r, AwsClientOptions baseAws)
    {
        var aws = baseAws?.Clone() ?? new AwsClientOptions();
        aws.Region = r.GetValue<string>("--region") ?? aws.Region;
        aws.EndpointUrl = r.GetValue<string>("--endpoint-url") ?? aws.EndpointUrl;
        aws.Profile = r.GetValue<string>("--profile") ?? aws.Profile;
        return aws;
    }

    /// <summary>The snapshot -aws-snapshot names, or null.</summary>
    public static AwsSnapshot Snapshot(ParseResult r) => r.GetValue<string>("--aws-snapshot") is { } path ? AwsSnapshot.Load(path) : null;

    /// <summary>-poll-seconds when given (only apply has it), or null for the domain's default.</summary>
    public static TimeSpan? PollInterval(ParseResult r)
    {
        var option = r.CommandResult.Command.Options.FirstOrDefault(o => o.Name == "--poll-seconds");
        return option != null && r.GetResult(option) != null ? TimeSpan.FromSeconds(r.GetValue<int>("--poll-seconds")) : null;
    }

    /// <summary>AWS's errors and a configuration it cannot work with (no region, no credentials): exit 255.</summary>
    public static bool IsFailure(Exception e) => e is AwsServiceException or AwsConfigurationException;
}
