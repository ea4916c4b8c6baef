using Ops.Tla.Checking;
using Xunit;

namespace Ops.Tla.Tests.Checking;

/// <summary>
/// Disagreements with TLC found in the third round on public specifications from repositories other than
/// tlaplus/Examples (MongoDB's, lemmy's, teaching repositories, other checkers' regression specs), each reduced to a
/// small spec written for the test. Expected exit codes, counts and messages are what TLC printed (tla2tools cc6b616,
/// -workers 1).
/// </summary>
public class ReposRound3FindingsTests
{
    private static CheckResult InitOnly(string init) =>
        InlineSpec.Check("TupApply", $"---- MODULE TupApply ----\nEXTENDS Integers, Sequences, TLC\nVARIABLE x\nInit == x = {init}\nNext == UNCHANGED x\n====\n",
            "INIT Init\nNEXT Next\n");

    [Theory]
    // TLC's TupleValue.apply: a value built as a tuple (<<...>>, Append, Tail, SubSeq, EXCEPT of a tuple) has its own
    // words for an index outside 1..Len and for an argument that is not an integer (several arguments are one tuple
    // argument). Found on MongoDB's KNotIdempotentRetry, whose liveness property reads requests[1] while requests is
    // still <<>>. A function built by a constructor or @@ keeps the function's words.
    [InlineData("Tail(<<1>>)[1]", "Attempted to access index 1 of tuple\n<<>>\nwhich is out of bounds.")]
    [InlineData("Append(<<>>, 1)[2]", "Attempted to access index 2 of tuple\n<<1>>\nwhich is out of bounds.")]
    [InlineData("[<<1, 2>> EXCEPT ![1] = 5][0]", "Attempted to access index 0 of tuple\n<<5, 2>>\nwhich is out of bounds.")]
    [InlineData("SubSeq(<<1, 2, 3>>, 1, 2)[3]", "Attempted to access index 3 of tuple\n<<1, 2>>\nwhich is out of bounds.")]
    [InlineData("<<1, 2>>[\"a\"]", "Attempted to access tuple at a non integral index: \"a\"")]
    [InlineData("<<1, 2>>[1, 2]", "Attempted to access tuple at a non integral index: <<1, 2>>")]
    [InlineData("((1 :> 2) @@ (2 :> 3))[3]", "Attempted to apply function:\n<<2, 3>>\nto argument 3, which is not in the domain of the function.")]
    public void Applying_a_tuple_outside_its_domain_uses_TLCs_tuple_words(string init, string message)
    {
        var r = InitOnly(init);
        Assert.Equal(75, r.ExitCode);
        Assert.Contains(message, r.Violation.Message);
    }
    private const string SmallSym = @"---- MODULE SmallSym ----
EXTENDS TLC
CONSTANTS A, B, C
VARIABLE x
D == {C}
Init == x \in A \cup B
Next == x' \in A \cup B
Sym1 == Permutations(A) \union Permutations(B)
Sym2 == (Permutations(A) \union Permutations(B)) \union Permutations(D)
Sym3 == Permutations({C})
Sym4 == Permutations(A \cup   B)
Sym5 == Permutations(A) \cup {}
====";

    [Theory]
    // TLC (EC.TLC_SYMMETRY_SET_TOO_SMALL) warns when the SYMMETRY definition permutes a set of fewer than two
    // elements, naming it by its text without blanks; it looks at the body (Permutations(S), or a union) and at the
    // union's two operands only. Found on MongoDB's LockFreeABA (SYMMETRY Permutations(Readers) \union
    // Permutations(Writers) with one reader). Counts are unchanged.
    [InlineData("{a}", "{b1, b2}", "Sym1", "The set A has been defined to be a symmetry set but contains less than two elements.")]
    [InlineData("{a}", "{b}", "Sym1", "The sets A, and B have been defined to be a symmetry set but contain less than two elements.")]
    [InlineData("{a}", "{b}", "Sym2", "The set D has been defined to be a symmetry set but contains less than two elements.")]
    [InlineData("{a1, a2}", "{b1, b2}", "Sym3", "The set {C} has been defined to be a symmetry set but contains less than two elements.")]
    [InlineData("{a}", "{}", "Sym4", "The set A\\cupB has been defined to be a symmetry set but contains less than two elements.")]
    [InlineData("{a}", "{b1, b2}", "Sym5", "The sets A, and {} have been defined to be a symmetry set but contain less than two elements.")]
    [InlineData("{a1, a2}", "{b1, b2}", "Sym1", null)]
    public void A_symmetry_set_of_fewer_than_two_elements_is_warned_about(string a, string b, string sym, string warning)
    {
        var r = InlineSpec.Check("SmallSym", SmallSym, $"CONSTANTS A = {a}\nB = {b}\nC = c\nINIT Init\nNEXT Next\nSYMMETRY {sym}\n");
        Assert.Equal(0, r.ExitCode);
        if (warning == null) Assert.DoesNotContain(r.Warnings, w => w.Contains("symmetry set"));
        else Assert.Contains(r.Warnings, w => w.StartsWith(warning));
    }
    private const string ActionGet = @"---- MODULE ActionGet ----
EXTENDS Naturals, TLC
VARIABLE x
Init == x = 0
Inc == x < 3 /\ x' = x + 1
Dbl == x < 3 /\ x' = 2 * x + 1
Next == Inc \/ Dbl
Named == TLCGet(""action"").name = ""UnnamedAction"" /\ TLCGet(""action"").location.module = ""--TLA+ BUILTINS--""
Small == x < 3
Al == [x |-> x, l |-> TLCGet(""level""), a |-> TLCGet(""action"").name]
====";

