using System.Management.Automation;
using Ops.Domain;
using Ops.Jenkins;
using Ops.Jenkins.Configuration;
using Ops.Jenkins.Model;
using Ops.Jenkins.Output;
using Ops.PowerShell.Domains;

namespace Ops.PowerShell.Jenkins;

/// <summary>
/// <para type="synopsis">Checks the amazon-ecs clouds of a Jenkins configuration-as-code file against a model of the agent launch.</para>
/// <para type="description">For every `jenkins: clouds: - ecs:` entry, returns the verdict: whether an agent whose task starts
/// and connects within the assumed times always runs the queued build. On a violation the result carries the timeline, the
/// settings that cause it and a safe value found by the checker and verified by a second check. The logic is
/// Ops.Jenkins.JenkinsEcsChecker; this cmdlet only binds parameters.</para>
/// </summary>
/// <example><code>Test-JenkinsEcsCloud -Path jenkins.yaml -TaskStartSeconds 20,120 -AgentConnectSeconds 10,90 -ErrorOnViolation</code></example>
/// <example><code>(Test-JenkinsEcsCloud -Path jenkins.yaml -MarginPercent 100).Suggestions</code></example>
[Cmdlet(VerbsDiagnostic.Test, "JenkinsEcsCloud")]
[OutputType(typeof(CloudVerdict))]
public sealed class TestJenkinsEcsCloudCommand : DomainCmdlet<JcascDocument, IReadOnlyList<EcsCloudSettings>, JenkinsEcsReport>
{
    /// <summary><para type="description">The JCasC YAML file.</para></summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("FullName")]
    public string Path { get; set; }

    /// <summary><para type="description">Seconds from RunTask until the task is RUNNING: MIN, MAX (default 20, 120).</para></summary>
    [Parameter]
    [ValidateCount(2, 2)]
    public int[] TaskStartSeconds { get; set; } = { 20, 120 };

    /// <summary><para type="description">Seconds from RUNNING until the agent is online: MIN, MAX (default 10, 90).</para></summary>
    [Parameter]
    [ValidateCount(2, 2)]
    public int[] AgentConnectSeconds { get; set; } = { 10, 90 };

    /// <summary><para type="description">Executors of the cloud already in use, counted against maxAgents (default 0).</para></summary>
    [Parameter]
    [ValidateRange(0, int.MaxValue)]
    public int BusyExecutors { get; set; }

    /// <summary><para type="description">How many percent longer than the upper bounds of -TaskStartSeconds and
    /// -AgentConnectSeconds (and the queue's 5 s) the timings may be for a suggested setting to stay safe: the search checks
    /// every candidate with those longer timings (default 50: tasks up to 180 s to start, agents up to 135 s to connect).
    /// 0 suggests values safe only at the edge of the assumptions.</para></summary>
    [Parameter]
    [ValidateRange(0, SafetyMargin.MaxPercent)]
    public int MarginPercent { get; set; } = SafetyMargin.DefaultPercent;

    /// <summary><para type="description">Do not search for a safe setting.</para></summary>
    [Parameter]
    public SwitchParameter NoSuggestion { get; set; }

    /// <summary><para type="description">After emitting the results, throw a terminating error when a cloud is not safe (for pipelines).</para></summary>
    [Parameter]
    public SwitchParameter ErrorOnViolation { get; set; }

    /// <summary><para type="description">Also write the report as a self-contained HTML page: a file, or a folder that gets one
    /// FILE.html per JCasC file.</para></summary>
    [Parameter]
    [Alias("HtmlPath")]
    [ValidateNotNullOrEmpty]
    public string ReportPath { get; set; }

    /// <summary>The pages written by this pipeline: the page's full path to the JCasC file it reports.</summary>
    private readonly Dictionary<string, string> _reportsWritten = new(StringComparer.Ordinal);

