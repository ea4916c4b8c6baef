using Ops.Tla.Checking;
using Xunit;

namespace Ops.Tla.Tests.Checking;

/// <summary>The action enumerator's calls of module-level definitions: their frames kept for the next call, and under
/// <c>\E a \in S : Op(c, a)</c> the guards Op begins with that do not read a evaluated once per entry into the \E
/// (<see cref="Ops.Tla.Eval.ActionEnumerator"/>). What TLC reports must not change: figures from TLC (cc6b616, one
/// worker and two) on the same specs; each is also checked with the rewrites off (OPS_NO_HOIST) to the same result.</summary>
public class WalkedCallTests
{
    // The seed's bank_customers with smaller bounds: TLC treats Next (a one-item conjunction list) as one action, so
    // the \E over the amounts is walked for each state. Deposit's two guards and Withdraw's first read no amount.
    private const string Accounts = """
        ---- MODULE Accounts ----
        EXTENDS Integers
        CONSTANTS Customers
        VARIABLES state, balance
        Init == /\ state = [c \in Customers |-> "open"]
                /\ balance = [c \in Customers |-> 0]
        Deposit(customer, amount) ==
            /\ state[customer] = "open"
            /\ balance[customer] < 12
            /\ balance' = [balance EXCEPT ![customer] = (balance[customer] + amount)]
            /\ UNCHANGED <<state>>
        Withdraw(customer, amount) ==
            /\ state[customer] = "open"
            /\ (balance[customer] - amount) >= 0
            /\ balance' = [balance EXCEPT ![customer] = (balance[customer] - amount)]
            /\ UNCHANGED <<state>>
        Close(customer) ==
            /\ state[customer] = "open"
            /\ state' = [state EXCEPT ![customer] = "closed"]
            /\ UNCHANGED <<balance>>
        Reopen(customer) ==
            /\ state[customer] = "closed"
            /\ state' = [state EXCEPT ![customer] = "open"]
            /\ UNCHANGED <<balance>>
        Next ==
           /\ \E customer \in Customers:
                \/ \E amount \in 1..4: Deposit(customer, amount)
                \/ \E amount \in 1..4: Withdraw(customer, amount)
                \/ Close(customer)
                \/ Reopen(customer)
        NoNegativeBalance == \A customer \in Customers : balance[customer] >= 0
        ====
        """;

    private const string AccountsCfg = "CONSTANTS Customers = {c1, c2}\nINIT Init\nNEXT Next\nINVARIANT NoNegativeBalance\n";

    // Inc's frame holds values hoisted out of its \A (y[c] + x): the frame kept from one call must not give them to
    // the next. Dec's \E is over 1..x (empty at first); Bump calls itself inside its own walk (frames of one size
    // taken while another is in use). The search ends in a deadlock (y = <<4, 4>>, x = 0).
    private const string KeptFrames = """
        ---- MODULE KeptFrames ----
        EXTENDS Integers
        VARIABLES x, y
        Init == x = 0 /\ y = [c \in 1..2 |-> 0]
        Inc(c, a) == /\ y[c] < 4
                     /\ \A i \in 1..2 : y[c] + x + i > a - 2
                     /\ a <= y[c] + 2
                     /\ y' = [y EXCEPT ![c] = @ + a]
                     /\ x' = (x + 1) % 3
        Dec(c, a) == /\ y[c] >= a
                     /\ y' = [y EXCEPT ![c] = @ - a]
                     /\ UNCHANGED x
        RECURSIVE Bump(_)
        Bump(n) == IF n = 0 THEN x' = (x + 2) % 3 /\ UNCHANGED y ELSE Bump(n - 1)
        Next == \/ /\ \E c \in 1..2 :
                        \/ \E a \in 1..3 : Inc(c, a)
                        \/ \E a \in 1..x : Dec(c, a)
                \/ x = 1 /\ Bump(2)
        ====
        """;

    // Up's guard reads no a, and fails to evaluate once x = 2: the first binding's evaluation is TLC's error.
    private const string GuardError = """
        ---- MODULE GuardError ----
        EXTENDS Integers
        VARIABLES x, y
        Init == x = 0 /\ y = 0
        Up(a, b) == /\ 6 \div (b - x) > 0
                    /\ x' = x + a
                    /\ y' = y + b
        Next == /\ \E a \in 1..2 : Up(a, 2)
        ====
        """;

    private static CheckResult Check(string name, string spec, string cfg, bool rewrites, int workers = 1, StringWriter trace = null) =>
        InlineSpec.Check(name, spec, cfg, new CheckOptions
        {
            Workers = workers,
            Diagnostics = new DiagnosticOptions { NoHoist = !rewrites, HoistTrace = trace != null, Output = trace },
        });

