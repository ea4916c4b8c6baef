using Ops.Tla.Checking;
using Ops.Tla.Tests.Checking;
using Xunit;

namespace Ops.Tla.Tests.Semantics;

/// <summary>
/// SANY's scope rules for definitions, which Ops did not apply: a definition is not in scope in its own body unless
/// declared RECURSIVE, and a module may not define a name a standard module it extends or instantiates defines. Each
/// is TLC's semantic error (exit 150) even where nothing evaluates the definition; Ops checked the model (exit 0 or a
/// deadlock, exit 11). Expected verdicts are TLC's (tla2tools cc6b616).
/// </summary>
public class DefinitionScopeTests
{
    private static CheckResult Module(string extends, string units) =>
        InlineSpec.Check("Scope", $"---- MODULE Scope ----\nEXTENDS {extends}\nVARIABLE x\nInit == x = 0\nNext == UNCHANGED x\n{units}\n====\n",
            "INIT Init\nNEXT Next\n");

    [Theory]
    // "Unknown operator: `F'."
    [InlineData("F(n) == n = 0 \\/ F(n - 1)", "Unknown operator: 'F'. A definition cannot use itself unless declared RECURSIVE: write RECURSIVE F(_)")]
    [InlineData("X == X + 1", "Unknown operator: 'X'. A definition cannot use itself unless declared RECURSIVE: write RECURSIVE X before it")]
    [InlineData("G == LET F(n) == IF n = 0 THEN 0 ELSE F(n - 1) IN F(2)", "Unknown operator: 'F'. A definition cannot use itself")]
    public void A_definition_that_uses_itself_without_RECURSIVE_is_a_semantic_error(string units, string message)
    {
        var r = Module("Naturals", units);
        Assert.Equal(150, r.ExitCode);
        Assert.Contains(message, r.Violation.Message);
    }

    [Fact]
    public void RECURSIVE_operators_and_recursive_functions_are_accepted()
    {
        var r = Module("Naturals",
            "RECURSIVE F(_)\nF(n) == IF n = 0 THEN 0 ELSE F(n - 1)\nf[n \\in Nat] == IF n = 0 THEN 1 ELSE n * f[n - 1]\n" +
            "G == LET RECURSIVE H(_)\n         H(n) == IF n = 0 THEN 0 ELSE H(n - 1) IN H(2)\n" +
            "K == LET g[n \\in Nat] == IF n = 0 THEN 1 ELSE g[n - 1] IN g[2]\nInv == F(2) = 0 /\\ G = 0 /\\ f[3] = 6 /\\ K = 1");
        Assert.Equal(0, r.ExitCode);
    }

    [Theory]
    // "Operator Len already defined or declared." (with SANY's warning "Multiple declarations or definitions for
    // symbol Len. This duplicates the one at ... of module Sequences.")
    [InlineData("Naturals, Sequences", "Len(s) == 3", "Operator Len already defined or declared: the standard module Sequences defines it")]
    [InlineData("Naturals, Sequences", "s \\o t == 3", "Operator \\o already defined or declared")]
    [InlineData("Naturals, TLC", "Any == 3", "Operator Any already defined or declared: the standard module TLC defines it")]
    [InlineData("Naturals\nINSTANCE Sequences", "Len(s) == 3", "Operator Len already defined or declared")]
    [InlineData("Naturals\nLOCAL INSTANCE Sequences", "Len(s) == 3", "Operator Len already defined or declared")]
    public void Defining_a_name_of_an_extended_standard_module_is_a_semantic_error(string extends, string units, string message)
    {
        var r = Module(extends, units);
        Assert.Equal(150, r.ExitCode);
        Assert.Contains(message, r.Violation.Message);
    }

    [Theory]
    // A named instance keeps its names apart; IsSorted is Ops's beyond this TLC's SequencesExt, so the module's own
    // definition is the name's meaning (TLC: exit 0, the invariant holds with the module's IsSorted).
    [InlineData("Naturals\nS == INSTANCE Sequences", "Len(s) == 3\nInv == Len(<<1>>) = 3")]
    [InlineData("Naturals, SequencesExt", "IsSorted(s) == TRUE\nInv == IsSorted(<<2, 1>>)")]
    public void Names_SANY_does_not_see_twice_can_be_defined(string extends, string units)
    {
        var r = InlineSpec.Check("Scope", $"---- MODULE Scope ----\nEXTENDS {extends}\nVARIABLE x\nInit == x = 0\nNext == UNCHANGED x\n{units}\n====\n",
            "INIT Init\nNEXT Next\nINVARIANT Inv\n");
        Assert.Equal(0, r.ExitCode);
    }

