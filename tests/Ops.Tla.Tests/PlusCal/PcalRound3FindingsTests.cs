using Ops.Tla;
using Ops.Tla.PlusCal;
using Xunit;

namespace Ops.Tla.Tests.PlusCal;

/// <summary>
/// Round 3 against pcal.trans 1.12 (tla2tools): each test holds a small algorithm of ours and the translation
/// pcal.trans wrote for it (BEGIN TRANSLATION line with its checksums included), in pcal.trans's newest layout.
/// </summary>
public class PcalRound3FindingsTests
{
    /// <summary>The BEGIN..END TRANSLATION lines of our translation (pc first, as pcal.trans 1.12), trailing blanks
    /// trimmed.</summary>
    private static string[] Block(string module, string file = "M.tla")
    {
        var lines = PlusCalTranslator.Translate(module, file).ModuleText.Split('\n');
        int b = Array.FindIndex(lines, l => l.Contains("BEGIN TRANSLATION"));
        int e = Array.FindIndex(lines, b + 1, l => l.Contains("END TRANSLATION"));
        return lines[b..(e + 1)].Select(l => l.TrimEnd()).ToArray();
    }

    private static void AssertPcal(string expected, string module) =>
        Assert.Equal(expected.Replace("\r\n", "\n").Split('\n').Select(l => l.TrimEnd()).ToArray(), Block(module));

    [Fact]
    public void Stack_is_declared_after_the_globals_and_sorted_call_assignments_are_checksummed_in_their_sorted_order()
    {
        // pcal.trans 1.12 declares pc first and stack after the global variables; its GenAssign sorts a multiple
        // assignment (n' before stack') in the statement itself, which chksum(pcal) shows.
        AssertPcal("""
        \* BEGIN TRANSLATION (chksum(pcal) = "439231fe" /\ chksum(tla) = "b2a6d6f6")
        VARIABLES pc, out, stack, n, w

        vars == << pc, out, stack, n, w >>

        Init == (* Global variables *)
                /\ out = 0
                (* Procedure twice *)
                /\ n = 0
                /\ w = 0
                /\ stack = << >>
                /\ pc = "A"

        T1 == /\ pc = "T1"
              /\ IF n > 2
                    THEN /\ pc' = Head(stack).pc
                         /\ w' = Head(stack).w
                         /\ n' = Head(stack).n
                         /\ stack' = Tail(stack)
                         /\ out' = out
                    ELSE /\ out' = out + n
                         /\ /\ n' = n + 1
                            /\ stack' = << [ procedure |->  "twice",
                                             pc        |->  "T2",
                                             w         |->  w,
                                             n         |->  n ] >>
                                         \o stack
                         /\ w' = 0
                         /\ pc' = "T1"

        T2 == /\ pc = "T2"
              /\ pc' = Head(stack).pc
              /\ w' = Head(stack).w
              /\ n' = Head(stack).n
              /\ stack' = Tail(stack)
              /\ out' = out

        twice == T1 \/ T2

        A == /\ pc = "A"
             /\ /\ n' = 1
                /\ stack' = << [ procedure |->  "twice",
                                 pc        |->  "Done",
                                 w         |->  w,
                                 n         |->  n ] >>
                             \o stack
             /\ w' = 0
             /\ pc' = "T1"
             /\ out' = out

        (* Allow infinite stuttering to prevent deadlock on termination. *)
        Terminating == pc = "Done" /\ UNCHANGED vars

        Next == twice \/ A
                   \/ Terminating

        Spec == Init /\ [][Next]_vars

        Termination == <>(pc = "Done")

        \* END TRANSLATION
        """, """
        ---- MODULE M6 ----
        EXTENDS Naturals, Sequences
        (* --algorithm calls
        variables out = 0;
        procedure twice(n = 0)
        variable w = 0;
        begin
        T1: if n > 2 then return;
            else out := out + n; call twice(n + 1);
               T2: return;
            end if;
        end procedure;
        begin
        A: call twice(1);
        end algorithm *)
        ====
        """);
    }

