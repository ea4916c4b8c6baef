using Ops.Tla.Checking;
using Ops.Tla.Checking.Storage;
using Xunit;

namespace Ops.Tla.Tests.Checking.Storage;

/// <summary>A search with its fingerprints and states on disk finds what the search in memory finds: the same
/// counts, depth, verdict and counterexample; and it leaves no file behind. The tests that set a memory budget measure
/// the whole process's heap, so this class runs alone (<see cref="MemoryMeasuringCollection"/>).</summary>
[Collection(MemoryMeasuringCollection.Name)]
public sealed class DiskSearchTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ops-disk-search-test-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private CheckResult Check(string spec, string cfg, StorageMode storage, int workers = 1, long? memoryMB = null, double? fpmem = null) =>
        ModelChecker.Check(spec, new CheckOptions
        {
            ConfigPath = cfg, Workers = workers, Storage = storage, MemoryBudgetMB = memoryMB, FingerprintMemory = fpmem, StorageDirectory = _dir,
        });

    private void AssertSame(CheckResult memory, CheckResult disk)
    {
        Assert.Equal(memory.Outcome, disk.Outcome);
        Assert.Equal(memory.ExitCode, disk.ExitCode);
        Assert.Equal(memory.StatesGenerated, disk.StatesGenerated);
        Assert.Equal(memory.DistinctStates, disk.DistinctStates);
        Assert.Equal(memory.StatesLeftOnQueue, disk.StatesLeftOnQueue);
        Assert.Equal(memory.Depth, disk.Depth);
        Assert.Equal(memory.Violation?.Property, disk.Violation?.Property);
        Assert.Equal(memory.Trace.Count, disk.Trace.Count);
        for (int i = 0; i < memory.Trace.Count; i++)
        {
            Assert.Equal(memory.Trace[i].Action, disk.Trace[i].Action);
            Assert.Equal(string.Join(", ", memory.Trace[i].Values.Select(v => v.ToString())), string.Join(", ", disk.Trace[i].Values.Select(v => v.ToString())));
        }
        Assert.Empty(Directory.GetFileSystemEntries(_dir));
    }

    [Theory]
    [InlineData("bank.tla", null)]
    [InlineData("bank_transfers.tla", null)]
    [InlineData("ExistingService.tla", null)]
    [InlineData("ExistingService.tla", "ExistingService_symmetry.cfg")]
    [InlineData("UpdatedService.tla", null)]
    [InlineData("syn_nodes.tla", "syn_nodes_safety.cfg")]
    public void Seed_specs_on_disk_match_the_search_in_memory(string spec, string cfg)
    {
        string path = TestPaths.Seed(spec), config = cfg == null ? null : TestPaths.Seed(cfg);
        var memory = Check(path, config, StorageMode.Memory);
        var disk = Check(path, config, StorageMode.Disk, fpmem: 0.0001);
        Assert.False(memory.StoredOnDisk);
        Assert.True(disk.StoredOnDisk);
        AssertSame(memory, disk);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Two_customers_on_disk_give_TLCs_counts(int workers)
    {
        var disk = Check(TestPaths.Seed("bank_customers.tla"), null, StorageMode.Disk, workers, fpmem: 0.0001);
        Assert.Equal(workers, disk.Workers);
        Assert.True(disk.StoredOnDisk);
        Assert.Equal(CheckOutcome.Success, disk.Outcome);
        Assert.Equal(996601, disk.StatesGenerated);
        Assert.Equal(48400, disk.DistinctStates);
        Assert.Equal(25, disk.Depth);
        Assert.Empty(Directory.GetFileSystemEntries(_dir));
    }

    /// <summary>A box of 100 × 100 × 100 states (a million, 2.97 million generated): in memory its fingerprints and
    /// state lists need some 35 MB besides the test host's own heap (some 11 MB), twice the budget of 24 MB; on disk,
    /// with a tenth of the budget for the fingerprints' table, well under half of it.</summary>
    private const string Box = """
        ---- MODULE Box ----
        EXTENDS Naturals
        VARIABLES a, b, c
        Init == a = 0 /\ b = 0 /\ c = 0
        Next == \/ a < 99 /\ a' = a + 1 /\ UNCHANGED <<b, c>>
                \/ b < 99 /\ b' = b + 1 /\ UNCHANGED <<a, c>>
                \/ c < 99 /\ c' = c + 1 /\ UNCHANGED <<a, b>>
        ====
        """;

    /// <summary>The budget watches the whole process's live heap, and what the test host keeps alive before this class
    /// runs depends on the tests run before it (11 MB alone, 38 MB after some orders): the box's budget is some MB on
    /// top of what is live when the check starts, so the search passes half of it, whatever ran first. Part of what is
    /// live then may be released while the box is searched, so a search that must hit the budget gets a third of what
    /// the box needs (12 MB), not two thirds.</summary>
    private CheckResult CheckBox(StorageMode storage, int workers, int budgetOverHostMB = 24) =>
        CheckWithinBudget("Box", Box, "INIT Init\nNEXT Next\nCHECK_DEADLOCK FALSE\n", storage, workers, budgetOverHostMB);

    /// <summary>Checks an inline spec with a memory budget of <paramref name="budgetOverHostMB"/> on top of what the
    /// test host holds live when the check starts (see <see cref="CheckBox"/>), a tenth of it for the fingerprints'
    /// table once on disk.</summary>
    private CheckResult CheckWithinBudget(string name, string spec, string cfg, StorageMode storage, int workers, int budgetOverHostMB)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        int hostMB = (int)(GC.GetTotalMemory(true) / (1024 * 1024));
        return InlineSpec.Check(name, spec, cfg,
            new CheckOptions { Workers = workers, Storage = storage, MemoryBudgetMB = hostMB + budgetOverHostMB, FingerprintMemory = 0.1, StorageDirectory = _dir });
    }

    /// <summary>The search ran with <paramref name="workers"/> workers, moved to disk, completed with these counts
    /// and left no file behind.</summary>
    private void AssertCompletedOnDisk(CheckResult r, int workers, long generated, long distinct, int depth)
    {
        Assert.Equal(workers, r.Workers);
        Assert.True(r.StoredOnDisk);
        Assert.True(r.Outcome == CheckOutcome.Success, r.Violation?.Message);
        Assert.Equal(generated, r.StatesGenerated);
        Assert.Equal(distinct, r.DistinctStates);
        Assert.Equal(depth, r.Depth);
        Assert.Empty(Directory.GetFileSystemEntries(_dir));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void A_search_past_half_its_budget_moves_to_disk_and_completes(int workers)
    {
        AssertCompletedOnDisk(CheckBox(StorageMode.Auto, workers), workers, 2_970_001, 1_000_000, 298);
    }

    [Fact]
    public void The_same_search_in_memory_only_stops_at_the_budget()
    {
        var memoryOnly = CheckBox(StorageMode.Memory, 1, budgetOverHostMB: 12);
        Assert.False(memoryOnly.StoredOnDisk);
        Assert.True(memoryOnly.Violation?.Kind == ViolationKind.MemoryBudget, $"in memory: {memoryOnly.Outcome} {memoryOnly.Violation?.Message}");
        Assert.InRange(memoryOnly.DistinctStates, 1, 999_999);
    }

    /// <summary>One wide level: 1,000 initial states, each with 300 successors that each hold a tuple of 8 numbers
    /// of their own (301,000 states generated and distinct, depth 2; TLC's figures). Level 2 alone needs some 100 MB
    /// in memory, four times the budget: the parallel search's workers find it in one level, so they must hand their
    /// new states over to be spilled while the level runs (and, searching in memory first, move to disk in the
    /// middle of it), not at its end.</summary>
    private const string Wide = """
        ---- MODULE Wide ----
        EXTENDS Naturals
        VARIABLES x, y, s
        Init == x \in 1..1000 /\ y = 0 /\ s = <<0>>
        Next == /\ y = 0 /\ y' = 1 /\ x' = x
                /\ s' \in {[i \in 1..8 |-> x * 10000 + k * 10 + i] : k \in 1..300}
        Last == s[1] # 1000 * 10000 + 300 * 10 + 1
        ====
        """;

    private CheckResult CheckWide(StorageMode storage, int workers, string invariant = null) =>
        CheckWithinBudget("Wide", Wide, "INIT Init\nNEXT Next\nCHECK_DEADLOCK FALSE\n" + (invariant == null ? "" : $"INVARIANT {invariant}\n"),
            storage, workers, 24);

    [Theory]
    [InlineData(StorageMode.Auto, 1)]
    [InlineData(StorageMode.Auto, 2)]
    [InlineData(StorageMode.Disk, 2)]
    public void A_level_wider_than_the_budget_is_spilled_as_it_is_found(StorageMode storage, int workers)
    {
        AssertCompletedOnDisk(CheckWide(storage, workers), workers, 301_000, 301_000, 2);
    }

    [Theory]
    [InlineData("-diskstates")]
    [InlineData(null)]
    public void Ops_check_with_two_workers_and_a_small_memory_budget_completes_on_disk(string diskstates)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        int hostMB = (int)(GC.GetTotalMemory(true) / (1024 * 1024));
        using var t = new Ops.Tla.Tests.Cli.TempSpecs();
        string spec = t.Spec("Wide", Wide, "INIT Init\nNEXT Next\nCHECK_DEADLOCK FALSE\n");
        var args = new List<string> { "check", spec, "-workers", "2", "-memory", (hostMB + 24).ToString(System.Globalization.CultureInfo.InvariantCulture), "-fpmem", "0.1", "-metadir", _dir };
        if (diskstates != null) args.Add(diskstates);
        var run = Ops.Tla.Tests.Cli.CliRun.Of(args.ToArray());
        Assert.True(run.Exit == 0, run.Out + run.Err);
        Assert.Contains("301000 states generated, 301000 distinct states found, 0 states left on queue.", run.Out);
        Assert.Contains("The depth of the complete state graph search is 2.", run.Out);
        Assert.Empty(Directory.GetFileSystemEntries(_dir));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void A_violation_in_a_level_spilled_as_it_is_found_has_its_counterexample(int workers)
    {
        var r = CheckWide(StorageMode.Auto, workers, "Last");
        Assert.True(r.StoredOnDisk);
        Assert.Equal(CheckOutcome.SafetyFailure, r.Outcome);
        Assert.Equal("Last", r.Violation.Property);
        Assert.Equal(2, r.Trace.Count);
        Assert.Equal("1000, 0, <<0>>", string.Join(", ", r.Trace[0].Values.Select(v => v.ToString())));
        Assert.Equal("1000, 1, <<10003001, 10003002, 10003003, 10003004, 10003005, 10003006, 10003007, 10003008>>",
            string.Join(", ", r.Trace[1].Values.Select(v => v.ToString())));
        Assert.Empty(Directory.GetFileSystemEntries(_dir));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void A_violation_on_disk_has_the_counterexample_of_the_search_in_memory(int workers)
    {
        var memory = Check(TestPaths.Seed("bank_transfers.tla"), null, StorageMode.Memory, workers);
        var disk = Check(TestPaths.Seed("bank_transfers.tla"), null, StorageMode.Disk, workers, fpmem: 0.0001);
        Assert.Equal(CheckOutcome.SafetyFailure, disk.Outcome);
        Assert.Equal(workers, disk.Workers);
        Assert.True(disk.StoredOnDisk);
        if (workers == 1) AssertSame(memory, disk);
        else Assert.Equal(memory.Trace.Count, disk.Trace.Count);
    }

    [CorpusTheory]
    [InlineData("DieHard/DieHard.tla")]
    [InlineData("MissionariesAndCannibals/MissionariesAndCannibals.tla")]
    [InlineData("SlidingPuzzles/SlidingPuzzles.tla")]
    [InlineData("GameOfLife/GameOfLife.tla")]
    public void Corpus_specs_on_disk_match_the_search_in_memory(string spec)
    {
        string path = Path.Combine(TestPaths.Corpus, "specifications", spec);
        var memory = Check(path, null, StorageMode.Memory);
        var disk = Check(path, null, StorageMode.Disk, fpmem: 0.0001);
        Assert.True(disk.StoredOnDisk);
        AssertSame(memory, disk);
    }

    [Fact]
    public void A_model_with_temporal_properties_stays_in_memory_and_says_so()
    {
        var r = Check(TestPaths.Seed("syn_nodes.tla"), null, StorageMode.Disk);
        Assert.False(r.StoredOnDisk);
        Assert.Equal(CheckOutcome.Success, r.Outcome);
        Assert.Contains(r.Warnings, w => w.Contains("-diskstates is not used"));
    }

    [Fact]
    public void A_cancelled_search_on_disk_leaves_no_file()
    {
        using var cts = new CancellationTokenSource();
        int progress = 0;
        var r = ModelChecker.Check(TestPaths.Seed("bank_customers.tla"), new CheckOptions
        {
            Storage = StorageMode.Disk, StorageDirectory = _dir, Cancellation = cts.Token, ProgressInterval = TimeSpan.Zero,
            Progress = _ => { if (++progress == 3) cts.Cancel(); },
        });
        Assert.Equal(ViolationKind.Cancelled, r.Violation?.Kind);
        Assert.True(r.StoredOnDisk);
        Assert.Empty(Directory.GetFileSystemEntries(_dir));
    }

    /// <summary>Three counters modulo 40 in a function, one of them counted up by each step, and one modulo 4 beside
    /// it: 64,000 values of f, each held by four states, each of them new with f changed (TLC: 1,536,001 generated,
    /// 256,000 distinct, depth 118).</summary>
    private const string Rows = """
        ---- MODULE Rows ----
        EXTENDS Naturals
        VARIABLES f, y
        Init == f = [i \in 1..3 |-> 0] /\ y = 0
        Next == \E i \in 1..3, d \in 0..1 : f' = [f EXCEPT ![i] = (f[i] + 1) % 40] /\ y' = (y + d) % 4
        ====
        """;

    /// <summary>On disk the new states still share equal values (the interner keeps the values of the recent states),
    /// and what it keeps stays bounded: it lets go of them all whenever they pass a bound of the budget's (more than
    /// the 64,000 values of f are met, so it does here), and the search gives TLC's counts.</summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void On_disk_new_states_share_the_values_of_recent_ones_within_a_bound(int workers)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        int hostMB = (int)(GC.GetTotalMemory(true) / (1024 * 1024));
        var output = new StringWriter();
        var r = InlineSpec.Check("Rows", Rows, "INIT Init\nNEXT Next\nCHECK_DEADLOCK FALSE\n", new CheckOptions
        {
            Workers = workers, Storage = StorageMode.Disk, MemoryBudgetMB = hostMB + 24, FingerprintMemory = 0.1, StorageDirectory = _dir,
            Diagnostics = DiagnosticOptions.None with { InternTrace = true, Output = output },
        });
        AssertCompletedOnDisk(r, workers, 1_536_001, 256_000, 118);
        string trace = output.ToString();
        var f = System.Text.RegularExpressions.Regex.Match(trace, @"intern: f: (\d+) lookups, (\d+) found\r?\n");
        Assert.True(f.Success, trace);
        // Each value of f is held by 4 new states (each looks it up): most lookups find it kept.
        Assert.InRange(long.Parse(f.Groups[2].Value), long.Parse(f.Groups[1].Value) / 2, long.Parse(f.Groups[1].Value));
        var bound = System.Text.RegularExpressions.Regex.Match(trace, @"intern: on disk at most (\d+) values kept, let go of (\d+) times");
        Assert.True(bound.Success, trace);
        Assert.Equal(Math.Clamp((hostMB + 24L) * 1024 * 1024 / 2048, 1024, 1 << 18), long.Parse(bound.Groups[1].Value));
        Assert.True(int.Parse(bound.Groups[2].Value) >= 1, trace);
    }
}

/// <summary>Tests that measure the process's heap (a memory budget): run when no other test runs.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MemoryMeasuringCollection
{
    public const string Name = "Memory measuring";
}
