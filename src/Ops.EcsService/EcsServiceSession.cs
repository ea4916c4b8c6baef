using Ops.Aws.ECS;
using Ops.Aws.ElasticLoadBalancingV2;
using Ops.Aws.Runtime;

namespace Ops.EcsService;

/// <summary>The clients and the manager for one run of the CLI or a cmdlet: region and profile from the options, else
/// from the file (ansible's region:/profile:), the same endpoint URL for ECS and ELBv2, credentials from the SDK's chain.</summary>
public sealed class EcsServiceSession : IDisposable
{
    public EcsServiceSession(EcsServiceConfig config, AwsClientOptions aws, EcsServiceOptions options)
    {
        aws = aws?.Clone() ?? new AwsClientOptions();
        if (aws.Region == null && config.Region != null) aws.Region = config.Region;
        if (aws.Profile == null && aws.Credentials == null && config.Profile != null) aws.Profile = config.Profile;
        if (aws.EndpointUrl == null && config.EndpointUrl != null) aws.EndpointUrl = config.EndpointUrl;
        aws.Log ??= options.Log;
        Ecs = new AmazonECSClient(aws);
        try
        {
            Elb = new AmazonElasticLoadBalancingV2Client(aws);
        }
        catch
        {
            Ecs.Dispose();
            throw;
        }
        Manager = new EcsServiceManager(Ecs, Elb, options);
    }

    public AmazonECSClient Ecs { get; }
    public AmazonElasticLoadBalancingV2Client Elb { get; }
    public EcsServiceManager Manager { get; }

    public void Dispose()
    {
        Ecs.Dispose();
        Elb.Dispose();
    }
}