    [Fact]
    public void An_assert_from_a_macro_names_the_macro_call_in_its_message()
    {
        AssertPcal("""
        \* BEGIN TRANSLATION (chksum(pcal) = "9ec62d51" /\ chksum(tla) = "4d3fb9ca")
        VARIABLES pc, total, stack, k

        vars == << pc, total, stack, k >>

        Init == (* Global variables *)
                /\ total = 0
                (* Procedure add *)
                /\ k = 1
                /\ stack = << >>
                /\ pc = "S"

        P1 == /\ pc = "P1"
              /\ total' = total + k
              /\ Assert(total' > 0,
                        "Failure of assertion at line 6, column 22 of macro called at line 10, column 5.")
              /\ pc' = Head(stack).pc
              /\ k' = Head(stack).k
              /\ stack' = Tail(stack)

        add == P1

        S == /\ pc = "S"
             /\ /\ k' = 2
                /\ stack' = << [ procedure |->  "add",
                                 pc        |->  "T",
                                 k         |->  k ] >>
                             \o stack
             /\ pc' = "P1"
             /\ total' = total

        T == /\ pc = "T"
             /\ Assert((total - 1) > 0,
                       "Failure of assertion at line 6, column 22 of macro called at line 15, column 4.")
             /\ pc' = "Done"
             /\ UNCHANGED << total, stack, k >>

        (* Allow infinite stuttering to prevent deadlock on termination. *)
        Terminating == pc = "Done" /\ UNCHANGED vars

        Next == add \/ S \/ T
                   \/ Terminating

        Spec == Init /\ [][Next]_vars

        Termination == <>(pc = "Done")

        \* END TRANSLATION
        """, """
        ---- MODULE M1 ----
        EXTENDS Integers, Sequences, TLC
        (*
        --algorithm a
        variables total = 0;
        macro check(v) begin assert v > 0; end macro;
        procedure add(k = 1)
        begin
        P1: total := total + k;
            check(total);
            return;
        end procedure;
        begin
        S: call add(2);
        T: check(total - 1);
        end algorithm
        *)
        ====
        """);
    }

    [Fact]
    public void Version_1_5_allows_fair_before_a_uniprocess_body_and_an_existing_begin_line_without_checksums_stays()
    {
        // The CONFIG section before the module does not hide the algorithm; `fair +' means -wf under version 1.5;
        // pcal.trans adds no checksums to a BEGIN TRANSLATION line that has none.
        AssertPcal("""
        \* BEGIN TRANSLATION
        VARIABLES pc, n

        vars == << pc, n >>

        Init == (* Global variables *)
                /\ n = 0
                /\ pc = "Lbl_1"

        Lbl_1 == /\ pc = "Lbl_1"
                 /\ IF n < 2
                       THEN /\ n' = n + 1
                            /\ pc' = "Lbl_1"
                       ELSE /\ pc' = "Done"
                            /\ n' = n

        (* Allow infinite stuttering to prevent deadlock on termination. *)
        Terminating == pc = "Done" /\ UNCHANGED vars

        Next == Lbl_1
                   \/ Terminating

        Spec == /\ Init /\ [][Next]_vars
                /\ WF_vars(Next)

        Termination == <>(pc = "Done")

        \* END TRANSLATION
        """, FairUniprocessVersion15);
    }

    /// <summary>A uniprocess algorithm with `fair +` before its body, which PlusCal version 1.5 allows.</summary>
    private const string FairUniprocessVersion15 = """
        ---- CONFIG M3v ----
        SPECIFICATION Spec
        ====
        ---- MODULE M3v ----
        EXTENDS Naturals
        (* PlusCal options (version 1.5)
        --algorithm count {
          variables n = 0;
          fair + { while (n < 2) { n := n + 1 } }
        } *)
        \* BEGIN TRANSLATION
        \* END TRANSLATION
        ====
        """;

    [Fact]
    public void Without_version_1_5_fair_before_a_uniprocess_body_is_pcals_error_at_its_line_and_column()
    {
        var module = FairUniprocessVersion15.Replace("PlusCal options (version 1.5)", "");
        var e = Assert.Throws<TlaException>(() => PlusCalTranslator.Translate(module, "M.tla"));
        Assert.Equal(9, e.Span.Line);
        Assert.Equal(3, e.Span.Col);
        Assert.Contains("expected `{' but found `fair'", e.Message);
    }