    [Fact]
    public void TLCGet_action_is_the_unnamed_action_in_the_breadth_first_search()
    {
        // TLC's breadth-first search (cc6b616) does not record the action that made a state: TLCGet("action") is
        // [name |-> "UnnamedAction", location |-> [beginLine |-> 0, ..., module |-> "--TLA+ BUILTINS--"]] in an
        // invariant, a constraint or an ALIAS. Ops failed (TLCGet(action) undefined, exit 75). Found on the
        // tlaplus-workshops/ewd998 ALIAS, which reads TLCGet("action")'.name.
        var r = InlineSpec.Check("ActionGet", ActionGet, "INIT Init\nNEXT Next\nINVARIANT Named\nACTION_CONSTRAINT Named\nCHECK_DEADLOCK FALSE\n");
        Assert.Equal(0, r.ExitCode);
        Assert.Equal(7, r.StatesGenerated);
        Assert.Equal(5, r.DistinctStates);
    }

    [Fact]
    public void An_alias_sees_the_level_of_each_state_of_the_trace()
    {
        // TLC evaluates the ALIAS on each state of the trace: TLCGet("level") is 1, 2, 3 there, not the level where
        // the search stopped (Ops printed 3 for every state); TLCGet("action") is the unnamed action (Ops could not
        // evaluate it and printed the plain states instead of the alias).
        var r = InlineSpec.Check("ActionGet", ActionGet, "INIT Init\nNEXT Next\nINVARIANT Small\nALIAS Al\n");
        Assert.Equal(12, r.ExitCode);
        Assert.Equal(3, r.Trace.Count);
        for (int i = 0; i < r.Trace.Count; i++)
        {
            Assert.Equal(new[] { "x", "l", "a" }, r.Trace[i].Variables);
            Assert.Equal((i + 1).ToString(), r.Trace[i].Values[1].ToString());
            Assert.Equal("\"UnnamedAction\"", r.Trace[i].Values[2].ToString());
        }
    }
    private const string FalseProp = @"---- MODULE FalseProp ----
EXTENDS Naturals
VARIABLE x
Init == x = 0
Next == x' = 1 - x
Spec == Init /\ [][Next]_x
F == FALSE
P1 == FALSE
P2 == <>(x = 1) /\ F
P3 == F
P4 == 1 = 2
P6 == <>(x = 1) /\ FALSE
====";

    [Theory]
    // TLC (SpecProcessor.processConfigProps): a PROPERTY whose definition is the constant FALSE is "The property of P
    // is equal to FALSE"; a FALSE part of one is "The spec is trivially false because F is false." (the literal is
    // named FALSE). Both exit 151. Found on hwayne/tlaplus-exercises, whose exercises start from Prop == FALSE; Ops
    // said "The property is trivially false because ... is false." in both cases.
    [InlineData("P1", "The property of P1 is equal to FALSE")]
    [InlineData("P3", "The property of P3 is equal to FALSE")]
    [InlineData("P4", "The property of P4 is equal to FALSE")]
    [InlineData("P2", "The spec is trivially false because F is false.")]
    [InlineData("P6", "The spec is trivially false because FALSE is false.")]
    public void A_false_property_is_reported_in_TLCs_words(string prop, string message)
    {
        var r = InlineSpec.Check("FalseProp", FalseProp, $"SPECIFICATION Spec\nPROPERTY {prop}\n");
        Assert.Equal(151, r.ExitCode);
        Assert.Equal(message, r.Violation.Message);
    }
    private const string SymLive = @"---- MODULE SymLive ----
EXTENDS TLC
CONSTANTS A, B
VARIABLE x
Init == x \in A \cup B
Next == x' \in A \cup B
Spec == Init /\ [][Next]_x
FSpec == Spec /\ WF_x(Next)
Sym == Permutations(A) \cup Permutations(B)
Live == []<>(x \in A)
Safe == [](x \in A \cup B)
====";

    [Theory]
    // TLC warns when the liveness checker runs with SYMMETRY, after the small-set warning; not with fairness alone
    // nor with a property that has no temporal part left for the liveness checker. Found on hengxin's
    // PrioritySymmetry (a Toolbox model with SYMMETRY and PROPERTY Termination).
    [InlineData("SPECIFICATION Spec\nPROPERTY Live\n", true)]
    [InlineData("SPECIFICATION FSpec\n", false)]
    [InlineData("SPECIFICATION Spec\nPROPERTY Safe\n", false)]
    public void Symmetry_with_a_liveness_property_is_warned_about(string spec, bool warned)
    {
        var r = InlineSpec.Check("SymLive", SymLive, $"CONSTANTS A = {{a}}\nB = {{b1, b2}}\nSYMMETRY Sym\n{spec}");
        Assert.StartsWith("The set A has been defined to be a symmetry set", r.Warnings[0]);
        Assert.Equal(warned, r.Warnings.Any(w => w.StartsWith("Declaring symmetry during liveness checking is dangerous.")));
        if (warned) Assert.Equal(1, r.Warnings.FindIndex(w => w.StartsWith("Declaring symmetry")));
    }
}