    [Fact]
    public void The_guards_that_read_no_bound_identifier_are_evaluated_once_per_exists()
    {
        var trace = new StringWriter();
        var r = Check("Accounts", Accounts, AccountsCfg, rewrites: true, trace: trace);
        Assert.Equal(CheckOutcome.Success, r.Outcome);
        var lines = trace.ToString().Split('\n');
        Assert.Contains(lines, l => l.StartsWith("hoisting: Deposit: 2 guards evaluated once per \\E amount at ") && l.EndsWith("then the call from its conjunct 3"));
        Assert.Contains(lines, l => l.StartsWith("hoisting: Withdraw: 1 guard evaluated once per \\E amount at ") && l.EndsWith("then the call from its conjunct 2"));
        // Close(customer) is under no \E of its own; Inc's only guard before the assignments reads a, Dec's too.
        Assert.DoesNotContain(lines, l => l.StartsWith("hoisting: Close:"));
        var frames = new StringWriter();
        Check("KeptFrames", KeptFrames, "INIT Init\nNEXT Next\n", rewrites: true, trace: frames);
        Assert.Contains(frames.ToString().Split('\n'), l => l.StartsWith("hoisting: Inc: 1 guard evaluated once per \\E a"));
        Assert.DoesNotContain(frames.ToString().Split('\n'), l => l.StartsWith("hoisting: Dec: ") && l.Contains("guard"));
        var off = new StringWriter();
        Check("Accounts", Accounts, AccountsCfg, rewrites: false, trace: off);
        Assert.DoesNotContain("evaluated once per \\E", off.ToString());
    }

    [Theory]
    [InlineData(true, 1)]
    [InlineData(false, 1)]
    [InlineData(true, 2)]
    [InlineData(false, 2)]
    public void Counts_are_TLCs_where_a_guard_holds_or_fails_for_every_binding(bool rewrites, int workers)
    {
        // TLC, one worker and two: "8577 states generated, 1024 distinct states found, 0 states left on queue."
        var r = Check("Accounts", Accounts, AccountsCfg, rewrites, workers);
        Assert.Equal(CheckOutcome.Success, r.Outcome);
        Assert.Equal((8577L, 1024L, 0L), (r.StatesGenerated, r.DistinctStates, r.StatesLeftOnQueue));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Kept_frames_give_no_call_the_values_of_another(bool rewrites)
    {
        // TLC: "Deadlock reached.", the last state x = 0, y = <<4, 4>>; "694 states generated, 144 distinct states
        // found, 20 states left on queue.", depth 7. (With two workers: 643 generated, 142 distinct, 28 on the queue,
        // timing-dependent at a deadlock.)
        var r = Check("KeptFrames", KeptFrames, "INIT Init\nNEXT Next\n", rewrites);
        Assert.Equal(CheckOutcome.DeadlockFailure, r.Outcome);
        Assert.Equal((694L, 144L, 20L), (r.StatesGenerated, r.DistinctStates, r.StatesLeftOnQueue));
        Assert.Equal("<<4, 4>>", r.Trace[^1].Values[1].ToString());
        Assert.Equal("0", r.Trace[^1].Values[0].ToString());
        var two = Check("KeptFrames", KeptFrames, "INIT Init\nNEXT Next\n", rewrites, workers: 2);
        Assert.Equal(CheckOutcome.DeadlockFailure, two.Outcome);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_guard_that_fails_to_evaluate_fails_on_the_first_binding_as_in_TLC(bool rewrites)
    {
        // TLC: "The second argument of \div is 0.", the trace x = 0, y = 0 then x = 2, y = 2 (<Next line 8, col 9 to
        // line 8, col 35 of module GuardError>), the nested expressions down to Up's guard and its \div; "5 states
        // generated, 5 distinct states found, 2 states left on queue.", exit 255.
        var r = Check("GuardError", GuardError, "INIT Init\nNEXT Next\n", rewrites);
        Assert.Equal(CheckOutcome.Error, r.Outcome);
        Assert.Contains("The second argument of \\div is 0.", r.Violation.Message);
        Assert.Equal(new[] { "0", "2" }, r.Trace.Select(s => s.Values[0].ToString()));
        Assert.Equal((5L, 5L, 2L), (r.StatesGenerated, r.DistinctStates, r.StatesLeftOnQueue));
        Assert.Equal(6, r.Violation.NestedExpressions.Count);
        Assert.Contains("Line 5, column 13 to line 7, column 25 in GuardError", r.Violation.NestedExpressions[3]);
        Assert.Contains("Line 5, column 16 to line 5, column 29 in GuardError", r.Violation.NestedExpressions[5]);
    }
}
