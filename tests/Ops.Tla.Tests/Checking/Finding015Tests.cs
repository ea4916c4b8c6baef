using Ops.Tla.Output;
using Xunit;

namespace Ops.Tla.Tests.Checking;

/// <summary>
/// Finding 015 (docs/differential-testing.md): a value built in place (a tuple, a record, a set written out or built
/// from another, DOMAIN, a set operator's result) that fails inside its own method: TLC's replay with the call stack
/// recorded (CallStackTool, which gives such values the expression that built them, Value.setSource) fails through
/// FingerprintException, and TLC prints "TLC was unable to fingerprint", its "Fingerprint Stack Trace" (the positions,
/// the value's place last) and the "Reason". A state holding a value TLC cannot fingerprint (a set it cannot sort,
/// Nat, a function over Nat) fails in the replay outside any evaluation: the FingerprintException's own trace
/// ("0) line 5, col 25 to ...") or "The error call stack is empty.". A function of strings built as a function is
/// TLC's FcnRcdValue, not a record. Each case is one of the probe's specs run through TLC (tla2tools cc6b616,
/// <c>-workers W -noTE</c>); the expected text is TLC's output from its first "Error:" line to the figures.
/// </summary>
public class Finding015Tests
{
    public static readonly TheoryData<string, string, string, int, int, string> Cases = new()
    {
        { @"tupapp.init.w1", @"---- MODULE M ----
EXTENDS Integers, TLC, FiniteSets, Sequences
VARIABLE x
vars == <<x>>
Init == x = 0 /\ <<0, 0>>[x + 3] = 0
Next == x < 2 /\ x' = x + 1
====
", @"INIT Init
NEXT Next
", 1, 75, @"Error: Attempted to access index 3 of tuple
<<0, 0>>
which is out of bounds.
Error: TLC was unable to fingerprint.

Fingerprint Stack Trace:
0. Line 5, column 9 to line 5, column 36 in M
1. Line 5, column 9 to line 5, column 13 in M
2. Line 5, column 18 to line 5, column 36 in M
3. Line 5, column 18 to line 5, column 32 in M
4. Line 5, column 18 to line 5, column 25 in M


Reason:
Attempted to access index 3 of tuple
<<0, 0>>
which is out of bounds." },
        { @"tupapp.step.w1", @"---- MODULE M ----
EXTENDS Integers, TLC, FiniteSets, Sequences
VARIABLE x
vars == <<x>>
Init == x = 0
Next == x < 2 /\ <<0, 0>>[x + 3] = 0 /\ x' = x + 1
====
", @"INIT Init
NEXT Next
", 1, 75, @"Error: TLC threw an unexpected exception.
This was probably caused by an error in the spec or model.
See the User Output or TLC Console for clues to what happened.
The exception was a java.lang.RuntimeException
: Attempted to access index 3 of tuple
<<0, 0>>
which is out of bounds.
Error: The behavior up to this point is:
State 1: <Initial predicate>
x = 0

Error: TLC was unable to fingerprint.

Fingerprint Stack Trace:
0. Line 6, column 9 to line 6, column 50 in M
1. Line 6, column 9 to line 6, column 36 in M
2. Line 6, column 9 to line 6, column 13 in M
3. Line 6, column 18 to line 6, column 36 in M
4. Line 6, column 18 to line 6, column 32 in M
5. Line 6, column 18 to line 6, column 25 in M


Reason:
Attempted to access index 3 of tuple
<<0, 0>>
which is out of bounds." },
        { @"tupapp.step.w2", @"---- MODULE M ----
EXTENDS Integers, TLC, FiniteSets, Sequences
VARIABLE x
vars == <<x>>
Init == x = 0
Next == x < 2 /\ <<0, 0>>[x + 3] = 0 /\ x' = x + 1
====
", @"INIT Init
NEXT Next
", 2, 75, @"Error: TLC threw an unexpected exception.
This was probably caused by an error in the spec or model.
See the User Output or TLC Console for clues to what happened.
The exception was a java.lang.RuntimeException
: Attempted to access index 3 of tuple
<<0, 0>>
which is out of bounds.
Error: The behavior up to this point is:
State 1: <Initial predicate>
x = 0

Error: TLC was unable to fingerprint.

Fingerprint Stack Trace:
0. Line 6, column 9 to line 6, column 50 in M
1. Line 6, column 9 to line 6, column 36 in M
2. Line 6, column 9 to line 6, column 13 in M
3. Line 6, column 18 to line 6, column 36 in M
4. Line 6, column 18 to line 6, column 32 in M
5. Line 6, column 18 to line 6, column 25 in M


Reason:
Attempted to access index 3 of tuple
<<0, 0>>
which is out of bounds." },
        { @"tupapp.stepafter.w2", @"---- MODULE M ----
EXTENDS Integers, TLC, FiniteSets, Sequences
VARIABLE x
vars == <<x>>
Init == x = 0
Next == x < 2 /\ x' = x + 1 /\ <<0, 0>>[x + 3] = 0
====
", @"INIT Init
NEXT Next
", 2, 75, @"Error: TLC threw an unexpected exception.
This was probably caused by an error in the spec or model.
See the User Output or TLC Console for clues to what happened.
The exception was a java.lang.RuntimeException
: Attempted to access index 3 of tuple
<<0, 0>>
which is out of bounds.
Error: The behavior up to this point is:
State 1: <Initial predicate>
x = 0

Error: TLC was unable to fingerprint.

Fingerprint Stack Trace:
0. Line 6, column 9 to line 6, column 50 in M
1. Line 6, column 9 to line 6, column 27 in M
2. Line 6, column 9 to line 6, column 13 in M
3. Line 6, column 18 to line 6, column 27 in M
4. Line 6, column 32 to line 6, column 50 in M
5. Line 6, column 32 to line 6, column 46 in M
6. Line 6, column 32 to line 6, column 39 in M


Reason:
Attempted to access index 3 of tuple
<<0, 0>>
which is out of bounds." },
        { @"tupapp.constr.w1", @"---- MODULE M ----
EXTENDS Integers, TLC, FiniteSets, Sequences
VARIABLE x
vars == <<x>>
C == x = 1 => <<0, 0>>[x + 3] = 0
Init == x = 0
Next == x < 2 /\ x' = x + 1
====
", @"INIT Init
NEXT Next
CONSTRAINT C
", 1, 75, @"Error: TLC threw an unexpected exception.
This was probably caused by an error in the spec or model.
See the User Output or TLC Console for clues to what happened.
The exception was a java.lang.RuntimeException
: Attempted to access index 4 of tuple
<<0, 0>>
which is out of bounds.
Error: The behavior up to this point is:
State 1: <Initial predicate>
x = 0

State 2: <Next line 7, col 9 to line 7, col 27 of module M>
x = 1

Error: TLC was unable to fingerprint.

Fingerprint Stack Trace:
0. Line 5, column 6 to line 5, column 33 in M
1. Line 5, column 15 to line 5, column 33 in M
2. Line 5, column 15 to line 5, column 29 in M
3. Line 5, column 15 to line 5, column 22 in M


Reason:
Attempted to access index 4 of tuple
<<0, 0>>
which is out of bounds." },
        { @"tupapp.actprop.w1", @"---- MODULE M ----
EXTENDS Integers, TLC, FiniteSets, Sequences
VARIABLE x
vars == <<x>>
AP == [][x' = 1 => <<0, 0>>[x + 3] = 0]_vars
Init == x = 0
Next == x < 2 /\ x' = x + 1
====
", @"INIT Init
NEXT Next
PROPERTY AP
", 1, 75, @"Error: Evaluating action property AP failed.
Attempted to access index 3 of tuple
<<0, 0>>
which is out of bounds.
Error: The behavior up to this point is:
State 1: <Initial predicate>
x = 0

State 2: <Next line 7, col 9 to line 7, col 27 of module M>
x = 1

Error: TLC was unable to fingerprint.

Fingerprint Stack Trace:
0. Line 5, column 9 to line 5, column 44 in M
1. Line 5, column 10 to line 5, column 38 in M
2. Line 5, column 20 to line 5, column 38 in M
3. Line 5, column 20 to line 5, column 34 in M
4. Line 5, column 20 to line 5, column 27 in M


Reason:
Attempted to access index 3 of tuple
<<0, 0>>
which is out of bounds." },
        { @"tupapp.excl.w1", @"---- MODULE M ----
EXTENDS Integers, TLC, FiniteSets, Sequences
VARIABLE x
vars == <<x>>
C == x < 2
Inv == x = 2 => <<0, 0>>[x + 3] = 0
Init == x = 0
Next == x < 5 /\ x' = x + 1
====
", @"INIT Init
NEXT Next
CONSTRAINT C
INVARIANT Inv
", 1, 75, @"Error: Evaluating invariant Inv failed.
Attempted to access index 5 of tuple
<<0, 0>>
which is out of bounds.
Error: The behavior up to this point is:
State 1: <Initial predicate>
x = 0

State 2: <Next line 8, col 9 to line 8, col 27 of module M>
x = 1

State 3: <Next line 8, col 9 to line 8, col 27 of module M>
x = 2

Error: TLC was unable to fingerprint.

Fingerprint Stack Trace:
0. Line 6, column 8 to line 6, column 35 in M
1. Line 6, column 17 to line 6, column 35 in M
2. Line 6, column 17 to line 6, column 31 in M
3. Line 6, column 17 to line 6, column 24 in M


Reason:
Attempted to access index 5 of tuple
<<0, 0>>
which is out of bounds." },
        { @"tupapp.excl.w2", @"---- MODULE M ----
EXTENDS Integers, TLC, FiniteSets, Sequences
VARIABLE x
vars == <<x>>
C == x < 2
Inv == x = 2 => <<0, 0>>[x + 3] = 0
Init == x = 0
Next == x < 5 /\ x' = x + 1
====
", @"INIT Init
NEXT Next
CONSTRAINT C
INVARIANT Inv
", 2, 75, @"Error: Evaluating invariant Inv failed.
Attempted to access index 5 of tuple
<<0, 0>>
which is out of bounds.
Error: The behavior up to this point is:
State 1: <Initial predicate>
x = 0

State 2: <Next line 8, col 9 to line 8, col 27 of module M>
x = 1

State 3: <Next line 8, col 9 to line 8, col 27 of module M>
x = 2

Error: TLC was unable to fingerprint.

Fingerprint Stack Trace:
0. Line 6, column 8 to line 6, column 35 in M
1. Line 6, column 17 to line 6, column 35 in M
2. Line 6, column 17 to line 6, column 31 in M
3. Line 6, column 17 to line 6, column 24 in M


Reason:
Attempted to access index 5 of tuple
<<0, 0>>
which is out of bounds." },
        { @"tupapp.exclap.w2", @"---- MODULE M ----
EXTENDS Integers, TLC, FiniteSets, Sequences
VARIABLE x
vars == <<x>>
C == x < 2
AP == [][x' = 2 => <<0, 0>>[x + 3] = 0]_vars
Init == x = 0
Next == x < 5 /\ x' = x + 1
====
", @"INIT Init
NEXT Next
CONSTRAINT C
PROPERTY AP
", 2, 75, @"Error: Evaluating action property AP failed.
Attempted to access index 4 of tuple
<<0, 0>>
which is out of bounds.
Error: The behavior up to this point is:
State 1: <Initial predicate>
x = 0

State 2: <Next line 8, col 9 to line 8, col 27 of module M>
x = 1

State 3: <Next line 8, col 9 to line 8, col 27 of module M>
x = 2

Error: TLC was unable to fingerprint.

Fingerprint Stack Trace:
0. Line 6, column 9 to line 6, column 44 in M
1. Line 6, column 10 to line 6, column 38 in M
2. Line 6, column 20 to line 6, column 38 in M
3. Line 6, column 20 to line 6, column 34 in M
4. Line 6, column 20 to line 6, column 27 in M


Reason:
Attempted to access index 4 of tuple
<<0, 0>>
which is out of bounds." },
        { @"tupappc.step.w1", @"---- MODULE M ----
EXTENDS Integers, TLC, FiniteSets, Sequences
VARIABLE x
vars == <<x>>
Init == x = 0
Next == x < 2 /\ <<0, 0>>[3] = 0 /\ x' = x + 1
====
", @"INIT Init
NEXT Next
", 1, 75, @"Error: TLC threw an unexpected exception.
This was probably caused by an error in the spec or model.
See the User Output or TLC Console for clues to what happened.
The exception was a java.lang.RuntimeException
: Attempted to access index 3 of tuple
<<0, 0>>
which is out of bounds.
Error: The behavior up to this point is:
State 1: <Initial predicate>
x = 0

Error: TLC was unable to fingerprint.

Fingerprint Stack Trace:
0. Line 6, column 9 to line 6, column 46 in M
1. Line 6, column 9 to line 6, column 32 in M
2. Line 6, column 9 to line 6, column 13 in M
3. Line 6, column 18 to line 6, column 32 in M
4. Line 6, column 18 to line 6, column 28 in M
5. Line 6, column 18 to line 6, column 25 in M


Reason:
Attempted to access index 3 of tuple
<<0, 0>>
which is out of bounds." },
        { @"rcdapp.step.w1", @"---- MODULE M ----
EXTENDS Integers, TLC, FiniteSets, Sequences
VARIABLE x
vars == <<x>>
Init == x = 0
Next == x < 2 /\ [a |-> x, b |-> TRUE][""c""] = 0 /\ x' = x + 1
====
", @"INIT Init
NEXT Next
", 1, 75, @"Error: TLC threw an unexpected exception.
This was probably caused by an error in the spec or model.
See the User Output or TLC Console for clues to what happened.
The exception was a java.lang.RuntimeException
: Attempted to access nonexistent field 'c' of record
[a |-> 0, b |-> TRUE]
Error: The behavior up to this point is:
State 1: <Initial predicate>
x = 0

Error: TLC was unable to fingerprint.

Fingerprint Stack Trace:
0. Line 6, column 9 to line 6, column 61 in M
1. Line 6, column 9 to line 6, column 47 in M
2. Line 6, column 9 to line 6, column 13 in M
3. Line 6, column 18 to line 6, column 47 in M
4. Line 6, column 18 to line 6, column 43 in M
5. Line 6, column 18 to line 6, column 38 in M


Reason:
Attempted to access nonexistent field 'c' of record
[a |-> 0, b |-> TRUE]" },
        { @"rcdapp.init.w2", @"---- MODULE M ----
EXTENDS Integers, TLC, FiniteSets, Sequences
VARIABLE x
vars == <<x>>
Init == x = 0 /\ [a |-> x, b |-> TRUE][""c""] = 0
Next == x < 2 /\ x' = x + 1
====
", @"INIT Init
NEXT Next
", 2, 75, @"Error: Attempted to access nonexistent field 'c' of record
[a |-> 0, b |-> TRUE]
Error: TLC was unable to fingerprint.

Fingerprint Stack Trace:
0. Line 5, column 9 to line 5, column 47 in M
1. Line 5, column 9 to line 5, column 13 in M
2. Line 5, column 18 to line 5, column 47 in M
3. Line 5, column 18 to line 5, column 43 in M
4. Line 5, column 18 to line 5, column 38 in M


Reason:
Attempted to access nonexistent field 'c' of record
[a |-> 0, b |-> TRUE]" },
        { @"rcdsel.step.w1", @"---- MODULE M ----
EXTENDS Integers, TLC, FiniteSets, Sequences
VARIABLE x
vars == <<x>>
Init == x = 0
Next == x < 2 /\ [a |-> x, b |-> TRUE].c = 0 /\ x' = x + 1
====
", @"INIT Init
NEXT Next
", 1, 75, @"Error: TLC threw an unexpected exception.
This was probably caused by an error in the spec or model.
See the User Output or TLC Console for clues to what happened.
The exception was a java.lang.RuntimeException
: Attempted to select nonexistent field ""c"" from the record
[a |-> 0, b |-> TRUE]
line 6, col 18 to line 6, col 40 of module M
Error: The behavior up to this point is:
State 1: <Initial predicate>
x = 0

Error: The error occurred when TLC was evaluating the nested
expressions at the following positions:
0. Line 6, column 9 to line 6, column 58 in M
1. Line 6, column 9 to line 6, column 44 in M
2. Line 6, column 9 to line 6, column 13 in M
3. Line 6, column 18 to line 6, column 44 in M
4. Line 6, column 18 to line 6, column 40 in M" },
        { @"seteq.init.w2", @"---- MODULE M ----
EXTENDS Integers, TLC, FiniteSets, Sequences
VARIABLE x
vars == <<x>>
Init == x = 0 /\ {3} = x + 3
Next == x < 2 /\ x' = x + 1
====
", @"INIT Init
NEXT Next
", 2, 75, @"Error: Attempted to check equality of the set {3} with the value:
3
Error: TLC was unable to fingerprint.

Fingerprint Stack Trace:
0. Line 5, column 9 to line 5, column 28 in M
1. Line 5, column 9 to line 5, column 13 in M
2. Line 5, column 18 to line 5, column 28 in M
3. Line 5, column 18 to line 5, column 20 in M


Reason:
Attempted to check equality of the set {3} with the value:
3" },
        { @"seteq.step.w1", @"---- MODULE M ----
EXTENDS Integers, TLC, FiniteSets, Sequences
VARIABLE x
vars == <<x>>
Init == x = 0
Next == x < 2 /\ {3} = x + 3 /\ x' = x + 1
====
", @"INIT Init
NEXT Next
", 1, 75, @"Error: TLC threw an unexpected exception.
This was probably caused by an error in the spec or model.
See the User Output or TLC Console for clues to what happened.
The exception was a java.lang.RuntimeException
: Attempted to check equality of the set {3} with the value:
3
Error: The behavior up to this point is:
State 1: <Initial predicate>
x = 0

Error: TLC was unable to fingerprint.

Fingerprint Stack Trace:
0. Line 6, column 9 to line 6, column 42 in M
1. Line 6, column 9 to line 6, column 28 in M
2. Line 6, column 9 to line 6, column 13 in M
3. Line 6, column 18 to line 6, column 28 in M
4. Line 6, column 18 to line 6, column 20 in M


Reason:
Attempted to check equality of the set {3} with the value:
3" },
        { @"seteqc.excl.w2", @"---- MODULE M ----
EXTENDS Integers, TLC, FiniteSets, Sequences
VARIABLE x
vars == <<x>>
C == x < 2
Inv == x = 2 => {3} = 3
Init == x = 0
Next == x < 5 /\ x' = x + 1
====
", @"INIT Init
NEXT Next
CONSTRAINT C
INVARIANT Inv
", 2, 75, @"Error: Evaluating invariant Inv failed.
Attempted to check equality of the set {3} with the value:
3
Error: The behavior up to this point is:
State 1: <Initial predicate>
x = 0

State 2: <Next line 8, col 9 to line 8, col 27 of module M>
x = 1

State 3: <Next line 8, col 9 to line 8, col 27 of module M>
x = 2

Error: TLC was unable to fingerprint.

Fingerprint Stack Trace:
0. Line 6, column 8 to line 6, column 23 in M
1. Line 6, column 17 to line 6, column 23 in M
2. Line 6, column 17 to line 6, column 19 in M


Reason:
Attempted to check equality of the set {3} with the value:
3" },
        { @"inteq.step.w1", @"---- MODULE M ----
EXTENDS Integers, TLC, FiniteSets, Sequences
VARIABLE x
vars == <<x>>
Init == x = 0
Next == x < 2 /\ 3 = {x} /\ x' = x + 1
====
", @"INIT Init
NEXT Next
", 1, 75, @"Error: TLC threw an unexpected exception.
This was probably caused by an error in the spec or model.
See the User Output or TLC Console for clues to what happened.
The exception was a java.lang.RuntimeException
: Attempted to check equality of integer 3 with non-integer:
{0}
Error: The behavior up to this point is:
State 1: <Initial predicate>
x = 0

Error: The error occurred when TLC was evaluating the nested
expressions at the following positions:
0. Line 6, column 9 to line 6, column 38 in M
1. Line 6, column 9 to line 6, column 24 in M
2. Line 6, column 9 to line 6, column 13 in M
3. Line 6, column 18 to line 6, column 24 in M" },
        { @"tupeq.step.w2", @"---- MODULE M ----
EXTENDS Integers, TLC, FiniteSets, Sequences
VARIABLE x
vars == <<x>>
Init == x = 0
Next == x < 2 /\ <<2>> = ""a"" /\ x' = x + 1
====
", @"INIT Init
NEXT Next
", 2, 75, @"Error: TLC threw an unexpected exception.
This was probably caused by an error in the spec or model.
See the User Output or TLC Console for clues to what happened.
The exception was a java.lang.RuntimeException
: Attempted to check equality of the function <<2>> with the value:
""a""
Error: The behavior up to this point is:
State 1: <Initial predicate>
x = 0

Error: TLC was unable to fingerprint.

Fingerprint Stack Trace:
0. Line 6, column 9 to line 6, column 42 in M
1. Line 6, column 9 to line 6, column 28 in M
2. Line 6, column 9 to line 6, column 13 in M
3. Line 6, column 18 to line 6, column 28 in M
4. Line 6, column 18 to line 6, column 22 in M


Reason:
Attempted to check equality of the function <<2>> with the value:
""a""" },
        { @"tupmem.excl.w1", @"---- MODULE M ----
EXTENDS Integers, TLC, FiniteSets, Sequences
VARIABLE x
vars == <<x>>
C == x < 2
Inv == x = 2 => 1 \in <<x>>
Init == x = 0
Next == x < 5 /\ x' = x + 1
====
", @"INIT Init
NEXT Next
CONSTRAINT C
INVARIANT Inv
", 1, 75, @"Error: Evaluating invariant Inv failed.
Attempted to check set membership in a tuple value.
Error: The behavior up to this point is:
State 1: <Initial predicate>
x = 0

State 2: <Next line 8, col 9 to line 8, col 27 of module M>
x = 1

State 3: <Next line 8, col 9 to line 8, col 27 of module M>
x = 2

Error: TLC was unable to fingerprint.

Fingerprint Stack Trace:
0. Line 6, column 8 to line 6, column 27 in M
1. Line 6, column 17 to line 6, column 27 in M
2. Line 6, column 23 to line 6, column 27 in M


Reason:
Attempted to check set membership in a tuple value." },
        { @"tupmem.step.w2", @"---- MODULE M ----
EXTENDS Integers, TLC, FiniteSets, Sequences
VARIABLE x
vars == <<x>>
Init == x = 0
Next == x < 2 /\ 1 \in <<x>> /\ x' = x + 1
====
", @"INIT Init
NEXT Next
", 2, 75, @"Error: TLC threw an unexpected exception.
This was probably caused by an error in the spec or model.
See the User Output or TLC Console for clues to what happened.
The exception was a java.lang.RuntimeException
: Attempted to check set membership in a tuple value.
Error: The behavior up to this point is:
State 1: <Initial predicate>
x = 0

Error: TLC was unable to fingerprint.

Fingerprint Stack Trace:
0. Line 6, column 9 to line 6, column 42 in M
1. Line 6, column 9 to line 6, column 28 in M
2. Line 6, column 9 to line 6, column 13 in M
3. Line 6, column 18 to line 6, column 28 in M
4. Line 6, column 24 to line 6, column 28 in M


Reason:
Attempted to check set membership in a tuple value." },
        { @"rcdmem.step.w1", @"---- MODULE M ----
EXTENDS Integers, TLC, FiniteSets, Sequences
VARIABLE x
vars == <<x>>
Init == x = 0
Next == x < 2 /\ 1 \in [a |-> x] /\ x' = x + 1
====
", @"INIT Init
NEXT Next
", 1, 75, @"Error: TLC threw an unexpected exception.
This was probably caused by an error in the spec or model.
See the User Output or TLC Console for clues to what happened.
The exception was a java.lang.RuntimeException
: Attempted to check if element:
1
is in the record:
[a |-> 0]
Error: The behavior up to this point is:
State 1: <Initial predicate>
x = 0

Error: TLC was unable to fingerprint.

Fingerprint Stack Trace:
0. Line 6, column 9 to line 6, column 46 in M
1. Line 6, column 9 to line 6, column 32 in M
2. Line 6, column 9 to line 6, column 13 in M
3. Line 6, column 18 to line 6, column 32 in M
4. Line 6, column 24 to line 6, column 32 in M


Reason:
Attempted to check if element:
1
is in the record:
[a |-> 0]" },
        { @"nested.step.w1", @"---- MODULE M ----
EXTENDS Integers, TLC, FiniteSets, Sequences
VARIABLE x
vars == <<x>>
Init == x = 0
Next == x < 2 /\ {<<x>>} = {<<""a"">>} /\ x' = x + 1
====
", @"INIT Init
NEXT Next
", 1, 75, @"Error: TLC threw an unexpected exception.
This was probably caused by an error in the spec or model.
See the User Output or TLC Console for clues to what happened.
The exception was a java.lang.RuntimeException
: Attempted to check equality of integer 0 with non-integer:
""a""
Error: The behavior up to this point is:
State 1: <Initial predicate>
x = 0

Error: TLC was unable to fingerprint.

Fingerprint Stack Trace:
0. Line 6, column 9 to line 6, column 50 in M
1. Line 6, column 9 to line 6, column 36 in M
2. Line 6, column 9 to line 6, column 13 in M
3. Line 6, column 18 to line 6, column 36 in M
4. Line 6, column 18 to line 6, column 24 in M
5. Line 6, column 19 to line 6, column 23 in M


Reason:
Attempted to check equality of integer 0 with non-integer:
""a""" },
        { @"domeq.step.w1", @"---- MODULE M ----
EXTENDS Integers, TLC, FiniteSets, Sequences
VARIABLE x
vars == <<x>>
Init == x = 0
Next == x < 2 /\ DOMAIN <<x>> = 3 /\ x' = x + 1
====
", @"INIT Init
NEXT Next
", 1, 75, @"Error: TLC threw an unexpected exception.
This was probably caused by an error in the spec or model.
See the User Output or TLC Console for clues to what happened.
The exception was a java.lang.RuntimeException
: Attempted to check equality of the set {1} with the value:
3
Error: The behavior up to this point is:
State 1: <Initial predicate>
x = 0

Error: TLC was unable to fingerprint.

Fingerprint Stack Trace:
0. Line 6, column 9 to line 6, column 47 in M
1. Line 6, column 9 to line 6, column 33 in M
2. Line 6, column 9 to line 6, column 13 in M
3. Line 6, column 18 to line 6, column 33 in M
4. Line 6, column 18 to line 6, column 29 in M


Reason:
Attempted to check equality of the set {1} with the value:
3" },
        { @"cup.step.w1", @"---- MODULE M ----
EXTENDS Integers, TLC, FiniteSets, Sequences
VARIABLE x
vars == <<x>>
Init == x = 0
Next == x < 2 /\ {x} \cup 3 = {} /\ x' = x + 1
====
", @"INIT Init
NEXT Next
", 1, 75, @"Error: TLC threw an unexpected exception.
This was probably caused by an error in the spec or model.
See the User Output or TLC Console for clues to what happened.
The exception was a java.lang.RuntimeException
: Attempted to enumerate S \cup T when S:
{0}
and T:
3
are not both enumerable
Error: The behavior up to this point is:
State 1: <Initial predicate>
x = 0

Error: TLC was unable to fingerprint.

Fingerprint Stack Trace:
0. Line 6, column 9 to line 6, column 46 in M
1. Line 6, column 9 to line 6, column 32 in M
2. Line 6, column 9 to line 6, column 13 in M
3. Line 6, column 18 to line 6, column 32 in M
4. Line 6, column 18 to line 6, column 27 in M


Reason:
Attempted to enumerate S \cup T when S:
{0}
and T:
3
are not both enumerable" },
        { @"nxtmix.raw.w1", @"---- MODULE M ----
EXTENDS Integers, TLC, FiniteSets, Sequences
VARIABLE x
vars == <<x>>
Init == x = {1}
Next == x = {1} /\ x' = {1, ""a""}
====
", @"INIT Init
NEXT Next
", 1, 75, @"Error: TLC threw an unexpected exception.
This was probably caused by an error in the spec or model.
See the User Output or TLC Console for clues to what happened.
The exception was a java.lang.RuntimeException
: Attempted to compare string ""a"" with non-string:
1
Error: The behavior up to this point is:
State 1: <Initial predicate>
x = {1}

Error: TLC was unable to fingerprint.

Fingerprint Stack Trace:
0) line 6, col 25 to line 6, col 32 of module M

Reason:
Attempted to compare string ""a"" with non-string:
1" },
        { @"nxtmix.raw.w2", @"---- MODULE M ----
EXTENDS Integers, TLC, FiniteSets, Sequences
VARIABLE x
vars == <<x>>
Init == x = {1}
Next == x = {1} /\ x' = {1, ""a""}
====
", @"INIT Init
NEXT Next
", 2, 75, @"Error: TLC threw an unexpected exception.
This was probably caused by an error in the spec or model.
See the User Output or TLC Console for clues to what happened.
The exception was a java.lang.RuntimeException
: Attempted to compare string ""a"" with non-string:
1
Error: The behavior up to this point is:
State 1: <Initial predicate>
x = {1}

Error: TLC was unable to fingerprint.

Fingerprint Stack Trace:
0) line 6, col 25 to line 6, col 32 of module M

Reason:
Attempted to compare string ""a"" with non-string:
1" },
        { @"nxtnat.raw.w1", @"---- MODULE M ----
EXTENDS Integers, TLC, FiniteSets, Sequences
VARIABLE x
vars == <<x>>
Init == x = 0
Next == x' = Nat
====
", @"INIT Init
NEXT Next
", 1, 75, @"Error: TLC threw an unexpected exception.
This was probably caused by an error in the spec or model.
See the User Output or TLC Console for clues to what happened.
The exception was a java.lang.RuntimeException
: TLC has found a state in which the value of a variable contains Nat
Error: The behavior up to this point is:
State 1: <Initial predicate>
x = 0

Error: The error occurred when TLC was evaluating the nested
expressions at the following positions:
    The error call stack is empty." },
        { @"nxtnatf.raw.w1", @"---- MODULE M ----
EXTENDS Integers, TLC, FiniteSets, Sequences
VARIABLE x
vars == <<x>>
Init == x = 0
Next == x' = [n \in Nat |-> n]
====
", @"INIT Init
NEXT Next
", 1, 75, @"Error: TLC threw an unexpected exception.
This was probably caused by an error in the spec or model.
See the User Output or TLC Console for clues to what happened.
The exception was a java.lang.RuntimeException
: Attempted to compute the number of elements in the overridden value Nat.
Error: The behavior up to this point is:
State 1: <Initial predicate>
x = 0

Error: The error occurred when TLC was evaluating the nested
expressions at the following positions:
    The error call stack is empty." },
        { @"nxtnatp.raw.w2", @"---- MODULE M ----
EXTENDS Integers, TLC, FiniteSets, Sequences
VARIABLE x
vars == <<x>>
Init == x = 0
Next == x' = {n \in Nat : n > 2}
====
", @"INIT Init
NEXT Next
", 2, 75, @"Error: TLC threw an unexpected exception.
This was probably caused by an error in the spec or model.
See the User Output or TLC Console for clues to what happened.
The exception was a java.lang.RuntimeException
: Attempted to enumerate { x \in S : p(x) } when S:
Nat
is not enumerable
Error: The behavior up to this point is:
State 1: <Initial predicate>
x = 0

Error: The error occurred when TLC was evaluating the nested
expressions at the following positions:
    The error call stack is empty." },
        { @"fcnstr.step.w1", @"---- MODULE M ----
EXTENDS Integers, TLC, FiniteSets, Sequences
VARIABLE x
vars == <<x>>
Init == x = 0
Next == x < 2 /\ [y \in {""a""} |-> x] = <<1>> /\ x' = x + 1
====
", @"INIT Init
NEXT Next
", 1, 75, @"Error: TLC threw an unexpected exception.
This was probably caused by an error in the spec or model.
See the User Output or TLC Console for clues to what happened.
The exception was a java.lang.RuntimeException
: Attempted to compare an integer with non-integer:
""a"".
Error: The behavior up to this point is:
State 1: <Initial predicate>
x = 0

Error: The error occurred when TLC was evaluating the nested
expressions at the following positions:
0. Line 6, column 9 to line 6, column 58 in M
1. Line 6, column 9 to line 6, column 44 in M
2. Line 6, column 9 to line 6, column 13 in M
3. Line 6, column 18 to line 6, column 44 in M" },
        { @"fcnstrb.step.w1", @"---- MODULE M ----
EXTENDS Integers, TLC, FiniteSets, Sequences
VARIABLE x
vars == <<x>>
Init == x = 0
Next == x < 2 /\ [y \in {""a""} |-> x].b = 1 /\ x' = x + 1
====
", @"INIT Init
NEXT Next
", 1, 75, @"Error: TLC threw an unexpected exception.
This was probably caused by an error in the spec or model.
See the User Output or TLC Console for clues to what happened.
The exception was a java.lang.RuntimeException
: Attempted to apply function:
[a |-> 0]
to argument ""b"", which is not in the domain of the function.
Error: The behavior up to this point is:
State 1: <Initial predicate>
x = 0

Error: The error occurred when TLC was evaluating the nested
expressions at the following positions:
0. Line 6, column 9 to line 6, column 56 in M
1. Line 6, column 9 to line 6, column 42 in M
2. Line 6, column 9 to line 6, column 13 in M
3. Line 6, column 18 to line 6, column 42 in M
4. Line 6, column 18 to line 6, column 38 in M" },
        { @"fcn.equals.tuple", @"---- MODULE M ----
EXTENDS Integers, TLC
ASSUME [y \in {""a""} |-> 1] = <<1>>
====
", @"", 1, 10, @"Error: Evaluating assumption line 3, col 8 to line 3, col 34 of module M failed.
Attempted to compare an integer with non-integer:
""a""." },
        { @"fcn.field.missing", @"---- MODULE M ----
EXTENDS Integers, TLC
ASSUME [y \in {""a""} |-> 1].b = 1
====
", @"", 1, 10, @"Error: Evaluating assumption line 3, col 8 to line 3, col 32 of module M failed.
Attempted to apply function:
[a |-> 1]
to argument ""b"", which is not in the domain of the function." },
        { @"fcn.equals.int", @"---- MODULE M ----
EXTENDS Integers, TLC
ASSUME [y \in {""a""} |-> 1] = 1
====
", @"", 1, 10, @"Error: Evaluating assumption line 3, col 8 to line 3, col 30 of module M failed.
Attempted to check equality of the function [a |-> 1] with the value:
1" },
        { @"colon.equals.tuple", @"---- MODULE M ----
EXTENDS Integers, TLC
ASSUME (""a"" :> 1) = <<1>>
====
", @"", 1, 10, @"Error: Evaluating assumption line 3, col 8 to line 3, col 25 of module M failed.
Attempted to compare an integer with non-integer:
""a""." },
        { @"fcn.member", @"---- MODULE M ----
EXTENDS Integers, TLC
ASSUME 1 \in [y \in {""a""} |-> 1]
====
", @"", 1, 10, @"Error: Evaluating assumption line 3, col 8 to line 3, col 32 of module M failed.
Attempted to check if the value:
1
is an element of the function [a |-> 1]" },
        { @"mix.step.fingerprint", @"---- MODULE M ----
EXTENDS Integers
VARIABLE x
Init == x = {1}
Next == x = {1} /\ x' = {1, ""a""}
====
", @"INIT Init
NEXT Next
", 1, 75, @"Error: TLC threw an unexpected exception.
This was probably caused by an error in the spec or model.
See the User Output or TLC Console for clues to what happened.
The exception was a java.lang.RuntimeException
: Attempted to compare string ""a"" with non-string:
1
Error: The behavior up to this point is:
State 1: <Initial predicate>
x = {1}

Error: TLC was unable to fingerprint.

Fingerprint Stack Trace:
0) line 5, col 25 to line 5, col 32 of module M

Reason:
Attempted to compare string ""a"" with non-string:
1" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_failure_inside_a_value_is_reported_as_TLC_reports_it(string name, string tla, string cfg, int workers, int exit, string expected)
    {
        _ = name;
        var r = InlineSpec.Check("M", tla.Replace("\r\n", "\n"), cfg.Replace("\r\n", "\n"), workers);
        Assert.Equal(exit, r.ExitCode);
        Assert.Equal(expected.Replace("\r\n", "\n").TrimEnd('\n'), MessagesRound4Tests.ErrorBlock(TlcText.Format(r)).TrimEnd('\n'));
    }
}
