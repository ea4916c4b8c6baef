using Ops.Tla.Checking;
using Ops.Tla.Output;
using Xunit;

namespace Ops.Tla.Tests.Checking;

/// <summary>
/// Evaluation errors in TLC's words, by the operator that meets the value of the wrong kind (Eval/TlcWords.cs): a
/// non-Boolean under <c>~</c>, <c>/\</c>, <c>\/</c>, <c>=&gt;</c>, <c>&lt;=&gt;</c>, IF, CASE, a quantifier, CHOOSE or
/// a set filter, and in the walk of the initial predicate or an action (TLC's getInitStates / getNextStates words);
/// a non-set under <c>\in</c>, DOMAIN, a quantifier, CHOOSE or filter bound, the set operators; a CASE without a
/// true arm; <c>+ - * ^ % \div .. -.</c> on a non-integer (TLC's Java override failing to cast its argument,
/// tlc2.module.Integers or Naturals); an ASSUME that is not a Boolean. Each spec is one of the probes run through TLC
/// (tla2tools cc6b616, <c>-workers 1 -noTE</c>): an expression in an ASSUME, the initial predicate (after or before
/// the assignment), a step (before or after the assignment, in a helper, in an IF), an invariant, a constraint, an
/// action property, a []-property; the expected text is TLC's output from the first "Error:" line to the figures.
/// </summary>
public class ErrorWordsTests
{
    public static readonly TheoryData<string, string, string, int, string> Cases = new()
    {
        { "plus.assume", @"---- MODULE M ----
EXTENDS Integers, TLC, FiniteSets, Sequences
VARIABLE x
vars == <<x>>
ASSUME TRUE + 1 = 2
Init == x = 0
Next == x < 2 /\ x' = x + 1
====
", @"INIT Init
NEXT Next
", 10, @"Error: Evaluating assumption line 5, col 8 to line 5, col 19 of module M failed.
Attempted to apply the operator overridden by the Java method
public static tlc2.value.impl.IntValue tlc2.module.Integers.Plus(tlc2.value.impl.IntValue,tlc2.value.impl.IntValue),
but it produced the following error:
Cannot cast tlc2.value.impl.BoolValue to tlc2.value.impl.IntValue" },
        { "plus.step", @"---- MODULE M ----
EXTENDS Integers, TLC, FiniteSets, Sequences
VARIABLE x
vars == <<x>>
Init == x = 0
A == x < 2 /\ x' = x + 1
Err == x = 1 /\ TRUE + 1 = 2 /\ x' = x
Next == A \/ Err
====
", @"INIT Init
NEXT Next
", 75, @"Error: TLC threw an unexpected exception.
This was probably caused by an error in the spec or model.
See the User Output or TLC Console for clues to what happened.
The exception was a java.lang.RuntimeException
: Attempted to apply the operator overridden by the Java method
public static tlc2.value.impl.IntValue tlc2.module.Integers.Plus(tlc2.value.impl.IntValue,tlc2.value.impl.IntValue),
but it produced the following error:
Cannot cast tlc2.value.impl.BoolValue to tlc2.value.impl.IntValue
Error: The behavior up to this point is:
State 1: <Initial predicate>
x = 0

State 2: <A line 6, col 6 to line 6, col 24 of module M>
x = 1

Error: The error occurred when TLC was evaluating the nested
expressions at the following positions:
0. Line 7, column 8 to line 7, column 38 in M
1. Line 7, column 8 to line 7, column 28 in M
2. Line 7, column 8 to line 7, column 12 in M
3. Line 7, column 17 to line 7, column 28 in M
4. Line 7, column 17 to line 7, column 24 in M


" },
        { "interval.init", @"---- MODULE M ----
EXTENDS Integers, TLC, FiniteSets, Sequences
VARIABLE x
vars == <<x>>
Init == x = 0 /\ (1..TRUE) = {}
Next == x < 2 /\ x' = x + 1
====
", @"INIT Init
NEXT Next
", 75, @"Error: Attempted to apply the operator overridden by the Java method
public static tlc2.value.impl.IntervalValue tlc2.module.Integers.DotDot(tlc2.value.impl.IntValue,tlc2.value.impl.IntValue),
but it produced the following error:
Cannot cast tlc2.value.impl.BoolValue to tlc2.value.impl.IntValue
Error: The error occurred when TLC was evaluating the nested
expressions at the following positions:
0. Line 5, column 9 to line 5, column 31 in M
1. Line 5, column 9 to line 5, column 13 in M
2. Line 5, column 18 to line 5, column 31 in M
3. Line 5, column 19 to line 5, column 25 in M


" },
        { "in.assume", @"---- MODULE M ----
EXTENDS Integers, TLC, FiniteSets, Sequences
VARIABLE x
vars == <<x>>
ASSUME 1 \in 3
Init == x = 0
Next == x < 2 /\ x' = x + 1
====
", @"INIT Init
NEXT Next
", 10, @"Error: Evaluating assumption line 5, col 8 to line 5, col 14 of module M failed.
Attempted to check if the value:
1
is an element of the integer 3" },
        { "domain.init", @"---- MODULE M ----
EXTENDS Integers, TLC, FiniteSets, Sequences
VARIABLE x
vars == <<x>>
Init == x = 0 /\ DOMAIN 1 = {}
Next == x < 2 /\ x' = x + 1
====
", @"INIT Init
NEXT Next
", 75, @"Error: Attempted to apply the operator DOMAIN to a non-function
(an integer)
line 5, col 18 to line 5, col 25 of module M
Error: The error occurred when TLC was evaluating the nested
expressions at the following positions:
0. Line 5, column 9 to line 5, column 30 in M
1. Line 5, column 9 to line 5, column 13 in M
2. Line 5, column 18 to line 5, column 30 in M
3. Line 5, column 18 to line 5, column 25 in M


" },
        { "case.inv", @"---- MODULE M ----
EXTENDS Integers, TLC, FiniteSets, Sequences
VARIABLE x
vars == <<x>>
Inv == (CASE FALSE -> 1) = 1
Init == x = 0
Next == x < 2 /\ x' = x + 1
====
", @"INIT Init
NEXT Next
INVARIANT Inv
", 75, @"Error: Attempted to evaluate a CASE with no conditions true.
line 5, col 9 to line 5, col 23 of module M
While working on the initial state:
x = 0

Error: The error occurred when TLC was evaluating the nested
expressions at the following positions:
0. Line 6, column 9 to line 6, column 13 in M
1. Line 5, column 8 to line 5, column 28 in M
2. Line 5, column 9 to line 5, column 23 in M


" },
        { "ifcond.step", @"---- MODULE M ----
EXTENDS Integers, TLC, FiniteSets, Sequences
VARIABLE x
vars == <<x>>
Init == x = 0
A == x < 2 /\ x' = x + 1
Err == x = 1 /\ (IF 1 THEN 2 ELSE 3) = 2 /\ x' = x
Next == A \/ Err
====
", @"INIT Init
NEXT Next
", 75, @"Error: TLC threw an unexpected exception.
This was probably caused by an error in the spec or model.
See the User Output or TLC Console for clues to what happened.
The exception was a java.lang.RuntimeException
: A non-boolean expression (an integer) was used as the condition of an IF.
line 7, col 18 to line 7, col 35 of module M
Error: The behavior up to this point is:
State 1: <Initial predicate>
x = 0

State 2: <A line 6, col 6 to line 6, col 24 of module M>
x = 1

Error: The error occurred when TLC was evaluating the nested
expressions at the following positions:
0. Line 7, column 8 to line 7, column 50 in M
1. Line 7, column 8 to line 7, column 40 in M
2. Line 7, column 8 to line 7, column 12 in M
3. Line 7, column 17 to line 7, column 40 in M
4. Line 7, column 18 to line 7, column 35 in M


" },
        { "not.assume", @"---- MODULE M ----
EXTENDS Integers, TLC, FiniteSets, Sequences
VARIABLE x
vars == <<x>>
ASSUME ~1
Init == x = 0
Next == x < 2 /\ x' = x + 1
====
", @"INIT Init
NEXT Next
", 10, @"Error: Evaluating assumption line 5, col 8 to line 5, col 9 of module M failed.
Attempted to apply the operator ~ to a non-boolean
(an integer)
line 5, col 8 to line 5, col 9 of module M" },
        { "and.inv", @"---- MODULE M ----
EXTENDS Integers, TLC, FiniteSets, Sequences
VARIABLE x
vars == <<x>>
Inv == 1 /\ TRUE
Init == x = 0
Next == x < 2 /\ x' = x + 1
====
", @"INIT Init
NEXT Next
INVARIANT Inv
", 75, @"Error: Attempted to evaluate an expression of form P /\ Q when P was
an integer.
line 5, col 8 to line 5, col 16 of module M
While working on the initial state:
x = 0

Error: The error occurred when TLC was evaluating the nested
expressions at the following positions:
0. Line 6, column 9 to line 6, column 13 in M
1. Line 5, column 8 to line 5, column 16 in M


" },
        { "forall.step", @"---- MODULE M ----
EXTENDS Integers, TLC, FiniteSets, Sequences
VARIABLE x
vars == <<x>>
Init == x = 0
A == x < 2 /\ x' = x + 1
Err == x = 1 /\ \A c \in 1 : TRUE /\ x' = x
Next == A \/ Err
====
", @"INIT Init
NEXT Next
", 75, @"Error: TLC threw an unexpected exception.
This was probably caused by an error in the spec or model.
See the User Output or TLC Console for clues to what happened.
The exception was a java.lang.RuntimeException
: TLC encountered a non-enumerable quantifier bound
1.
1
Error: The behavior up to this point is:
State 1: <Initial predicate>
x = 0

State 2: <A line 6, col 6 to line 6, col 24 of module M>
x = 1

Error: The error occurred when TLC was evaluating the nested
expressions at the following positions:
0. Line 7, column 8 to line 7, column 43 in M
1. Line 7, column 8 to line 7, column 12 in M
2. Line 7, column 17 to line 7, column 43 in M


" },
        { "choose.assume", @"---- MODULE M ----
EXTENDS Integers, TLC, FiniteSets, Sequences
VARIABLE x
vars == <<x>>
ASSUME (CHOOSE c \in {1, 2} : c > 5) = 1
Init == x = 0
Next == x < 2 /\ x' = x + 1
====
", @"INIT Init
NEXT Next
", 10, @"Error: Evaluating assumption line 5, col 8 to line 5, col 40 of module M failed.
Attempted to compute the value of an expression of form
CHOOSE x \in S: P, but no element of S satisfied P.
line 5, col 9 to line 5, col 35 of module M" },
        { "implies.inv", @"---- MODULE M ----
EXTENDS Integers, TLC, FiniteSets, Sequences
VARIABLE x
vars == <<x>>
Inv == 1 => TRUE
Init == x = 0
Next == x < 2 /\ x' = x + 1
====
", @"INIT Init
NEXT Next
INVARIANT Inv
", 75, @"Error: Attempted to evaluate an expression of form P => Q when P was
an integer.
line 5, col 8 to line 5, col 16 of module M
While working on the initial state:
x = 0

Error: The error occurred when TLC was evaluating the nested
expressions at the following positions:
0. Line 6, column 9 to line 6, column 13 in M
1. Line 5, column 8 to line 5, column 16 in M


" },
        { "cup.assume", @"---- MODULE M ----
EXTENDS Integers, TLC, FiniteSets, Sequences
VARIABLE x
vars == <<x>>
ASSUME ({1, 2} \cup 3) = {}
Init == x = 0
Next == x < 2 /\ x' = x + 1
====
", @"INIT Init
NEXT Next
", 10, @"Error: Evaluating assumption line 5, col 8 to line 5, col 27 of module M failed.
Attempted to enumerate S \cup T when S:
{1, 2}
and T:
3
are not both enumerable" },
        { "subset.assume", @"---- MODULE M ----
EXTENDS Integers, TLC, FiniteSets, Sequences
VARIABLE x
vars == <<x>>
ASSUME SUBSET 1 = {}
Init == x = 0
Next == x < 2 /\ x' = x + 1
====
", @"INIT Init
NEXT Next
", 10, @"Error: Evaluating assumption line 5, col 8 to line 5, col 20 of module M failed.
Attempted to compute the number of elements in the integer 1." },
        { "union.assume", @"---- MODULE M ----
EXTENDS Integers, TLC, FiniteSets, Sequences
VARIABLE x
vars == <<x>>
ASSUME UNION {1} = {}
Init == x = 0
Next == x < 2 /\ x' = x + 1
====
", @"INIT Init
NEXT Next
", 10, @"Error: Evaluating assumption line 5, col 8 to line 5, col 21 of module M failed.
Attempted to enumerate UNION(s), but some element of s is nonenumerable." },
        { "and2.init", @"---- MODULE M ----
EXTENDS Integers, TLC, FiniteSets, Sequences
VARIABLE x
vars == <<x>>
Init == x = 0 /\ TRUE /\ 1
Next == x < 2 /\ x' = x + 1
====
", @"INIT Init
NEXT Next
", 75, @"Error: In computing initial states, TLC expected a boolean expression,
but instead found 1.
1
Error: The error occurred when TLC was evaluating the nested
expressions at the following positions:
0. Line 5, column 9 to line 5, column 26 in M
1. Line 5, column 9 to line 5, column 21 in M
2. Line 5, column 9 to line 5, column 13 in M


" },
        { "and2.step", @"---- MODULE M ----
EXTENDS Integers, TLC, FiniteSets, Sequences
VARIABLE x
vars == <<x>>
Init == x = 0
A == x < 2 /\ x' = x + 1
Err == x = 1 /\ TRUE /\ 1 /\ x' = x
Next == A \/ Err
====
", @"INIT Init
NEXT Next
", 75, @"Error: TLC threw an unexpected exception.
This was probably caused by an error in the spec or model.
See the User Output or TLC Console for clues to what happened.
The exception was a java.lang.RuntimeException
: The next state relation is not a boolean expression.
1
Error: The behavior up to this point is:
State 1: <Initial predicate>
x = 0

State 2: <A line 6, col 6 to line 6, col 24 of module M>
x = 1

Error: The error occurred when TLC was evaluating the nested
expressions at the following positions:
0. Line 7, column 8 to line 7, column 35 in M
1. Line 7, column 8 to line 7, column 25 in M
2. Line 7, column 8 to line 7, column 20 in M
3. Line 7, column 8 to line 7, column 12 in M
4. Line 7, column 17 to line 7, column 20 in M
5. Line 7, column 25 to line 7, column 25 in M


" },
        { "equiv.assume", @"---- MODULE M ----
EXTENDS Integers, TLC, FiniteSets, Sequences
VARIABLE x
vars == <<x>>
ASSUME 1 <=> TRUE
Init == x = 0
Next == x < 2 /\ x' = x + 1
====
", @"INIT Init
NEXT Next
", 10, @"Error: Evaluating assumption line 5, col 8 to line 5, col 17 of module M failed.
Attempted to evaluate an expression of form P <=> Q when P or Q was not a boolean.
line 5, col 8 to line 5, col 17 of module M" },
        { "caseguard.assume", @"---- MODULE M ----
EXTENDS Integers, TLC, FiniteSets, Sequences
VARIABLE x
vars == <<x>>
ASSUME (CASE 1 -> 2 [] OTHER -> 3) = 2
Init == x = 0
Next == x < 2 /\ x' = x + 1
====
", @"INIT Init
NEXT Next
", 10, @"Error: Evaluating assumption line 5, col 8 to line 5, col 38 of module M failed.
A non-boolean expression (an integer) was used as a condition of a CASE. 1" },
        { "quantbody.init", @"---- MODULE M ----
EXTENDS Integers, TLC, FiniteSets, Sequences
VARIABLE x
vars == <<x>>
Init == x = 0 /\ \A c \in {1} : c
Next == x < 2 /\ x' = x + 1
====
", @"INIT Init
NEXT Next
", 75, @"Error: TLC expected a boolean value, but did not find one. line 5, col 18 to line 5, col 33 of module M
Error: The error occurred when TLC was evaluating the nested
expressions at the following positions:
0. Line 5, column 9 to line 5, column 33 in M
1. Line 5, column 9 to line 5, column 13 in M
2. Line 5, column 18 to line 5, column 33 in M


" },
        { "quantbody.step", @"---- MODULE M ----
EXTENDS Integers, TLC, FiniteSets, Sequences
VARIABLE x
vars == <<x>>
Init == x = 0
A == x < 2 /\ x' = x + 1
Err == x = 1 /\ \A c \in {1} : c /\ x' = x
Next == A \/ Err
====
", @"INIT Init
NEXT Next
", 75, @"Error: TLC threw an unexpected exception.
This was probably caused by an error in the spec or model.
See the User Output or TLC Console for clues to what happened.
The exception was a java.lang.RuntimeException
: In computing next states, TLC expected a boolean expression,
but instead found 1.
line 7, col 32 to line 7, col 32 of module M
Error: The behavior up to this point is:
State 1: <Initial predicate>
x = 0

State 2: <A line 6, col 6 to line 6, col 24 of module M>
x = 1

Error: The error occurred when TLC was evaluating the nested
expressions at the following positions:
0. Line 7, column 8 to line 7, column 42 in M
1. Line 7, column 8 to line 7, column 12 in M
2. Line 7, column 17 to line 7, column 42 in M
3. Line 7, column 32 to line 7, column 42 in M
4. Line 7, column 32 to line 7, column 32 in M


" },
        { "choosebody.assume", @"---- MODULE M ----
EXTENDS Integers, TLC, FiniteSets, Sequences
VARIABLE x
vars == <<x>>
ASSUME (CHOOSE c \in {1} : c) = 1
Init == x = 0
Next == x < 2 /\ x' = x + 1
====
", @"INIT Init
NEXT Next
", 10, @"Error: Evaluating assumption line 5, col 8 to line 5, col 33 of module M failed.
TLC expected a boolean value, but did not find one. line 5, col 9 to line 5, col 28 of module M" },
        { "filterpred.assume", @"---- MODULE M ----
EXTENDS Integers, TLC, FiniteSets, Sequences
VARIABLE x
vars == <<x>>
ASSUME {c \in {1} : c} = {}
Init == x = 0
Next == x < 2 /\ x' = x + 1
====
", @"INIT Init
NEXT Next
", 10, @"Error: Evaluating assumption line 5, col 8 to line 5, col 27 of module M failed.
Attempted to evaluate an expression of form {x \in S : P(x)} when P was an integer.
line 5, col 21 to line 5, col 21 of module M" },
        { "notfcn2.assume", @"---- MODULE M ----
EXTENDS Integers, TLC, FiniteSets, Sequences
VARIABLE x
vars == <<x>>
ASSUME ~(1 :> 2)
Init == x = 0
Next == x < 2 /\ x' = x + 1
====
", @"INIT Init
NEXT Next
", 10, @"Error: Evaluating assumption line 5, col 8 to line 5, col 16 of module M failed.
Attempted to apply the operator ~ to a non-boolean
(a function  of the form (d1 :> e1 @@ ... @@ dN :> eN))
line 5, col 8 to line 5, col 16 of module M" },
        { "notrec.init", @"---- MODULE M ----
EXTENDS Integers, TLC, FiniteSets, Sequences
VARIABLE x
vars == <<x>>
Init == x = 0 /\ ~[a |-> 1]
Next == x < 2 /\ x' = x + 1
====
", @"INIT Init
NEXT Next
", 75, @"Error: Attempted to apply the operator ~ to a non-boolean
(a record)
line 5, col 18 to line 5, col 27 of module M
Error: The error occurred when TLC was evaluating the nested
expressions at the following positions:
0. Line 5, column 9 to line 5, column 27 in M
1. Line 5, column 9 to line 5, column 13 in M
2. Line 5, column 18 to line 5, column 27 in M


" },
        { "dombool.step", @"---- MODULE M ----
EXTENDS Integers, TLC, FiniteSets, Sequences
VARIABLE x
vars == <<x>>
Init == x = 0
A == x < 2 /\ x' = x + 1
Err == x = 1 /\ DOMAIN TRUE = {} /\ x' = x
Next == A \/ Err
====
", @"INIT Init
NEXT Next
", 75, @"Error: TLC threw an unexpected exception.
This was probably caused by an error in the spec or model.
See the User Output or TLC Console for clues to what happened.
The exception was a java.lang.RuntimeException
: Attempted to apply the operator DOMAIN to a non-function
(a Boolean value)
line 7, col 17 to line 7, col 27 of module M
Error: The behavior up to this point is:
State 1: <Initial predicate>
x = 0

State 2: <A line 6, col 6 to line 6, col 24 of module M>
x = 1

Error: The error occurred when TLC was evaluating the nested
expressions at the following positions:
0. Line 7, column 8 to line 7, column 42 in M
1. Line 7, column 8 to line 7, column 32 in M
2. Line 7, column 8 to line 7, column 12 in M
3. Line 7, column 17 to line 7, column 32 in M
4. Line 7, column 17 to line 7, column 27 in M


" },
        { "inrec.assume", @"---- MODULE M ----
EXTENDS Integers, TLC, FiniteSets, Sequences
VARIABLE x
vars == <<x>>
ASSUME 1 \in [a |-> 1]
Init == x = 0
Next == x < 2 /\ x' = x + 1
====
", @"INIT Init
NEXT Next
", 10, @"Error: Evaluating assumption line 5, col 8 to line 5, col 22 of module M failed.
Attempted to check if element:
1
is in the record:
[a |-> 1]" },
        { "intup.assume", @"---- MODULE M ----
EXTENDS Integers, TLC, FiniteSets, Sequences
VARIABLE x
vars == <<x>>
ASSUME 1 \in <<1>>
Init == x = 0
Next == x < 2 /\ x' = x + 1
====
", @"INIT Init
NEXT Next
", 10, @"Error: Evaluating assumption line 5, col 8 to line 5, col 18 of module M failed.
Attempted to check set membership in a tuple value." },
        { "infcn.assume", @"---- MODULE M ----
EXTENDS Integers, TLC, FiniteSets, Sequences
VARIABLE x
vars == <<x>>
ASSUME 1 \in [c \in {1} |-> c]
Init == x = 0
Next == x < 2 /\ x' = x + 1
====
", @"INIT Init
NEXT Next
", 10, @"Error: Evaluating assumption line 5, col 8 to line 5, col 30 of module M failed.
Attempted to check if the value:
1
is an element of the function <<1>>" },
        { "plus2.assume", @"---- MODULE M ----
EXTENDS Integers, TLC, FiniteSets, Sequences
VARIABLE x
vars == <<x>>
ASSUME ""a"" + TRUE
Init == x = 0
Next == x < 2 /\ x' = x + 1
====
", @"INIT Init
NEXT Next
", 10, @"Error: Evaluating assumption line 5, col 8 to line 5, col 17 of module M failed.
Attempted to apply the operator overridden by the Java method
public static tlc2.value.impl.IntValue tlc2.module.Integers.Plus(tlc2.value.impl.IntValue,tlc2.value.impl.IntValue),
but it produced the following error:
Cannot cast tlc2.value.impl.BoolValue to tlc2.value.impl.IntValue" },
        { "plusrec.assume", @"---- MODULE M ----
EXTENDS Integers, TLC, FiniteSets, Sequences
VARIABLE x
vars == <<x>>
ASSUME [a |-> 1] + 1
Init == x = 0
Next == x < 2 /\ x' = x + 1
====
", @"INIT Init
NEXT Next
", 10, @"Error: Evaluating assumption line 5, col 8 to line 5, col 20 of module M failed.
Attempted to apply the operator overridden by the Java method
public static tlc2.value.impl.IntValue tlc2.module.Integers.Plus(tlc2.value.impl.IntValue,tlc2.value.impl.IntValue),
but it produced the following error:
Cannot cast tlc2.value.impl.RecordValue to tlc2.value.impl.IntValue" },
        { "neg.assume", @"---- MODULE M ----
EXTENDS Integers, TLC, FiniteSets, Sequences
VARIABLE x
vars == <<x>>
ASSUME -TRUE = 1
Init == x = 0
Next == x < 2 /\ x' = x + 1
====
", @"INIT Init
NEXT Next
", 10, @"Error: Evaluating assumption line 5, col 8 to line 5, col 16 of module M failed.
Attempted to apply the operator overridden by the Java method
public static tlc2.value.impl.IntValue tlc2.module.Integers.Neg(tlc2.value.impl.IntValue),
but it produced the following error:
Cannot cast tlc2.value.impl.BoolValue to tlc2.value.impl.IntValue" },
        { "ivstr.assume", @"---- MODULE M ----
EXTENDS Integers, TLC, FiniteSets, Sequences
VARIABLE x
vars == <<x>>
ASSUME (1 .. ""a"") = {}
Init == x = 0
Next == x < 2 /\ x' = x + 1
====
", @"INIT Init
NEXT Next
", 10, @"Error: Evaluating assumption line 5, col 8 to line 5, col 22 of module M failed.
Attempted to apply the operator overridden by the Java method
public static tlc2.value.impl.IntervalValue tlc2.module.Integers.DotDot(tlc2.value.impl.IntValue,tlc2.value.impl.IntValue),
but it produced the following error:
Cannot cast tlc2.value.impl.StringValue to tlc2.value.impl.IntValue" },
        { "bstr.assume", @"---- MODULE M ----
EXTENDS Integers, TLC, FiniteSets, Sequences
VARIABLE x
vars == <<x>>
ASSUME \A c \in ""a"" : TRUE
Init == x = 0
Next == x < 2 /\ x' = x + 1
====
", @"INIT Init
NEXT Next
", 10, @"Error: Evaluating assumption line 5, col 8 to line 5, col 26 of module M failed.
TLC encountered a non-enumerable quantifier bound
""a"".
line 5, col 17 to line 5, col 19 of module M" },
        { "bexpr.init", @"---- MODULE M ----
EXTENDS Integers, TLC, FiniteSets, Sequences
VARIABLE x
vars == <<x>>
Init == x = 0 /\ \A c \in (1 + 0) : TRUE
Next == x < 2 /\ x' = x + 1
====
", @"INIT Init
NEXT Next
", 75, @"Error: TLC encountered a non-enumerable quantifier bound
1.
line 5, col 28 to line 5, col 32 of module M
Error: The error occurred when TLC was evaluating the nested
expressions at the following positions:
0. Line 5, column 9 to line 5, column 40 in M
1. Line 5, column 9 to line 5, column 13 in M
2. Line 5, column 18 to line 5, column 40 in M


" },
        { "chbound.assume", @"---- MODULE M ----
EXTENDS Integers, TLC, FiniteSets, Sequences
VARIABLE x
vars == <<x>>
ASSUME (CHOOSE c \in 1 : TRUE) = 1
Init == x = 0
Next == x < 2 /\ x' = x + 1
====
", @"INIT Init
NEXT Next
", 10, @"Error: Evaluating assumption line 5, col 8 to line 5, col 34 of module M failed.
Attempted to compute the value of an expression of
form CHOOSE x \in S: P, but S was not enumerable.
line 5, col 9 to line 5, col 29 of module M" },
        { "filterb.assume", @"---- MODULE M ----
EXTENDS Integers, TLC, FiniteSets, Sequences
VARIABLE x
vars == <<x>>
ASSUME {c \in 1 : TRUE} = {}
Init == x = 0
Next == x < 2 /\ x' = x + 1
====
", @"INIT Init
NEXT Next
", 10, @"Error: Evaluating assumption line 5, col 8 to line 5, col 28 of module M failed.
Attempted to enumerate { x \in S : p(x) } when S:
1
is not enumerable" },
        { "mapb.assume", @"---- MODULE M ----
EXTENDS Integers, TLC, FiniteSets, Sequences
VARIABLE x
vars == <<x>>
ASSUME {c : c \in 1} = {}
Init == x = 0
Next == x < 2 /\ x' = x + 1
====
", @"INIT Init
NEXT Next
", 10, @"Error: Evaluating assumption line 5, col 8 to line 5, col 25 of module M failed.
TLC encountered a non-enumerable quantifier bound
1.
1" },
        { "substr.assume", @"---- MODULE M ----
EXTENDS Integers, TLC, FiniteSets, Sequences
VARIABLE x
vars == <<x>>
ASSUME SUBSET ""a"" = {}
Init == x = 0
Next == x < 2 /\ x' = x + 1
====
", @"INIT Init
NEXT Next
", 10, @"Error: Evaluating assumption line 5, col 8 to line 5, col 22 of module M failed.
Attempted to compute the number of elements in the string ""a""." },
        { "subseteq1.assume", @"---- MODULE M ----
EXTENDS Integers, TLC, FiniteSets, Sequences
VARIABLE x
vars == <<x>>
ASSUME {1} \subseteq 1
Init == x = 0
Next == x < 2 /\ x' = x + 1
====
", @"INIT Init
NEXT Next
", 10, @"Error: Evaluating assumption line 5, col 8 to line 5, col 22 of module M failed.
Attempted to check if the value:
1
is an element of the integer 1" },
        { "subseteq2.assume", @"---- MODULE M ----
EXTENDS Integers, TLC, FiniteSets, Sequences
VARIABLE x
vars == <<x>>
ASSUME 1 \subseteq {1}
Init == x = 0
Next == x < 2 /\ x' = x + 1
====
", @"INIT Init
NEXT Next
", 10, @"Error: Evaluating assumption line 5, col 8 to line 5, col 22 of module M failed.
Attempted to evaluate an expression of form S \subseteq T, but S was not enumerable.
line 5, col 8 to line 5, col 22 of module M" },
        { "cap.assume", @"---- MODULE M ----
EXTENDS Integers, TLC, FiniteSets, Sequences
VARIABLE x
vars == <<x>>
ASSUME ({1} \cap 2) = {}
Init == x = 0
Next == x < 2 /\ x' = x + 1
====
", @"INIT Init
NEXT Next
", 10, @"Error: Evaluating assumption line 5, col 8 to line 5, col 24 of module M failed.
Attempted to check if the value:
1
is an element of the integer 2" },
        { "diff.assume", @"---- MODULE M ----
EXTENDS Integers, TLC, FiniteSets, Sequences
VARIABLE x
vars == <<x>>
ASSUME ({1} \ 2) = {}
Init == x = 0
Next == x < 2 /\ x' = x + 1
====
", @"INIT Init
NEXT Next
", 10, @"Error: Evaluating assumption line 5, col 8 to line 5, col 21 of module M failed.
Attempted to check if the value:
1
is an element of the integer 2" },
        { "cup2.assume", @"---- MODULE M ----
EXTENDS Integers, TLC, FiniteSets, Sequences
VARIABLE x
vars == <<x>>
ASSUME (1 \cup {1}) = {}
Init == x = 0
Next == x < 2 /\ x' = x + 1
====
", @"INIT Init
NEXT Next
", 10, @"Error: Evaluating assumption line 5, col 8 to line 5, col 24 of module M failed.
Attempted to enumerate S \cup T when S:
{1}
and T:
1
are not both enumerable" },
        { "union2.assume", @"---- MODULE M ----
EXTENDS Integers, TLC, FiniteSets, Sequences
VARIABLE x
vars == <<x>>
ASSUME UNION {{1}, 2} = {}
Init == x = 0
Next == x < 2 /\ x' = x + 1
====
", @"INIT Init
NEXT Next
", 10, @"Error: Evaluating assumption line 5, col 8 to line 5, col 26 of module M failed.
Attempted to compare integer 2 with non-integer:
{1}" },
        { "nonbool.assume", @"---- MODULE M ----
EXTENDS Integers, TLC, FiniteSets, Sequences
VARIABLE x
vars == <<x>>
ASSUME (1 + 1)
Init == x = 0
Next == x < 2 /\ x' = x + 1
====
", @"INIT Init
NEXT Next
", 10, @"Error: Evaluating assumption line 5, col 9 to line 5, col 13 of module M failed.
TLC expected a boolean value, but did not find one. line 5, col 9 to line 5, col 13 of module M" },
        { "nonbool.init", @"---- MODULE M ----
EXTENDS Integers, TLC, FiniteSets, Sequences
VARIABLE x
vars == <<x>>
Init == x = 0 /\ (1 + 1)
Next == x < 2 /\ x' = x + 1
====
", @"INIT Init
NEXT Next
", 75, @"Error: In computing initial states, TLC expected a boolean expression,
but instead found 2.
line 5, col 19 to line 5, col 23 of module M
Error: The error occurred when TLC was evaluating the nested
expressions at the following positions:
0. Line 5, column 9 to line 5, column 24 in M
1. Line 5, column 9 to line 5, column 13 in M


" },
        { "nonbool.step", @"---- MODULE M ----
EXTENDS Integers, TLC, FiniteSets, Sequences
VARIABLE x
vars == <<x>>
Init == x = 0
A == x < 2 /\ x' = x + 1
Err == x = 1 /\ (1 + 1) /\ x' = x
Next == A \/ Err
====
", @"INIT Init
NEXT Next
", 75, @"Error: TLC threw an unexpected exception.
This was probably caused by an error in the spec or model.
See the User Output or TLC Console for clues to what happened.
The exception was a java.lang.RuntimeException
: In computing next states, TLC expected a boolean expression,
but instead found 2.
line 7, col 18 to line 7, col 22 of module M
Error: The behavior up to this point is:
State 1: <Initial predicate>
x = 0

State 2: <A line 6, col 6 to line 6, col 24 of module M>
x = 1

Error: The error occurred when TLC was evaluating the nested
expressions at the following positions:
0. Line 7, column 8 to line 7, column 33 in M
1. Line 7, column 8 to line 7, column 23 in M
2. Line 7, column 8 to line 7, column 12 in M
3. Line 7, column 18 to line 7, column 22 in M


" },
        { "plus.prop", @"---- MODULE M ----
EXTENDS Integers, TLC, FiniteSets, Sequences
VARIABLE x
vars == <<x>>
Prop == [](x = 1 => TRUE + 1 = 2)
Init == x = 0
Next == x < 2 /\ x' = x + 1
====
", @"INIT Init
NEXT Next
PROPERTY Prop
", 76, @"Error: Evaluating invariant Prop failed.
Attempted to apply the operator overridden by the Java method
public static tlc2.value.impl.IntValue tlc2.module.Integers.Plus(tlc2.value.impl.IntValue,tlc2.value.impl.IntValue),
but it produced the following error:
Cannot cast tlc2.value.impl.BoolValue to tlc2.value.impl.IntValue
Error: The behavior up to this point is:
State 1: <Initial predicate>
x = 0

State 2: <Next line 7, col 9 to line 7, col 27 of module M>
x = 1

" },
        { "not.constr", @"---- MODULE M ----
EXTENDS Integers, TLC, FiniteSets, Sequences
VARIABLE x
vars == <<x>>
C == x = 1 => ~1
Init == x = 0
Next == x < 2 /\ x' = x + 1
====
", @"INIT Init
NEXT Next
CONSTRAINT C
", 75, @"Error: TLC threw an unexpected exception.
This was probably caused by an error in the spec or model.
See the User Output or TLC Console for clues to what happened.
The exception was a java.lang.RuntimeException
: Attempted to apply the operator ~ to a non-boolean
(an integer)
line 5, col 15 to line 5, col 16 of module M
Error: The behavior up to this point is:
State 1: <Initial predicate>
x = 0

State 2: <Next line 7, col 9 to line 7, col 27 of module M>
x = 1

Error: The error occurred when TLC was evaluating the nested
expressions at the following positions:
0. Line 5, column 6 to line 5, column 16 in M
1. Line 5, column 15 to line 5, column 16 in M


" },
        { "ifcond.actprop", @"---- MODULE M ----
EXTENDS Integers, TLC, FiniteSets, Sequences
VARIABLE x
vars == <<x>>
AP == [][x' > x => (IF 1 THEN 2 ELSE 3) = 2]_vars
Init == x = 0
Next == x < 2 /\ x' = x + 1
====
", @"INIT Init
NEXT Next
PROPERTY AP
", 75, @"Error: Evaluating action property AP failed.
A non-boolean expression (an integer) was used as the condition of an IF.
line 5, col 21 to line 5, col 38 of module M
Error: The behavior up to this point is:
State 1: <Initial predicate>
x = 0

State 2: <Next line 7, col 9 to line 7, col 27 of module M>
x = 1

Error: The error occurred when TLC was evaluating the nested
expressions at the following positions:
0. Line 5, column 9 to line 5, column 49 in M
1. Line 5, column 10 to line 5, column 43 in M
2. Line 5, column 20 to line 5, column 43 in M
3. Line 5, column 21 to line 5, column 38 in M


" },
        { "case.stepif", @"---- MODULE M ----
EXTENDS Integers, TLC, FiniteSets, Sequences
VARIABLE x
vars == <<x>>
Init == x = 0
Next == x < 2 /\ x' = IF x = 1 /\ (CASE FALSE -> 1) = 1 THEN 0 ELSE x + 1
====
", @"INIT Init
NEXT Next
", 75, @"Error: TLC threw an unexpected exception.
This was probably caused by an error in the spec or model.
See the User Output or TLC Console for clues to what happened.
The exception was a java.lang.RuntimeException
: Attempted to evaluate a CASE with no conditions true.
line 6, col 36 to line 6, col 50 of module M
Error: The behavior up to this point is:
State 1: <Initial predicate>
x = 0

State 2: <Next line 6, col 9 to line 6, col 73 of module M>
x = 1

Error: The error occurred when TLC was evaluating the nested
expressions at the following positions:
0. Line 6, column 9 to line 6, column 73 in M
1. Line 6, column 9 to line 6, column 13 in M
2. Line 6, column 18 to line 6, column 73 in M
3. Line 6, column 23 to line 6, column 73 in M
4. Line 6, column 26 to line 6, column 55 in M
5. Line 6, column 35 to line 6, column 55 in M
6. Line 6, column 36 to line 6, column 50 in M


" },
        { "and.letassume", @"---- MODULE M ----
EXTENDS Integers, TLC, FiniteSets, Sequences
VARIABLE x
vars == <<x>>
ASSUME LET y == (1 /\ TRUE) IN y
Init == x = 0
Next == x < 2 /\ x' = x + 1
====
", @"INIT Init
NEXT Next
", 10, @"Error: Evaluating assumption line 5, col 8 to line 5, col 32 of module M failed.
Attempted to evaluate an expression of form P /\ Q when P was
an integer.
line 5, col 18 to line 5, col 26 of module M" },
        { "choose.ifassume", @"---- MODULE M ----
EXTENDS Integers, TLC, FiniteSets, Sequences
VARIABLE x
vars == <<x>>
ASSUME IF (CHOOSE c \in {1, 2} : c > 5) = 1 THEN TRUE ELSE TRUE
Init == x = 0
Next == x < 2 /\ x' = x + 1
====
", @"INIT Init
NEXT Next
", 10, @"Error: Evaluating assumption line 5, col 8 to line 5, col 63 of module M failed.
Attempted to compute the value of an expression of form
CHOOSE x \in S: P, but no element of S satisfied P.
line 5, col 12 to line 5, col 38 of module M" },
        { "domain.notinv", @"---- MODULE M ----
EXTENDS Integers, TLC, FiniteSets, Sequences
VARIABLE x
vars == <<x>>
Inv == ~(DOMAIN 1 = {})
Init == x = 0
Next == x < 2 /\ x' = x + 1
====
", @"INIT Init
NEXT Next
INVARIANT Inv
", 75, @"Error: Attempted to apply the operator DOMAIN to a non-function
(an integer)
line 5, col 10 to line 5, col 17 of module M
While working on the initial state:
x = 0

Error: The error occurred when TLC was evaluating the nested
expressions at the following positions:
0. Line 6, column 9 to line 6, column 13 in M
1. Line 5, column 8 to line 5, column 23 in M
2. Line 5, column 10 to line 5, column 22 in M
3. Line 5, column 10 to line 5, column 17 in M


" },
        { "nplus.assume", @"---- MODULE M ----
EXTENDS Naturals, TLC
VARIABLE x
vars == <<x>>
ASSUME TRUE + 1 = 2
Init == x = 0
Next == x < 2 /\ x' = x + 1
====
", @"INIT Init
NEXT Next
", 10, @"Error: Evaluating assumption line 5, col 8 to line 5, col 19 of module M failed.
Attempted to apply the operator overridden by the Java method
public static tlc2.value.impl.IntValue tlc2.module.Naturals.Plus(tlc2.value.impl.IntValue,tlc2.value.impl.IntValue),
but it produced the following error:
Cannot cast tlc2.value.impl.BoolValue to tlc2.value.impl.IntValue" },
        { "ndiv.step", @"---- MODULE M ----
EXTENDS Naturals, TLC
VARIABLE x
vars == <<x>>
Init == x = 0
A == x < 2 /\ x' = x + 1
Err == x = 1 /\ 1 \div <<1>> = 2 /\ x' = x
Next == A \/ Err
====
", @"INIT Init
NEXT Next
", 75, @"Error: TLC threw an unexpected exception.
This was probably caused by an error in the spec or model.
See the User Output or TLC Console for clues to what happened.
The exception was a java.lang.RuntimeException
: Attempted to apply the operator overridden by the Java method
public static tlc2.value.impl.IntValue tlc2.module.Naturals.Divide(tlc2.value.impl.IntValue,tlc2.value.impl.IntValue),
but it produced the following error:
Cannot cast tlc2.value.impl.TupleValue to tlc2.value.impl.IntValue
Error: The behavior up to this point is:
State 1: <Initial predicate>
x = 0

State 2: <A line 6, col 6 to line 6, col 24 of module M>
x = 1

Error: The error occurred when TLC was evaluating the nested
expressions at the following positions:
0. Line 7, column 8 to line 7, column 42 in M
1. Line 7, column 8 to line 7, column 32 in M
2. Line 7, column 8 to line 7, column 12 in M
3. Line 7, column 17 to line 7, column 32 in M
4. Line 7, column 17 to line 7, column 28 in M


" },
        { "nexpt.assume", @"---- MODULE M ----
EXTENDS Naturals, TLC
VARIABLE x
vars == <<x>>
ASSUME 2 ^ TRUE = 2
Init == x = 0
Next == x < 2 /\ x' = x + 1
====
", @"INIT Init
NEXT Next
", 10, @"Error: Evaluating assumption line 5, col 8 to line 5, col 19 of module M failed.
Attempted to apply the operator overridden by the Java method
public static tlc2.value.impl.IntValue tlc2.module.Naturals.Expt(tlc2.value.impl.IntValue,tlc2.value.impl.IntValue),
but it produced the following error:
Cannot cast tlc2.value.impl.BoolValue to tlc2.value.impl.IntValue" },
        { "gor.init", @"---- MODULE M ----
EXTENDS Integers, TLC, FiniteSets, Sequences
VARIABLE x
vars == <<x>>
Init == x = 0 /\ (FALSE \/ 1)
Next == x < 2 /\ x' = x + 1
====
", @"INIT Init
NEXT Next
", 75, @"Error: Attempted to evaluate an expression of form P \/ Q when Q was
an integer.
line 5, col 19 to line 5, col 28 of module M
Error: The error occurred when TLC was evaluating the nested
expressions at the following positions:
0. Line 5, column 9 to line 5, column 29 in M
1. Line 5, column 9 to line 5, column 13 in M
2. Line 5, column 19 to line 5, column 28 in M


" },
        { "gimp.init", @"---- MODULE M ----
EXTENDS Integers, TLC, FiniteSets, Sequences
VARIABLE x
vars == <<x>>
Init == x = 0 /\ (1 => TRUE)
Next == x < 2 /\ x' = x + 1
====
", @"INIT Init
NEXT Next
", 75, @"Error: Attempted to evaluate an expression of form P => Q when P was
an integer.
line 5, col 19 to line 5, col 27 of module M
Error: The error occurred when TLC was evaluating the nested
expressions at the following positions:
0. Line 5, column 9 to line 5, column 28 in M
1. Line 5, column 9 to line 5, column 13 in M
2. Line 5, column 19 to line 5, column 27 in M


" },
        { "gif.init", @"---- MODULE M ----
EXTENDS Integers, TLC, FiniteSets, Sequences
VARIABLE x
vars == <<x>>
Init == x = 0 /\ (IF 1 THEN TRUE ELSE FALSE)
Next == x < 2 /\ x' = x + 1
====
", @"INIT Init
NEXT Next
", 75, @"Error: A non-boolean expression (an integer) was used as the condition of an IF.
line 5, col 19 to line 5, col 43 of module M
Error: The error occurred when TLC was evaluating the nested
expressions at the following positions:
0. Line 5, column 9 to line 5, column 44 in M
1. Line 5, column 9 to line 5, column 13 in M
2. Line 5, column 19 to line 5, column 43 in M


" },
        { "gcase.init", @"---- MODULE M ----
EXTENDS Integers, TLC, FiniteSets, Sequences
VARIABLE x
vars == <<x>>
Init == x = 0 /\ ((CASE 1 -> 1 [] OTHER -> 2) = 1)
Next == x < 2 /\ x' = x + 1
====
", @"INIT Init
NEXT Next
", 75, @"Error: A non-boolean expression (an integer) was used as a condition of a CASE. 1
Error: The error occurred when TLC was evaluating the nested
expressions at the following positions:
0. Line 5, column 9 to line 5, column 50 in M
1. Line 5, column 9 to line 5, column 13 in M
2. Line 5, column 19 to line 5, column 49 in M
3. Line 5, column 20 to line 5, column 44 in M


" },
        { "gcase2.step", @"---- MODULE M ----
EXTENDS Integers, TLC, FiniteSets, Sequences
VARIABLE x
vars == <<x>>
Init == x = 0
A == x < 2 /\ x' = x + 1
Err == x = 1 /\ ((CASE 1 > 5 -> 1) = 1) /\ x' = x
Next == A \/ Err
====
", @"INIT Init
NEXT Next
", 75, @"Error: TLC threw an unexpected exception.
This was probably caused by an error in the spec or model.
See the User Output or TLC Console for clues to what happened.
The exception was a java.lang.RuntimeException
: Attempted to evaluate a CASE with no conditions true.
line 7, col 19 to line 7, col 33 of module M
Error: The behavior up to this point is:
State 1: <Initial predicate>
x = 0

State 2: <A line 6, col 6 to line 6, col 24 of module M>
x = 1

Error: The error occurred when TLC was evaluating the nested
expressions at the following positions:
0. Line 7, column 8 to line 7, column 49 in M
1. Line 7, column 8 to line 7, column 39 in M
2. Line 7, column 8 to line 7, column 12 in M
3. Line 7, column 18 to line 7, column 38 in M
4. Line 7, column 19 to line 7, column 33 in M


" },
        { "gall.helper", @"---- MODULE M ----
EXTENDS Integers, TLC, FiniteSets, Sequences
VARIABLE x
vars == <<x>>
Init == x = 0
HErr(h) == h = 1 /\ (\A c \in 1 : TRUE)
A == x < 2 /\ x' = x + 1
Err == HErr(x) /\ x' = x
Next == A \/ Err
====
", @"INIT Init
NEXT Next
", 75, @"Error: TLC threw an unexpected exception.
This was probably caused by an error in the spec or model.
See the User Output or TLC Console for clues to what happened.
The exception was a java.lang.RuntimeException
: TLC encountered a non-enumerable quantifier bound
1.
1
Error: The behavior up to this point is:
State 1: <Initial predicate>
x = 0

State 2: <A line 7, col 6 to line 7, col 24 of module M>
x = 1

Error: The error occurred when TLC was evaluating the nested
expressions at the following positions:
0. Line 8, column 8 to line 8, column 24 in M
1. Line 8, column 8 to line 8, column 14 in M
2. Line 6, column 12 to line 6, column 39 in M
3. Line 6, column 12 to line 6, column 16 in M
4. Line 6, column 22 to line 6, column 38 in M


" },
        { "gex.stepafter", @"---- MODULE M ----
EXTENDS Integers, TLC, FiniteSets, Sequences
VARIABLE x
vars == <<x>>
Init == x = 0
A == x < 2 /\ x' = x + 1
Err == x = 1 /\ x' = x /\ (\E c \in {1} : c)
Next == A \/ Err
====
", @"INIT Init
NEXT Next
", 75, @"Error: TLC threw an unexpected exception.
This was probably caused by an error in the spec or model.
See the User Output or TLC Console for clues to what happened.
The exception was a java.lang.RuntimeException
: TLC expected a boolean value, but did not find one. line 7, col 28 to line 7, col 43 of module M
Error: The behavior up to this point is:
State 1: <Initial predicate>
x = 0

State 2: <A line 6, col 6 to line 6, col 24 of module M>
x = 1

Error: The error occurred when TLC was evaluating the nested
expressions at the following positions:
0. Line 7, column 8 to line 7, column 44 in M
1. Line 7, column 8 to line 7, column 22 in M
2. Line 7, column 8 to line 7, column 12 in M
3. Line 7, column 17 to line 7, column 22 in M
4. Line 7, column 28 to line 7, column 43 in M


" },
        { "gand.initbefore", @"---- MODULE M ----
EXTENDS Integers, TLC, FiniteSets, Sequences
VARIABLE x
vars == <<x>>
Init == (1 /\ TRUE) /\ x = 0
Next == x < 2 /\ x' = x + 1
====
", @"INIT Init
NEXT Next
", 75, @"Error: The init state relation is not a boolean expression.
1
Error: The error occurred when TLC was evaluating the nested
expressions at the following positions:
0. Line 5, column 9 to line 5, column 28 in M
1. Line 5, column 10 to line 5, column 18 in M
2. Line 5, column 10 to line 5, column 10 in M


" },
        { "gequiv.step", @"---- MODULE M ----
EXTENDS Integers, TLC, FiniteSets, Sequences
VARIABLE x
vars == <<x>>
Init == x = 0
A == x < 2 /\ x' = x + 1
Err == x = 1 /\ (1 <=> TRUE) /\ x' = x
Next == A \/ Err
====
", @"INIT Init
NEXT Next
", 75, @"Error: TLC threw an unexpected exception.
This was probably caused by an error in the spec or model.
See the User Output or TLC Console for clues to what happened.
The exception was a java.lang.RuntimeException
: Attempted to evaluate an expression of form P <=> Q when P or Q was not a boolean.
line 7, col 18 to line 7, col 27 of module M
Error: The behavior up to this point is:
State 1: <Initial predicate>
x = 0

State 2: <A line 6, col 6 to line 6, col 24 of module M>
x = 1

Error: The error occurred when TLC was evaluating the nested
expressions at the following positions:
0. Line 7, column 8 to line 7, column 38 in M
1. Line 7, column 8 to line 7, column 28 in M
2. Line 7, column 8 to line 7, column 12 in M
3. Line 7, column 18 to line 7, column 27 in M


" },
        { "gnot.inv", @"---- MODULE M ----
EXTENDS Integers, TLC, FiniteSets, Sequences
VARIABLE x
vars == <<x>>
Inv == (~1)
Init == x = 0
Next == x < 2 /\ x' = x + 1
====
", @"INIT Init
NEXT Next
INVARIANT Inv
", 75, @"Error: Attempted to apply the operator ~ to a non-boolean
(an integer)
line 5, col 9 to line 5, col 10 of module M
While working on the initial state:
x = 0

Error: The error occurred when TLC was evaluating the nested
expressions at the following positions:
0. Line 6, column 9 to line 6, column 13 in M
1. Line 5, column 9 to line 5, column 10 in M


" },

    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void An_evaluation_error_is_worded_as_TLC_words_it(string name, string tla, string cfg, int exit, string expected)
    {
        _ = name;
        var r = InlineSpec.Check("M", tla.Replace("\r\n", "\n"), cfg.Replace("\r\n", "\n"));
        Assert.Equal(exit, r.ExitCode);
        // The blank lines before the figures are the printer's, not the error's.
        Assert.Equal(expected.Replace("\r\n", "\n").TrimEnd('\n'), MessagesRound4Tests.ErrorBlock(TlcText.Format(r)).TrimEnd('\n'));
    }
}
