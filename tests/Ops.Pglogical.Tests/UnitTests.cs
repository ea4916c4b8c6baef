using Ops.Pglogical;
using Ops.Pglogical.Connection;
using Ops.Pglogical.Planning;
using Ops.Pglogical.Sql;
using Xunit;

namespace Ops.Pglogical.Tests;

public class SqlTextTests
{
    [Theory]
    [InlineData("orders", "orders")]
    [InlineData("Orders", "\"Orders\"")]
    [InlineData("order items", "\"order items\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("v1.2", "\"v1.2\"")]
    [InlineData("événements", "\"événements\"")]
    [InlineData("user", "\"user\"")]
    [InlineData("select", "\"select\"")]
    [InlineData("1abc", "\"1abc\"")]
    [InlineData("_x9", "_x9")]
    public void Identifiers_are_quoted_only_when_PostgreSQL_would_not_read_them_back(string name, string expected) =>
        Assert.Equal(expected, SqlText.Ident(name));

    [Fact]
    public void Literals_double_single_quotes_and_keep_backslashes()
    {
        Assert.Equal("'it''s'", SqlText.Literal("it's"));
        Assert.Equal(@"'a\b'", SqlText.Literal(@"a\b"));
        Assert.Equal("NULL", SqlText.Literal(null));
        Assert.Throws<ArgumentException>(() => SqlText.Literal("a\0b"));
    }

    [Fact]
    public void Regclass_literal_quotes_the_name_then_the_literal()
    {
        Assert.Equal("'\"Sales Dept\".\"O''Brien \"\"x\"\"\"'::regclass", SqlText.RegClass("Sales Dept", "O'Brien \"x\""));
        Assert.Equal("'public.orders'::regclass", SqlText.RegClass("public", "orders"));
    }

    [Fact]
    public void Text_arrays_quote_each_element() =>
        Assert.Equal("ARRAY['id', 'Full Name', 'it''s']::text[]", SqlText.TextArray(new[] { "id", "Full Name", "it's" }));
}

public class ConnectionSettingsTests
{
    private static readonly Dictionary<string, string> NoEnv = new();

    [Fact]
    public void Parses_libpq_key_value_with_quoted_values()
    {
        var s = PgConnectionSettings.Parse(@"host=db.example port=6543 dbname='my db' user=ops password='p\'w d'", NoEnv);
        Assert.Equal("db.example", s.Host);
        Assert.Equal(6543, s.Port);
        Assert.Equal("my db", s.Database);
        Assert.Equal("ops", s.User);
        Assert.Equal("p'w d", s.Password);
    }

    [Fact]
    public void Parses_uris_with_percent_encoding_and_ipv6()
    {
        var s = PgConnectionSettings.Parse("postgresql://ops:s%40cret@[::1]:5433/app%20db?sslmode=disable&application_name=x", NoEnv);
        Assert.Equal("::1", s.Host);
        Assert.Equal(5433, s.Port);
        Assert.Equal("app db", s.Database);
        Assert.Equal("ops", s.User);
        Assert.Equal("s@cret", s.Password);
        Assert.Equal("disable", s.SslMode);
    }

    [Fact]
    public void Parses_npgsql_strings()
    {
        var s = PgConnectionSettings.Parse("Host=h;Port=7000;Database=d;Username=u;Password=pw", NoEnv);
        Assert.Equal(("h", 7000, "d", "u", "pw"), (s.Host, s.Port, s.Database, s.User, s.Password));
    }

    [Fact]
    public void Environment_fills_what_the_string_leaves_out()
    {
        var env = new Dictionary<string, string> { ["PGHOST"] = "envhost", ["PGPORT"] = "5499", ["PGUSER"] = "envuser", ["PGPASSWORD"] = "envpw", ["PGDATABASE"] = "envdb" };
        var s = PgConnectionSettings.Parse("dbname=explicit", env);
        Assert.Equal(("envhost", 5499, "explicit", "envuser", "envpw"), (s.Host, s.Port, s.Database, s.User, s.Password));
        var onlyEnv = PgConnectionSettings.Parse(null, env);
        Assert.Equal("envdb", onlyEnv.Database);
    }

