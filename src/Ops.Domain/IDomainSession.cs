namespace Ops.Domain;

/// <summary>A domain opened on the world it observes and changes (AWS clients, a live snapshot's answers, a database
/// connection): what the front ends get from a domain's session and close when done.</summary>
public interface IDomainSession<TConfig, TObserved, TReport> : IDisposable where TReport : Report
{
    IDomain<TConfig, TObserved, TReport> Domain { get; }
}

/// <summary>The session of a domain that holds no connection (it reads only its file, or a saved inventory).</summary>
public sealed class LocalSession<TConfig, TObserved, TReport>(IDomain<TConfig, TObserved, TReport> domain) : IDomainSession<TConfig, TObserved, TReport>
    where TReport : Report
{
    public IDomain<TConfig, TObserved, TReport> Domain { get; } = domain;

    public void Dispose() { }
}
