using Xunit;

namespace Ops.Domain.Tests;

/// <summary>A staged domain (<see cref="IStagedDomain{TConfig,TObserved,TReport}"/>): its observation is an object the
/// operator holds between steps (made by one command, checked by a second, applied by a third), and its exit codes are
/// its own (<see cref="DomainExitCodes"/>).</summary>
public class StagedPipelineTests
{
    /// <summary>The exit codes of a domain that published its own: 1 for a plan that cannot be made as asked, 2 usage.</summary>
    private static readonly DomainExitCodes Codes = new() { Usage = 2, ConfigError = 2, Failure = 1, Invalid = 1 };

    private static readonly DomainWords Words = new("batch", "the batch rules", "model: {0} of specs/ops/batch.tla is violated by this behaviour:") { ExitCodes = Codes };

    private sealed class BatchReport() : Report(Words)
    {
        public override string Title => "batch";
    }

    /// <summary>What the batch domain observes: the jobs to add (the plan) and the rules it was made with.</summary>
    private sealed class JobPlan
    {
        public string Rules { get; init; }
        public List<string> Add { get; init; } = new();
        public List<string> Problems { get; init; } = new();
    }

    /// <summary>Plans the jobs the rules name ("a,b!": b is a problem); the model finds a job called "lossy".</summary>
    private sealed class Batches : IStagedDomain<string, JobPlan, BatchReport>
    {
        public List<string> Calls { get; } = new();
        public List<string> Ran { get; } = new();
        public DomainWords Words => StagedPipelineTests.Words;
        public Action<string> Log => null;
        public string Read(string path) => path;
        public BatchReport NewReport(string rules) => new();
        public IEnumerable<Finding> Validate(string rules) { Calls.Add("validate"); return Array.Empty<Finding>(); }

        public Task<JobPlan> ObserveAsync(string rules, BatchReport report, CancellationToken ct)
        {
            Calls.Add("observe");
            var names = rules.Split(',', StringSplitOptions.RemoveEmptyEntries);
            var plan = new JobPlan { Rules = rules, Add = names.Where(n => !n.EndsWith('!')).ToList(), Problems = names.Where(n => n.EndsWith('!')).ToList() };
            Record(plan, report);
            return Task.FromResult(plan);
        }

        public string ConfigOf(JobPlan plan) => plan.Rules;
        public void Record(JobPlan plan, BatchReport report) =>
            report.Findings.AddRange(plan.Problems.Select(p => new Finding { Code = "NoSuchJob", Subject = p, Message = $"{p} names no job" }));
        public bool Changes(JobPlan plan) => plan.Add.Count > 0;

        public void CheckModel(string rules, JobPlan plan, BatchReport report, CancellationToken ct)
        {
            Calls.Add("model");
            report.ModelRuns.Add("checked");
            foreach (var job in plan.Add.Where(j => j == "lossy"))
                report.Findings.Add(new Finding { Code = "Lost", Subject = job, Message = "a run can be lost", Property = "NoRunLost" });
        }

        public void Plan(string rules, JobPlan plan, BatchReport report)
        {
            Calls.Add("plan");
            if (plan.Add.Count > 0)
                report.Plan.Add(new PlanStep("AddJobs", "batch", $"add {string.Join(", ", plan.Add)}", _ => { Ran.AddRange(plan.Add); return Task.FromResult<string>(null); }));
        }

        public ApplyResult<BatchReport> NewApplyResult(BatchReport check) => new() { Check = check };
        public string FailureCode(Exception e) => null;
    }

    [Fact]
    public async Task The_first_stage_observes_without_the_model_and_a_later_step_resumes_from_what_it_holds()
    {
        var made = new Batches();
        var stage = await made.StageAsync("a,b");
        Assert.Equal(new[] { "validate", "observe" }, made.Calls);
        Assert.Equal(new[] { "a", "b" }, stage.Observed.Add);
        Assert.Equal(0, stage.Report.ExitCode);

        // Another step (another process, a cmdlet down the pipeline) holds only the plan.
        var later = new Batches();
        var resumed = later.Resume(stage.Observed);
        Assert.Equal("a,b", resumed.Config);
        Assert.Same(stage.Observed, resumed.Observed);
        var check = later.CheckStage(resumed);
        Assert.Equal(new[] { "model", "plan" }, later.Calls);
        Assert.True(check.Passed);
        Assert.Equal("AddJobs", Assert.Single(check.Plan).Kind);
    }

