using System.Net.Sockets;
using Npgsql;

namespace Ops.Pglogical.Connection;

/// <summary>Opens connections and turns connection failures into one message with the fix.</summary>
public static class PgConnector
{
    public static NpgsqlConnection Open(PgConnectionSettings settings)
    {
        var conn = new NpgsqlConnection(settings.ToNpgsql());
        try
        {
            conn.Open();
            return conn;
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or SocketException or IOException)
        {
            conn.Dispose();
            throw Explain(e, settings);
        }
    }

    /// <summary>A PglogicalException naming what failed for <paramref name="settings"/> and what to change.</summary>
    public static PglogicalException Explain(Exception e, PgConnectionSettings settings)
    {
        var where = $"{settings.EffectiveHost}:{settings.EffectivePort}";
        var target = $"database \"{settings.EffectiveDatabase}\" on {where} as user \"{settings.EffectiveUser}\"";
        var how = $"set {Flags.Connection} (libpq \"host=... port=... dbname=... user=...\" or a postgresql:// URI) or PGHOST, PGPORT, PGDATABASE, PGUSER, PGPASSWORD";
        if (e is PostgresException pg)
        {
            switch (pg.SqlState)
            {
                case "28P01":
                    return new PglogicalException("connection", $"cannot connect to {target}: password authentication failed",
                        "check the password (password= in the connection string, PGPASSWORD or ~/.pgpass)", e);
                case "28000":
                    return new PglogicalException("connection", $"cannot connect to {target}: {PgConnectionSettings.MaskText(pg.MessageText)}",
                        "check the user name, or ask for a pg_hba.conf entry for this host, user and database", e);
                case "3D000":
                    return new PglogicalException("connection", $"cannot connect to {where}: database \"{settings.EffectiveDatabase}\" does not exist",
                        $"check dbname= in {Flags.Connection} (or PGDATABASE); list databases with: psql -l", e);
                case "57P03":
                    return new PglogicalException("connection", $"cannot connect to {where}: the server is starting up or shutting down",
                        "wait for the server to accept connections and run again", e);
                case "53300":
                    return new PglogicalException("connection", $"cannot connect to {where}: too many connections",
                        "close idle connections or raise max_connections", e);
                default:
                    return new PglogicalException("connection", $"cannot connect to {target}: {PgConnectionSettings.MaskText(pg.MessageText)} (SQLSTATE {pg.SqlState})", how, e);
            }
        }
        for (var inner = e; inner != null; inner = inner.InnerException)
        {
            if (inner is SocketException se)
            {
                return se.SocketErrorCode switch
                {
                    SocketError.ConnectionRefused => new PglogicalException("connection",
                        $"cannot connect to {where}: connection refused (no server listens there)",
                        $"check host= and port= in {Flags.Connection} (or PGHOST/PGPORT) and that PostgreSQL is running", e),
                    SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain => new PglogicalException("connection",
                        $"cannot connect: host \"{settings.EffectiveHost}\" is unknown",
                        $"check host= in {Flags.Connection} (or PGHOST)", e),
                    _ => new PglogicalException("connection", $"cannot connect to {where}: {se.Message}", how, e),
                };
            }
            if (inner is TimeoutException)
                return new PglogicalException("connection", $"cannot connect to {where}: timed out",
                    "check host= and port=, firewalls, or raise connect_timeout", e);
        }
        if (e.Message.Contains("password", StringComparison.OrdinalIgnoreCase))
            return new PglogicalException("connection", $"cannot connect to {target}: the server asks for a password and none was given",
                $"add password= to {Flags.Connection}, set PGPASSWORD, or use ~/.pgpass", e);
        return new PglogicalException("connection", $"cannot connect to {target}: {PgConnectionSettings.MaskText(e.Message)}", how, e);
    }
}
