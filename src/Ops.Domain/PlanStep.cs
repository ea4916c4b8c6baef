namespace Ops.Domain;

/// <summary>One change the apply makes (or, for a domain that changes nothing, one change it advises): shown by
/// <c>-WhatIf</c>, <c>-dry-run</c> and every check, run by the apply in plan order. The description never holds a
/// secret value.</summary>
public sealed class PlanStep
{
    private readonly Func<CancellationToken, Task<string>> _run;

    /// <param name="kind">What kind of change (CreateSecret, UpdateService, ...): a stable word for tools.</param>
    /// <param name="target">The resource it acts on.</param>
    /// <param name="description">What it does, in the domain's words.</param>
    /// <param name="run">Makes the change; returns what the world named it (an ARN) or null. Null for advice the
    /// operator applies by hand.</param>
    public PlanStep(string kind, string target, string description, Func<CancellationToken, Task<string>> run = null)
    {
        Kind = kind;
        Target = target;
        Description = description;
        _run = run;
    }

    public string Kind { get; }
    public string Target { get; }
    public string Description { get; }
    /// <summary>Runs only when an earlier step of the same apply changed something (a wait for what it started).</summary>
    public bool OnlyAfterChange { get; init; }
    /// <summary>False for advice: the apply cannot make this change.</summary>
    public bool Runnable => _run != null;

    public Task<string> RunAsync(CancellationToken ct) =>
        _run != null ? _run(ct) : throw new InvalidOperationException($"{this}: this step is advice, it cannot be applied");

    public override string ToString() => $"{Kind} {Target}: {Description}";
}
