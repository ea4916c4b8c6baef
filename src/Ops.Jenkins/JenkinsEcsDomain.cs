using Ops.Domain;
using Ops.Jenkins.Configuration;
using Ops.Jenkins.Model;

namespace Ops.Jenkins;

/// <summary>
/// The Jenkins amazon-ecs domain (<see cref="IDomain{TConfig,TObserved,TReport}"/>): it reads a JCasC file, observes
/// nothing beyond it (the clouds' settings are all the model needs; Jenkins is not asked), checks each ECS cloud with
/// the launch model (specs/ops/jenkins_ecs.tla) under the assumed timings, tells a counterexample as a timeline in
/// seconds with its causes, and advises: the safe settings it finds are each finding's fix. It changes nothing, so a
/// safe file has an empty plan.
/// </summary>
public sealed class JenkinsEcsDomain(LaunchAssumptions assumptions = null, bool suggest = true, int marginPercent = SafetyMargin.DefaultPercent)
    : IDomain<JcascDocument, IReadOnlyList<EcsCloudSettings>, JenkinsEcsReport>
{
    /// <summary>How the Jenkins reports name things.</summary>
    public static readonly DomainWords Words = new("jenkins-ecs", "the Jenkins configuration", "model: {0} of specs/ops/jenkins_ecs.tla is violated by this launch:");

    public LaunchAssumptions Assumptions { get; } = assumptions ?? LaunchAssumptions.Default;

    DomainWords IDomain<JcascDocument, IReadOnlyList<EcsCloudSettings>, JenkinsEcsReport>.Words => Words;
    public Action<string> Log => null;

    public JcascDocument Read(string path)
    {
        SafetyMargin.Validate(marginPercent, nameof(marginPercent));
        return JcascReader.ReadFile(path);
    }

    public JenkinsEcsReport NewReport(JcascDocument doc) =>
        new() { Path = doc.Path, Assumptions = Assumptions, MarginPercent = marginPercent, Notes = doc.Notes ?? Array.Empty<string>() };

    /// <summary>Nothing beyond reading: the reader already reports every problem of the file with its line.</summary>
    public IEnumerable<Finding> Validate(JcascDocument doc) => Array.Empty<Finding>();

    public Task<IReadOnlyList<EcsCloudSettings>> ObserveAsync(JcascDocument doc, JenkinsEcsReport report, CancellationToken ct) =>
        Task.FromResult(doc.Clouds);

    public void CheckModel(JcascDocument doc, IReadOnlyList<EcsCloudSettings> clouds, JenkinsEcsReport report, CancellationToken ct)
    {
        foreach (var cloud in clouds) report.Add(JenkinsEcsChecker.CheckCloud(cloud, Assumptions, suggest, marginPercent, ct));
    }

    /// <summary>A safe file needs no change (the safe settings of an unsafe cloud are its finding's fix).</summary>
    public void Plan(JcascDocument doc, IReadOnlyList<EcsCloudSettings> clouds, JenkinsEcsReport report) { }

    public ApplyResult<JenkinsEcsReport> NewApplyResult(JenkinsEcsReport check) => new() { Check = check };

    public string FailureCode(Exception e) => null;
}
