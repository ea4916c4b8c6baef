using Ops.Aws.Testing;
using Xunit;
using Xunit.Abstractions;

namespace Ops.EcsService.Tests;

public class SmokeTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Smoke()
    {
        if (!Requires.Botocore(output.WriteLine)) return;
        using var f = new EcsFixture();
        var yaml = Definitions.Web(f);
        output.WriteLine(yaml);
        var first = await f.Manager().ApplyAsync(EcsServiceConfig.Parse(yaml));
        output.WriteLine(first.ToText());
        var second = await f.Manager().ApplyAsync(EcsServiceConfig.Parse(yaml));
        output.WriteLine(second.ToText());
        var bad = await f.Manager().CheckAsync(EcsServiceConfig.Parse(Definitions.Web(f, deployment: "minimum_healthy_percent: 0\n      maximum_percent: 100", desired: 1, grace: null, start: 90)));
        output.WriteLine(bad.ToText());
        foreach (var v in f.Endpoint.ModelViolations) output.WriteLine("VIOLATION " + v);
        Assert.Empty(f.Endpoint.ModelViolations);
    }
}
