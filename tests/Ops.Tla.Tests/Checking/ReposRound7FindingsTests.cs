using Ops.Tla.Checking;
using Ops.Tla.Output;
using Xunit;

namespace Ops.Tla.Tests.Checking;

/// <summary>
/// Disagreements with TLC found in the seventh round on public specifications (see docs/differential-testing.md,
/// "Other public repositories, round 7"), each reduced to a small spec written for the test. Expected exit codes,
/// counts and messages are what TLC printed (tla2tools cc6b616, -workers 1).
/// </summary>
public class ReposRound7FindingsTests
{
    private static string Spec(string name, string init, string next, string more = "") =>
        $"---- MODULE {name} ----\nEXTENDS Naturals, Sequences, TLC\nVARIABLE x\nInit == {init}\nNext == {next}\n{more}====\n";

    private const string Cfg = "INIT Init\nNEXT Next\n";

    private static string Block(CheckResult r) => MessagesRound4Tests.ErrorBlock(TlcText.Format(r));

    /// <summary>The nested-expression list of the error block (from its header on).</summary>
    private static string Positions(CheckResult r)
    {
        var b = Block(r);
        int i = b.IndexOf("Error: The error occurred when TLC was evaluating the nested", StringComparison.Ordinal);
        Assert.True(i >= 0, b);
        return b[i..].TrimEnd();
    }

    private const string Inner2 = @"---- MODULE Inner2 ----
VARIABLE msgs
Handle == \E m \in msgs : msgs' = msgs
H2(k) == \E m \in msgs : msgs' = k
H3(Op(_)) == \E m \in msgs : Op(m)
====
";

