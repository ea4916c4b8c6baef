using System.Text;
using Ops.Tla.Checking;
using Ops.Tla.Values;

namespace Ops.Tla.Output;

/// <summary>
/// TLC's <c>-dump FILE</c> (tlc2.util.StateWriter): every distinct state the search keeps, in the order it finds
/// them (the initial states, then the new successors), each as <c>State N:</c>, the state as TLC prints it and an
/// empty line. The file is FILE with <c>.dump</c> appended unless it already ends so (as TLC).
/// </summary>
public sealed class StateDumpFile : IStateDump, IDisposable
{
    private readonly StreamWriter _w;
    private string[] _vars;
    private int _n;

    public string Path { get; }

    public StateDumpFile(string file)
    {
        Path = file.EndsWith(".dump", StringComparison.Ordinal) ? file : file + ".dump";
        _w = new StreamWriter(Path, false, new UTF8Encoding(false)) { NewLine = "\n" };
    }

    public void Begin(string[] variableNames) => _vars = variableNames;

    public void Initial(ulong fp, Value[] state) => Write(state);

    public void Successor(ulong fromFp, int fromLevel, ulong toFp, Value[] to, bool isNew, ActionInfo action)
    {
        if (isNew) Write(to);
    }

    private void Write(Value[] state)
    {
        var sb = new StringBuilder();
        sb.Append("State ").Append(++_n).Append(":\n");
        StateText.Append(sb, _vars, state);
        sb.Append('\n');
        _w.Write(sb.ToString());
    }

    public void Dispose() => _w.Dispose();
}
