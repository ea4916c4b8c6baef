using System.Collections;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Npgsql;

namespace Ops.Pglogical.Connection;

/// <summary>Where to connect: parsed from a libpq key/value string (<c>host=db port=5432 dbname='my db'</c>), a
/// <c>postgresql://</c> URI or an Npgsql string (<c>Host=db;Port=5432</c>), with the standard PG* environment
/// variables (of the environment the caller passes) (PGHOST, PGPORT, PGDATABASE, PGUSER, PGPASSWORD, PGPASSFILE, PGSSLMODE, PGAPPNAME,
/// PGCONNECT_TIMEOUT) filling what the string leaves out. The password is never part of
/// <see cref="ToString"/> or <see cref="Display"/>.</summary>
public sealed class PgConnectionSettings
{
    public string Host { get; set; }
    public int? Port { get; set; }
    public string Database { get; set; }
    public string User { get; set; }
    public string Password { get; set; }
    public string Passfile { get; set; }
    public string SslMode { get; set; }
    public string ApplicationName { get; set; }
    public int? ConnectTimeout { get; set; }

    private static readonly string[] LibpqKeywords =
        { "host", "hostaddr", "port", "dbname", "user", "password", "passfile", "sslmode", "application_name", "connect_timeout" };

    /// <summary>Parses <paramref name="text"/> (null or empty: environment only) and fills the gaps from the PG*
    /// variables of <paramref name="environment"/>, which the caller passes (the CLI and the cmdlets: the process's;
    /// the library reads no environment of its own); null: none.</summary>
    public static PgConnectionSettings Parse(string text, IDictionary environment)
    {
        var s = new PgConnectionSettings();
        if (!string.IsNullOrWhiteSpace(text))
        {
            var t = text.Trim();
            if (t.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase) || t.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase))
                s.ParseUri(t);
            else if (LooksLikeNpgsql(t))
                s.ParseNpgsql(t);
            else
                s.ParseKeyValue(t);
        }
        if (environment != null) s.FillFromEnvironment(environment);
        return s;
    }

    private static bool LooksLikeNpgsql(string t)
    {
        // libpq separates pairs with whitespace and has no ';' outside quotes; Npgsql uses ';'.
        bool quoted = false;
        for (int i = 0; i < t.Length; i++)
        {
            var c = t[i];
            if (c == '\\' && quoted) { i++; continue; }
            if (c == '\'') quoted = !quoted;
            else if (c == ';' && !quoted) return true;
        }
        // "Host=x" alone: a capitalised Npgsql key that libpq does not know.
        var m = Regex.Match(t, @"^\s*([A-Za-z ]+?)\s*=");
        return m.Success && !LibpqKeywords.Contains(m.Groups[1].Value);
    }

    private void Set(string key, string value, string source)
    {
        switch (key)
        {
            case "host": case "hostaddr": Host = value; break;
            case "port":
                if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var p) || p is < 1 or > 65535)
                    throw new PglogicalException("connection", $"the port '{value}' in {source} is not a port number", "give a number from 1 to 65535, e.g. port=5432");
                Port = p;
                break;
            case "dbname": Database = value; break;
            case "user": User = value; break;
            case "password": Password = value; break;
            case "passfile": Passfile = value; break;
            case "sslmode": SslMode = value; break;
            case "application_name": ApplicationName = value; break;
            case "connect_timeout":
                if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var ct))
                    throw new PglogicalException("connection", $"connect_timeout '{value}' in {source} is not a number of seconds", "e.g. connect_timeout=10");
                ConnectTimeout = ct;
                break;
            default:
                throw new PglogicalException("connection", $"unknown connection keyword '{key}' in {source}",
                    "use libpq keywords: " + string.Join(", ", LibpqKeywords));
        }
    }

    /// <summary>libpq's keyword = value format: values bare or in single quotes, with \' and \\ escapes.</summary>
    private void ParseKeyValue(string t)
    {
        int i = 0;
        const string source = "the connection string";
        while (true)
        {
            while (i < t.Length && char.IsWhiteSpace(t[i])) i++;
            if (i >= t.Length) break;
            int start = i;
            while (i < t.Length && t[i] != '=' && !char.IsWhiteSpace(t[i])) i++;
            var key = t[start..i];
            while (i < t.Length && char.IsWhiteSpace(t[i])) i++;
            if (i >= t.Length || t[i] != '=')
                throw new PglogicalException("connection", $"'{key}' in {source} has no value (expected keyword=value)",
                    "write the connection as keyword=value pairs, e.g. \"host=db.example port=5432 dbname=app user=ops\", or a postgresql:// URI");
            i++;
            while (i < t.Length && char.IsWhiteSpace(t[i])) i++;
            var value = new StringBuilder();
            if (i < t.Length && t[i] == '\'')
            {
                i++;
                bool closed = false;
                while (i < t.Length)
                {
                    var c = t[i++];
                    if (c == '\\' && i < t.Length) { value.Append(t[i++]); continue; }
                    if (c == '\'') { closed = true; break; }
                    value.Append(c);
                }
                if (!closed)
                    throw new PglogicalException("connection", $"the quoted value of '{key}' in {source} is not closed", "close it with a single quote; write \\' for a quote inside it");
            }
            else
            {
                while (i < t.Length && !char.IsWhiteSpace(t[i]))
                {
                    var c = t[i++];
                    if (c == '\\' && i < t.Length) c = t[i++];
                    value.Append(c);
                }
            }
            Set(key, value.ToString(), source);
        }
    }

    /// <summary>postgresql://user:password@host:port/dbname?param=value, percent-encoded.</summary>
    private void ParseUri(string t)
    {
        var rest = t[(t.IndexOf("://", StringComparison.Ordinal) + 3)..];
        string query = null;
        var q = rest.IndexOf('?');
        if (q >= 0) { query = rest[(q + 1)..]; rest = rest[..q]; }
        var slash = rest.IndexOf('/');
        string path = null;
        if (slash >= 0) { path = rest[(slash + 1)..]; rest = rest[..slash]; }
        var at = rest.LastIndexOf('@');
        if (at >= 0)
        {
            var userinfo = rest[..at];
            rest = rest[(at + 1)..];
            var colon = userinfo.IndexOf(':');
            if (colon >= 0)
            {
                User = Decode(userinfo[..colon]);
                Password = Decode(userinfo[(colon + 1)..]);
            }
            else User = Decode(userinfo);
        }
        if (rest.Length > 0)
        {
            string host = rest, port = null;
            if (rest.StartsWith('['))
            {
                var close = rest.IndexOf(']');
                if (close < 0) throw new PglogicalException("connection", "the IPv6 host in the connection URI has no closing ']'", "write it as postgresql://[::1]:5432/db");
                host = rest[1..close];
                if (close + 1 < rest.Length && rest[close + 1] == ':') port = rest[(close + 2)..];
            }
            else
            {
                var colon = rest.LastIndexOf(':');
                if (colon >= 0 && !rest.Contains(',')) { host = rest[..colon]; port = rest[(colon + 1)..]; }
            }
            if (host.Length > 0) Host = Decode(host);
            if (!string.IsNullOrEmpty(port)) Set("port", port, "the connection URI");
        }
        if (!string.IsNullOrEmpty(path)) Database = Decode(path);
        if (query != null)
            foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
            {
                var eq = pair.IndexOf('=');
                if (eq < 0) throw new PglogicalException("connection", $"'{pair}' in the connection URI's query has no value", "write ?param=value");
                Set(Decode(pair[..eq]), Decode(pair[(eq + 1)..]), "the connection URI");
            }
    }

    private static string Decode(string s) => Uri.UnescapeDataString(s);

    private void ParseNpgsql(string t)
    {
        NpgsqlConnectionStringBuilder b;
        try { b = new NpgsqlConnectionStringBuilder(t); }
        catch (ArgumentException e)
        {
            throw new PglogicalException("connection", "the connection string is not valid: " + MaskText(e.Message),
                "write it as libpq keyword=value pairs (\"host=db port=5432 dbname=app user=ops\"), a postgresql:// URI, or Npgsql's Host=...;Port=...");
        }
        Host = b.Host;
        if (b.TryGetValue("Port", out var port) && port != null && t.Contains("port", StringComparison.OrdinalIgnoreCase)) Port = b.Port;
        Database = b.Database;
        User = b.Username;
        Password = b.Password;
        Passfile = b.Passfile;
        if (t.Contains("ssl", StringComparison.OrdinalIgnoreCase)) SslMode = b.SslMode.ToString();
        ApplicationName = b.ApplicationName;
        if (t.Contains("timeout", StringComparison.OrdinalIgnoreCase)) ConnectTimeout = b.Timeout;
    }

    private void FillFromEnvironment(IDictionary env)
    {
        string Env(string name) => env.Contains(name) ? env[name] as string : null;
        Host ??= NullIfEmpty(Env("PGHOST")) ?? NullIfEmpty(Env("PGHOSTADDR"));
        if (Port == null && NullIfEmpty(Env("PGPORT")) is { } p) Set("port", p, "PGPORT");
        Database ??= NullIfEmpty(Env("PGDATABASE"));
        User ??= NullIfEmpty(Env("PGUSER"));
        Password ??= NullIfEmpty(Env("PGPASSWORD"));
        Passfile ??= NullIfEmpty(Env("PGPASSFILE"));
        SslMode ??= NullIfEmpty(Env("PGSSLMODE"));
        ApplicationName ??= NullIfEmpty(Env("PGAPPNAME"));
        if (ConnectTimeout == null && NullIfEmpty(Env("PGCONNECT_TIMEOUT")) is { } ct) Set("connect_timeout", ct, "PGCONNECT_TIMEOUT");
    }

    private static string NullIfEmpty(string s) => string.IsNullOrEmpty(s) ? null : s;

    public PgConnectionSettings Clone() => (PgConnectionSettings)MemberwiseClone();

    /// <summary>The same server and credentials, another database.</summary>
    public PgConnectionSettings WithDatabase(string database)
    {
        var c = Clone();
        c.Database = database;
        return c;
    }

    public string EffectiveHost => Host ?? "localhost";
    public int EffectivePort => Port ?? 5432;
    public string EffectiveUser => User ?? Environment.UserName;
    public string EffectiveDatabase => Database ?? EffectiveUser;

    /// <summary>The Npgsql connection string (with the password: never print it).</summary>
    public string ToNpgsql()
    {
        var b = new NpgsqlConnectionStringBuilder
        {
            Host = EffectiveHost,
            Port = EffectivePort,
            Username = EffectiveUser,
            Database = EffectiveDatabase,
            ApplicationName = ApplicationName ?? "ops-pglogical",
            Timeout = ConnectTimeout is > 0 ? ConnectTimeout.Value : 15,
            // Every call is short; planning reads the catalog, apply is one transaction.
            Pooling = false,
            IncludeErrorDetail = true,
        };
        if (Password != null) b.Password = Password;
        if (Passfile != null) b.Passfile = Passfile;
        if (SslMode != null)
        {
            if (!Enum.TryParse<SslMode>(SslMode.Replace("-", ""), ignoreCase: true, out var mode))
                throw new PglogicalException("connection", $"unknown sslmode '{SslMode}'", "use disable, allow, prefer, require, verify-ca or verify-full");
            b.SslMode = mode;
        }
        return b.ConnectionString;
    }

    /// <summary>A libpq key/value string (for pglogical node DSNs): with the password only when asked.</summary>
    public string ToLibpq(bool includePassword)
    {
        var parts = new List<string>
        {
            "host=" + LibpqValue(EffectiveHost),
            "port=" + EffectivePort.ToString(CultureInfo.InvariantCulture),
            "dbname=" + LibpqValue(EffectiveDatabase),
            "user=" + LibpqValue(EffectiveUser),
        };
        if (Password != null) parts.Add("password=" + (includePassword ? LibpqValue(Password) : Masked));
        if (SslMode != null) parts.Add("sslmode=" + LibpqValue(SslMode));
        return string.Join(' ', parts);
    }

    /// <summary>What to show people: host, port, database, user; the password as ********.</summary>
    public string Display => ToLibpq(includePassword: false);

    public override string ToString() => Display;

    public const string Masked = "********";

    public static string LibpqValue(string v)
    {
        if (v.Length > 0 && v.All(c => !char.IsWhiteSpace(c) && c != '\'' && c != '\\')) return v;
        return "'" + v.Replace("\\", "\\\\").Replace("'", "\\'") + "'";
    }

    private static readonly Regex PasswordPattern = new(
        @"(?ix)
          (\b(?:password|passwd|pwd|psw)\s*=\s*)('(?:[^'\\]|\\.)*'|""(?:[^""]|"""")*""|[^\s;]*)   # libpq and Npgsql key=value (Npgsql's PWD/PSW too)
        | (postgres(?:ql)?://[^:/@\s]*:)([^@\s]*)(@)        # URI user:password@",
        RegexOptions.Compiled);

    /// <summary>Masks every password in free text (a DSN, an error message, a connection string).</summary>
    public static string MaskText(string text)
    {
        if (string.IsNullOrEmpty(text)) return text;
        return PasswordPattern.Replace(text, m => m.Groups[1].Success
            ? m.Groups[1].Value + Masked
            : m.Groups[3].Value + Masked + m.Groups[5].Value);
    }
}
