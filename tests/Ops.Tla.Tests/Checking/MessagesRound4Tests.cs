using Ops.Tla.Checking;
using Ops.Tla.Output;
using Xunit;

namespace Ops.Tla.Tests.Checking;

/// <summary>
/// The messages TLC prints for evaluation errors, checked line for line against TLC (tla2tools cc6b616, -workers 1):
/// the "nested expressions" list TLC prints after replaying a failing initial predicate or step with its call stack
/// recorded (ModelChecker, CallStackTool), the "TLC threw an unexpected exception" framing of a general error in a
/// step, TLC's words for some errors. Each spec is small and written for the test; the expected text is TLC's output
/// from the first "Error:" line to the figures.
/// </summary>
public class MessagesRound4Tests
{
    /// <summary>The module F2 instantiates.</summary>
    private const string F2I = @"---- MODULE F2I ----
EXTENDS Naturals, TLC
CONSTANT Lim
VARIABLE v
Step == v' = CHOOSE e \in {v + 1, v + 2} : e > Lim + 10
====
";

    public static readonly TheoryData<string, string, string, int, string> Errors = new()
    {
        { "E1", @"---- MODULE E1 ----
EXTENDS Naturals, TLC
VARIABLE x
f == [i \in 1..2 |-> i]
Init == x = 1
Next == x' = x + 1
Inv == f[x] > 0
====
", @"INIT Init
NEXT Next
INVARIANT Inv
", 76, @"Error: Evaluating invariant Inv failed.
Attempted to apply function:
<<1, 2>>
to argument 3, which is not in the domain of the function.
Error: The behavior up to this point is:
State 1: <Initial predicate>
x = 1

State 2: <Next line 6, col 9 to line 6, col 18 of module E1>
x = 2

State 3: <Next line 6, col 9 to line 6, col 18 of module E1>
x = 3
" },
        { "E2", @"---- MODULE E2 ----
EXTENDS Naturals, TLC
VARIABLE x
f == [i \in 1..2 |-> i]
Init == x = 1
Step(y) == x' = f[y] + 1
Next == \E y \in {x, x+1} : Step(y)
====
", @"INIT Init
NEXT Next
", 75, @"Error: TLC threw an unexpected exception.
This was probably caused by an error in the spec or model.
See the User Output or TLC Console for clues to what happened.
The exception was a java.lang.RuntimeException
: Attempted to apply function:
<<1, 2>>
to argument 3, which is not in the domain of the function.
Error: The behavior up to this point is:
State 1: <Initial predicate>
x = 1

State 2: <Next line 7, col 9 to line 7, col 35 of module E2>
x = 2

Error: The error occurred when TLC was evaluating the nested
expressions at the following positions:
0. Line 7, column 9 to line 7, column 35 in E2
1. Line 7, column 29 to line 7, column 35 in E2
2. Line 6, column 12 to line 6, column 24 in E2
3. Line 6, column 17 to line 6, column 24 in E2
4. Line 6, column 17 to line 6, column 20 in E2

" },
        { "E3", @"---- MODULE E3 ----
EXTENDS Naturals, TLC
VARIABLE x
Init == x = 1 /\ Assert(x > 2, ""x too small"")
Next == UNCHANGED x
====
", @"INIT Init
NEXT Next
", 75, @"Error: The first argument of Assert evaluated to FALSE; the second argument was:
""x too small""
Error: The error occurred when TLC was evaluating the nested
expressions at the following positions:
0. Line 4, column 9 to line 4, column 45 in E3
1. Line 4, column 9 to line 4, column 13 in E3
2. Line 4, column 18 to line 4, column 45 in E3

" },
        { "E4", @"---- MODULE E4 ----
EXTENDS Naturals, TLC
VARIABLE x
Init == x = 1
Next == x' = x + 1 /\ Assert(x < 3, ""x too big"")
====
", @"INIT Init
NEXT Next
", 14, @"Error: The first argument of Assert evaluated to FALSE; the second argument was:
""x too big""
Error: The behavior up to this point is:
State 1: <Initial predicate>
x = 1

State 2: <Next line 5, col 9 to line 5, col 48 of module E4>
x = 2

State 3: <Next line 5, col 9 to line 5, col 48 of module E4>
x = 3

Error: The error occurred when TLC was evaluating the nested
expressions at the following positions:
0. Line 5, column 9 to line 5, column 48 in E4
1. Line 5, column 9 to line 5, column 18 in E4
2. Line 5, column 23 to line 5, column 48 in E4

" },
        { "E5", @"---- MODULE E5 ----
EXTENDS Naturals, TLC
VARIABLE x
f == [i \in 1..2 |-> i]
ASSUME f[3] = 1
Init == x = 1
Next == UNCHANGED x
====
", @"INIT Init
NEXT Next
", 10, @"Error: Evaluating assumption line 5, col 8 to line 5, col 15 of module E5 failed.
Attempted to apply function:
<<1, 2>>
to argument 3, which is not in the domain of the function." },
        { "E6", @"---- MODULE E6 ----
EXTENDS Naturals, TLC
VARIABLE x
f == [i \in 1..2 |-> i]
Init == x = f[3]
Next == UNCHANGED x
====
", @"INIT Init
NEXT Next
", 75, @"Error: Attempted to apply function:
<<1, 2>>
to argument 3, which is not in the domain of the function.
Error: The error occurred when TLC was evaluating the nested
expressions at the following positions:
0. Line 5, column 9 to line 5, column 16 in E6
1. Line 5, column 13 to line 5, column 16 in E6

" },
        { "E7", @"---- MODULE E7 ----
EXTENDS Naturals, TLC
VARIABLE x
f == [i \in 1..2 |-> i]
Init == x \in {1, 3} /\ x > 0
Next == UNCHANGED x
Inv == f[x] > 0
====
", @"INIT Init
NEXT Next
INVARIANT Inv
", 75, @"Error: Attempted to apply function:
<<1, 2>>
to argument 3, which is not in the domain of the function.
While working on the initial state:
x = 3

Error: The error occurred when TLC was evaluating the nested
expressions at the following positions:
0. Line 5, column 9 to line 5, column 29 in E7
1. Line 5, column 9 to line 5, column 20 in E7
2. Line 7, column 8 to line 7, column 15 in E7
3. Line 7, column 8 to line 7, column 11 in E7

" },
        { "E8", @"---- MODULE E8 ----
EXTENDS Naturals, TLC
VARIABLE x
f == [i \in 1..2 |-> i]
Init == x = 1
Next == x' = x + 1
AP == [][f[x'] > 0]_x
====
", @"INIT Init
NEXT Next
PROPERTY AP
", 75, @"Error: Evaluating action property AP failed.
Attempted to apply function:
<<1, 2>>
to argument 3, which is not in the domain of the function.
Error: The behavior up to this point is:
State 1: <Initial predicate>
x = 1

State 2: <Next line 6, col 9 to line 6, col 18 of module E8>
x = 2

State 3: <Next line 6, col 9 to line 6, col 18 of module E8>
x = 3

Error: The error occurred when TLC was evaluating the nested
expressions at the following positions:
0. Line 7, column 9 to line 7, column 21 in E8
1. Line 7, column 10 to line 7, column 18 in E8
2. Line 7, column 10 to line 7, column 14 in E8

" },
        { "E9", @"---- MODULE E9 ----
EXTENDS Naturals, Sequences, TLC
VARIABLE x
Init == x = <<>>
A == x' = Tail(x)
B == /\ x' = Append(x, Head(x))
Next == A \/ B
====
", @"INIT Init
NEXT Next
", 255, @"Error: Attempted to apply Tail to the empty sequence.
Error: The behavior up to this point is:
State 1: <Initial predicate>
x = <<>>

Error: The error occurred when TLC was evaluating the nested
expressions at the following positions:
0. Line 5, column 6 to line 5, column 17 in E9
1. Line 5, column 11 to line 5, column 17 in E9

" },
        { "E10", @"---- MODULE E10 ----
EXTENDS Naturals, TLC
VARIABLE x
r == [a |-> 1]
Init == x = 0
Next == LET y == r.b IN x' = y
====
", @"INIT Init
NEXT Next
", 75, @"Error: TLC threw an unexpected exception.
This was probably caused by an error in the spec or model.
See the User Output or TLC Console for clues to what happened.
The exception was a java.lang.RuntimeException
: Attempted to select nonexistent field ""b"" from the record
[a |-> 1]
line 6, col 18 to line 6, col 20 of module E10
Error: The behavior up to this point is:
State 1: <Initial predicate>
x = 0

Error: The error occurred when TLC was evaluating the nested
expressions at the following positions:
0. Line 6, column 25 to line 6, column 30 in E10
1. Line 6, column 30 to line 6, column 30 in E10
2. Line 6, column 18 to line 6, column 20 in E10

" },
        { "E11", @"---- MODULE E11 ----
EXTENDS Naturals, Sequences, TLC
VARIABLE x
Init == x = Tail(<<>>)
Next == UNCHANGED x
====
", @"INIT Init
NEXT Next
", 75, @"Error: Attempted to apply Tail to the empty sequence.
Error: The error occurred when TLC was evaluating the nested
expressions at the following positions:
0. Line 4, column 9 to line 4, column 22 in E11
1. Line 4, column 13 to line 4, column 22 in E11

" },
        { "E12", @"---- MODULE E12 ----
EXTENDS Naturals, TLC
VARIABLE x
Init == x = 0
Next == x' = 3.a
====
", @"INIT Init
NEXT Next
", 75, @"Error: TLC threw an unexpected exception.
This was probably caused by an error in the spec or model.
See the User Output or TLC Console for clues to what happened.
The exception was a java.lang.RuntimeException
: Attempted to select field ""a"" from a non-record value 3
line 5, col 14 to line 5, col 16 of module E12
Error: The behavior up to this point is:
State 1: <Initial predicate>
x = 0

Error: The error occurred when TLC was evaluating the nested
expressions at the following positions:
0. Line 5, column 9 to line 5, column 16 in E12
1. Line 5, column 14 to line 5, column 16 in E12

" },
        { "E13", @"---- MODULE E13 ----
EXTENDS Naturals, TLC
VARIABLE x
Init == x = 0
Next == x' = x + 1
C == [a |-> 1].b > x
====
", @"INIT Init
NEXT Next
CONSTRAINT C
", 75, @"Error: Attempted to select nonexistent field ""b"" from the record
[a |-> 1]
line 6, col 6 to line 6, col 16 of module E13
While working on the initial state:
x = 0

Error: The error occurred when TLC was evaluating the nested
expressions at the following positions:
0. Line 4, column 9 to line 4, column 13 in E13
1. Line 6, column 6 to line 6, column 20 in E13
2. Line 6, column 6 to line 6, column 16 in E13

" },
        { "F1", @"---- MODULE F1 ----
EXTENDS Naturals, Sequences, TLC
VARIABLE x, y
RECURSIVE Sum(_)
Sum(s) == IF s = <<>> THEN 0 ELSE Head(s) + Sum(Tail(s))
g[n \in 0..3] == IF n = 0 THEN 1 ELSE n * g[n-1]
Pick(S) == CHOOSE e \in S : e > 5
Init == x = 0 /\ y = <<1, 2>>
A == /\ x < 2
     /\ x' = x + Sum(y)
     /\ UNCHANGED y
B == /\ x >= 2
     /\ \A i \in 1..2 : y[i] > 0
     /\ LET z == g[x + 2] IN x' = z
     /\ y' = [i \in 1..2 |-> Pick({i, x})]
Next == A \/ B
====
", @"INIT Init
NEXT Next
", 75, @"Error: TLC threw an unexpected exception.
This was probably caused by an error in the spec or model.
See the User Output or TLC Console for clues to what happened.
The exception was a java.lang.RuntimeException
: In applying the function
(0 :> 1 @@ 1 :> 1 @@ 2 :> 2 @@ 3 :> 6),
the first argument is:
5
which is not in its domain.

Error: The behavior up to this point is:
State 1: <Initial predicate>
/\ x = 0
/\ y = <<1, 2>>

State 2: <A line 9, col 6 to line 11, col 19 of module F1>
/\ x = 3
/\ y = <<1, 2>>

Error: The error occurred when TLC was evaluating the nested
expressions at the following positions:
0. Line 12, column 6 to line 15, column 42 in F1
1. Line 12, column 9 to line 12, column 14 in F1
2. Line 13, column 9 to line 13, column 32 in F1
3. Line 13, column 25 to line 13, column 32 in F1
4. Line 14, column 9 to line 14, column 35 in F1
5. Line 14, column 30 to line 14, column 35 in F1
6. Line 14, column 35 to line 14, column 35 in F1
7. Line 14, column 18 to line 14, column 25 in F1

" },
        { "F2", @"---- MODULE F2 ----
EXTENDS Naturals, TLC
VARIABLE x
I == INSTANCE F2I WITH Lim <- 3, v <- x
Init == x \in {n \in 0..2 : n < 1}
Grow == x < 3 /\ x' = x + 1
Next == Grow \/ (x = 3 /\ I!Step)
C == x < 10 /\ Assert(x < 2 \/ x > 2, <<""bad"", x>>)
====
", @"INIT Init
NEXT Next
CONSTRAINT C
", 14, @"Error: The first argument of Assert evaluated to FALSE; the second argument was:
<<""bad"", 2>>
Error: The behavior up to this point is:
State 1: <Initial predicate>
x = 0

State 2: <Grow line 6, col 9 to line 6, col 27 of module F2>
x = 1

State 3: <Grow line 6, col 9 to line 6, col 27 of module F2>
x = 2

Error: The error occurred when TLC was evaluating the nested
expressions at the following positions:
0. Line 8, column 6 to line 8, column 51 in F2
1. Line 8, column 16 to line 8, column 51 in F2

" },
    };

    [Theory]
    [MemberData(nameof(Errors))]
    public void An_evaluation_error_is_reported_as_TLC_reports_it(string name, string tla, string cfg, int exit, string expected)
    {
        var r = InlineSpec.Check(name, tla.Replace("\r\n", "\n"), cfg.Replace("\r\n", "\n"), ("F2I.tla", F2I));
        Assert.Equal(exit, r.ExitCode);
        Assert.Equal(expected.Replace("\r\n", "\n"), ErrorBlock(TlcText.Format(r)));
    }

    private const string W2I = @"---- MODULE W2I ----
VARIABLE x
vars == <<x>>
====
";

    public static readonly TheoryData<string, string, string, string> SanyWarnings = new()
    {
        { "W1", @"---- MODULE W1 ----
EXTENDS Naturals
CONSTANT Proc
VARIABLE x
Init == x = [Proc |-> ""YES"", b |-> 1]
Next == UNCHANGED x
====
", @"CONSTANT Proc = 1
INIT Init
NEXT Next
", @"line 5, col 14 to line 5, col 17 of module W1

The field name ""Proc"" in the record constructor is identical to the existing definition or declaration
named Proc, located at line 3, col 10 to line 3, col 13 of module W1.
The field in the record will not take the value of the Proc definition or declaration.
In TLA+, field names in records are strings, regardless of any similarly named declarations or definitions.
Therefore, DOMAIN [Proc |-> ...] = {""Proc""} holds true." },
        { "W2", @"---- MODULE W2 ----
EXTENDS Naturals
VARIABLE x
vars == <<x>>
INSTANCE W2I
Init == x = [Proc |-> 1]
Next == UNCHANGED vars
Proc == 3
====
", @"INIT Init
NEXT Next
", @"*** Warnings: 1

line 5, col 1 to line 5, col 12 of module W2

Multiple declarations or definitions for symbol vars.  
This duplicates the one at line 4, col 1 to line 4, col 13 of module W2.



line 6, col 14 to line 6, col 17 of module W2

The field name ""Proc"" in the record constructor is identical to the existing definition or declaration
named Proc, located at line 8, col 1 to line 8, col 9 of module W2.
The field in the record will not take the value of the Proc definition or declaration.
In TLA+, field names in records are strings, regardless of any similarly named declarations or definitions.
Therefore, DOMAIN [Proc |-> ...] = {""Proc""} holds true." },
    };

    [Theory]
    [MemberData(nameof(SanyWarnings))]
    // SANY's warnings (a definition an unnamed INSTANCE brings again) and its linter's (a record field named like a
    // definition or declaration, tla2sany.linter.Linter) are printed by TLC while it processes the modules, in SANY's
    // block ("*** Warnings: n" for the semantic checker's; each place, a blank line, the text, three blank lines), and
    // even with -nowarning. Found on nbacc_ray97 ([Proc |-> "YES"]).
    public void SANYs_warnings_are_printed_as_SANY_prints_them_even_with_nowarning(string name, string tla, string cfg, string expected)
    {
        var r = InlineSpec.Check(name, tla.Replace("\r\n", "\n"), cfg.Replace("\r\n", "\n"), new CheckOptions { Workers = 1, NoWarnings = true }, ("W2I.tla", W2I));
        Assert.Equal(0, r.ExitCode);
        // (Each warning ends with three blank lines; the expected text is without the last ones.)
        Assert.Equal(expected.Replace("\r\n", "\n") + "\n\n\n", string.Join("\n", r.ParserMessages));
        Assert.StartsWith(expected.Replace("\r\n", "\n"), TlcText.Format(r).Replace("\r\n", "\n"));
    }

    [Theory]
    // The linter keeps quiet when a field's value of the record (or of a record with the same fields) is built from a
    // declaration: a CONSTANT, a VARIABLE, a parameter or bound identifier, or a definition that uses one.
    [InlineData("[Proc |-> Proc]")]
    [InlineData("[Proc |-> 1, b |-> x]")]
    [InlineData("[Proc |-> Twice(2)]")]
    [InlineData("[i \\in {1} |-> [Proc |-> i]]")]
    public void A_record_field_named_like_a_declaration_is_not_linted_when_a_value_is_built_from_one(string record)
    {
        var tla = $"---- MODULE L ----\nEXTENDS Naturals\nCONSTANT Proc\nVARIABLE x\nTwice(n) == 2 * n\nInit == x = 0 /\\ {record} = {record}\nNext == UNCHANGED x\n====\n";
        var r = InlineSpec.Check("L", tla, "CONSTANT Proc = 1\nINIT Init\nNEXT Next\n");
        Assert.Equal(0, r.ExitCode);
        Assert.Empty(r.ParserMessages);
    }

    private const string SmallSym = @"---- MODULE S1 ----
EXTENDS TLC
CONSTANTS A, B, a1, b1
VARIABLE x
MCA == {a1}
MCB == {b1}
Init == x \in A \cup B
Next == x' \in A \cup B
Sym == Permutations(MCA) \cup Permutations(MCB)
====
";

    [Theory]
    // TLC names a set by its text, except a definition the configuration substitutes for a constant (C <- D), which it
    // names as the constant. Found on MCPaxos (SYMMETRY Permutations(MCAcceptor) \cup Permutations(MCValue) with
    // Acceptor <- MCAcceptor). TLC: 6 generated / 2 distinct in both.
    [InlineData("A <- MCA\nB <- MCB\n", "The sets A, and B have been defined to be a symmetry set but contain less than two elements.")]
    [InlineData("A = {a1}\nB = {b1}\n", "The sets MCA, and MCB have been defined to be a symmetry set but contain less than two elements.")]
    public void A_small_symmetry_set_substituted_for_a_constant_is_named_as_the_constant(string constants, string warning)
    {
        var r = InlineSpec.Check("S1", SmallSym, $"CONSTANTS a1 = a1\nb1 = b1\n{constants}INIT Init\nNEXT Next\nSYMMETRY Sym\n");
        Assert.Equal(0, r.ExitCode);
        Assert.Equal(6, r.StatesGenerated);
        Assert.Equal(2, r.DistinctStates);
        Assert.Contains(r.Warnings, w => w.StartsWith(warning));
    }

    [Theory]
    // A value in the configuration for a name the specification does not declare, or for a variable: TLC is silent
    // (a substitution C <- D of such a name is its error, exit 151).
    [InlineData("CONSTANT Epsilon = 1\n")]
    [InlineData("CONSTANT Epsilon = Epsilon\n")]
    [InlineData("CONSTANT x = 1\n")]
    public void A_configuration_value_for_an_undeclared_name_is_passed_over_silently(string constants)
    {
        var r = InlineSpec.Check("U1", "---- MODULE U1 ----\nEXTENDS Naturals\nVARIABLE x\nFoo == 2\nInit == x = 0\nNext == UNCHANGED x\n====\n",
            constants + "INIT Init\nNEXT Next\n");
        Assert.Equal(0, r.ExitCode);
        Assert.Empty(r.Warnings);
        Assert.Equal(2, r.StatesGenerated);
    }

    /// <summary>The output from the first "Error:" line to the figures (or to "Finished").</summary>
    internal static string ErrorBlock(string output)
    {
        var lines = output.Replace("\r\n", "\n").Split('\n').ToList();
        int i = lines.FindIndex(l => l.StartsWith("Error:"));
        Assert.True(i >= 0, output);
        int j = lines.FindIndex(i, l => l.Contains(" states generated, ") || l.StartsWith("Finished in"));
        if (j < 0) j = lines.Count;
        return string.Join("\n", lines.Skip(i).Take(j - i));
    }
}
