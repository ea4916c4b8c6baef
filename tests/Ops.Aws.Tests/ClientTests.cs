using System.Net;
using Amazon.Runtime;
using Ops.Aws.ECS;
using Ops.Aws.ECS.Model;
using Ops.Aws.RDS;
using Ops.Aws.RDS.Model;
using Ops.Aws.Runtime;
using Ops.Aws.SecretsManager;
using Ops.Aws.SecretsManager.Model;
using Ops.Aws.Testing;
using Xunit;
using Xunit.Abstractions;

namespace Ops.Aws.Tests;

public class ClientTests(ITestOutputHelper output)
{
    private const string Password = "Tr0ub4dor&3-client-test";

    [Fact]
    public async Task Secrets_manager_operations_round_trip_through_the_model_checked_endpoint()
    {
        if (!Requires.Botocore(output.WriteLine)) return;
        var sm = new FakeSecretsManager();
        using var endpoint = new LoopbackAwsEndpoint(sm);
        var log = new List<string>();
        using var client = new AmazonSecretsManagerClient(TestClients.Options(endpoint, log));

        var created = await client.CreateSecretAsync(new CreateSecretRequest
        {
            Name = "creds-foo", SecretString = $"{{\"username\":\"foo\",\"password\":\"{Password}\"}}", KmsKeyId = "alias/ops-test",
            Tags = new() { new SecretsManager.Model.Tag { Key = "owner", Value = "ops" } },
        });
        Assert.StartsWith("arn:aws:secretsmanager:eu-west-2:123456789012:secret:creds-foo-", created.ARN);
        Assert.Equal(HttpStatusCode.OK, created.HttpStatusCode);
        Assert.NotNull(created.ResponseMetadata.RequestId);

        var described = await client.DescribeSecretAsync(new DescribeSecretRequest { SecretId = created.ARN });
        Assert.Equal("creds-foo", described.Name);
        Assert.Equal("alias/ops-test", described.KmsKeyId);
        Assert.NotNull(described.CreatedDate);
        Assert.Contains(described.VersionIdsToStages!.Values, stages => stages.Contains("AWSCURRENT"));

        await client.PutSecretValueAsync(new PutSecretValueRequest { SecretId = "creds-foo", SecretString = "{\"username\":\"foo\",\"password\":\"x\"}" });
        var value = await client.GetSecretValueAsync(new GetSecretValueRequest { SecretId = "creds-foo" });
        Assert.Equal("{\"username\":\"foo\",\"password\":\"x\"}", value.SecretString);
        Assert.DoesNotContain("password", value.ToString());

        var list = await client.ListSecretsAsync(new ListSecretsRequest { MaxResults = 10 });
        Assert.Single(list.SecretList!);

        var missing = await Assert.ThrowsAsync<AwsServiceException>(() => client.DescribeSecretAsync(new DescribeSecretRequest { SecretId = "nope" }));
        Assert.Equal("ResourceNotFoundException", missing.ErrorCode);
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);

