using System.Text;
using Ops.Cli;

namespace Ops.Tla.Tests.Cli;

/// <summary>A temporary folder of specifications for one test; deleted on Dispose.</summary>
public sealed class TempSpecs : IDisposable
{
    public string Dir { get; } = Path.Combine(Path.GetTempPath(), "ops-tests-" + Guid.NewGuid().ToString("N")[..12]);

    public TempSpecs() => Directory.CreateDirectory(Dir);

    /// <summary>Writes NAME.tla (and NAME.cfg when given) and returns the .tla path.</summary>
    public string Spec(string name, string tla, string cfg = null)
    {
        File.WriteAllText(Path.Combine(Dir, name + ".tla"), tla.Replace("\r\n", "\n"));
        if (cfg != null) File.WriteAllText(Path.Combine(Dir, name + ".cfg"), cfg.Replace("\r\n", "\n"));
        return Path.Combine(Dir, name + ".tla");
    }

    public string File_(string name) => Path.Combine(Dir, name);

    public void Dispose()
    {
        try { Directory.Delete(Dir, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    /// <summary>Small specifications, one per verdict and exit code.</summary>
    public static class Samples
    {
        public const string Counter = """
            ---- MODULE Counter ----
            EXTENDS Naturals
            CONSTANT N
            VARIABLE x
            Init == x = 0
            Next == x' = (x + 1) % N
            TypeOK == x \in 0..N
            ====
            """;
        public const string CounterCfg = "CONSTANT N = 3\nINIT Init\nNEXT Next\nINVARIANT TypeOK\n";

        public const string Deadlock = """
            ---- MODULE Deadlock ----
            EXTENDS Naturals
            VARIABLE x
            Init == x = 0
            Next == x < 3 /\ x' = x + 1
            ====
            """;
        public const string DeadlockCfg = "INIT Init\nNEXT Next\n";

        public const string Invariant = """
            ---- MODULE Invariant ----
            EXTENDS Naturals, Sequences
            CONSTANT Nodes
            VARIABLES x, owner, log
            Init == x = 0 /\ owner = [n \in Nodes |-> 0] /\ log = <<>>
            Next == \E n \in Nodes : /\ x' = x + 1
                                     /\ owner' = [owner EXCEPT ![n] = @ + 1]
                                     /\ log' = Append(log, [node |-> n, step |-> x, tags |-> {"a", "b"}])
            Small == x < 3
            TypeOK == x >= 0
            ====
            """;
        public const string InvariantCfg = "CONSTANT Nodes = {n1, n2}\nINIT Init\nNEXT Next\nINVARIANTS TypeOK Small\n";

        public const string Assume = """
            ---- MODULE Assume ----
            EXTENDS Naturals
            CONSTANT N
            ASSUME N > 5
            VARIABLE x
            Init == x = 0
            Next == x' = x
            ====
            """;
        public const string AssumeCfg = "CONSTANT N = 3\nINIT Init\nNEXT Next\n";

        public const string Assert = """
            ---- MODULE Assert ----
            EXTENDS Naturals, TLC
            VARIABLE x
            Init == x = 0
            Next == x' = x + 1 /\ Assert(x < 2, "x got too big")
            ====
            """;
        public const string AssertCfg = "INIT Init\nNEXT Next\n";

        public const string EvalError = """
            ---- MODULE EvalError ----
            EXTENDS Naturals
            VARIABLE x
            f == [i \in 1..2 |-> i]
            Init == x = 0
            Next == x' = f[x + 1]
            ====
            """;
        public const string EvalErrorCfg = "INIT Init\nNEXT Next\n";

        public const string ParseError = """
            ---- MODULE ParseError ----
            EXTENDS Naturals
            VARIABLE x
            Init == x =
            Next == x' = x
            ====
            """;

        public const string ConfigErrorCfg = "INIT Init\nNEXT Next\nINVARIANT =\n";
    }
}

/// <summary>Runs `ops` in-process and captures what it prints.</summary>
public sealed record CliRun(int Exit, string Out, string Err)
{
    public string All => Out + Err;

    public static CliRun Of(params string[] args) => With(new CliHost(), args);

    public static CliRun With(CliHost host, params string[] args)
    {
        var o = new StringWriter(new StringBuilder());
        var e = new StringWriter(new StringBuilder());
        int code = CliApp.Run(args, o, e, host);
        return new CliRun(code, o.ToString(), e.ToString());
    }
}
