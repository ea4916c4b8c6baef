using Ops.Tla.Checking;
using Ops.Tla.Semantics;
using Ops.Tla.Values;
using Xunit;

namespace Ops.Tla.Tests.Library;

/// <summary>The checker as a library: a model checked from text in memory (modules by name, the configuration as
/// text), with constants bound as values.</summary>
public class InMemoryModelTests
{
    private const string Queue = """
        ---- MODULE Queue ----
        EXTENDS Naturals, Sequences, Bounds
        CONSTANTS Items, Limit
        VARIABLE q
        Init == q = <<>>
        Put(x) == Len(q) < Limit /\ q' = Append(q, x)
        Take == q /= <<>> /\ q' = Tail(q)
        Next == (\E x \in Items : Put(x)) \/ Take
        Bounded == WithinBound(Len(q))
        ====
        """;

    private const string Bounds = """
        ---- MODULE Bounds ----
        EXTENDS Naturals
        CONSTANT Limit
        WithinBound(n) == n < Limit
        ====
        """;

    private static readonly Dictionary<string, string> Others = new() { ["Bounds"] = Bounds };

    [Fact]
    public void A_model_in_memory_extends_a_module_in_memory_and_standard_modules()
    {
        var r = ModelChecker.Check(ModelSource.FromText("Queue", Queue, "CONSTANTS Items = {\"a\", \"b\"} Limit = 2\nINIT Init\nNEXT Next\nINVARIANT Bounded\n", Others));
        // Len(q) reaches Limit: the invariant is violated after two Puts.
        Assert.Equal(ExitStatus.SafetyViolation, r.ExitStatus);
        Assert.Equal("Bounded", r.Violation.Property);
        Assert.Equal(3, r.Trace.Count);
        Assert.Equal("Queue.tla", r.SpecPath);
        Assert.Equal("Queue.cfg", r.ConfigPath);
        Assert.True(r.ModelLoaded);
    }

    [Fact]
    public void The_same_model_from_files_gives_the_same_result()
    {
        const string cfg = "CONSTANTS Items = {\"a\", \"b\"} Limit = 3\nINIT Init\nNEXT Next\n";
        var memory = ModelChecker.Check(ModelSource.FromText("Queue", Queue, cfg, Others));
        var files = Checking.InlineSpec.Check("Queue", Queue, cfg, ("Bounds.tla", Bounds));
        Assert.Equal(ExitStatus.Success, memory.ExitStatus);
        Assert.Equal(files.ExitStatus, memory.ExitStatus);
        Assert.Equal(files.DistinctStates, memory.DistinctStates);
        Assert.Equal(files.StatesGenerated, memory.StatesGenerated);
        Assert.Equal(15, memory.DistinctStates); // sequences of length 0..2 over {a, b}: 1 + 2 + 4 + 8
    }

    [Fact]
    public void A_module_in_memory_is_instantiated_with_its_parameters()
    {
        const string root = """
            ---- MODULE Counter ----
            EXTENDS Naturals
            VARIABLE x
            B == INSTANCE Bounds WITH Limit <- 3
            Init == x = 0
            Next == x' = x + 1
            Safe == B!WithinBound(x)
            ====
            """;
        var r = ModelChecker.Check(ModelSource.FromText("Counter", root, "INIT Init\nNEXT Next\nINVARIANT Safe\n", Others));
        Assert.Equal(ExitStatus.SafetyViolation, r.ExitStatus);
        Assert.Equal(4, r.Trace.Count); // x = 0, 1, 2, 3
    }

