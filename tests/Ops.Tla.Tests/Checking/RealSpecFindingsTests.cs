using Xunit;

namespace Ops.Tla.Tests.Checking;

/// <summary>
/// Disagreements with TLC found by running public specifications the checker was never tuned to, each reduced to a
/// small spec of our own that shows the mechanism. Expected figures are TLC's (tla2tools cc6b616, -workers 1).
/// </summary>
public class RealSpecFindingsTests
{
    [Fact]
    public void Membership_in_the_UNION_of_a_set_holding_an_infinite_set_asks_each_set()
    {
        // A ring buffer typed as [slots : UNION {[0..1 -> Int \cup {NULL}]}]: TLC's UnionValue asks each element
        // set for membership, so the infinite Int \cup {NULL} is never enumerated. TLC: no error, 37 generated, 9 distinct.
        const string tla = @"---- MODULE UnionInf ----
EXTENDS Integers
CONSTANT NULL
VARIABLE x
Init == x = [i \in 0..1 |-> NULL]
Next == \E i \in 0..1, v \in 1..2 : x' = [x EXCEPT ![i] = v]
TypeOk == /\ [s |-> x] \in [s : UNION { [0..1 -> Int \union {NULL}] }]
          /\ x \in UNION { [0..1 -> Int \union {NULL}] }
          /\ x # [i \in 0..1 |-> NULL] => x \notin UNION { [0..1 -> {NULL}] }
====";
        var r = InlineSpec.Check("UnionInf", tla, "CONSTANT NULL = NULL\nINIT Init\nNEXT Next\nINVARIANT TypeOk\n");
        Assert.Null(r.Violation?.Message);
        Assert.Equal(0, r.ExitCode);
        Assert.Equal(37, r.StatesGenerated);
        Assert.Equal(9, r.DistinctStates);
    }

    [Fact]
    public void A_trace_lists_the_variables_in_the_order_of_SANYs_hashtable_not_the_declaration_order()
    {
        // TLC prints a state's variables in ModuleNode.getVariableDecls() order: SANY's context is a Hashtable,
        // enumerated and reversed, so the order is that of the names' buckets in a table of 191 slots here (72
        // built-ins, Naturals' 12 symbols, the module's 11). TLC prints children, nbrs, parent, inbox, pc, rcvd.
        const string tla = @"---- MODULE VarOrder ----
EXTENDS Naturals
VARIABLES inbox, pc
foo == 1
VARIABLES parent, children, rcvd, nbrs
vars == <<inbox, pc, parent, children, rcvd, nbrs>>
Init == /\ inbox = 0 /\ parent = 0 /\ children = 0 /\ rcvd = 0 /\ nbrs = 0 /\ pc = 0
Next == /\ pc < 2 /\ pc' = pc + 1 /\ UNCHANGED <<inbox, parent, children, rcvd, nbrs>>
Inv == pc < 2
====";
        var r = InlineSpec.Check("VarOrder", tla, "INIT Init\nNEXT Next\nINVARIANT Inv\n");
        Assert.Equal(12, r.ExitCode);
        Assert.Equal(3, r.Trace.Count);
        Assert.Contains("State 1: <Initial predicate>\n/\\ children = 0\n/\\ nbrs = 0\n/\\ parent = 0\n/\\ inbox = 0\n/\\ pc = 0\n/\\ rcvd = 0\n",
            Ops.Tla.Output.TlcText.Format(r).Replace("\r\n", "\n"));
    }

    [Fact]
    public void The_variable_order_counts_the_symbols_of_extended_modules_and_instances()
    {
        // The variables come from an extended module with a LOCAL definition and a theorem; the root extends TLC and
        // instantiates Sequences (Sq!Seq, ... and Sq count). TLC prints alpha, epsilon, gamma, delta, beta.
        const string baseModule = @"---- MODULE VOBase ----
EXTENDS Naturals, Sequences
VARIABLES alpha, beta, gamma
LOCAL Helper == 1
VARIABLES delta, epsilon
THEOREM Trivial == TRUE
Init == alpha = 0 /\ beta = <<>> /\ gamma = 0 /\ delta = 0 /\ epsilon = 0
====";
        const string tla = @"---- MODULE VOExt ----
EXTENDS VOBase, TLC
Sq == INSTANCE Sequences
Next == /\ alpha < 2
        /\ alpha' = alpha + 1
        /\ beta' = Sq!Append(beta, alpha)
        /\ UNCHANGED <<gamma, delta, epsilon>>
Small == alpha < 2
====";
        var r = InlineSpec.Check("VOExt", tla, "INIT Init\nNEXT Next\nINVARIANT Small\n", ("VOBase.tla", baseModule));
        Assert.Equal(12, r.ExitCode);
        Assert.Equal(3, r.StatesGenerated);
        Assert.Contains("State 2: <Next line 4, col 9 to line 7, col 46 of module VOExt>\n/\\ alpha = 1\n/\\ epsilon = 0\n/\\ gamma = 0\n/\\ delta = 0\n/\\ beta = <<0>>\n",
            Ops.Tla.Output.TlcText.Format(r).Replace("\r\n", "\n"));
    }

