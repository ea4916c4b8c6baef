using Amazon.Runtime;
using Ops.Aws.Runtime;
using Ops.Aws.Testing;

namespace Ops.Aws.Tests;

internal static class TestClients
{
    public static AwsClientOptions Options(LoopbackAwsEndpoint endpoint, List<string> log = null, List<TimeSpan> waits = null) => new()
    {
        Region = endpoint.Region,
        EndpointUrl = endpoint.Url,
        Credentials = new BasicAWSCredentials(LoopbackAwsEndpoint.AccessKeyId, LoopbackAwsEndpoint.SecretAccessKey),
        Log = log == null ? null : line => { lock (log) log.Add(line); },
        Retry = new AwsRetryPolicy
        {
            MaxAttempts = 4,
            Random = new Random(7),
            Delay = (t, _) => { lock (waits ?? new List<TimeSpan>()) waits?.Add(t); return Task.CompletedTask; },
        },
        Timeout = TimeSpan.FromSeconds(20),
    };
}
