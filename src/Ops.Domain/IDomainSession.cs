namespace Ops.Domain;

/// <summary>A domain opened on the world it observes and changes (AWS clients, a live snapshot's answers, a database
/// connection): what the front ends get from a domain's session and close when done.</summary>
public interface IDomainSession<TConfig, TObserved, TReport> : IDisposable where TReport : Report
{
    IDomain<TConfig, TObserved, TReport> Domain { get; }
}

/// <summary>A domain and the connections it was opened with (clients, a database connection; none for a domain that
/// reads only files): disposing the session closes them.</summary>
public sealed class DomainSession<TConfig, TObserved, TReport>(IDomain<TConfig, TObserved, TReport> domain, params IDisposable[] connections)
    : IDomainSession<TConfig, TObserved, TReport> where TReport : Report
{
    public IDomain<TConfig, TObserved, TReport> Domain { get; } = domain;

    public void Dispose()
    {
        foreach (var c in connections) c?.Dispose();
    }
}