    [Fact]
    public void A_trace_breaks_a_value_wider_than_80_columns_as_TLCs_Values_ppr()
    {
        // TLCStateMut.toString prints each value through Values.ppr (PrettyPrint at width 80): TLC breaks the box of
        // state 3 over four lines.
        const string tla = @"---- MODULE PprTrace ----
EXTENDS Naturals, Sequences
VARIABLES n, box
Name(k) == IF k = 0 THEN ""zero"" ELSE ""one""
Init == n = 0 /\ box = [a |-> {}, b |-> {}]
Next == n < 2 /\ n' = n + 1 /\ box' = [box EXCEPT !.b = @ \cup {[kind |-> ""message"", sender |-> ""node"" \o Name(n)]}]
Small == n < 2
====";
        var r = InlineSpec.Check("PprTrace", tla, "INIT Init\nNEXT Next\nINVARIANT Small\n");
        Assert.Equal(12, r.ExitCode);
        Assert.Contains("State 3: <Next line 6, col 9 to line 6, col 116 of module PprTrace>\n/\\ n = 2\n" +
            "/\\ box = [ a |-> {},\n  b |->\n      { [kind |-> \"message\", sender |-> \"nodezero\"],\n" +
            "        [kind |-> \"message\", sender |-> \"nodeone\"] } ]\n",
            Ops.Tla.Output.TlcText.Format(r).Replace("\r\n", "\n"));
    }

    [Fact]
    public void A_definition_used_above_where_the_module_defines_it_is_an_unknown_operator()
    {
        // SANY resolves a module's units in order: Unused refers to Later, defined on the next line, and TLC stops
        // with "Unknown operator: `Later'." (line 4, col 11), exit 150, although nothing uses Unused. Operators
        // declared RECURSIVE may be used before their definition (Odd calls Even).
        const string tla = @"---- MODULE Fwd ----
EXTENDS Naturals
VARIABLE x
Unused == Later + 1
Later == 1
RECURSIVE Even(_)
Odd(n) == IF n = 0 THEN FALSE ELSE Even(n - 1)
Even(n) == IF n = 0 THEN TRUE ELSE Odd(n - 1)
Init == x = 0
Next == x' = 1 - x
====";
        var r = InlineSpec.Check("Fwd", tla, "INIT Init\nNEXT Next\n");
        Assert.Equal(150, r.ExitCode);
        Assert.Contains("Unknown operator: 'Later'", r.Violation.Message);
        Assert.EndsWith("Fwd.tla:4:11", r.Violation.Location);

        // Without Unused, TLC checks it: 3 states generated, 2 distinct.
        var ok = InlineSpec.Check("Fwd", tla.Replace("Unused == Later + 1\n", ""), "INIT Init\nNEXT Next\n");
        Assert.Equal(0, ok.ExitCode);
        Assert.Equal(3, ok.StatesGenerated);
        Assert.Equal(2, ok.DistinctStates);
    }

    [Fact]
    public void UNCHANGED_walks_into_a_tuple_definition_nested_in_another()
    {
        // RaftMongo's serverVars == <<electionVars, ...>> with electionVars == <<term, ...>>: UNCHANGED <<sv>> leaves
        // term and role unchanged as TLC's UNCHANGED does, through both definitions. TLC: 14 generated, 10 distinct.
        const string tla = @"---- MODULE Unch ----
EXTENDS Naturals, Sequences
VARIABLES term, role, log
ev == <<term, role>>
sv == <<ev>>
Init == term = 0 /\ role = ""f"" /\ log = <<>>
Become == term < 2 /\ term' = term + 1 /\ role' = ""l"" /\ UNCHANGED log
Write == /\ role = ""l""
         /\ LET e == [t |-> term] IN log' = Append(log, e)
         /\ UNCHANGED <<sv>>
Next == Become \/ Write
Small == Len(log) < 3
====";
        var r = InlineSpec.Check("Unch", tla, "INIT Init\nNEXT Next\nCONSTRAINT Small\n");
        Assert.Null(r.Violation?.Message);
        Assert.Equal(0, r.ExitCode);
        Assert.Equal(14, r.StatesGenerated);
        Assert.Equal(10, r.DistinctStates);
    }

    [Theory]
    [InlineData("CONSTANT NULL = {a b}\n")]
    [InlineData("CONSTANT NULL = <<a, b>>\n")]
    [InlineData("CONSTANT NULL = \n")]
    [InlineData("CONSTANT NULL = NULL\nFOO Bar\n")]
    public void A_configuration_file_TLC_cannot_parse_exits_255(string constants)
    {
        // TLC's configuration parser throws a ConfigFileException, which TLC reports as "TLC threw an unexpected
        // exception" and exits 255; 151 is for configurations it parses but cannot apply.
        const string tla = "---- MODULE CfgSyntax ----\nCONSTANT NULL\nVARIABLE x\nInit == x = 0\nNext == x' = x\n====";
        var r = InlineSpec.Check("CfgSyntax", tla, constants + "INIT Init\nNEXT Next\n");
        Assert.Equal(255, r.ExitCode);
        Assert.Equal(0, r.StatesGenerated);
    }