        Assert.Empty(endpoint.ModelViolations);
        Assert.DoesNotContain(log, l => l.Contains(Password));
        Assert.DoesNotContain(Password, missing.Message);
    }

    [Fact]
    public async Task Rds_proxy_operations_round_trip_through_the_query_protocol()
    {
        if (!Requires.Botocore(output.WriteLine)) return;
        var sm = new FakeSecretsManager();
        var rds = new FakeRds(sm) { CreatingDescribes = 1 };
        rds.DbInstances.Add("app-db");
        using var endpoint = new LoopbackAwsEndpoint(sm, rds);
        using var client = new AmazonRDSClient(TestClients.Options(endpoint));

        var notFound = await Assert.ThrowsAsync<AwsServiceException>(() => client.DescribeDBProxiesAsync(new DescribeDBProxiesRequest { DBProxyName = "rds-proxy" }));
        Assert.Equal("DBProxyNotFoundFault", notFound.ErrorCode);
        Assert.Equal(HttpStatusCode.NotFound, notFound.StatusCode);
        Assert.Equal("Sender", notFound.ErrorType);

        var auth = new UserAuthConfig { AuthScheme = "SECRETS", SecretArn = "arn:aws:secretsmanager:eu-west-2:123456789012:secret:creds-foo", IAMAuth = "DISABLED" };
        if (endpoint.Model("rds").HasMember("UserAuthConfig", "ClientPasswordAuthType")) auth.ClientPasswordAuthType = "POSTGRES_SCRAM_SHA_256";
        var created = await client.CreateDBProxyAsync(new CreateDBProxyRequest
        {
            DBProxyName = "rds-proxy", EngineFamily = "POSTGRESQL", RoleArn = "arn:aws:iam::123456789012:role/RdsProxySecrets",
            VpcSubnetIds = new() { "subnet-1", "subnet-2" }, VpcSecurityGroupIds = new() { "sg-1" }, RequireTLS = true, IdleClientTimeout = 1800,
            DebugLogging = false, Auth = new() { auth }, Tags = new() { new RDS.Model.Tag { Key = "team", Value = "platform" } },
        });
        Assert.Equal("creating", created.DBProxy.Status);
        Assert.Equal(new[] { "subnet-1", "subnet-2" }, created.DBProxy.VpcSubnetIds);
        Assert.Equal(1800, created.DBProxy.IdleClientTimeout);
        Assert.True(created.DBProxy.RequireTLS);
        Assert.Equal("SECRETS", Assert.Single(created.DBProxy.Auth!).AuthScheme);

        var described = await client.DescribeDBProxiesAsync(new DescribeDBProxiesRequest { DBProxyName = "rds-proxy" });
        Assert.Equal("available", Assert.Single(described.DBProxies!).Status);
        Assert.NotNull(described.ResponseMetadata.RequestId);

        var modified = await client.ModifyDBProxyAsync(new ModifyDBProxyRequest { DBProxyName = "rds-proxy", IdleClientTimeout = 900, SecurityGroups = new() { "sg-2" } });
        Assert.Equal(900, modified.DBProxy.IdleClientTimeout);

        var registered = await client.RegisterDBProxyTargetsAsync(new RegisterDBProxyTargetsRequest { DBProxyName = "rds-proxy", TargetGroupName = "default", DBInstanceIdentifiers = new() { "app-db" } });
        Assert.Equal("app-db", Assert.Single(registered.DBProxyTargets!).RdsResourceId);
        var targets = await client.DescribeDBProxyTargetsAsync(new DescribeDBProxyTargetsRequest { DBProxyName = "rds-proxy", TargetGroupName = "default" });
        Assert.Equal("AVAILABLE", Assert.Single(targets.Targets!).TargetHealth.State);
        var groups = await client.DescribeDBProxyTargetGroupsAsync(new DescribeDBProxyTargetGroupsRequest { DBProxyName = "rds-proxy" });
        Assert.True(Assert.Single(groups.TargetGroups!).IsDefault);
        Assert.Equal(100, groups.TargetGroups[0].ConnectionPoolConfig.MaxConnectionsPercent);

        var again = await Assert.ThrowsAsync<AwsServiceException>(() => client.RegisterDBProxyTargetsAsync(new RegisterDBProxyTargetsRequest { DBProxyName = "rds-proxy", DBInstanceIdentifiers = new() { "app-db" } }));
        Assert.Equal("DBProxyTargetAlreadyRegisteredFault", again.ErrorCode);
        var filtered = await client.DescribeDBProxiesAsync(new DescribeDBProxiesRequest { Filters = new() { new RDS.Model.Filter { Name = "x", Values = new() { "y" } } }, MaxRecords = 20 });
        Assert.Single(filtered.DBProxies!);
        Assert.Empty(endpoint.ModelViolations);
    }

    [Fact]
    public async Task The_seed_username_mistake_is_answered_as_aws_does()
    {
        if (!Requires.Botocore(output.WriteLine)) return;
        var rds = new FakeRds();
        using var endpoint = new LoopbackAwsEndpoint(rds);
        using var client = new AmazonRDSClient(TestClients.Options(endpoint));
        var e = await Assert.ThrowsAsync<AwsServiceException>(() => client.CreateDBProxyAsync(new CreateDBProxyRequest
        {
            DBProxyName = "rds-proxy", EngineFamily = "POSTGRESQL", RoleArn = "arn:aws:iam::123456789012:role/r", VpcSubnetIds = new() { "subnet-1" },
            Auth = new() { new UserAuthConfig { UserName = "foo", AuthScheme = "SECRETS", SecretArn = "arn:aws:secretsmanager:eu-west-2:123456789012:secret:foo", IAMAuth = "DISABLED" } },
        }));
        Assert.Equal("InvalidParameterValue", e.ErrorCode);
        Assert.Contains("UserName must not be set in UserAuthConfig when SECRETS AuthScheme is used.", e.Message);
    }

    [Fact]
    public async Task Throttling_is_retried_with_backoff_and_other_errors_are_not()
    {
        if (!Requires.Botocore(output.WriteLine)) return;
        var sm = new FakeSecretsManager();
        sm.Seed("creds-foo", "{}");
        using var endpoint = new LoopbackAwsEndpoint(sm);
        var waits = new List<TimeSpan>();
        var log = new List<string>();
        using var client = new AmazonSecretsManagerClient(TestClients.Options(endpoint, log, waits));

        endpoint.InjectFault("DescribeSecret", "ThrottlingException", times: 2);
        var ok = await client.DescribeSecretAsync(new DescribeSecretRequest { SecretId = "creds-foo" });
        Assert.Equal("creds-foo", ok.Name);
        Assert.Equal(2, waits.Count);
        Assert.All(waits, w => Assert.InRange(w.TotalMilliseconds, 0, 2000));
        Assert.Equal(3, endpoint.CallsSnapshot().Count(c => c.Operation == "DescribeSecret"));
        Assert.Contains(log, l => l.Contains("ThrottlingException") && l.Contains("retrying"));

        endpoint.InjectFault("DescribeSecret", "InternalFailure", times: 4, status: 500);
        var exhausted = await Assert.ThrowsAsync<AwsServiceException>(() => client.DescribeSecretAsync(new DescribeSecretRequest { SecretId = "creds-foo" }));
        Assert.Equal(4, exhausted.Attempts);

        waits.Clear();
        var notRetried = await Assert.ThrowsAsync<AwsServiceException>(() => client.DescribeSecretAsync(new DescribeSecretRequest { SecretId = "other" }));
        Assert.Equal(1, notRetried.Attempts);
        Assert.Empty(waits);
    }

    [Fact]
    public void Backoff_is_capped_exponential_with_jitter()
    {
        var p = new AwsRetryPolicy { Random = new Random(1), BaseDelay = TimeSpan.FromMilliseconds(100), MaxBackoff = TimeSpan.FromSeconds(1) };
        for (int attempt = 1; attempt <= 8; attempt++)
        {
            var cap = Math.Min(1000, 100 * Math.Pow(2, attempt - 1));
            Assert.InRange(p.Backoff(attempt, false).TotalMilliseconds, 0, cap);
        }
        Assert.True(AwsRetryPolicy.IsRetryable(new AwsServiceException("s", "o", "Throttling", null, HttpStatusCode.BadRequest, null)));
        Assert.True(AwsRetryPolicy.IsRetryable(new AwsServiceException("s", "o", "X", null, HttpStatusCode.ServiceUnavailable, null)));
        Assert.False(AwsRetryPolicy.IsRetryable(new AwsServiceException("s", "o", "AccessDenied", null, HttpStatusCode.Forbidden, null)));
    }

    [Fact]
    public async Task A_wrong_secret_key_is_refused_by_the_signature_check()
    {
        if (!Requires.Botocore(output.WriteLine)) return;
        using var endpoint = new LoopbackAwsEndpoint(new FakeSecretsManager());
        var options = TestClients.Options(endpoint);
        options.Credentials = new BasicAWSCredentials(LoopbackAwsEndpoint.AccessKeyId, "not-the-key");
        using var client = new AmazonSecretsManagerClient(options);
        var e = await Assert.ThrowsAsync<AwsServiceException>(() => client.ListSecretsAsync(new ListSecretsRequest()));
        Assert.Equal("InvalidSignatureException", e.ErrorCode);
        Assert.Equal(HttpStatusCode.Forbidden, e.StatusCode);
    }

    [Fact]
    public void Endpoints_follow_the_region_and_the_override()
    {
        var o = new AwsClientOptions { Region = "eu-west-2" };
        Assert.Equal("https://rds.eu-west-2.amazonaws.com/", AwsServiceClient.ResolveEndpoint(AmazonRDSClient.Info, o, "eu-west-2").ToString());
        Assert.Equal("https://secretsmanager.cn-north-1.amazonaws.com.cn/", AwsServiceClient.ResolveEndpoint(AmazonSecretsManagerClient.Info, o, "cn-north-1").ToString());
        o.EndpointUrl = "http://localhost:4566";
        Assert.Equal("http://localhost:4566/", AwsServiceClient.ResolveEndpoint(AmazonECSClient.Info, o, "eu-west-2").ToString());
        o.EndpointUrl = "localhost:4566";
        Assert.Throws<AwsConfigurationException>(() => AwsServiceClient.ResolveEndpoint(AmazonECSClient.Info, o, "eu-west-2"));
    }

    [Fact]
    public async Task Credentials_and_region_come_from_a_named_profile()
    {
        var dir = Directory.CreateTempSubdirectory("ops-aws-profile");
        try
        {
            var file = Path.Combine(dir.FullName, "credentials");
            File.WriteAllText(file, "[ops-test]\naws_access_key_id = AKIAPROFILETEST00001\naws_secret_access_key = profile/secret\nregion = eu-west-1\n");
            var options = new AwsClientOptions { Profile = "ops-test", ProfilesLocation = file };
            Assert.Equal("eu-west-1", AwsCredentialSource.ResolveRegion(options));
            var creds = await AwsCredentialSource.Resolve(options).GetCredentialsAsync();
            Assert.Equal("AKIAPROFILETEST00001", creds.AccessKey);
            options.Profile = "missing";
            var e = Assert.Throws<AwsConfigurationException>(() => AwsCredentialSource.Resolve(options));
            Assert.Contains("missing", e.Message);
        }
        finally
        {
            dir.Delete(true);
        }
    }

    /// <summary>ECS (used by the ECS-service issue): the camelCase JSON requests pass the ECS model.</summary>
    [Fact]
    public async Task Ecs_requests_are_camel_case_json_that_the_ecs_model_accepts()
    {
        if (!Requires.Botocore(output.WriteLine)) return;
        var ecs = new EchoEcs();
        using var endpoint = new LoopbackAwsEndpoint(ecs);
        using var client = new AmazonECSClient(TestClients.Options(endpoint));
        var created = await client.CreateServiceAsync(new CreateServiceRequest
        {
            Cluster = "main", ServiceName = "web", TaskDefinition = "web:3", DesiredCount = 2, LaunchType = "FARGATE",
            LoadBalancers = new() { new LoadBalancer { TargetGroupArn = "arn:aws:elasticloadbalancing:eu-west-2:123456789012:targetgroup/web/0123456789abcdef", ContainerName = "web", ContainerPort = 8080 } },
            NetworkConfiguration = new NetworkConfiguration { AwsvpcConfiguration = new AwsVpcConfiguration { Subnets = new() { "subnet-1" }, SecurityGroups = new() { "sg-1" }, AssignPublicIp = "DISABLED" } },
            DeploymentConfiguration = new DeploymentConfiguration { MinimumHealthyPercent = 100, MaximumPercent = 200, DeploymentCircuitBreaker = new DeploymentCircuitBreaker { Enable = true, Rollback = true } },
            HealthCheckGracePeriodSeconds = 60,
        });
        Assert.Equal("web", created.Service.ServiceName);
        Assert.Equal(8080, created.Service.LoadBalancers![0].ContainerPort);
        Assert.Equal("DISABLED", created.Service.NetworkConfiguration.AwsvpcConfiguration.AssignPublicIp);
        Assert.NotNull(created.Service.CreatedAt);
        var td = await client.DescribeTaskDefinitionAsync(new DescribeTaskDefinitionRequest { TaskDefinition = "web:3" });
        Assert.Equal("awsvpc", td.TaskDefinition.NetworkMode);
        Assert.Equal(8080, td.TaskDefinition.ContainerDefinitions![0].PortMappings![0].ContainerPort);
        var d = await client.DescribeServicesAsync(new DescribeServicesRequest { Cluster = "main", Services = new() { "web", "gone" } });
        Assert.Equal("MISSING", Assert.Single(d.Failures!).Reason);
        await client.UpdateServiceAsync(new UpdateServiceRequest { Cluster = "main", Service = "web", DesiredCount = 3 });
        Assert.Empty(endpoint.ModelViolations);
        Assert.Contains("\"desiredCount\":3", ecs.LastInput);
    }

    private sealed class EchoEcs : IFakeService
    {
        public string ModelName => "ecs";
        public string LastInput;
        private readonly Dictionary<string, System.Text.Json.Nodes.JsonObject> _services = new();

        public System.Text.Json.Nodes.JsonObject Handle(string operation, System.Text.Json.Nodes.JsonObject input, FakeRequestContext context)
        {
            LastInput = input.ToJsonString();
            switch (operation)
            {
                case "CreateService":
                {
                    var s = new System.Text.Json.Nodes.JsonObject
                    {
                        ["serviceName"] = (string)input["serviceName"], ["serviceArn"] = "arn:aws:ecs:eu-west-2:123456789012:service/main/" + input["serviceName"],
                        ["loadBalancers"] = input["loadBalancers"]?.DeepClone(), ["networkConfiguration"] = input["networkConfiguration"]?.DeepClone(),
                        ["desiredCount"] = input["desiredCount"]?.DeepClone(), ["status"] = "ACTIVE", ["createdAt"] = 1767225600.5,
                    };
                    _services[(string)input["serviceName"]] = s;
                    return new() { ["service"] = s.DeepClone() };
                }
                case "UpdateService":
                    return new() { ["service"] = _services[(string)input["service"]].DeepClone() };
                case "DescribeServices":
                {
                    var found = new System.Text.Json.Nodes.JsonArray();
                    var failures = new System.Text.Json.Nodes.JsonArray();
                    foreach (var n in input["services"]!.AsArray().Select(x => (string)x))
                        if (_services.TryGetValue(n, out var s)) found.Add(s.DeepClone());
                        else failures.Add(new System.Text.Json.Nodes.JsonObject { ["arn"] = n, ["reason"] = "MISSING" });
                    return new() { ["services"] = found, ["failures"] = failures };
                }
                case "DescribeTaskDefinition":
                    return new()
                    {
                        ["taskDefinition"] = new System.Text.Json.Nodes.JsonObject
                        {
                            ["family"] = "web", ["revision"] = 3, ["networkMode"] = "awsvpc",
                            ["containerDefinitions"] = new System.Text.Json.Nodes.JsonArray(new System.Text.Json.Nodes.JsonObject
                            {
                                ["name"] = "web", ["image"] = "nginx", ["portMappings"] = new System.Text.Json.Nodes.JsonArray(new System.Text.Json.Nodes.JsonObject { ["containerPort"] = 8080, ["protocol"] = "tcp" }),
                            }),
                        },
                    };
                default:
                    throw new FakeAwsException("InvalidParameterException", operation);
            }
        }
    }
}