    [Fact]
    public void A_saved_inventory_that_is_not_one_is_refused_with_its_place()
    {
        // Any JSON object deserializes (to an empty inventory), which used to be planned as database "" with three problems.
        var e = Assert.Throws<PglogicalException>(() => Ops.Pglogical.Output.PlanText.InventoryFromJson("{ \"x\": 1 }", "other.json", "--inventory"));
        Assert.Equal("--inventory other.json is not an inventory: it names no database", e.Problem);
        Assert.Contains("ops pglogical inventory --json", e.Fix);
        // Malformed JSON: the place 1-based, the column in characters (é is two bytes in UTF-8).
        e = Assert.Throws<PglogicalException>(() => Ops.Pglogical.Output.PlanText.InventoryFromJson(
            "{\n  \"Database\": \"shop\",\n  \"Relations\": [ { \"Name\": \"é\" x } ]\n}", "broken.json", "--inventory"));
        Assert.StartsWith("broken.json:3:32: --inventory is not an inventory: malformed JSON ('x' is invalid after a value", e.Problem);
    }

    [Fact]
    public void Passwords_never_appear_in_what_is_shown()
    {
        var s = PgConnectionSettings.Parse("host=h user=u password=TopSecret1 dbname=d", NoEnv);
        Assert.DoesNotContain("TopSecret1", s.Display);
        Assert.DoesNotContain("TopSecret1", s.ToString());
        Assert.Contains("password=********", s.Display);
        Assert.Contains("TopSecret1", s.ToNpgsql());
        Assert.Equal("host=h dbname=d password=********", PgConnectionSettings.MaskText("host=h dbname=d password=TopSecret1"));
        Assert.Equal("host=h password=******** x", PgConnectionSettings.MaskText(@"host=h password='Top\'Secret 1' x"));
        Assert.Equal("Host=h;Password=********;Port=1", PgConnectionSettings.MaskText("Host=h;Password=TopSecret1;Port=1"));
        Assert.Equal("postgresql://u:********@h/db", PgConnectionSettings.MaskText("postgresql://u:TopSecret1@h/db"));
        // Npgsql's other keywords for the password, and a misspelling a user may type.
        Assert.Equal("Host=h;PWD=********;Port=1", PgConnectionSettings.MaskText("Host=h;PWD=TopSecret1;Port=1"));
        Assert.Equal("Host=h;psw=********", PgConnectionSettings.MaskText("Host=h;psw=TopSecret1"));
        Assert.Equal("host=h passwd=******** x", PgConnectionSettings.MaskText("host=h passwd=TopSecret1 x"));
        Assert.Equal("Host=h;Password=********;Port=1", PgConnectionSettings.MaskText("Host=h;Password=\"Top;Secret\"\"1\";Port=1"));
        Assert.Equal("Host=h;Pwdx=1", PgConnectionSettings.MaskText("Host=h;Pwdx=1"));
    }

    [Theory]
    [InlineData("host=h port=abc", "port")]
    [InlineData("host=h colour=blue", "unknown connection keyword 'colour'")]
    [InlineData("host=h dbname='unclosed", "not closed")]
    [InlineData("host", "has no value")]
    public void Bad_strings_name_the_problem(string text, string expected)
    {
        var e = Assert.Throws<PglogicalException>(() => PgConnectionSettings.Parse(text, NoEnv));
        Assert.Contains(expected, e.Problem);
        Assert.NotNull(e.Fix);
    }
}