    protected override string ConfigFile => Path;
    protected override DomainWords Words => JenkinsEcsDomain.Words;
    protected override string ErrorIdPrefix => "JenkinsEcs";
    protected override JcascDocument Read(string path) => JcascReader.ReadFile(path);

    protected override IDomainSession<JcascDocument, IReadOnlyList<EcsCloudSettings>, JenkinsEcsReport> Connect(JcascDocument doc)
    {
        LaunchAssumptions assumptions = null;
        try
        {
            assumptions = new LaunchAssumptions
            {
                TaskStart = SecondsRange.FromArray(TaskStartSeconds, "-TaskStartSeconds"),
                AgentConnect = SecondsRange.FromArray(AgentConnectSeconds, "-AgentConnectSeconds"),
                BusyExecutors = BusyExecutors,
            };
        }
        catch (ArgumentException e)
        {
            Fail(new OpsCommandException(e.Message, JenkinsExitCodes.Other, e), "JenkinsEcsBadAssumption", ErrorCategory.InvalidArgument, null);
        }
        return new DomainSession<JcascDocument, IReadOnlyList<EcsCloudSettings>, JenkinsEcsReport>(new JenkinsEcsDomain(assumptions, suggest: !NoSuggestion, marginPercent: MarginPercent));
    }

    protected override bool StopOnBadFile => ErrorOnViolation;

    protected override void ProcessRecord()
    {
        // -ErrorOnViolation fails the step on anything that keeps a file from being found safe, a bad file included.
        FailsTheStep = ErrorOnViolation;
        var path = GetUnresolvedProviderPathFromPSPath(Path);
        var report = Check();
        if (report == null) return;
        foreach (var note in report.Notes) WriteVerbose(note);
        foreach (var cloud in report.Clouds) WriteObject(cloud);
        if (!string.IsNullOrEmpty(ReportPath)) WriteReport(report, path);
        if (ErrorOnViolation && report.ExitCode != JenkinsExitCodes.Safe)
        {
            // The whole report (timeline, causes, safe settings) to the CI log; the error says which clouds, in one line.
            var failing = report.Clouds.Where(c => !c.Safe).Select(c => $"{c.Cloud} ({c.Verdict})");
            var reason = $"{System.IO.Path.GetFileName(path)}: not every amazon-ecs cloud is safe: {string.Join(", ", failing)} (exit code {report.ExitCode}).";
            Fail(new OpsCommandException(reason, report.ExitCode), "JenkinsEcsCloudUnsafe", ErrorCategory.InvalidResult, path,
                report: report.ToText(), recommendedAction: "Apply a safe setting the report suggests (the verdicts' Suggestions), or widen the assumptions only if they are wrong.");
        }
    }

    private void WriteReport(JenkinsEcsReport report, string input)
    {
        var target = GetUnresolvedProviderPathFromPSPath(ReportPath);
        // A folder (an existing one, or a name without an extension that does not exist yet, as Invoke-ModelCheck's
        // -ReportPath): one FILE.html per JCasC file, the folder made when missing.
        var folder = ModelCheckReportFiles.IsFolder(target);
        if (folder) target = System.IO.Path.Combine(target, System.IO.Path.GetFileNameWithoutExtension(input) + ".html");
        var full = System.IO.Path.GetFullPath(target);
        try
        {
            if (folder) Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full));
            if (_reportsWritten.TryGetValue(full, out var owner) && owner != input)
                throw new IOException($"-ReportPath {ReportPath} already holds the report of {owner}, so the one of {input} was not written: give -ReportPath a folder to keep one FILE.html per JCasC file.");
            var problem = Ops.Tla.Output.OutputFiles.Problem(target);
            if (problem != null) throw new IOException($"-ReportPath {ReportPath} cannot be written: {problem}.");
            ReportHtml.WriteFile(target, report);
            _reportsWritten[full] = input;
            WriteVerbose($"The report was written to {target} (HTML).");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            WriteError(new ErrorRecord(e, "JenkinsEcsReportNotWritten", ErrorCategory.WriteError, target));
        }
    }
}