    [Fact]
    public async Task A_check_of_a_held_plan_runs_the_model_whatever_its_findings_and_exits_with_the_domains_code()
    {
        var d = new Batches();
        var stage = await d.StageAsync("lossy,b!");
        Assert.Equal(1, stage.Report.ExitCode); // a plan that cannot be made as asked: the domain's own code
        var check = d.CheckStage(d.Resume(stage.Observed));
        Assert.Contains("model", d.Calls);
        Assert.Equal(new[] { "NoSuchJob" }, check.FindingsBeforeModel.Select(f => f.Code));
        Assert.Equal(new[] { "Lost" }, check.ModelFindings.Select(f => f.Code));
        Assert.Equal(1, check.ExitCode); // the error before the model decides
        Assert.Empty(check.Plan);

        var modelOnly = d.CheckStage(d.Resume((await d.StageAsync("lossy")).Observed));
        Assert.Equal((int)Ops.Tla.ExitStatus.SafetyViolation, modelOnly.ExitCode);
        Assert.Equal(2, Words.ExitCodes.Usage);
    }

    [Fact]
    public async Task An_apply_stops_before_the_model_at_a_plan_problem_runs_no_model_for_no_change_and_may_accept_the_models_findings()
    {
        var invalid = new Batches();
        var refused = await invalid.ApplyStageAsync(await invalid.StageAsync("a,b!"));
        Assert.DoesNotContain("model", invalid.Calls);
        Assert.Equal(1, refused.ExitCode);
        Assert.Empty(invalid.Ran);

        var nothing = new Batches();
        var none = await nothing.ApplyStageAsync(await nothing.StageAsync(""));
        Assert.DoesNotContain("model", nothing.Calls);
        Assert.True(none.Check.Passed);
        Assert.Equal(0, none.ExitCode);

        var lossy = new Batches();
        var stopped = await lossy.ApplyStageAsync(await lossy.StageAsync("lossy"));
        Assert.Equal(12, stopped.ExitCode);
        Assert.Empty(lossy.Ran);
        var accepted = await lossy.ApplyStageAsync(await lossy.StageAsync("lossy"), acceptModelFindings: true);
        Assert.True(accepted.Check.Passed);
        Assert.Equal(Severity.Warning, Assert.Single(accepted.Check.ModelFindings).Severity);
        Assert.Equal(new[] { "lossy" }, lossy.Ran);
        Assert.Equal(0, accepted.ExitCode);
    }

    [Fact]
    public async Task A_dry_run_approves_no_step_and_shows_the_checks_text_and_json()
    {
        var d = new Batches();
        var dry = await d.ApplyStageAsync(await d.StageAsync("a"), _ => false);
        dry.DryRun = true;
        Assert.Empty(d.Ran);
        Assert.Equal(dry.Check.ToText(), dry.ToText());
        Assert.Equal(dry.Check.ToJson(), dry.ToJson());
        Assert.Contains("\"applied\": null", dry.ToJson());
    }

    [Fact]
    public void Without_codes_of_its_own_a_domain_exits_with_TLCs()
    {
        Assert.Equal(255, DomainExitCodes.Tlc.Usage);
        Assert.Equal(151, DomainExitCodes.Tlc.ConfigError);
        Assert.Equal(255, DomainExitCodes.Tlc.Failure);
        Assert.Null(DomainExitCodes.Tlc.Invalid);
        var report = new ReportRenderingTests.QueueReport { Name = "q" };
        report.Findings.Add(new Finding { Code = "NoName", Message = "no name" });
        Assert.Equal(12, report.ExitCode); // an error found before any model: still TLC's 12
    }
}
