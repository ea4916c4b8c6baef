using Ops.Jenkins.Model;
using Ops.Tla.Checking;
using Xunit;

namespace Ops.Jenkins.Tests;

/// <summary>The shipped model files reach the checker through <see cref="EmbeddedModelFiles"/> (shared by the Jenkins,
/// RDS Proxy and ECS service domains); the Jenkins assembly is the one these tests can reach.</summary>
[Collection(nameof(EmbeddedModelFilesTests))]
public class EmbeddedModelFilesTests
{
    [Fact]
    public void The_model_is_extracted_with_the_embedded_content_and_again_after_the_temp_folder_is_cleaned()
    {
        var spec = EcsLaunchModel.SpecPath;
        var folder = Path.GetDirectoryName(spec)!;
        Assert.StartsWith(Path.Combine(Path.GetTempPath(), "ops-specs", "jenkins_ecs-"), folder);
        Assert.Equal(EcsLaunchModel.ResourceText("jenkins_ecs.tla"), File.ReadAllText(spec));
        Assert.True(File.Exists(EcsLaunchModel.SafetyConfigPath));

        Directory.Delete(folder, true);
        var again = EcsLaunchModel.SpecPath;
        Assert.Equal(spec, again);
        Assert.Equal(EcsLaunchModel.ResourceText("jenkins_ecs.cfg"), File.ReadAllText(EcsLaunchModel.ConfigPath));
    }

    [Fact]
    public void A_missing_resource_is_named_with_its_assembly()
    {
        var e = Assert.Throws<InvalidOperationException>(() =>
            EmbeddedModelFiles.Folder(typeof(EcsLaunchModel).Assembly, "nothing", new Dictionary<string, string> { ["x.tla"] = "Ops.Jenkins.Specs.x.tla" }));
        Assert.Contains("Ops.Jenkins.Specs.x.tla", e.Message);
        Assert.Contains("Ops.Jenkins", e.Message);
    }
}

/// <summary>Deleting the extracted folder would pull it from under the other tests: these run alone.</summary>
[CollectionDefinition(nameof(EmbeddedModelFilesTests), DisableParallelization = true)]
public class EmbeddedModelFilesCollection;
