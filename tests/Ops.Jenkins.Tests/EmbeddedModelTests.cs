using Ops.Jenkins.Model;
using Ops.Tla;
using Ops.Tla.Checking;
using Xunit;

namespace Ops.Jenkins.Tests;

/// <summary>The shipped model files reach the checker from memory through <see cref="EmbeddedModel"/> (shared by the
/// Jenkins, RDS Proxy and ECS service domains); the Jenkins assembly is the one these tests can reach.</summary>
public class EmbeddedModelTests
{
    [Fact]
    public void The_model_is_checked_from_the_embedded_text_without_writing_a_file()
    {
        var tempModels = Path.Combine(Path.GetTempPath(), "ops-specs");
        var before = Directory.Exists(tempModels) ? Directory.GetDirectories(tempModels, "jenkins_ecs-*").Length : 0;
        var run = EcsLaunchModel.Check(new EcsTiming(300, 300, 5));
        Assert.Equal(ExitStatus.SafetyViolation, run.Result.ExitStatus);
        // Errors and reports name the module's file as the embedded one.
        Assert.Equal("jenkins_ecs.tla", run.Result.SpecPath);
        Assert.Equal("jenkins_ecs.cfg", run.Result.ConfigPath);
        Assert.Equal(before, Directory.Exists(tempModels) ? Directory.GetDirectories(tempModels, "jenkins_ecs-*").Length : 0);
    }

    [Fact]
    public void A_missing_resource_is_named_with_its_assembly()
    {
        var e = Assert.Throws<InvalidOperationException>(() => EmbeddedModel.Text(typeof(EcsLaunchModel).Assembly, "Ops.Jenkins.Specs.x.tla"));
        Assert.Contains("Ops.Jenkins.Specs.x.tla", e.Message);
        Assert.Contains("Ops.Jenkins", e.Message);
    }
}
