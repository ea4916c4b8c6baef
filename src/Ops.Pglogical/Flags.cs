using Ops.Tla;

namespace Ops.Pglogical;

/// <summary>The options of <c>ops pglogical</c> and the parameters of the pglogical cmdlets, as a message names them
/// for the front end that shows it (<see cref="HostTerms"/>): <c>--exclude</c> on the command line, <c>-Exclude</c>
/// in PowerShell.</summary>
internal static class Flags
{
    public static string Connection => HostTerms.Say("--connection", "-Connection");
    public static string Include => HostTerms.Say("--include", "-Include");
    public static string Exclude => HostTerms.Say("--exclude", "-Exclude");
    public static string InsertOnly => HostTerms.Say("--insert-only", "-InsertOnly");
    public static string Strict => HostTerms.Say("--strict", "-Strict");
    public static string NoSync => HostTerms.Say("--no-sync", "-NoSync");
    public static string NoSequences => HostTerms.Say("--no-sequences", "-NoSequences");
    public static string CreateNode => HostTerms.Say("--create-node", "-CreateNode");
    public static string NodeDsn => HostTerms.Say("--node-dsn", "-NodeDsn");
    public static string CreateSet => HostTerms.Say("--create-set", "-CreateSet");
    public static string Rules => HostTerms.Say("--rules", "-RulesPath");
    public static string AllowDivergence => HostTerms.Say("--allow-divergence", "-AllowDivergence");
    public static string SavePlan => HostTerms.Say("ops pglogical plan --save FILE", "New-PglogicalReplicationPlan -SavePath FILE");

    /// <summary>Declaring what happens to the tables a pattern names: <c>--writes P=insert,update</c> or
    /// <c>-Writes @{ 'P' = 'insert,update' }</c>.</summary>
    public static string Writes(string pattern, string operations) =>
        HostTerms.Say($"--writes {pattern}={operations}", $"-Writes @{{ '{pattern.Replace("'", "''")}' = '{operations}' }}");
}
