using Amazon.Runtime;
using Ops.Aws.Runtime;

namespace Ops.Aws.Testing;

/// <summary>Ops.Aws's clients pointed at a <see cref="LoopbackAwsEndpoint"/>: its region and URL, its test keys, every
/// line the clients log captured, and retries without waiting.</summary>
public static class LoopbackClients
{
    public static AwsClientOptions Options(LoopbackAwsEndpoint endpoint, List<string> log) => new()
    {
        Region = "eu-west-2", EndpointUrl = endpoint.Url,
        Credentials = new BasicAWSCredentials(LoopbackAwsEndpoint.AccessKeyId, LoopbackAwsEndpoint.SecretAccessKey),
        Log = line => { lock (log) log.Add(line); },
        Retry = new AwsRetryPolicy { Delay = (_, _) => Task.CompletedTask },
    };
}
