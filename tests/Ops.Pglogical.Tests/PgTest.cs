using Npgsql;
using Ops.Pglogical.Connection;
using Xunit;

namespace Ops.Pglogical.Tests;

/// <summary>A test that needs the throwaway PostgreSQL 15 + pglogical cluster (.ci/pg-test-cluster.sh start).
/// Without OPS_PG_TEST_CONNECTION it is skipped with a note, except under CI=true, where it runs and fails: CI
/// must start the cluster.</summary>
public sealed class PgFactAttribute : FactAttribute
{
    public PgFactAttribute()
    {
        if (PgTest.Connection == null && !PgTest.InCi)
            Skip = "needs PostgreSQL 15 + pglogical: eval \"$(.ci/pg-test-cluster.sh start)\" sets OPS_PG_TEST_CONNECTION";
    }
}

/// <summary>Like PgFact, for the second cluster without pglogical preloaded (OPS_PG_TEST_BARE_CONNECTION).</summary>
public sealed class BarePgFactAttribute : FactAttribute
{
    public BarePgFactAttribute()
    {
        if (PgTest.BareConnection == null && !PgTest.InCi)
            Skip = "needs the bare PostgreSQL cluster: eval \"$(.ci/pg-test-cluster.sh start)\" sets OPS_PG_TEST_BARE_CONNECTION";
    }
}

/// <summary>The tests that use the cluster run one after another: DROP DATABASE waits for every backend to accept
/// a ProcSignalBarrier, and an idle pglogical apply worker (the end-to-end test's subscription) takes up to ~30 s
/// to do so.</summary>
[CollectionDefinition("postgres")]
public sealed class PostgresCollection
{
}

public static class PgTest
{
    public static string Connection => Environment.GetEnvironmentVariable("OPS_PG_TEST_CONNECTION") is { Length: > 0 } c ? c : null;
    public static string BareConnection => Environment.GetEnvironmentVariable("OPS_PG_TEST_BARE_CONNECTION") is { Length: > 0 } c ? c : null;
    public static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static PgConnectionSettings Server(bool bare = false)
    {
        var text = bare ? BareConnection : Connection;
        if (text == null)
            throw new InvalidOperationException((bare ? "OPS_PG_TEST_BARE_CONNECTION" : "OPS_PG_TEST_CONNECTION") +
                                                " is not set: CI must start the test cluster (.ci/pg-test-cluster.sh start)");
        return PgConnectionSettings.Parse(text, new Dictionary<string, string>());
    }
}

/// <summary>A database made for one test and dropped afterwards (with its subscriptions and slots).</summary>
public sealed class TempDatabase : IDisposable
{
    public string Name { get; }
    public PgConnectionSettings Settings { get; }
    private readonly PgConnectionSettings _server;

    public TempDatabase(string prefix, bool bare = false)
    {
        _server = PgTest.Server(bare);
        Name = $"ops_{prefix}_{Guid.NewGuid():N}"[..Math.Min(40, prefix.Length + 5 + 12)];
        Admin($"CREATE DATABASE {Name}");
        Settings = _server.WithDatabase(Name);
    }

    private void Admin(string sql)
    {
        using var conn = new NpgsqlConnection(_server.WithDatabase("postgres").ToNpgsql());
        conn.Open();
        using var cmd = new NpgsqlCommand(sql, conn) { CommandTimeout = 120 };
        cmd.ExecuteNonQuery();
    }

    public void Exec(string sql)
    {
        using var conn = new NpgsqlConnection(Settings.ToNpgsql());
        conn.Open();
        using var cmd = new NpgsqlCommand(sql, conn);
        cmd.ExecuteNonQuery();
    }

    public T Scalar<T>(string sql)
    {
        using var conn = new NpgsqlConnection(Settings.ToNpgsql());
        conn.Open();
        using var cmd = new NpgsqlCommand(sql, conn);
        var v = cmd.ExecuteScalar();
        return v is DBNull or null ? default : (T)Convert.ChangeType(v, typeof(T));
    }

    /// <summary>Every row of a query as text, in order, for comparisons.</summary>
    public List<string> Rows(string sql)
    {
        using var conn = new NpgsqlConnection(Settings.ToNpgsql());
        conn.Open();
        using var cmd = new NpgsqlCommand(sql, conn);
        using var r = cmd.ExecuteReader();
        var rows = new List<string>();
        while (r.Read())
        {
            var cells = new string[r.FieldCount];
            for (int i = 0; i < r.FieldCount; i++) cells[i] = r.IsDBNull(i) ? "NULL" : Convert.ToString(r.GetValue(i), System.Globalization.CultureInfo.InvariantCulture);
            rows.Add(string.Join("|", cells));
        }
        return rows;
    }

    /// <summary>Drops the database's subscriptions (their apply workers and slots) and the pglogical extension (its
    /// manager worker), but leaves the database itself: on PostgreSQL 15, DROP DATABASE waits until every backend
    /// accepts a ProcSignalBarrier, and pglogical's idle workers can take minutes to do so. The cluster is thrown
    /// away at the end of the run (.ci/pg-test-cluster.sh stop|restart).</summary>
    public void Dispose()
    {
        void Try(string sql)
        {
            try { Exec(sql); } catch (NpgsqlException) { }
        }
        Try("SELECT pglogical.drop_subscription(sub_name, true) FROM pglogical.subscription");
        try { Admin($"SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE database = '{Name}' AND NOT active"); }
        catch (NpgsqlException) { }
        Try("DROP EXTENSION IF EXISTS pglogical CASCADE");
    }
}
