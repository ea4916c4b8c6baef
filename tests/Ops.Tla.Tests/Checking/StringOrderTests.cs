using Ops.Tla.Checking;
using Ops.Tla.Values;
using Xunit;

namespace Ops.Tla.Tests.Checking;

/// <summary>
/// TLC orders strings by when it first interned them, not alphabetically (see <see cref="StringOrder"/>). Every
/// expectation here is TLC's output (TLC 2026.04, -workers 1) for the same spec.
/// </summary>
public class StringOrderTests
{
    private const string Basics = @"---- MODULE S ----
EXTENDS TLC
VARIABLE x
Init == x = CHOOSE s \in {""zeta"", ""alpha""} : TRUE
Next == UNCHANGED x
ASSUME PrintT({""zeta"", ""alpha"", ""mid""})
ASSUME PrintT([zeta |-> 1, alpha |-> 2])
ASSUME PrintT(CHOOSE s \in {""zeta"", ""alpha""} : TRUE)
ASSUME PrintT({""Append"", ""zeta""})
Inv == x # ""zeta""
====
";

    [Fact]
    public void Choose_sets_and_records_follow_TLCs_intern_order_not_the_alphabet()
    {
        var r = InlineSpec.Check("S", Basics, "INIT Init\nNEXT Next\nINVARIANT Inv\n");
        // The field name zeta is interned (lexed) before alpha; Append only when TLC reads Sequences, after the root.
        Assert.Equal(new[] { "{\"zeta\", \"alpha\", \"mid\"}", "[zeta |-> 1, alpha |-> 2]", "\"zeta\"", "{\"zeta\", \"Append\"}" }, r.Output);
        // CHOOSE picks "zeta" (TLC's first), so the initial state violates Inv.
        Assert.Equal(12, r.ExitCode);
        Assert.Equal("\"zeta\"", r.Trace[0].Values[0].ToString());
    }

    private const string Order = @"---- MODULE Order ----
EXTENDS Lib, TLC, Sequences, Naturals
CONSTANT Node, Tag
VARIABLE x
ASSUME PrintT({""k"", ""j"", ""y"", ""x"", ""lit"", ""libLit"", ""rootId"", ""libId"", ""mv2"", ""mv1"", ""cfgStr"", ""q"" \o ""r"", ""p""})
ASSUME PrintT([libId |-> 1, rootId |-> 2, y |-> 3, x |-> 4])
ASSUME PrintT(CHOOSE s \in {""lit"", ""rootId""} : TRUE)
rootId == ""lit""
Init == x = <<>>
Next == /\ Len(x) < 2
        /\ \E s \in {""zeta"", ""alpha""} : x' = Append(x, s)
Inv == x # <<""zeta"", ""alpha"">>
====
";

    private const string OrderCfg = "CONSTANT Node = {mv2, mv1}\nCONSTANT Tag = \"cfgStr\"\nINIT Init\nNEXT Next\nINVARIANT Inv\n";

    [Fact]
    public void The_order_is_cfg_values_then_names_by_module_then_literals_then_strings_made_while_checking()
    {
        var r = InlineSpec.Check("Order", Order, OrderCfg, ("Lib.tla", "---- MODULE Lib ----\nlibId == \"libLit\"\n====\n"));
        // cfg values (mv2, mv1, cfgStr); names of the root (x, libId, rootId, y), then of the modules TLC reads after
        // it (p and j are names in TLC.tla); literals, the extended module's first (libLit, k, lit); "qr" is made
        // when the assumption is evaluated.
        Assert.Equal("{ \"mv2\",\n  \"mv1\",\n  \"cfgStr\",\n  \"x\",\n  \"libId\",\n  \"rootId\",\n  \"y\",\n  \"p\",\n  \"j\",\n  \"libLit\",\n  \"k\",\n  \"lit\",\n  \"qr\" }",
            r.Output[0]);
        Assert.Equal("[x |-> 4, libId |-> 1, rootId |-> 2, y |-> 3]", r.Output[1]);
        Assert.Equal("\"rootId\"", r.Output[2]);
        // The search enumerates {"zeta", "alpha"} zeta first: TLC finds <<"zeta", "alpha">> after 5 states.
        Assert.Equal(12, r.ExitCode);
        Assert.Equal(5, r.StatesGenerated);
        Assert.Equal(5, r.DistinctStates);
        Assert.Equal("<<\"zeta\", \"alpha\">>", r.Trace[^1].Values[0].ToString());
    }

    [Fact]
    public void Two_models_checked_at_once_keep_their_own_orders()
    {
        // The same strings, interned in opposite orders by the two specs.
        static string Spec(string first, string second) => $@"---- MODULE P ----
EXTENDS TLC, Naturals
VARIABLE x, n
Init == x = ""{first}"" /\ n = 0
Next == /\ n < 30
        /\ n' = n + 1
        /\ \E s \in {{""{second}"", ""{first}"", ToString(n)}} : x' = s
Inv == x # ""{second}"" \/ n < 3
Pick == CHOOSE s \in {{""{first}"", ""{second}""}} : TRUE
ASSUME PrintT(Pick)
====
";
        var a = Spec("bb", "aa");
        var b = Spec("aa", "bb");
        var results = new CheckResult[8];
        Parallel.For(0, results.Length, i =>
            results[i] = InlineSpec.Check("P", i % 2 == 0 ? a : b, "INIT Init\nNEXT Next\nINVARIANT Inv\n", 2));
        for (int i = 0; i < results.Length; i++)
        {
            Assert.Equal(i % 2 == 0 ? "\"bb\"" : "\"aa\"", results[i].Output[0]);
            Assert.Equal(12, results[i].ExitCode);
        }
    }

    [Fact]
    public void A_table_ranks_by_first_use_and_keeps_one_instance_per_content()
    {
        var order = new StringOrder();
        var z = order.Get("z");
        var a = order.Get("a");
        Assert.Same(z, order.Get("z"));
        Assert.True(z.CompareTo(a) < 0);
        Assert.Equal(new[] { "z", "a" }, order.Ranked());

        // Strings made outside any model are ordered by content, and in a model's order while it is current.
        var outsideZ = StringValue.Of("z");
        var outsideA = StringValue.Of("a");
        Assert.True(outsideA.CompareTo(outsideZ) < 0);
        using (StringOrder.Enter(order))
        {
            Assert.Same(z, StringValue.Of("z"));
            Assert.True(outsideZ.CompareTo(outsideA) < 0);
            Assert.True(outsideZ.CompareTo(a) < 0);
            Assert.Equal(0, outsideA.CompareTo(a));
        }
        Assert.Null(StringOrder.Current);
    }
}
