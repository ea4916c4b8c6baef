using Ops.Aws.ECS;
using Ops.Aws.ElasticLoadBalancingV2;
using Ops.Aws.Offline;
using Ops.Aws.Runtime;

namespace Ops.EcsService;

/// <summary>The clients and the manager for one run of the CLI or a cmdlet: region and profile from the options, else
/// from the file (ansible's region:/profile:), the same endpoint URL for ECS and ELBv2, credentials from the SDK's chain;
/// or, offline, the answers saved in an <see cref="AwsSnapshot"/>.</summary>
public sealed class EcsServiceSession : IDomainSession<EcsServiceConfig, LiveState, EcsServiceCheckResult>
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

    /// <summary>Offline: AWS as the snapshot saved it (checks and dry runs; an apply fails at its first change).</summary>
    public EcsServiceSession(EcsServiceConfig config, AwsSnapshot snapshot, EcsServiceOptions options)
    {
        Ecs = snapshot.Ecs();
        Elb = snapshot.ElasticLoadBalancingV2();
        Manager = new EcsServiceManager(Ecs, Elb, options);
    }

    public IAmazonECS Ecs { get; }
    public IAmazonElasticLoadBalancingV2 Elb { get; }
    public EcsServiceManager Manager { get; }
    public IDomain<EcsServiceConfig, LiveState, EcsServiceCheckResult> Domain => Manager;

    public void Dispose()
    {
        Ecs.Dispose();
        Elb.Dispose();
    }
}
