using System.Text;
using System.Text.RegularExpressions;
using Ops.Cli;
using Xunit;
using Xunit.Abstractions;
using S = Ops.Tla.Tests.Cli.TempSpecs.Samples;

namespace Ops.Tla.Tests.Cli;

/// <summary>
/// Malformed input never reaches the user as a stack trace or an "internal error": mutated specifications and
/// configurations (deleted, duplicated, swapped and injected text) give a classified error and one of TLC's exit
/// codes. OPS_FUZZ_ITERATIONS raises the number of mutants for a longer local run, OPS_FUZZ_SEED changes them.
/// </summary>
public class CliFuzzTests
{
    private readonly ITestOutputHelper _log;
    public CliFuzzTests(ITestOutputHelper log) => _log = log;

    private static readonly int[] Contract = { 0, 10, 11, 12, 13, 14, 75, 76, 77, 150, 151, 255 };

    private static readonly string[] Fragments =
    {
        "==", "=", "'", "\\/", "/\\", "(", ")", "[", "]", "{", "}", "<<", ">>", "|->", "->", ":", ",", "\\in", "\\E x \\in ",
        "\\A ", "CHOOSE ", "LET ", " IN ", "IF ", " THEN ", " ELSE ", "CASE ", "[]", "<>", "~>", "EXCEPT ", "!", "@", "DOMAIN ",
        "SUBSET ", "UNION ", "\"", "\\*", "(*", "*)", "----", "====", "MODULE ", "EXTENDS ", "INSTANCE ", "WITH ", "<-",
        "CONSTANT ", "VARIABLE ", "ASSUME ", "RECURSIVE ", "LAMBDA ", "UNCHANGED ", "ENABLED ", "WF_", "_x", "0", "-1",
        "99999999999999999999", "1..", "x", "Init", "Next", "TRUE", "FALSE", "\n", "\t", "\u00e9", "\u2200", "\ud83d\ude00",
        "\0", "\\o", "\\X", "Cardinality(", "Len(", "Append(", "Head(", "Seq(", "Nat", "Int", "STRING", "[a |-> 1]", ".a",
        "INVARIANT ", "PROPERTY ", "INIT ", "NEXT ", "SPECIFICATION ", "CONSTANTS ", "SYMMETRY ", "VIEW ", "CONSTRAINT ",
    };

    private const string Replacements = "()[]{}=<>\\/'\"-*|,:0aZ \n";

    private static string Mutate(string text, Random rng)
    {
        var sb = new StringBuilder(text);
        int edits = 1 + rng.Next(3);
        for (int e = 0; e < edits; e++)
        {
            int pos = sb.Length == 0 ? 0 : rng.Next(sb.Length);
            switch (rng.Next(6))
            {
                case 0: // delete a range
                    sb.Remove(pos, Math.Min(sb.Length - pos, 1 + rng.Next(12)));
                    break;
                case 1: // insert a fragment
                    sb.Insert(pos, Fragments[rng.Next(Fragments.Length)]);
                    break;
                case 2: // duplicate a range
                {
                    int len = Math.Min(sb.Length - pos, 1 + rng.Next(40));
                    sb.Insert(pos, sb.ToString(pos, len));
                    break;
                }
                case 3: // truncate
                    sb.Length = pos;
                    break;
                case 4: // replace one character
                    if (sb.Length > 0) sb[pos] = Replacements[rng.Next(Replacements.Length)];
                    break;
                default: // swap two lines
                {
                    var lines = sb.ToString().Split('\n');
                    if (lines.Length > 1)
                    {
                        int a = rng.Next(lines.Length), b = rng.Next(lines.Length);
                        (lines[a], lines[b]) = (lines[b], lines[a]);
                        sb.Clear().Append(string.Join('\n', lines));
                    }
                    break;
                }
            }
        }
        return sb.ToString();
    }

    private static IEnumerable<(string Name, string Tla, string Cfg)> Bases()
    {
        yield return ("Counter", S.Counter, S.CounterCfg);
        yield return ("Invariant", S.Invariant, S.InvariantCfg);
        yield return ("Assert", S.Assert, S.AssertCfg);
        yield return ("EvalError", S.EvalError, S.EvalErrorCfg);
        foreach (var name in new[] { "bank", "bank_transfers", "syn", "ExistingService" })
            yield return (name, File.ReadAllText(TestPaths.Seed(name + ".tla")), File.ReadAllText(TestPaths.Seed(name + ".cfg")));
    }

    [Fact]
    public void Mutated_specs_and_configs_never_crash_the_CLI()
    {
        int iterations = int.TryParse(Environment.GetEnvironmentVariable("OPS_FUZZ_ITERATIONS"), out var n) ? n : 240;
        var rng = new Random(int.TryParse(Environment.GetEnvironmentVariable("OPS_FUZZ_SEED"), out var seed) ? seed : 5);
        var bases = Bases().ToList();
        var crashes = new List<string>();
        var exits = new Dictionary<int, int>();
        using var t = new TempSpecs();
        for (int i = 0; i < iterations; i++)
        {
            var (name, tla, cfg) = bases[i % bases.Count];
            bool mutateSpec = rng.Next(3) != 0;
            var mTla = mutateSpec ? Mutate(tla, rng) : tla;
            var mCfg = mutateSpec && rng.Next(2) == 0 ? cfg : Mutate(cfg, rng);
            var spec = t.Spec(name, mTla, mCfg);
            var r = CliRun.With(new CliHost { Debug = false }, "check", spec, "-timeout", "1");
            exits[r.Exit] = exits.GetValueOrDefault(r.Exit) + 1;
            bool crashed = r.All.Contains("internal error") || Regex.IsMatch(r.All, @"^\s+at \S+\(", RegexOptions.Multiline) || !Contract.Contains(r.Exit);
            if (crashed)
            {
                var keep = Path.Combine(t.Dir, $"crash{crashes.Count}");
                crashes.Add($"#{i} {name} exit {r.Exit}: {r.Err.Split('\n').FirstOrDefault()}\n--- tla ---\n{mTla}\n--- cfg ---\n{mCfg}\n--- stderr ---\n{r.Err}");
            }
        }
        _log.WriteLine(string.Join(", ", exits.OrderBy(e => e.Key).Select(e => $"exit {e.Key}: {e.Value}")));
        Assert.True(crashes.Count == 0, $"{crashes.Count} of {iterations} mutants crashed:\n\n" + string.Join("\n\n", crashes.Take(3)));
    }
}
