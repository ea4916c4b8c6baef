namespace Ops.Domain;

/// <summary>A domain opened on the world it observes and changes (AWS clients, a live snapshot's answers, a database
/// connection): what the front ends get from a domain's session and close when done.</summary>
public interface IDomainSession<TConfig, TObserved, TReport> : IDisposable where TReport : Report
{
    IDomain<TConfig, TObserved, TReport> Domain { get; }
}
