using Ops.Tla.Values;
using Xunit;
using static Ops.Tla.Tests.Builtins.V;

namespace Ops.Tla.Tests.Builtins;

public sealed class IOAndJsonTests : BuiltinTestBase, IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "ops-io-tests-" + Guid.NewGuid().ToString("N"));

    public IOAndJsonTests() => Directory.CreateDirectory(_dir);

    public void Dispose()
    {
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }

    private string F(string name) => Path.Combine(_dir, name);

    private static FcnValue TxtOptions(params string[] openOptions) =>
        Rec(("format", S("TXT")), ("charset", S("UTF-8")), ("openOptions", Tup(openOptions.Select(o => (Value)S(o)).ToArray())));

    [Fact]
    public void Atoi_parses_like_Java()
    {
        Assert.Equal(I(42), Call("IOUtils", "atoi", S("42")));
        Assert.Equal(I(-17), Call("IOUtils", "atoi", S("-17")));
        Assert.Equal(I(0), Call("IOUtils", "atoi", S("-0")));
        Assert.Equal(I(5), Call("IOUtils", "atoi", S("+5")));
        Assert.Equal("The argument of atoi should be a string, but instead it is:\n\"\"", Error("IOUtils", "atoi", S("")));
        Assert.Equal("The argument of atoi should be a string, but instead it is:\n\"foo\"", Error("IOUtils", "atoi", S("foo")));
        Assert.StartsWith("The argument of atoi should be a string", Error("IOUtils", "atoi", S("99999999999")));
        Assert.StartsWith("The argument of atoi should be a string", Error("IOUtils", "atoi", I(3)));
    }

    [Fact]
    public void ZeroPadN_pads_on_the_left()
    {
        Assert.Equal(S("00042"), Call("IOUtils", "zeroPadN", I(42), I(5)));
        Assert.Equal(S("123"), Call("IOUtils", "zeroPadN", I(123), I(3)));
        Assert.Equal(S("7"), Call("IOUtils", "zeroPadN", I(7), I(1)));
        Assert.Equal(S("0000"), Call("IOUtils", "zeroPadN", I(0), I(4)));
        Assert.Equal(S("999"), Call("IOUtils", "zeroPadN", I(999), I(2)));
        Assert.Equal(S("001000"), Call("IOUtils", "zeroPadN", I(1000), I(6)));
    }

    [Fact]
    public void IOEnv_is_a_record_of_the_environment_the_caller_passes()
    {
        const string Tla = "---- MODULE Env ----\nEXTENDS IOUtils\nVARIABLE x\nInit == x = IOEnv\nNext == UNCHANGED x\n";
        const string Cfg = "INIT Init\nNEXT Next\nCHECK_DEADLOCK FALSE\nINVARIANT Given\n";
        // The variables given, and no others (the library reads none of the process's own).
        var given = new Dictionary<string, string> { ["OPS_IOENV_TEST"] = "a value", ["EMPTY"] = "" };
        var r = Checking.InlineSpec.Check("Env", Tla + "Given == x = [OPS_IOENV_TEST |-> \"a value\", EMPTY |-> \"\"]\n====\n",
            Cfg, new Ops.Tla.Checking.CheckOptions { EnvironmentVariables = given });
        Assert.Equal(Ops.Tla.Checking.CheckOutcome.Success, r.Outcome);
        // Nothing given: the empty record, whatever the process's environment holds.
        r = Checking.InlineSpec.Check("Env", Tla + "Given == DOMAIN x = {}\n====\n", Cfg, new Ops.Tla.Checking.CheckOptions());
        Assert.Equal(Ops.Tla.Checking.CheckOutcome.Success, r.Outcome);
        // Outside a check: the empty record too.
        Assert.Empty(((FcnValue)Call("IOUtils", "IOEnv")).Vals);
    }

    [Fact]
    public void Text_serialization_round_trips()
    {
        var file = F("out.txt");
        var r = (FcnValue)Call("IOUtils", "Serialize", S("hello\nworld"), S(file), TxtOptions("WRITE", "CREATE", "TRUNCATE_EXISTING"));
        Assert.Equal("[exitValue |-> 0, stderr |-> \"\", stdout |-> \"Finish writting to the file with success!\"]", r.ToString());
        Assert.Equal("hello\nworld", File.ReadAllText(file));
        Call("IOUtils", "Serialize", S("!"), S(file), TxtOptions("APPEND"));
        Assert.Equal("hello\nworld!", File.ReadAllText(file));
        var back = (FcnValue)Call("IOUtils", "Deserialize", S(file), Rec(("format", S("TXT")), ("charset", S("UTF-8"))));
        Assert.Equal(I(0), back.Apply(S("exitValue")));
        Assert.Equal(S("hello\nworld!"), back.Apply(S("stdout")));

        var exists = (FcnValue)Call("IOUtils", "Serialize", S("x"), S(file), TxtOptions("CREATE_NEW", "WRITE"));
        Assert.Equal(I(1), exists.Apply(S("exitValue")));
        Assert.StartsWith("Serialize error writting to the file: java.nio.file.FileAlreadyExistsException", ((StringValue)exists.Apply(S("stderr"))).S);
        var missing = (FcnValue)Call("IOUtils", "Deserialize", S(F("nope.txt")), Rec(("format", S("TXT")), ("charset", S("UTF-8"))));
        Assert.Equal(I(1), missing.Apply(S("exitValue")));
        Assert.StartsWith("Deserialize error reading from the file: java.nio.file.NoSuchFileException", ((StringValue)missing.Apply(S("stderr"))).S);
        Assert.Contains("TXT", Error("IOUtils", "Serialize", S("x"), S(file), Rec(("format", S("CSV")))));
    }

    [Fact]
    public void Process_and_binary_operators_fail_clearly()
    {
        Assert.Contains("IOExec", Error("IOUtils", "IOExec", Tup(S("ls"))));
        Assert.Contains("external processes", Error("IOUtils", "IOExecTemplate", Tup(S("ls %s")), Tup(S("/"))));
        Assert.Contains("IOEnvExec", Error("IOUtils", "IOEnvExec", Rec(("A", S("1"))), Tup(S("ls"))));
        Assert.Contains("binary value format", Error("IOUtils", "IOSerialize", I(1), S(F("x.vos")), B(false)));
        Assert.Contains("binary value format", Error("IOUtils", "IODeserialize", S(F("x.vos")), B(false)));
    }

    [Fact]
    public void ToJson_encodes_as_TLCs_override()
    {
        Assert.Equal(S("{\"a\":1,\"b\":[\"x\",true]}"), Call("Json", "ToJson", Rec(("b", Tup(S("x"), B(true))), ("a", I(1)))));
        Assert.Equal(S("[1,2,3]"), Call("Json", "ToJson", Set(3, 1, 2)));
        Assert.Equal(S("[]"), Call("Json", "ToJson", Tup()));
        Assert.Equal(S("{\"1\":\"a\",\"3\":\"b\"}"), Call("Json", "ToJson", Fcn((I(1), S("a")), (I(3), S("b")))));
        Assert.Equal(S("[[1,2],{\"k\":-3}]"), Call("Json", "ToJson", Tup(Tup(1, 2), Rec(("k", I(-3))))));
        Assert.Equal(S("\"a\\\"b\\\\c\\n\\u0001<>\""), Call("Json", "ToJson", S("a\"b\\c\n\u0001<>")));
        Assert.Equal(S("\"m1\""), Call("Json", "ToJson", Host.GetModelValue("m1")));
        Assert.Equal(S("[1,2]"), Call("Json", "ToJsonArray", Tup(1, 2)));
        Assert.Equal(S("{\"0\":1,\"1\":2}"), Call("Json", "ToJsonObject", Tup(1, 2)));
        // A function with domain 1..n built as a function is written as an array (TLC's FcnRcdValue), a tuple as an object.
        Assert.Equal(S("[\"a\",\"b\"]"), Call("Json", "ToJsonObject", FcnValue.FromPairs(new Value[] { I(2), I(1) }, new Value[] { S("b"), S("a") })));
        Assert.Equal(S("[]"), Call("Json", "ToJsonObject", FcnValue.FromPairs(Array.Empty<Value>(), Array.Empty<Value>())));
        Assert.Equal(S("{}"), Call("Json", "ToJsonObject", Tup()));
        Assert.Equal(S("{\"a\":1}"), Call("Json", "ToJsonObject", Rec(("a", I(1)))));
        Assert.StartsWith("Cannot convert value", Error("Json", "ToJsonObject", S("s")));
        Assert.StartsWith("Cannot convert value", Error("Json", "ToJson", InfiniteSetValue.Nat));
    }

    [Fact]
    public void Json_files_round_trip()
    {
        var file = F(Path.Combine("sub", "trace.json"));
        var value = Tup(Rec(("x", I(1)), ("y", Tup(S("a"), B(false)))), Rec(("x", I(2)), ("y", Tup())));
        Assert.Equal(B(true), Call("Json", "JsonSerialize", S(file), value));
        // As CommunityModules' Json.serialize: the value as one compact JSON text.
        Assert.Equal("[{\"x\":1,\"y\":[\"a\",false]},{\"x\":2,\"y\":[]}]", File.ReadAllText(file));
        Assert.Equal(value, Call("Json", "JsonDeserialize", S(file)));

        var nd = F("trace.ndjson");
        Assert.Equal(B(true), Call("Json", "ndJsonSerialize", S(nd), value));
        Assert.Equal("{\"x\":1,\"y\":[\"a\",false]}\n{\"x\":2,\"y\":[]}\n", File.ReadAllText(nd));
        File.AppendAllText(nd, "\n   \n");
        Assert.Equal(value, Call("Json", "ndJsonDeserialize", S(nd)));

        File.WriteAllText(F("obj.json"), " {\"b\": 1, \"a\": [true, \"x\\u0041\"], \"b\": 2} ");
        Assert.Equal("[a |-> <<TRUE, \"xA\">>, b |-> 2]", Str("Json", "JsonDeserialize", S(F("obj.json"))));
        Assert.Equal("The second argument of JsonSerialize should be a sequence or record, but instead it is:\n{1}",
            Error("Json", "JsonSerialize", S(file), Set(1)));
        File.WriteAllText(F("bad.json"), "[1, 2");
        Assert.StartsWith("JsonDeserialize: malformed JSON", Error("Json", "JsonDeserialize", S(F("bad.json"))));
    }
}