public class NamePatternTests
{
    [Fact]
    public void Unquoted_parts_fold_to_lower_case_and_quoted_parts_are_exact()
    {
        var p = NamePattern.Parse("Public.Orders");
        Assert.True(p.Matches("public", "orders"));
        Assert.False(p.Matches("public", "Orders"));
        var q = NamePattern.Parse("\"Sales Dept\".\"Order \"\"Items\"\"\"");
        Assert.True(q.Matches("Sales Dept", "Order \"Items\""));
        Assert.False(q.Matches("sales dept", "order \"items\""));
    }

    [Fact]
    public void Wildcards_and_schema_only_patterns()
    {
        Assert.True(NamePattern.Parse("public.ord*").Matches("public", "orders_2024"));
        Assert.True(NamePattern.Parse("*.events").Matches("audit", "events"));
        Assert.True(NamePattern.Parse("p?blic.x").Matches("public", "x"));
        var schema = NamePattern.Parse("audit");
        Assert.True(schema.NamesSchemaOnly);
        Assert.True(schema.Matches("audit", "anything"));
        Assert.False(schema.Matches("public", "audit"));
    }

    [Fact]
    public void Dots_inside_quotes_are_part_of_the_name_and_wildcards_inside_quotes_are_literal()
    {
        var p = NamePattern.Parse("public.\"v1.2*\"");
        Assert.True(p.Matches("public", "v1.2*"));
        Assert.False(p.Matches("public", "v1.2x"));
    }

    [Theory]
    [InlineData("a.b.c", "more than one dot")]
    [InlineData("\"open", "unclosed")]
    [InlineData("my table", "space")]
    [InlineData("a.", "empty part")]
    public void Malformed_patterns_say_how_to_write_them(string text, string expected)
    {
        var e = Assert.Throws<PglogicalException>(() => NamePattern.Parse(text));
        Assert.Contains(expected, e.Problem);
    }
}

public class RulesFileTests
{
    [Fact]
    public void Reads_the_spreadsheet_as_csv_with_quoted_fields()
    {
        var rules = RulesFile.Parse(
            "schema,table,set,row_filter,columns,synchronize_data,writes\r\n" +
            "public,orders,,\"region = 'eu', or not\",\"id,\"\"Full Name\"\"\",false,\"insert,update\"\n" +
            "Sales Dept,\"Order \"\"Items\"\"\",custom,,,,\n" +
            ",,,,,,\n", "rules.csv");
        Assert.Equal(2, rules.Count);
        Assert.True(rules[0].Pattern.Matches("public", "orders"));
        Assert.Equal("region = 'eu', or not", rules[0].RowFilter);
        Assert.Equal(new[] { "id", "Full Name" }, rules[0].Columns);
        Assert.False(rules[0].SynchronizeData);
        Assert.Equal(new HashSet<string> { "INSERT", "UPDATE" }, rules[0].Writes);
        Assert.Null(rules[0].Set);
        Assert.True(rules[1].Pattern.Matches("Sales Dept", "Order \"Items\""));
        Assert.Equal("custom", rules[1].Set);
        Assert.Equal("rules.csv line 3", rules[1].Source);
    }

    [Theory]
    [InlineData("schema,tbl\n", "unknown column 'tbl'")]
    [InlineData("schema,set\npublic,x\n", "needs 'schema' and 'table'")]
    [InlineData("schema,table\npublic,\"open\n", "not closed")]
    [InlineData("schema,table,writes\npublic,t,upsert\n", "not an operation")]
    public void Bad_files_name_the_line_and_the_fix(string text, string expected)
    {
        var e = Assert.Throws<PglogicalException>(() => RulesFile.Parse(text, "rules.csv"));
        Assert.Contains(expected, e.Problem);
    }

    [Fact]
    public void Column_lists_fold_unquoted_names()
    {
        Assert.Equal(new[] { "id", "Name", "a,b" }, PlanOptions.ParseColumnList("ID, \"Name\", \"a,b\"", "test"));
        Assert.Throws<PglogicalException>(() => PlanOptions.ParseColumnList("a,,b", "test"));
    }
}