    [Fact]
    public void A_model_from_files_goes_through_the_same_source()
    {
        var dir = Path.Combine(Path.GetTempPath(), "ops-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            File.WriteAllText(Path.Combine(dir, "Queue.tla"), Queue);
            File.WriteAllText(Path.Combine(dir, "Bounds.tla"), Bounds);
            File.WriteAllText(Path.Combine(dir, "small.cfg"), "CONSTANTS Items = {1} Limit = 1\nINIT Init\nNEXT Next\n");
            var r = ModelChecker.Check(ModelSource.FromFile(Path.Combine(dir, "Queue.tla"), Path.Combine(dir, "small.cfg")));
            Assert.Equal(ExitStatus.Success, r.ExitStatus);
            Assert.Equal(Path.Combine(dir, "Queue.tla"), r.SpecPath);
            // The same modules with a configuration in memory.
            var memory = ModelChecker.Check(ModelSource.FromText("Queue", new DirectoryModuleSource(new[] { dir }), "CONSTANTS Items = {1} Limit = 2\nINIT Init\nNEXT Next\nINVARIANT Bounded\n"));
            Assert.Equal(ExitStatus.SafetyViolation, memory.ExitStatus);
            var missing = ModelChecker.Check(ModelSource.FromFile(Path.Combine(dir, "Nothing.tla")));
            Assert.Equal(ExitStatus.ParseError, missing.ExitStatus);
            Assert.Contains("Nothing.tla", missing.Violation.Message);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void A_parse_error_in_a_module_in_memory_names_the_module_line_and_column()
    {
        var broken = "---- MODULE Bounds ----\nEXTENDS Naturals\nCONSTANT Limit\nWithinBound(n) == n < \n====\n";
        var r = ModelChecker.Check(ModelSource.FromText("Queue", Queue, "CONSTANTS Items = {1} Limit = 2\nINIT Init\nNEXT Next\n",
            new Dictionary<string, string> { ["Bounds"] = broken }));
        Assert.Equal(ExitStatus.ParseError, r.ExitStatus);
        Assert.Equal(ViolationKind.Parse, r.Violation.Kind);
        Assert.StartsWith("Bounds.tla:5:1", r.Violation.Location);
    }

    [Fact]
    public void A_module_missing_from_memory_is_a_parse_error_that_names_it()
    {
        var r = ModelChecker.Check(ModelSource.FromText("Queue", Queue, "CONSTANTS Items = {1} Limit = 2\nINIT Init\nNEXT Next\n"));
        Assert.Equal(ExitStatus.ParseError, r.ExitStatus);
        Assert.Contains("Bounds", r.Violation.Message);
        Assert.StartsWith("Queue.tla:2:", r.Violation.Location);
    }

    [Fact]
    public void An_error_in_the_configuration_text_names_the_configuration()
    {
        var r = ModelChecker.Check(ModelSource.FromText("Queue", Queue, "CONSTANTS Items = {1} Limit = 2\nINIT Init\nNEXT Nxt\n", Others));
        Assert.Equal(ExitStatus.ConfigError, r.ExitStatus);
        Assert.StartsWith("Queue.cfg:3:", r.Violation.Location);
    }

    [Fact]
    public void Constants_bound_as_values_give_the_result_of_the_same_constants_in_the_configuration()
    {
        const string spec = """
            ---- MODULE Bind ----
            EXTENDS Naturals, Sequences
            CONSTANTS Names, N, Flag, Pair, Nil
            VARIABLES who, n
            Init == who = Nil /\ n = 0
            Next == \/ \E x \in Names : who' = x /\ n' = (n + 1) % N
                    \/ Flag /\ who' = Pair[2] /\ UNCHANGED n
            NotBoth == ~(who = "b" /\ n = N - 1)
            ====
            """;
        const string behaviour = "INIT Init\nNEXT Next\nINVARIANT NotBoth\n";
        var text = ModelChecker.Check(ModelSource.FromText("Bind", spec,
            "CONSTANTS Names = {\"a\", \"b\", \"c\"} N = 3 Flag = TRUE Nil = Nil\n" + behaviour),
            new CheckOptions { ConstantValues = { ["Pair"] = new Ops.Tla.Config.CfgTuple(new() { new Ops.Tla.Config.CfgInt(1, default), new Ops.Tla.Config.CfgString("c", default) }, default) } });
        var values = ModelChecker.Check(ModelSource.FromText("Bind", spec, behaviour), new CheckOptions
        {
            Constants =
            {
                ["Names"] = TlaValue.Set("a", "b", "c"),
                ["N"] = TlaValue.Of(3),
                ["Flag"] = TlaValue.Of(true),
                ["Pair"] = TlaValue.Of((1, "c")),
                ["Nil"] = TlaValue.ModelValue("Nil"),
            },
        });
        Assert.Equal(ExitStatus.SafetyViolation, text.ExitStatus);
        Assert.Equal(text.ExitStatus, values.ExitStatus);
        Assert.Equal(text.StatesGenerated, values.StatesGenerated);
        Assert.Equal(text.DistinctStates, values.DistinctStates);
        Assert.Equal(Show(text), Show(values));
    }

    [Fact]
    public void Records_and_functions_bind_as_values_equal_to_their_TLA_text()
    {
        // A .cfg cannot write a record or a function: the reference is the same values defined in the module.
        const string body = """
            VARIABLE at
            Init == at = Start
            Next == at' = [at EXCEPT !.count = (@ + 1) % Limits[at.name]]
            Small == at.count < 4
            ====
            """;
        const string cfg = "INIT Init\nNEXT Next\nINVARIANT Small\n";
        var defined = ModelChecker.Check(ModelSource.FromText("Rec",
            "---- MODULE Rec ----\nEXTENDS Naturals\nLimits == [x |-> 5, y |-> 2]\nStart == [name |-> \"x\", count |-> 0]\n" + body, cfg));
        var bound = ModelChecker.Check(ModelSource.FromText("Rec", "---- MODULE Rec ----\nEXTENDS Naturals\nCONSTANTS Limits, Start\n" + body, cfg),
            new CheckOptions
            {
                Constants =
                {
                    ["Limits"] = TlaValue.Of(new Dictionary<string, int> { ["y"] = 2, ["x"] = 5 }),
                    ["Start"] = TlaValue.Record(("name", "x"), ("count", 0)),
                },
            });
        Assert.True(ExitStatus.SafetyViolation == defined.ExitStatus, defined.Violation?.Message);
        Assert.Equal(ExitStatus.SafetyViolation, bound.ExitStatus);
        Assert.Equal(defined.DistinctStates, bound.DistinctStates);
        Assert.Equal(defined.Trace.Count, bound.Trace.Count);
        // The same records, whose fields each model prints in its own string order.
        for (int i = 0; i < defined.Trace.Count; i++) Assert.Equal(Fields(defined.Trace[i].Values[0]), Fields(bound.Trace[i].Values[0]));
        Assert.Equal("count = 4, name = \"x\"", Fields(bound.Trace[^1].Values[0]));
    }

    [Fact]
    public void Dotnet_data_becomes_the_TLA_value_of_its_shape()
    {
        Assert.Equal(TlaValue.Set(1, 2), TlaValue.Of(new HashSet<int> { 2, 1 }));
        Assert.Equal(TlaValue.Seq(2, 1), TlaValue.Of(new List<int> { 2, 1 }));
        Assert.Equal(TlaValue.Seq("a", true), TlaValue.Of(("a", true)));
        Assert.Equal(TlaValue.Record(("a", 1)), TlaValue.Of(new Dictionary<string, object> { ["a"] = 1 }));
        Assert.Equal(TlaValue.Function(new Dictionary<int, string> { [1] = "x", [3] = "y" }), TlaValue.Of(new Dictionary<int, string> { [3] = "y", [1] = "x" }));
        Assert.Equal("<<1, 2>>", TlaValue.Of(new[] { 1, 2 }).ToString());
        Assert.Throws<ArgumentNullException>(() => TlaValue.Of(null));
        Assert.Throws<ArgumentException>(() => TlaValue.Of(1.5));
    }

    [Fact]
    public void A_value_for_a_name_the_spec_does_not_declare_is_a_configuration_error()
    {
        var r = ModelChecker.Check(ModelSource.FromText("Queue", Queue, "INIT Init\nNEXT Next\n", Others), new CheckOptions
        {
            Constants = { ["Items"] = TlaValue.Set(1), ["Limit"] = TlaValue.Of(1), ["Limt"] = TlaValue.Of(2) },
        });
        Assert.Equal(ExitStatus.ConfigError, r.ExitStatus);
        Assert.Contains("Limt", r.Violation.Message);
    }

    [Fact]
    public void Modules_are_found_through_one_source_whatever_it_is()
    {
        var source = ModuleSources.Chain(new InMemoryModuleSource().Add("Bounds", Bounds), new InMemoryModuleSource().Add("Queue", Queue));
        var r = ModelChecker.Check(ModelSource.FromText("Queue", source, "INIT Init\nNEXT Next\n", "queue-model.cfg"),
            new CheckOptions { Constants = { ["Items"] = TlaValue.Set(1), ["Limit"] = TlaValue.Of(1) } });
        Assert.Equal(ExitStatus.Success, r.ExitStatus);
        Assert.Equal("queue-model.cfg", r.ConfigPath);
        Assert.Equal(2, r.DistinctStates);
    }

    private static string Fields(Value record)
    {
        var f = ((FcnBase)record).ToFcn();
        return string.Join(", ", f.Keys.Select((k, i) => $"{((StringValue)k).S} = {f.Vals[i]}").Order(StringComparer.Ordinal));
    }

    private static string Show(CheckResult r) => string.Join("\n", r.Trace.Select(s => string.Join(", ", s.Variables.Zip(s.Values, (n, v) => $"{n} = {v}"))));
}