    [Theory]
    // SANY: "Operator \in already defined or declared." and "Symbol \in is a built-in operator, and cannot be
    // redefined." (exit 150), with SANY's name for the symbol; Ops accepted the definitions (exit 0).
    [InlineData("a \\in b == TRUE", "Symbol \\in is a built-in operator, and cannot be redefined")]
    [InlineData("a \\cup b == {}", "Symbol \\union is a built-in operator, and cannot be redefined")]
    [InlineData("a \\intersect b == {}", "Symbol \\intersect is a built-in operator")]
    [InlineData("a # b == TRUE", "Symbol /= is a built-in operator")]
    [InlineData("a <=> b == TRUE", "Symbol \\equiv is a built-in operator")]
    [InlineData("~ a == TRUE", "Symbol \\lnot is a built-in operator")]
    [InlineData("a \\X b == {}", "Symbol \\times is a built-in operator")]
    [InlineData("[] a == TRUE", "Symbol [] is a built-in operator")]
    [InlineData("a \\cdot b == TRUE", "Symbol \\cdot is a built-in operator")]
    [InlineData("G == LET a \\subseteq b == TRUE IN 1", "Symbol \\subseteq is a built-in operator")]
    public void Defining_a_built_in_operator_symbol_is_a_semantic_error(string units, string message)
    {
        var r = Module("Naturals", units);
        Assert.Equal(150, r.ExitCode);
        Assert.Contains(message, r.Violation.Message);
    }

    [Fact]
    public void Operator_symbols_TLA_does_not_build_in_may_be_defined()
    {
        // TLC: exit 0 (\prec, \oplus, ++ and \subset are user-definable; + is, where Naturals is not extended).
        var r = InlineSpec.Check("Defs", "---- MODULE Defs ----\nVARIABLE x\nInit == x = 0\nNext == UNCHANGED x\n" +
            "a \\prec b == TRUE\na \\oplus b == a\na ++ b == b\na \\subset b == TRUE\na + b == a\n" +
            "Inv == (1 \\prec 2) /\\ (3 \\oplus 4) = 3 /\\ (5 ++ 6) = 6 /\\ ({} \\subset {}) /\\ 7 + 8 = 7\n====\n",
            "INIT Init\nNEXT Next\nINVARIANT Inv\n");
        Assert.Equal(0, r.ExitCode);
    }

    [Theory]
    // SANY's grammar has LAMBDA only as an operator's argument: "Encountered "LAMBDA" at line 3, column 16" (exit
    // 150) for these; Ops evaluated them (exit 0, or 10 applying the LAMBDA as a function).
    [InlineData("Op == LAMBDA x : x")]
    [InlineData("Ap(F(_), v) == F(v)\nInv == Ap((LAMBDA x : x + 1), 2) = 3")]
    [InlineData("Inv == <<LAMBDA x : x>> # <<>>")]
    [InlineData("Inv == (LAMBDA x : x + 1)[1] = 2")]
    public void LAMBDA_outside_an_operator_argument_is_a_parse_error(string units)
    {
        var r = Module("Naturals", units);
        Assert.Equal(150, r.ExitCode);
        Assert.Contains("A LAMBDA expression can only be an argument of an operator", r.Violation.Message);
    }

    [Fact]
    public void LAMBDA_as_an_operator_argument_is_accepted()
    {
        // TLC: exit 0 (the invariant holds).
        var r = InlineSpec.Check("Lam", "---- MODULE Lam ----\nEXTENDS Naturals, Sequences\nVARIABLE x\nInit == x = 0\n" +
            "Next == UNCHANGED x\nAp(F(_, _), v) == F(v, v)\n" +
            "Inv == Ap(LAMBDA a, b : a + b, 2) = 4 /\\ SelectSeq(<<1, 2, 3>>, LAMBDA e : e > 1) = <<2, 3>>\n====\n",
            "INIT Init\nNEXT Next\nINVARIANT Inv\n");
        Assert.Equal(0, r.ExitCode);
    }
}