    [Fact]
    public void An_unbounded_CHOOSE_is_TLCs_error_with_its_place()
    {
        // Found on 1600133971/TLAPlusProjects' chameneos (Faded == CHOOSE c : c \notin Color, no model value for it).
        var r = InlineSpec.Check("U1", "---- MODULE U1 ----\nVARIABLE x\nE == CHOOSE e : e \\notin {1}\nInit == x = E\nNext == x' = x\n====\n", Cfg);
        Assert.Equal(75, r.ExitCode);
        Assert.Equal(@"Error: TLC attempted to evaluate an unbounded CHOOSE.
Make sure that the expression is of form CHOOSE x \in S: P(x).
line 3, col 6 to line 3, col 28 of module U1
Error: The error occurred when TLC was evaluating the nested
expressions at the following positions:
0. Line 4, column 9 to line 4, column 13 in U1
1. Line 4, column 13 to line 4, column 13 in U1
2. Line 3, column 6 to line 3, column 28 in U1".Replace("\r\n", "\n"), Block(r).TrimEnd());
    }

    [Fact]
    public void An_action_of_a_substituting_INSTANCE_shows_the_INSTANCE_in_place_of_the_call()
    {
        // TLC's getActions expands I!Handle into its body, which SANY wraps in the INSTANCE's SubstInNode: the stack
        // starts at the INSTANCE statement. The quantifier's bound is named where it is written in Inner2 (the
        // variable substituted implicitly), not at its declaration. Found on onosproject/onos-tlaplus' CRDTCounter.
        var tla = "---- MODULE E1 ----\nVARIABLE msgs\nI == INSTANCE Inner2\nInit == msgs = <<>>\nNext == I!Handle\n====\n";
        var r = InlineSpec.Check("E1", tla, Cfg, ("Inner2.tla", Inner2));
        Assert.Equal(75, r.ExitCode);
        Assert.Equal(1, r.StatesGenerated);
        Assert.Contains("TLC encountered a non-enumerable quantifier bound\n<<>>.\nline 3, col 20 to line 3, col 23 of module Inner2", Block(r));
        Assert.Equal(@"Error: The error occurred when TLC was evaluating the nested
expressions at the following positions:
0. Line 3, column 1 to line 3, column 20 in E1
1. Line 3, column 11 to line 3, column 38 in Inner2".Replace("\r\n", "\n"), Positions(r));
    }

    [Fact]
    public void A_call_with_arguments_of_a_substituting_INSTANCE_is_expanded_too()
    {
        var tla = "---- MODULE E2 ----\nVARIABLE msgs\nI == INSTANCE Inner2\nInit == msgs = <<>>\nNext == I!H2(1)\n====\n";
        var r = InlineSpec.Check("E2", tla, Cfg, ("Inner2.tla", Inner2));
        Assert.Equal(75, r.ExitCode);
        Assert.Contains("line 4, col 19 to line 4, col 22 of module Inner2", Block(r));
        Assert.StartsWith("Error: The error occurred when TLC was evaluating the nested\nexpressions at the following positions:\n0. Line 3, column 1 to line 3, column 20 in E2\n", Positions(r));
    }

    [Fact]
    public void A_call_TLC_does_not_expand_shows_the_call_then_the_INSTANCE()
    {
        // An operator argument: TLC's action is the call; entering the definition pushes the SubstInNode.
        var tla = "---- MODULE E4 ----\nVARIABLE msgs\nI == INSTANCE Inner2\nInit == msgs = <<>>\nNext == I!H3(LAMBDA m : msgs' = m)\n====\n";
        var r = InlineSpec.Check("E4", tla, Cfg, ("Inner2.tla", Inner2));
        Assert.Equal(75, r.ExitCode);
        Assert.Contains("line 5, col 23 to line 5, col 26 of module Inner2", Block(r));
        Assert.Equal(@"Error: The error occurred when TLC was evaluating the nested
expressions at the following positions:
0. Line 5, column 9 to line 5, column 34 in E4
1. Line 3, column 1 to line 3, column 20 in E4
2. Line 5, column 14 to line 5, column 34 in Inner2".Replace("\r\n", "\n"), Positions(r));
    }

    [Fact]
    public void The_next_state_relation_of_an_instances_Spec_is_under_the_INSTANCE()
    {
        // SPECIFICATION I!Spec: TLC wraps the instance's [][Next]_v in the SubstInNode; the stack shows the INSTANCE,
        // then Next where the Spec names it. An explicit substitution by a name is placed where it is used too.
        // Found on onosproject/onos-tlaplus' TraceChecking (its inner modules SingleStep and MultiStep).
        var inner = "---- MODULE In3 ----\nVARIABLE msgs\nInit == msgs = <<>>\nNext == \\E m \\in msgs : msgs' = msgs\nSpec == Init /\\ [][Next]_msgs\n====\n";
        var tla = "---- MODULE W1 ----\nVARIABLE y\nI == INSTANCE In3 WITH msgs <- y\nSpec == I!Spec\n====\n";
        var r = InlineSpec.Check("W1", tla, "SPECIFICATION Spec\n", ("In3.tla", inner));
        Assert.Equal(75, r.ExitCode);
        Assert.Contains("<<>>.\nline 4, col 18 to line 4, col 21 of module In3", Block(r));
        Assert.Equal(@"Error: The error occurred when TLC was evaluating the nested
expressions at the following positions:
0. Line 3, column 1 to line 3, column 32 in W1
1. Line 5, column 20 to line 5, column 23 in In3
2. Line 4, column 9 to line 4, column 36 in In3".Replace("\r\n", "\n"), Positions(r));
    }

    [Theory]
    // TLC's RcdSelect of a function that is not a record (FcnRcdValue.select, TupleValue.select). Found on
    // onosproject/onos-tlaplus' TraceChecking (trace.init with trace a tuple of records).
    [InlineData("<<1, 2>>.a", "Attempted to apply function with integer domain to the non-integer argument \"a\"")]
    [InlineData("<<>>.a", "Attempted to apply function with integer domain to the non-integer argument \"a\"")]
    [InlineData("[i \\in 1..2 |-> i].a", "Attempted to apply function with integer domain to the non-integer argument \"a\"")]
    [InlineData("(1 :> 2).a", "Attempted to check equality of integer 1 with non-integer:\n\"a\"")]
    [InlineData("[i \\in {1, 2} |-> i].a", "Attempted to check equality of integer 1 with non-integer:\n\"a\"")]
    [InlineData("(TRUE :> 1).a", "Attempted to compare equality of boolean TRUE with non-boolean:\n\"a\"")]
    [InlineData("[i \\in {} |-> 1].a", "Attempted to apply function:\n<<>>\nto argument \"a\", which is not in the domain of the function.")]
    // FcnLambdaValue.apply asks its interval domain (IntervalValue.member) about a non-integer.
    [InlineData("[i \\in 1..2 |-> i][\"a\"]", "Attempted to check if the value:\n\"a\"\nis in the integer interval 1..2")]
    public void A_field_of_a_function_that_is_not_a_record_is_TLCs_select(string expr, string message)
    {
        var r = InlineSpec.Check("S1", Spec("S1", "x = 0", "x' = " + expr), Cfg);
        Assert.Equal(75, r.ExitCode);
        Assert.Contains("The exception was a java.lang.RuntimeException\n: " + message + "\nError: The behavior up to this point is:", Block(r));
    }

    [Fact]
    public void A_union_with_a_product_asks_the_enumerated_set_first_and_compares_nothing()
    {
        // TLC's SetEnumValue.cup keeps a set of another form beside it (SetCupValue): a model value is in neither
        // operand, no comparison of 0 with a tuple is made. Found on banbiossa/learning-tlaplus' AB2
        // (ASSUME Bad \notin (Data \X {0, 1}) \cup {0, 1}): TLC exit 0, Ops failed the assumption (exit 10).
        var tla = "---- MODULE C1 ----\nEXTENDS Naturals, TLC\nCONSTANT m\nASSUME m \\notin ({1} \\X {0, 1}) \\cup {0, 1}\nASSUME 2 \\in [a : {1}] \\cup {2}\nASSUME \"x\" \\in (SUBSET {1}) \\cup {\"x\"}\n====\n";
        var r = InlineSpec.Check("C1", tla, "CONSTANT m = m\n");
        Assert.Equal(0, r.ExitCode);
    }

    [Fact]
    public void Such_a_union_enumerated_fails_as_TLCs_sort()
    {
        var tla = "---- MODULE C8 ----\nEXTENDS Naturals, TLC\nASSUME \\E e \\in ({1} \\X {0, 1}) \\cup {0, 1} : TRUE\n====\n";
        var r = InlineSpec.Check("C8", tla, "");
        Assert.Equal(10, r.ExitCode);
        Assert.Contains("failed.\nAttempted to compare the function <<1, 0>> with the value:\n1", TlcText.Format(r).Replace("\r\n", "\n"));
    }
    [Fact]
    public void TLC_prints_what_the_translator_says_of_an_algorithm_without_labels()
    {
        // TLC's parse of a module with an algorithm runs pcal.trans to validate it, which prints "Labels added." when
        // it had to label the algorithm. Found on programmatix/ExploringTLAPlus' 02_second and JYCabello's recycler.
        var r = InlineSpec.Check("P1", @"---- MODULE P1 ----
EXTENDS Naturals
(* --algorithm p1
variables x = 0;
begin
  x := x + 1;
end algorithm; *)
\* BEGIN TRANSLATION
VARIABLES pc, x

vars == << pc, x >>

Init == (* Global variables *)
        /\ x = 0
        /\ pc = ""Lbl_1""

Lbl_1 == /\ pc = ""Lbl_1""
         /\ x' = x + 1
         /\ pc' = ""Done""

(* Allow infinite stuttering to prevent deadlock on termination. *)
Terminating == pc = ""Done"" /\ UNCHANGED vars

Next == Lbl_1
           \/ Terminating

Spec == Init /\ [][Next]_vars

Termination == <>(pc = ""Done"")

\* END TRANSLATION
====
", "SPECIFICATION Spec\n");
        Assert.Equal(0, r.ExitCode);
        Assert.Equal(3, r.StatesGenerated);
        // Printed before the search, as TLC prints it while parsing (the CLI streams the run's output).
        Assert.Equal(new[] { "Labels added." }, r.Output);
    }

    [Fact]
    public void TLC_prints_the_translators_warning_of_renamed_symbols()
    {
        // Two processes with a variable of one name: pcal.trans renames one (e_) and warns. Found on
        // zainab-ali/tlaplus-fs2-observe (element and element_).
        var r = InlineSpec.Check("P3", @"---- MODULE P3 ----
EXTENDS Naturals
(* --algorithm p3
process a = 1
variables e = 5;
begin
  A: e := e + 1;
end process;
process b = 2
variables e = 6;
begin
  B: e := e + 1;
end process;
end algorithm; *)
\* BEGIN TRANSLATION
\* Process variable e of process a at line 5 col 11 changed to e_
VARIABLES pc, e_, e

vars == << pc, e_, e >>

ProcSet == {1} \cup {2}

Init == (* Process a *)
        /\ e_ = 5
        (* Process b *)
        /\ e = 6
        /\ pc = [self \in ProcSet |-> CASE self = 1 -> ""A""
                                        [] self = 2 -> ""B""]

A == /\ pc[1] = ""A""
     /\ e_' = e_ + 1
     /\ pc' = [pc EXCEPT ![1] = ""Done""]
     /\ e' = e

a == A

B == /\ pc[2] = ""B""
     /\ e' = e + 1
     /\ pc' = [pc EXCEPT ![2] = ""Done""]
     /\ e_' = e_

b == B

(* Allow infinite stuttering to prevent deadlock on termination. *)
Terminating == /\ \A self \in ProcSet: pc[self] = ""Done""
               /\ UNCHANGED vars

Next == a \/ b
           \/ Terminating

Spec == Init /\ [][Next]_vars

Termination == <>(\A self \in ProcSet: pc[self] = ""Done"")

\* END TRANSLATION
====
", "SPECIFICATION Spec\n");
        Assert.Equal(0, r.ExitCode);
        Assert.Equal(6, r.StatesGenerated);
        Assert.Equal(new[] { "Warning: symbols were renamed." }, r.Output);
    }
    private static string VSpec(string sub) =>
        "---- MODULE V1 ----\nEXTENDS Naturals, Sequences\nCONSTANT N\nVARIABLES x, y, z\nvs == <<z, x>>\n" +
        "Init == x = 0 /\\ y = 0 /\\ z = 0\nNext == x' = 1 /\\ UNCHANGED <<y, z>>\nSpec == Init /\\ [][Next]_" + sub + "\n====\n";

    [Theory]
    // TLC's SpecProcessor collects the variables of the subscript of [][Next]_v (through tuples and definitions) and
    // warns of each variable it does not find there. Found on tinybeachthor/TLAplus' AB2H (AtoB and BtoA, declared
    // after the instance's vars).
    [InlineData("<<x>>", new[] { "y", "z" })]
    [InlineData("vs", new[] { "y" })]
    [InlineData("<<x, <<y>>>>", new[] { "z" })]
    [InlineData("<<x, N>>", new[] { "y", "z" })]
    [InlineData("<<x, y, z>>", new string[0])]
    public void A_variable_the_subscript_of_Next_misses_is_TLCs_warning(string sub, string[] missing)
    {
        var r = InlineSpec.Check("V1", VSpec(sub), "CONSTANT N = 1\nSPECIFICATION Spec\n");
        Assert.Equal(0, r.ExitCode);
        Assert.Equal(3, r.StatesGenerated);
        Assert.Equal(missing.Select((v, i) => "The subscript of the next-state relation specified by the specification\ndoes not seem to contain the state variable " + v
            + (i == 0 ? "\n(Use the -nowarning option to disable this warning.)" : "")), r.Warnings);
    }

    [Theory]
    [InlineData("<<x, 1>>")]
    [InlineData("<<x, \"s\">>")]
    public void A_literal_in_the_subscript_makes_TLC_give_up(string sub)
    {
        var r = InlineSpec.Check("V1", VSpec(sub), "CONSTANT N = 1\nSPECIFICATION Spec\n");
        Assert.Equal(0, r.ExitCode);
        Assert.Equal(new[] { "TLC could not determine if the subscript of the next-state relation contains\nall state variables. Proceed with fingers crossed.\n(Use the -nowarning option to disable this warning.)" }, r.Warnings);
    }

    [Fact]
    public void The_warnings_before_an_error_in_the_specification_are_printed()
    {
        // TLC warns as it meets [][A]_x, then fails on the next conjunct.
        var tla = "---- MODULE W2 ----\nVARIABLES x, y\nInit == x = 0 /\\ y = 0\nSpec == Init /\\ [][x' = 1 /\\ y' = y]_x /\\ [](y = 0)\n====\n";
        var r = InlineSpec.Check("W2", tla, "SPECIFICATION Spec\n");
        Assert.Equal(255, r.ExitCode);
        Assert.Equal(@"Warning: The subscript of the next-state relation specified by the specification
does not seem to contain the state variable y
(Use the -nowarning option to disable this warning.)
Error: TLC cannot handle the temporal formula line 4, col 46 to line 4, col 50 of module W2".Replace("\r\n", "\n"),
            TlcText.Format(r).Replace("\r\n", "\n").Split("\nFinished in")[0].Trim());
    }
    [Theory]
    // TLC's configuration parser takes every token of a section as a name; the first the specification lacks is the
    // error, exit 151. Found on 1600133971/TLAPlusProjects' cigarette smokers (PROPERTY []<>(...) in the .cfg) and
    // banbiossa/learning-tlaplus' AB2 (PROPERTY ABS!Spec): Ops stopped at the first symbol with its own message.
    [InlineData("PROPERTY []<>(x = 1)", "The property []")]
    [InlineData("PROPERTY I!Spec", "The property I")]
    [InlineData("INVARIANT x = 1", "The invariant x")]
    [InlineData("INVARIANT Inv, Foo", "The invariant ,")]
    [InlineData("CONSTRAINT x < 3", "The constraint x")]
    public void Every_token_of_a_configuration_section_is_a_name(string section, string named)
    {
        var inner = "---- MODULE In4 ----\nVARIABLE x\nSpec == x = 0 /\\ [][x' = x]_x\n====\n";
        var tla = "---- MODULE T1 ----\nVARIABLE x\nI == INSTANCE In4\nInv == x = 0\nSpec == x = 0 /\\ [][x' = x]_x\n====\n";
        var r = InlineSpec.Check("T1", tla, "SPECIFICATION Spec\n" + section + "\n", ("In4.tla", inner));
        Assert.Equal(151, r.ExitCode);
        Assert.Contains(named + " named in the configuration is not defined in module T1", r.Violation.Message);
    }

    [Fact]
    public void An_undefined_invariant_is_found_before_the_specification_is_processed()
    {
        // TLC looks the invariants up first: no warning about the next-state relation's subscript before the error.
        var r = InlineSpec.Check("V1", VSpec("<<x>>"), "CONSTANT N = 1\nSPECIFICATION Spec\nINVARIANT Foo\n");
        Assert.Equal(151, r.ExitCode);
        Assert.Empty(r.Warnings);
    }
    [Fact]
    public void A_constant_definition_in_the_subscript_is_a_value_TLC_does_not_look_into()
    {
        // tlc-test-model's Github702: x substituted by fizzbuzz == 1 in [][Next]_<<x, y, z>>. TLC evaluated the
        // constant definition before and finds a value there: no warning at all (a numeral written in the subscript
        // would make it give up).
        var inner = "---- MODULE XU ----\nEXTENDS Naturals\nVARIABLES x, y, z\nInit == x \\in {1,2,3} /\\ y \\in {1,2,3} /\\ z \\in {1,2,3}\n" +
                    "Next == y < 10 /\\ y' = y + 1 /\\ UNCHANGED <<x, z>>\nSpec == Init /\\ [][Next]_<<x, y, z>>\n====\n";
        var tla = "---- MODULE G7 ----\nEXTENDS Naturals\nVARIABLES y, z\nfizzbuzz == 1\nINSTANCE XU WITH x <- fizzbuzz\n====\n";
        var r = InlineSpec.Check("G7", tla, "SPECIFICATION Spec\n", ("XU.tla", inner));
        Assert.Empty(r.Warnings);
    }

    [Fact]
    public void An_algorithm_before_the_module_header_is_not_seen_by_TLCs_validation()
    {
        // tlc-test-model's ULEvenOdd, SyncCons: pcal.trans reads an algorithm written before ---- MODULE, TLC's
        // validation of the module does not: no "Labels added." there.
        var text = "--algorithm p1\nvariables x = 0;\nbegin\n  x := x + 1;\nend algorithm\n" + P1Module;
        var r = InlineSpec.Check("P1", text, "SPECIFICATION Spec\n");
        Assert.Equal(0, r.ExitCode);
        Assert.Empty(r.Output);
    }

    private const string P1Module = @"---- MODULE P1 ----
EXTENDS Naturals
\* BEGIN TRANSLATION
VARIABLES pc, x

vars == << pc, x >>

Init == (* Global variables *)
        /\ x = 0
        /\ pc = ""Lbl_1""

Lbl_1 == /\ pc = ""Lbl_1""
         /\ x' = x + 1
         /\ pc' = ""Done""

(* Allow infinite stuttering to prevent deadlock on termination. *)
Terminating == pc = ""Done"" /\ UNCHANGED vars

Next == Lbl_1
           \/ Terminating

Spec == Init /\ [][Next]_vars

Termination == <>(pc = ""Done"")

\* END TRANSLATION
====
";
}
