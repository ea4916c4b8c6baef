namespace Ops.Aws.Testing;

/// <summary>What the offline tests of every AWS domain share: the repository's worked examples, the CLI run with its
/// output captured, and the check that a snapshot saved with the AWS CLI gives the same report as the AWS it was
/// saved from.</summary>
public static class OfflineCli
{
    /// <summary>A file of the worked example of a domain (examples/DOMAIN/FILE).</summary>
    public static string Example(string domain, string file) => TestPaths.Example(domain, file);

    /// <summary>Runs a command line entry point (<c>Ops.Cli.CliApp.Run</c>) with its output and errors captured.</summary>
    public static (int Code, string Out, string Err) Run(Func<string[], TextWriter, TextWriter, int> main, params string[] args)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        var code = main(args, o, e);
        return (code, o.ToString(), e.ToString());
    }

    /// <summary>Runs <c>ops DOMAIN check -config examples/DOMAIN/CONFIG -aws-snapshot examples/DOMAIN/aws-snapshot.json</c>
    /// (plus <paramref name="extra"/> options), the worked example offline, and writes what it printed to <paramref name="log"/>.</summary>
    public static (int Code, string Out, string Err) CheckExample(Func<string[], TextWriter, TextWriter, int> main, Action<string> log,
        string domain, string config, params string[] extra)
    {
        var r = Run(main, new[] { domain, "check", "-config", Example(domain, config), "-aws-snapshot", Example(domain, "aws-snapshot.json") }.Concat(extra).ToArray());
        log(r.Out + r.Err);
        return r;
    }

    /// <summary>Writes <paramref name="snapshot"/> (the AWS CLI's answers) to a file in a temporary folder next to the
    /// configuration, runs <paramref name="live"/> (the check against the loopback AWS) and <paramref name="offline"/>
    /// (the same check given <c>-aws-snapshot FILE</c>), and returns both: code, report, errors.</summary>
    public static ((int Code, string Out) Live, (int Code, string Out, string Err) Offline) LiveAndOffline(
        string configName, string configText, string snapshot, Func<string, TextWriter, int> live, Func<string, string, (int, string, string)> offline)
    {
        var dir = Directory.CreateTempSubdirectory("ops-aws-snapshot");
        try
        {
            var config = Path.Combine(dir.FullName, configName);
            File.WriteAllText(config, configText);
            var file = Path.Combine(dir.FullName, "snapshot.json");
            File.WriteAllText(file, snapshot);
            var liveOut = new StringWriter();
            var liveCode = live(config, liveOut);
            return ((liveCode, liveOut.ToString()), offline(config, file));
        }
        finally
        {
            dir.Delete(true);
        }
    }
}