    [Fact]
    public void A_section_of_names_holding_something_else_is_TLCs_error_151()
    {
        // TLC takes "=" for the name of an invariant the spec does not define: "The invariant = specified in the
        // configuration file is not defined", exit 151.
        const string tla = "---- MODULE CfgName ----\nVARIABLE x\nInit == x = 0\nNext == x' = x\n====";
        var r = InlineSpec.Check("CfgName", tla, "INIT Init\nNEXT Next\nINVARIANT =\n");
        Assert.Equal(151, r.ExitCode);
    }
    private const string Pairs = @"---- MODULE Pairs ----
EXTENDS Naturals
VARIABLE x
S == {1, 2, 3}
Init == x = <<>>
InitPairs == \E n, o \in S : x = <<n, o>>
Split == \/ \E n, o \in S : x = <<>> /\ x' = <<n, o>>
         \/ x # <<>> /\ UNCHANGED x
Nested == x = <<>> /\ \E n \in S, o \in {""a"", ""b""}, p \in {7, 8} : x' = <<n, o, p>>
Nop == UNCHANGED x
Inv == x = <<>> \/ x = <<1, 1>> \/ x = <<1, ""a"", 7>>
====";

    [Theory]
    [InlineData("Init", "Split", "<<2, 1>>", 3)]
    [InlineData("Init", "Nested", "<<2, \"a\", 7>>", 3)]
    [InlineData("InitPairs", "Nop", "<<2, 1>>", 2)]
    public void A_quantifier_over_several_identifiers_varies_the_first_fastest_as_TLC(string init, string next, string reported, int generated)
    {
        // TLC's ContextEnumerator (getActions, getInitStates, getNextStates) binds \E n, o \in S with n varying fastest:
        // <<1,1>>, <<2,1>>, <<3,1>>, <<1,2>>, ... so the first state violating Inv is <<2,1>> (a real spec's
        // \E n, o \in Node : Gossip(n, o) reported another behavior, with other counts, than TLC's).
        var r = InlineSpec.Check("Pairs", Pairs, $"INIT {init}\nNEXT {next}\nINVARIANT Inv\nCHECK_DEADLOCK FALSE\n");
        Assert.Equal(12, r.ExitCode);
        Assert.Equal(generated, r.StatesGenerated);
        Assert.Equal(generated, r.DistinctStates);
        Assert.Equal(reported, r.Trace[^1].Values[0].ToString());
    }

    [Theory]
    [InlineData("[a |-> 1] \\notin DOMAIN EmptyBag", 0)]
    [InlineData("[a |-> 1] \\notin DOMAIN <<>>", 0)]
    [InlineData("[a |-> 1] \\notin 2..1", 0)]
    [InlineData("\"s\" \\notin DOMAIN Tail(<<3>>)", 0)]
    [InlineData("[a |-> 1] \\notin 1..3", 75)]
    public void A_non_integer_is_not_in_an_empty_interval_without_error(string inv, int exit)
    {
        // TLC's IntervalValue.member fails on a non-integer only when the interval is not empty. A PlusCal spec
        // asked [type |-> "pl"] \in DOMAIN network[n] of an empty bag (DOMAIN 1..0): TLC went on, Ops stopped (75).
        var tla = "---- MODULE EmptyIntv ----\nEXTENDS Naturals, Sequences, Bags\nVARIABLE x\nInit == x = 0\n"
                  + "Next == x < 2 /\\ x' = x + 1\nInv == " + inv + "\n====";
        var r = InlineSpec.Check("EmptyIntv", tla, "INIT Init\nNEXT Next\nINVARIANT Inv\nCHECK_DEADLOCK FALSE\n");
        Assert.Equal(exit, r.ExitCode);
        if (exit == 0) Assert.Equal(3, r.DistinctStates);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void An_error_computing_a_successor_ends_the_trace_at_the_state_being_expanded(int workers)
    {
        // TLC (cc6b616): "The second argument of \div is 0." while expanding x = 2, exit 255 (an EvalException while
        // computing successors); the trace is x = 0, 1, 2 (not the x = 3 found and checked just before);
        // 8 states generated, 8 distinct, 4 left on queue.
        const string tla = @"---- MODULE DivTrace ----
EXTENDS Naturals
VARIABLE x
Init == x = 0
Next == x' = x + 1 \/ x' = 10 \div (2 - x)
Inv == x < 100
====";
        var r = InlineSpec.Check("DivTrace", tla, "INIT Init\nNEXT Next\nINVARIANT Inv\n", workers);
        Assert.Equal(255, r.ExitCode);
        Assert.Contains("The second argument of \\div is 0.", r.Violation.Message);
        Assert.Equal(new long[] { 0, 1, 2 }, r.Trace.Select(t => ((Ops.Tla.Values.IntValue)t.Values[0]).V));
        if (workers == 1)
        {
            Assert.Equal(8, r.StatesGenerated);
            Assert.Equal(8, r.DistinctStates);
        }
    }
}
