using Ops.Tla.Checking;
using Xunit;

namespace Ops.Tla.Tests.Checking;

/// <summary>Specifications that use the native community and proof-library modules, written to a temporary folder.</summary>
public sealed class ModuleSpecTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "ops-module-specs-" + Guid.NewGuid().ToString("N"));

    public ModuleSpecTests() => Directory.CreateDirectory(_dir);

    public void Dispose()
    {
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }

    private CheckResult Check(string root, string cfg, params (string Name, string Text)[] modules)
    {
        foreach (var (name, text) in modules) File.WriteAllText(Path.Combine(_dir, name + ".tla"), text);
        var cfgPath = Path.Combine(_dir, root + ".cfg");
        File.WriteAllText(cfgPath, cfg);
        return ModelChecker.Check(Path.Combine(_dir, root + ".tla"), new CheckOptions { ConfigPath = cfgPath });
    }

    [Fact]
    public void Undirected_graph_spec_with_proof_modules()
    {
        var r = Check("G", "INIT Init\nNEXT Next\nINVARIANT Inv\nCHECK_DEADLOCK FALSE\n", ("G", """
            ---- MODULE G ----
            EXTENDS Naturals, FiniteSets, UndirectedGraphs, TLAPS, NaturalsInduction, FiniteSetTheorems
            Nodes == 1..3
            VARIABLE edges
            Init == edges = {}
            Next == \E e \in {{a, b} : a, b \in Nodes} \ {{n} : n \in Nodes} : e \notin edges /\ edges' = edges \cup {e}
            G == [node |-> Nodes, edge |-> edges]
            Inv == /\ IsLoopFreeUndirectedGraph(G)
                   /\ IsStronglyConnected(G) <=> Cardinality(ConnectedComponents(G)) = 1
                   /\ Cardinality(edges) >= 2 => IsStronglyConnected(G)
                   /\ Zenon /\ SMTT(5)
            THEOREM Spec == Inv
            ====
            """));
        Assert.Equal(CheckOutcome.Success, r.Outcome);
        Assert.Equal(8, r.DistinctStates);
    }

    [Fact]
    public void A_shipped_module_text_keeps_the_definitions_TLC_does_not_override()
    {
        // As TLC: the Java overrides (here Graphs!SimplePath) replace the shipped text's definitions, the rest stay.
        var r = Check("S", "INIT Init\nNEXT Next\nINVARIANT Inv\n",
            ("Graphs", """
                ---- MODULE Graphs ----
                SimplePath(G) == "text"
                IsTreeWithRoot(G, r) == "text"
                ====
                """),
            ("S", """
                ---- MODULE S ----
                EXTENDS Graphs
                VARIABLE x
                G == [node |-> {1, 2}, edge |-> {<<1, 2>>}]
                Init == x = 0
                Next == UNCHANGED x
                Inv == /\ SimplePath(G) = {<<1>>, <<2>>, <<1, 2>>}
                       /\ IsTreeWithRoot(G, 1) = "text"
                ====
                """));
        Assert.Equal(CheckOutcome.Success, r.Outcome);
    }

    [Fact]
    public void Unnamed_instance_imports_definitions_but_not_parameters()
    {
        // As in the corpus' MCYoYoNoPruning: the instantiating module defines the instantiated module's constant.
        var r = Check("MC", "INIT Init\nNEXT Next\nINVARIANT Inv\nCHECK_DEADLOCK FALSE\n",
            ("Inner", """
                ---- MODULE Inner ----
                EXTENDS Naturals
                CONSTANT Limit
                VARIABLE x
                Init == x = 0
                Next == x < Limit /\ x' = x + 1
                Inv == x <= Limit
                ====
                """),
            ("MC", """
                ---- MODULE MC ----
                VARIABLE x
                Limit == 3
                INSTANCE Inner
                ====
                """));
        Assert.Equal(CheckOutcome.Success, r.Outcome);
        Assert.Equal(4, r.DistinctStates);
    }

    [Fact]
    public void Named_lemmas_denote_their_statements()
    {
        var r = Check("L", "INIT Init\nNEXT Next\nINVARIANT Inv\nCHECK_DEADLOCK FALSE\n", ("L", """
            ---- MODULE L ----
            EXTENDS Naturals
            P(S) == INSTANCE Facts
            VARIABLE x
            Init == x = 0
            Next == x < 2 /\ x' = x + 1
            Inv == \A S \in SUBSET (0..x) : P(S)!Fact
            ====
            """), ("Facts", """
            ---- MODULE Facts ----
            EXTENDS Naturals, TLAPS
            CONSTANT S
            LEMMA Fact == \A n \in S : n \in Nat
              <1> QED  BY Zenon
            ====
            """));
        Assert.Equal(CheckOutcome.Success, r.Outcome);
        Assert.Equal(3, r.DistinctStates);
    }

    [Fact]
    public void Trace_and_Json_in_an_invariant()
    {
        var file = Path.Combine(_dir, "trace.json").Replace("\\", "/");
        var r = Check("T", "INIT Init\nNEXT Next\nINVARIANT Inv\nCHECK_DEADLOCK FALSE\n", ("T", $$"""
            ---- MODULE T ----
            EXTENDS Naturals, Sequences, TLCExt, Json
            VARIABLE x
            Init == x = 0
            Next == x' = x + 1
            Inv == \/ x < 2
                   \/ /\ JsonSerialize("{{file}}", Trace)
                      /\ Len(Trace) = 3 /\ Trace[3].x = 2 /\ FALSE
            ====
            """));
        Assert.Equal(CheckOutcome.SafetyFailure, r.Outcome);
        Assert.Equal("[{\"x\":0},{\"x\":1},{\"x\":2}]", File.ReadAllText(file));
    }
}
