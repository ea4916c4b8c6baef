using Xunit;

namespace Ops.Domain.Tests;

/// <summary>The pipeline every domain runs through: the steps in order, each only when nothing before found an error;
/// the apply of the approved steps, a wait skipped when nothing changed, and a failed step reported with what ran.</summary>
public class DomainPipelineTests
{
    /// <summary>A domain of message queues whose rules are given by the test: it records which steps the pipeline called.</summary>
    private sealed class Queues : IDomain<string, Dictionary<string, int>, ReportRenderingTests.QueueReport>
    {
        public List<string> Calls { get; } = new();
        public List<string> Logged { get; } = new();
        public Func<string, IEnumerable<Finding>> Rules { get; init; } = _ => Array.Empty<Finding>();
        public Func<Dictionary<string, int>> World { get; init; } = () => new();
        public Func<Dictionary<string, int>, Finding> Model { get; init; } = _ => null;
        public List<string> Created { get; } = new();
        public string FailOn { get; init; }

        public DomainWords Words => ReportRenderingTests.Words;
        public Action<string> Log => Logged.Add;
        public string Read(string path) => path;
        public ReportRenderingTests.QueueReport NewReport(string config) => new() { Name = config };
        public IEnumerable<Finding> Validate(string config) { Calls.Add("validate"); return Rules(config); }
        public Task<Dictionary<string, int>> ObserveAsync(string config, ReportRenderingTests.QueueReport report, CancellationToken ct) { Calls.Add("observe"); return Task.FromResult(World()); }

        public void CheckModel(string config, Dictionary<string, int> observed, ReportRenderingTests.QueueReport report, CancellationToken ct)
        {
            Calls.Add("model");
            report.ModelRuns.Add("checked");
            if (Model(observed) is { } f) report.Findings.Add(f);
        }

        public void Plan(string config, Dictionary<string, int> observed, ReportRenderingTests.QueueReport report)
        {
            Calls.Add("plan");
            if (!observed.ContainsKey(config))
                report.Plan.Add(new PlanStep("CreateQueue", config, "create it", _ =>
                {
                    if (FailOn == "CreateQueue") throw new IOException("the broker refused");
                    Created.Add(config);
                    return Task.FromResult("arn:queue:" + config);
                }));
            report.Plan.Add(new PlanStep("Wait", config, "wait until it is ready", _ => { Created.Add("waited"); return Task.FromResult<string>(null); }) { OnlyAfterChange = true });
            report.Plan.Add(new PlanStep("Advice", config, "raise the partitions by hand"));
        }

        public ApplyResult<ReportRenderingTests.QueueReport> NewApplyResult(ReportRenderingTests.QueueReport check) => new() { Check = check };
        public string FailureCode(Exception e) => e is IOException ? "BrokerRefused" : null;
    }

    [Fact]
    public async Task A_clean_check_runs_every_step_in_order_and_logs_the_model_runs()
    {
        var d = new Queues();
        var report = await DomainPipeline.CheckAsync(d, "orders");
        Assert.Equal(new[] { "validate", "observe", "model", "plan" }, d.Calls);
        Assert.True(report.Passed);
        Assert.Equal(new[] { "CreateQueue", "Wait", "Advice" }, report.Plan.Select(p => p.Kind));
        Assert.Equal(new[] { "model: checked" }, d.Logged);
    }

    [Fact]
    public async Task An_error_stops_the_pipeline_where_it_was_found()
    {
        var invalid = new Queues { Rules = _ => new[] { new Finding { Code = "NoName", Message = "no name" } } };
        Assert.False((await DomainPipeline.CheckAsync(invalid, "orders")).Passed);
        Assert.Equal(new[] { "validate" }, invalid.Calls);

        var warned = new Queues { Rules = _ => new[] { new Finding { Severity = Severity.Warning, Code = "Old", Message = "old" } } };
        Assert.True((await DomainPipeline.CheckAsync(warned, "orders")).Passed);
        Assert.Equal(4, warned.Calls.Count);

        var unsafeModel = new Queues { Model = _ => new Finding { Code = "Lost", Message = "lost", Property = "NoMessageLost" } };
        var report = await DomainPipeline.CheckAsync(unsafeModel, "orders");
        Assert.Equal(new[] { "validate", "observe", "model" }, unsafeModel.Calls);
        Assert.Empty(report.Plan);
        Assert.Equal((int)Ops.Tla.ExitStatus.SafetyViolation, report.ExitCode);
    }

    [Fact]
    public async Task Apply_runs_the_approved_steps_skips_advice_and_waits_only_after_a_change()
    {
        var d = new Queues();
        var applied = await DomainPipeline.ApplyAsync(d, "orders");
        Assert.Equal(new[] { "orders", "waited" }, d.Created);
        Assert.Equal(2, applied.Applied.Count);
        Assert.Equal(new[] { "Advice orders: raise the partitions by hand" }, applied.Skipped);
        Assert.Contains("applied: CreateQueue orders: create it", applied.ToText());
        Assert.Contains("skipped: Advice orders", applied.ToText());

        // -WhatIf: nothing approved, nothing runs; the wait is skipped with it.
        var whatIf = new Queues();
        var none = await DomainPipeline.ApplyAsync(whatIf, "orders", _ => false);
        Assert.Empty(whatIf.Created);
        Assert.Equal(3, none.Skipped.Count);

        // The queue exists: no create, so the wait has nothing to wait for.
        var existing = new Queues { World = () => new() { ["orders"] = 3 } };
        var again = await DomainPipeline.ApplyAsync(existing, "orders");
        Assert.Empty(existing.Created);
        Assert.Empty(again.Applied);
        Assert.Contains("Wait orders: wait until it is ready", again.Skipped);
    }

    [Fact]
    public async Task A_failed_step_says_what_was_applied_before_it()
    {
        var d = new Queues { FailOn = "CreateQueue" };
        var e = await Assert.ThrowsAsync<ApplyException>(() => DomainPipeline.ApplyAsync(d, "orders"));
        Assert.Equal("BrokerRefused", e.ErrorCode);
        Assert.Equal("CreateQueue orders failed: the broker refused (applied before it: nothing); apply again once fixed", e.Message);
    }

    [Fact]
    public async Task A_failed_check_applies_nothing()
    {
        var d = new Queues { Model = _ => new Finding { Code = "Lost", Message = "lost" } };
        var result = await DomainPipeline.ApplyAsync(d, "orders");
        Assert.False(result.Check.Passed);
        Assert.Empty(result.Applied);
        Assert.Empty(d.Created);
        Assert.Equal((int)Ops.Tla.ExitStatus.SafetyViolation, result.Check.ExitCode);
    }
}