    [Fact]
    public void Before_version_1_5_the_pc_stays_for_a_single_while_true_process()
    {
        // pcal before 1.5 never omits pc (the stuttering disjunct is still left out for processes), and writes
        // processes in chksum(pcal) without their fairness and label sets.
        AssertPcal("""
        \* BEGIN TRANSLATION (chksum(pcal) = "6b274432" /\ chksum(tla) = "5a2c122c")
        VARIABLES pc, n

        vars == << pc, n >>

        ProcSet == (1..2)

        Init == (* Global variables *)
                /\ n = 0
                /\ pc = [self \in ProcSet |-> "W"]

        W(self) == /\ pc[self] = "W"
                   /\ n' = (n + 1) % 2
                   /\ pc' = [pc EXCEPT ![self] = "W"]

        w(self) == W(self)

        Next == (\E self \in 1..2: w(self))

        Spec == Init /\ [][Next]_vars

        \* END TRANSLATION
        """, """
        ---- MODULE M5 ----
        EXTENDS Naturals
        (* PlusCal options (-version 1.4)
        --algorithm spin
        variables n = 0;
        process w \in 1..2
        begin
        W: while TRUE do n := (n + 1) % 2; end while;
        end process;
        end algorithm *)
        ====
        """);
    }

    [Theory]
    [InlineData("1.5", 1500)]
    [InlineData("1.12", 1120)]
    [InlineData("2", 2000)]
    [InlineData("1.2345", -1)]
    [InlineData("v1", -1)]
    public void Versions_are_read_as_pcal_reads_them(string text, int number) =>
        Assert.Equal(number, PlusCalOptions.VersionToNumber(text));

    [Fact]
    public void An_illegal_version_in_the_options_statement_is_reported_at_its_position_and_ends_the_options()
    {
        // pcal.trans: "Command-line error: Bad version number", then it translates with the options before it.
        var module = "---- MODULE M ----\n(* PlusCal options (-version 1.x -wf)\n--algorithm a\nvariables x = 0;\nbegin\nA: x := 1;\nend algorithm *)\n====\n";
        var t = PlusCalTranslator.Translate(module, "M.tla");
        Assert.Contains(t.Warnings, w => w.StartsWith("M.tla:2:") && w.Contains("Illegal version 1.x specified"));
        Assert.Contains("Spec == Init /\\ [][Next]_vars", t.Lines);
    }

    [Theory]
    [InlineData("\\* BEGIN TRANSLATION", "\\* BEGIN TRANSLATION")]
    [InlineData("\\* BEGIN TRANSLATION - the hash of the PCal code: PCal-0123", "\\* BEGIN TRANSLATION - the hash of the PCal code: PCal-0123")]
    [InlineData("\\* BEGIN TRANSLATION (chksum(pcal) \\in STRING /\\ chksum(tla) = \"0\")", "\\* BEGIN TRANSLATION (chksum(pcal) \\in STRING /\\ chksum(tla) = \"d14ef4d6\")")]
    [InlineData("  \\* BEGIN TRANSLATION (CHKSUM(pcal) = \"1\" /\\ chksum(tla+) = \"2\") x", "  \\* BEGIN TRANSLATION (CHKSUM(pcal) = \"9fa79577\" /\\ chksum(tla+) = \"d14ef4d6\") x")]
    public void An_existing_begin_line_keeps_its_form_and_only_recorded_checksums_are_replaced(string line, string expected)
    {
        var module = "---- MODULE M ----\nEXTENDS Integers\n(* --algorithm a\nvariables x = 0;\nbegin\nL: x := 1;\nend algorithm *)\n" + line + "\n\\* END TRANSLATION\n====\n";
        Assert.Equal(expected, Block(module)[0]);
    }

    [Fact]
    public void A_new_translation_gets_both_checksums_and_an_algorithm_after_the_modules_end_is_translated()
    {
        var module = "---- MODULE M ----\nEXTENDS Integers\nVARIABLE y\n====\n(* --algorithm a\nvariables x = 0;\nbegin\nL: x := 1;\nend algorithm *)\n";
        Assert.Equal("\\* BEGIN TRANSLATION (chksum(pcal) = \"9fa79577\" /\\ chksum(tla) = \"d14ef4d6\")", Block(module)[0]);
    }
}
