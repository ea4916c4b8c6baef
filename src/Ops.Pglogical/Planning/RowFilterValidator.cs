using Npgsql;
using Ops.Pglogical.Inventory;
using Ops.Pglogical.Sql;

namespace Ops.Pglogical.Planning;

/// <summary>What the database's own parser says about a row filter on a table.</summary>
public sealed class RowFilterCheck
{
    /// <summary>Null when the filter is valid.</summary>
    public string Error { get; init; }
    public string Fix { get; init; }
    /// <summary>True when the filter could not be checked (the plan warns instead of failing).</summary>
    public bool Unchecked { get; init; }
    /// <summary>The filter as PostgreSQL prints it back (the form pglogical's catalog shows).</summary>
    public string Normalized { get; init; }
    /// <summary>The table columns the filter reads.</summary>
    public List<string> Columns { get; init; }
}

public interface IRowFilterValidator
{
    RowFilterCheck Check(RelationInfo table, string filter);
}

/// <summary>Validates row filters against the live catalog: the filter becomes a CHECK constraint on an empty
/// TEMP copy of the table (LIKE), in a transaction that is always rolled back. PostgreSQL then reports a
/// missing column, a syntax error or a non-boolean expression exactly as pglogical would, prints the filter back
/// in its normal form and lists the columns it reads (pg_constraint.conkey).</summary>
public sealed class LiveRowFilterValidator : IRowFilterValidator, IDisposable
{
    private readonly NpgsqlConnection _conn;

    public LiveRowFilterValidator(NpgsqlConnection conn) => _conn = conn;

    public RowFilterCheck Check(RelationInfo table, string filter)
    {
        if (RowFilterText.FindTopLevelSemicolon(filter) is int pos)
            return new RowFilterCheck
            {
                Error = $"the row filter for {table.QualifiedName} holds a ';' (at character {pos + 1}): a row filter is one expression",
                Fix = "remove the ';' and anything after it",
            };
        using var tx = _conn.BeginTransaction();
        try
        {
            Exec(tx, "SET LOCAL statement_timeout = '10s'");
            Exec(tx, $"CREATE TEMP TABLE ops_rowfilter_probe (LIKE {table.SqlName})");
            Exec(tx, $"ALTER TABLE ops_rowfilter_probe ADD CONSTRAINT ops_rowfilter CHECK ({filter})");
            using var cmd = new NpgsqlCommand("""
                SELECT pg_get_expr(c.conbin, c.conrelid),
                       ARRAY(SELECT a.attname FROM pg_attribute a
                              WHERE a.attrelid = c.conrelid AND a.attnum = ANY (c.conkey) ORDER BY a.attnum)::text[]
                  FROM pg_constraint c
                 WHERE c.conrelid = 'ops_rowfilter_probe'::regclass AND c.conname = 'ops_rowfilter'
                """, _conn, tx);
            using var r = cmd.ExecuteReader();
            r.Read();
            return new RowFilterCheck { Normalized = r.GetString(0), Columns = r.GetFieldValue<string[]>(1).ToList() };
        }
        catch (PostgresException e)
        {
            var name = table.QualifiedName;
            var columns = string.Join(", ", table.Columns.Select(c => SqlText.Ident(c.Name)));
            return e.SqlState switch
            {
                "42703" => new RowFilterCheck
                {
                    Error = $"the row filter for {name} ({filter}) names a column {name} does not have: {e.MessageText}",
                    Fix = $"use the table's columns: {columns} (quote mixed-case names, e.g. \"Name\")",
                },
                "42601" => new RowFilterCheck
                {
                    Error = $"the row filter for {name} ({filter}) is not valid SQL: {e.MessageText}" + (e.Position > 0 ? $" (character {e.Position - $"ALTER TABLE ops_rowfilter_probe ADD CONSTRAINT ops_rowfilter CHECK (".Length})" : ""),
                    Fix = "write one boolean SQL expression over the table's columns, e.g. region = 'eu'",
                },
                "42804" => new RowFilterCheck
                {
                    Error = $"the row filter for {name} ({filter}) is not a boolean expression: {e.MessageText}",
                    Fix = "write a condition, e.g. amount > 0",
                },
                "42883" => new RowFilterCheck
                {
                    Error = $"the row filter for {name} ({filter}) uses an unknown function or operator: {e.MessageText}",
                    Fix = e.Hint ?? "check the function names and argument types",
                },
                "0A000" or "42P20" or "42803" => new RowFilterCheck
                {
                    Unchecked = true,
                    Error = $"the row filter for {name} could not be checked ({e.MessageText}); pglogical will judge it when it is added",
                },
                _ => new RowFilterCheck
                {
                    Error = $"the row filter for {name} ({filter}) is rejected by PostgreSQL: {e.MessageText} (SQLSTATE {e.SqlState})",
                    Fix = "correct the row filter",
                },
            };
        }
        finally
        {
            if (!tx.IsCompleted()) tx.Rollback();
        }
    }

    private void Exec(NpgsqlTransaction tx, string sql)
    {
        using var cmd = new NpgsqlCommand(sql, _conn, tx);
        cmd.ExecuteNonQuery();
    }

    public void Dispose() => _conn.Dispose();
}

internal static class TransactionExtensions
{
    public static bool IsCompleted(this NpgsqlTransaction tx) => tx.Connection == null;
}

/// <summary>Lexical helpers for SQL expressions given as text.</summary>
public static class RowFilterText
{
    /// <summary>The index of a ';' outside string literals, quoted identifiers, dollar quotes and comments.</summary>
    public static int? FindTopLevelSemicolon(string sql)
    {
        for (int i = 0; i < sql.Length; i++)
        {
            var c = sql[i];
            switch (c)
            {
                case '\'':
                case '"':
                    i++;
                    while (i < sql.Length && !(sql[i] == c && !(i + 1 < sql.Length && sql[i + 1] == c))) i += sql[i] == c ? 2 : 1;
                    break;
                case '-' when i + 1 < sql.Length && sql[i + 1] == '-':
                    while (i < sql.Length && sql[i] != '\n') i++;
                    break;
                case '/' when i + 1 < sql.Length && sql[i + 1] == '*':
                    var end = sql.IndexOf("*/", i + 2, StringComparison.Ordinal);
                    i = end < 0 ? sql.Length : end + 1;
                    break;
                case '$':
                    var close = sql.IndexOf('$', i + 1);
                    if (close > i)
                    {
                        var tag = sql[i..(close + 1)];
                        if (tag.Length == 2 || tag[1..^1].All(ch => char.IsLetterOrDigit(ch) || ch == '_'))
                        {
                            var stop = sql.IndexOf(tag, close + 1, StringComparison.Ordinal);
                            i = stop < 0 ? sql.Length : stop + tag.Length - 1;
                        }
                    }
                    break;
                case ';':
                    return i;
            }
        }
        return null;
    }
}
