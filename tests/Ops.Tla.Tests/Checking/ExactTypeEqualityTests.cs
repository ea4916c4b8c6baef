using Ops.Tla.Checking;
using Xunit;

namespace Ops.Tla.Tests.Checking;

/// <summary>
/// <c>=</c> and <c>#</c> decide two integers, two strings, two Booleans and two tuples of different lengths by their
/// exact classes before TLC's general comparison (TlcCompare.Equal): the answers must stay TLC's, and so must the
/// errors of comparisons the shortcut does not decide (a tuple of the same length whose elements differ in kind, a
/// string against an integer). Expected outcomes and messages as TLC (tla2tools cc6b616) gives them for these
/// modules.
/// </summary>
public class ExactTypeEqualityTests
{
    [Fact]
    public void Integers_strings_Booleans_and_tuples_of_different_lengths_compare_as_TLC_does()
    {
        const string tla = @"---- MODULE EqFast ----
EXTENDS Naturals, Sequences
ASSUME <<1, 2>> # <<>>
ASSUME <<>> # <<1, 2>>
ASSUME ~ (<<1>> = <<1, 2>>)
ASSUME <<""a"">> # <<1, 2>>
ASSUME ""a"" # ""b"" /\ ""a"" = ""a""
ASSUME 1 # 2 /\ 3 = 3
ASSUME TRUE # FALSE /\ ~ (TRUE = FALSE) /\ FALSE = FALSE
ASSUME Append(<<1>>, 2) = <<1, 2>> /\ Tail(<<1>>) = <<>>
====";
        var r = InlineSpec.Check("EqFast", tla, "");
        Assert.Equal(CheckOutcome.Success, r.Outcome);
    }

    [Fact]
    public void Tuples_of_one_length_with_elements_of_different_kinds_are_still_an_error()
    {
        const string tla = @"---- MODULE EqFast2 ----
EXTENDS Naturals
ASSUME <<1>> # <<""a"">>
====";
        var r = InlineSpec.Check("EqFast2", tla, "");
        Assert.NotEqual(CheckOutcome.Success, r.Outcome);
        Assert.Contains("Attempted to check equality of integer 1 with non-integer", r.Violation.Message);
    }

    [Fact]
    public void A_string_compared_with_an_integer_is_still_an_error()
    {
        const string tla = @"---- MODULE EqFast3 ----
EXTENDS Naturals
ASSUME ""a"" # 1
====";
        var r = InlineSpec.Check("EqFast3", tla, "");
        Assert.NotEqual(CheckOutcome.Success, r.Outcome);
        Assert.Contains("Attempted to check equality of string \"a\" with non-string", r.Violation.Message);
    }

    [Fact]
    public void A_channel_guard_on_tuples_gives_TLCs_counts()
    {
        // Guards of the form network[q][p] # <<>> (a function application of a function application compared with
        // the empty tuple), as in MCLamportMutex: TLC finds 48 distinct states, 193 generated.
        const string tla = @"---- MODULE EqFastNet ----
EXTENDS Naturals, Sequences
VARIABLES net, got
P == 1..2
Init == net = [p \in P |-> [q \in P |-> <<>>]] /\ got = 0
Send(p, q) == /\ Len(net[p][q]) < 1
              /\ net' = [net EXCEPT ![p][q] = Append(@, p)]
              /\ UNCHANGED got
Recv(p, q) == /\ net[p][q] # <<>>
              /\ net' = [net EXCEPT ![p][q] = Tail(@)]
              /\ got' = Head(net[p][q])
Next == \E p, q \in P : Send(p, q) \/ Recv(p, q)
====";
        var r = InlineSpec.Check("EqFastNet", tla, "INIT Init\nNEXT Next\n");
        Assert.Equal(CheckOutcome.Success, r.Outcome);
        Assert.Equal(48, r.DistinctStates);
        Assert.Equal(193, r.StatesGenerated);
    }

    [Theory]
    // TLC's FcnRcdValue.equals, one domain an interval and the other not, of one size: it reads the other's domain
    // elements as integers and fails at the first that is not one ("Attempted to compare an integer with
    // non-integer:\n"a"."; Ops said "check equality of integer 1 with non-integer", or FALSE for a model value).
    [InlineData("<<1>> = [a |-> 1]", "Attempted to compare an integer with non-integer:\n\"a\".")]
    [InlineData("<<1, 2>> = [x \\in {\"a\", \"b\"} |-> 1]", "Attempted to compare an integer with non-integer:\n\"a\".")]
    [InlineData("<<1>> = (m :> 1)", "Attempted to compare an integer with non-integer:\nm.")]
    public void A_function_on_an_interval_compared_with_one_on_other_keys_fails_as_TLCs(string expr, string message)
    {
        var r = InlineSpec.Check("EqIv", $"---- MODULE EqIv ----\nEXTENDS Naturals, TLC\nCONSTANT m\nASSUME {expr}\n====", "CONSTANT m = m\n");
        Assert.Equal(10, r.ExitCode);
        Assert.Contains(message, r.Violation.Message);
    }

    [Theory]
    // TLC: FALSE without an error (an integer key that differs, or sizes that differ).
    [InlineData("[x \\in {2, 3} |-> 1] # <<1, 1>>")]
    [InlineData("<<1, 2>> # [x \\in {\"a\"} |-> 1]")]
    public void A_function_on_an_interval_and_one_on_other_integers_are_unequal(string expr)
    {
        var r = InlineSpec.Check("EqIv2", $"---- MODULE EqIv2 ----\nEXTENDS Naturals, TLC\nASSUME {expr}\n====", "");
        Assert.Equal(CheckOutcome.Success, r.Outcome);
    }
}
