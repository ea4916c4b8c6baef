namespace Ops.Aws.Testing;

/// <summary>Preconditions of the tests that need botocore's models or the AWS CLI: on a developer machine without
/// them the test passes with a note; under CI (CI=true), where .ci/run installs them, their absence fails it.</summary>
public static class Requires
{
    public static bool Botocore(Action<string> note)
    {
        if (BotocoreModels.Available) return true;
        return Missing(BotocoreModels.SkipReason, note);
    }

    /// <summary>The AWS CLI (Debian's awscli first), or null.</summary>
    public static string AwsCli
    {
        get
        {
            if (File.Exists("/usr/bin/aws")) return "/usr/bin/aws";
            foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':'))
                if (dir.Length > 0 && File.Exists(Path.Combine(dir, "aws"))) return Path.Combine(dir, "aws");
            return null;
        }
    }

    public static bool Cli(Action<string> note)
    {
        if (!Botocore(note)) return false;
        if (AwsCli != null) return true;
        return Missing("the AWS CLI is not installed (apt-get install awscli); .ci/run installs it", note);
    }

    private static bool Missing(string reason, Action<string> note)
    {
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            throw new InvalidOperationException("CI=true but " + reason);
        note?.Invoke("SKIPPED (passes without checking): " + reason);
        return false;
    }
}
