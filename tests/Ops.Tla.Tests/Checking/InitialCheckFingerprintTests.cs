using Ops.Tla.Checking;
using Ops.Tla.Output;
using Xunit;

namespace Ops.Tla.Tests.Checking;

/// <summary>
/// An invariant failing on an initial state inside a set written out (finding 015's family, found at stop 35): TLC's
/// replay (CallStackTool) wraps the failure of a value built in place in a FingerprintException, which DoInitFunctor
/// catches as any Throwable that is not an EvalException: it records the state and goes on counting the initial states
/// (the figures count them all). The stack names the set, then the element whose equals failed (ValueVec.search of an
/// unsorted set: <c>elems[i].equals(elem)</c>) and the parts of it compared, where those were built in place too.
/// Expected texts are TLC's (tla2tools cc6b616, -workers 1 and 2 -noTE, the same), from the first "Error:" line to the
/// figures, its "Computed N initial states..." progress line left out.
/// </summary>
public class InitialCheckFingerprintTests
{
    private static string FromFirstError(string inv, string init, int workers)
    {
        var spec = $"---- MODULE M ----\nEXTENDS Naturals, Sequences\nVARIABLES x\nInit == {init}\nNext == UNCHANGED x\nInv == {inv}\n====\n";
        var r = InlineSpec.Check("M", spec, "INIT Init\nNEXT Next\nINVARIANT Inv\n", new CheckOptions { Workers = workers });
        Assert.Equal(75, r.ExitCode);
        var text = TlcText.Format(r).Replace("\r\n", "\n");
        var start = text.IndexOf("Error:", StringComparison.Ordinal);
        Assert.True(start >= 0, text);
        var end = text.IndexOf("Finished in", start, StringComparison.Ordinal);
        return text[start..(end < 0 ? text.Length : end)];
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void The_element_whose_equals_failed_follows_the_set_and_every_initial_state_is_counted(int workers)
    {
        // Ops named the set only, and counted the one initial state it had checked (1 generated; TLC 3).
        Assert.Equal("""
            Error: Attempted to check equality of the set {} with the value:
            1
            While working on the initial state:
            x = 0

            Error: TLC was unable to fingerprint.

            Fingerprint Stack Trace:
            0. Line 4, column 9 to line 4, column 18 in M
            1. Line 6, column 8 to line 6, column 22 in M
            2. Line 6, column 14 to line 6, column 22 in M
            3. Line 6, column 15 to line 6, column 16 in M


            Reason:
            Attempted to check equality of the set {} with the value:
            1
            3 states generated, 1 distinct states found, 1 states left on queue.
            The depth of the complete state graph search is 1.

            """, FromFirstError("1 \\in {{}, {2}}", "x \\in 0..2", workers));
    }

    [Fact]
    public void The_parts_compared_inside_a_tuple_element_follow_it()
    {
        Assert.Equal("""
            Error: Attempted to check equality of the set {} with the value:
            0
            While working on the initial state:
            x = 0

            Error: TLC was unable to fingerprint.

            Fingerprint Stack Trace:
            0. Line 4, column 9 to line 4, column 18 in M
            1. Line 6, column 8 to line 6, column 31 in M
            2. Line 6, column 21 to line 6, column 31 in M
            3. Line 6, column 22 to line 6, column 30 in M
            4. Line 6, column 24 to line 6, column 25 in M


            Reason:
            Attempted to check equality of the set {} with the value:
            0
            2 states generated, 1 distinct states found, 1 states left on queue.
            The depth of the complete state graph search is 1.

            """, FromFirstError("<<x, 2>> \\in {<<{}, 1>>}", "x \\in 0..1", 1));
    }

    [Fact]
    public void An_element_without_a_source_adds_nothing_but_the_initial_states_are_still_counted()
    {
        // A string has no source: the stack ends at the set; TLC still counts the four initial states.
        Assert.Equal("""
            Error: Attempted to check equality of string "a" with non-string:
            0
            While working on the initial state:
            x = 0

            Error: TLC was unable to fingerprint.

            Fingerprint Stack Trace:
            0. Line 4, column 9 to line 4, column 18 in M
            1. Line 6, column 8 to line 6, column 18 in M
            2. Line 6, column 14 to line 6, column 18 in M


            Reason:
            Attempted to check equality of string "a" with non-string:
            0
            4 states generated, 1 distinct states found, 1 states left on queue.
            The depth of the complete state graph search is 1.

            """, FromFirstError("x \\in {\"a\"}", "x \\in 0..3", 1));
    }
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void A_tuple_built_again_elsewhere_keeps_its_own_source_in_the_stack(int workers)
    {
        // p is the tuple the set at column 18 built; the same pair built again at column 30 must not take its place
        // (pairs of small integers are shared values in the search, FcnValue.SmallPair: the replay keys the values it
        // built by instance, so it builds its own).
        Assert.Equal("""
            Error: Attempted to check equality of integer 2 with non-integer:
            "a"
            While working on the initial state:
            x = 0

            Error: TLC was unable to fingerprint.

            Fingerprint Stack Trace:
            0. Line 4, column 9 to line 4, column 13 in M
            1. Line 6, column 8 to line 6, column 63 in M
            2. Line 6, column 30 to line 6, column 63 in M
            3. Line 6, column 50 to line 6, column 63 in M
            4. Line 6, column 18 to line 6, column 25 in M


            Reason:
            Attempted to check equality of integer 2 with non-integer:
            "a"
            1 states generated, 1 distinct states found, 1 states left on queue.
            The depth of the complete state graph search is 1.

            """, FromFirstError("\\A p \\in {<<1, 2>>} : <<1, 2>> \\in {p} /\\ p = <<1, \"a\">>", "x = 0", workers));
    }
}
