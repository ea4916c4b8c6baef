using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using Ops.Tla.Checking;

namespace Ops.Tla.Output;

/// <summary>
/// A check result as JUnit XML, for CI systems that render test results (Azure DevOps PublishTestResults, GitHub
/// test reporters, Jenkins' junit step). One <c>testsuite</c> per specification with one <c>testcase</c> per thing
/// the configuration asked to verify:
/// <list type="bullet">
/// <item><c>Assumptions</c> when the specification has ASSUMEs;</item>
/// <item><c>Invariant NAME</c> for each INVARIANT, <c>Property NAME</c> for each PROPERTY;</item>
/// <item><c>Deadlock</c> when deadlock is checked;</item>
/// <item><c>Assert</c> when an Assert of the TLC module failed;</item>
/// <item><c>Model checking</c> with an <c>error</c> when the check could not run or finish (parse, configuration or
/// evaluation error, unsupported feature, cancelled, time limit).</item>
/// </list>
/// A violated one has a <c>failure</c> (type = the violation kind, message = TLC's message, body = the numbered
/// trace as TLC prints it). When the search stopped early (at a violation or an error) the other cases are
/// <c>skipped</c>: they held on every state explored, but not every state was explored.
/// </summary>
public static class JUnitReport
{
    public const string ErrorCaseName = "Model checking";

    public static string Serialize(CheckResult r, DateTime? timestamp = null) => Serialize(new[] { r }, timestamp);

    /// <summary>Several checks in one report (a pipeline of specifications): one <c>testsuite</c> per check, the
    /// totals of all of them on <c>testsuites</c>. Two checks of the same specification (two configurations) are told
    /// apart by the configuration's name.</summary>
    public static string Serialize(IReadOnlyList<CheckResult> results, DateTime? timestamp = null)
    {
        var doc = Build(results, timestamp ?? DateTime.UtcNow);
        var sb = new StringBuilder();
        using (var w = XmlWriter.Create(new StringWriterUtf8(sb), new XmlWriterSettings { Indent = true, Encoding = new UTF8Encoding(false) }))
            doc.Save(w);
        return sb.ToString();
    }

    public static void WriteFile(CheckResult r, string path) => WriteFile(new[] { r }, path);

    public static void WriteFile(IReadOnlyList<CheckResult> results, string path) =>
        File.WriteAllText(path, Serialize(results) + "\n", new UTF8Encoding(false));

    public static XDocument Build(CheckResult r, DateTime timestamp) => Build(new[] { r }, timestamp);

    public static XDocument Build(IReadOnlyList<CheckResult> results, DateTime timestamp)
    {
        if (results == null || results.Count == 0) throw new ArgumentException("no check result to report", nameof(results));
        var names = results.Select(SuiteName).ToList();
        var suites = results.Select((r, i) => Suite(r, timestamp,
            names.Count(n => n == names[i]) > 1 && r.ConfigPath != null ? $"{names[i]} ({Path.GetFileName(r.ConfigPath)})" : names[i])).ToList();
        int Sum(string attribute) => suites.Sum(x => (int)x.Attribute(attribute));
        var seconds = (results.Sum(r => r.DurationMs) / 1000.0).ToString("0.000", CultureInfo.InvariantCulture);
        var root = new XElement("testsuites",
            new XAttribute("name", "Ops model checking"),
            new XAttribute("tests", Sum("tests")),
            new XAttribute("failures", Sum("failures")),
            new XAttribute("errors", Sum("errors")),
            new XAttribute("skipped", Sum("skipped")),
            new XAttribute("time", seconds),
            suites);
        return new XDocument(new XDeclaration("1.0", "utf-8", null), root);
    }

    private static string SuiteName(CheckResult r) => r.SpecPath != null ? Path.GetFileNameWithoutExtension(r.SpecPath) : "model";

    /// <summary>The <c>testsuite</c> of one check.</summary>
    private static XElement Suite(CheckResult r, DateTime timestamp, string suiteName)
    {
        var seconds = (r.DurationMs / 1000.0).ToString("0.000", CultureInfo.InvariantCulture);
        var cases = new List<XElement>();
        var v = r.Violation;
        bool stoppedEarly = v != null;
        string skipReason = v == null ? null
            : v.Kind is ViolationKind.Invariant or ViolationKind.ActionProperty or ViolationKind.Deadlock or ViolationKind.Temporal or ViolationKind.Assert
                ? "Not established: the search stopped at the first violation (" + FirstLine(v.Message) + ")"
                : "Not established: the search did not finish (" + FirstLine(v.Message) + ")";

        XElement Case(string name) => new("testcase",
            new XAttribute("name", name),
            new XAttribute("classname", suiteName),
            new XAttribute("time", seconds));

        XElement Failure(string message, string type) => new("failure",
            new XAttribute("message", Xml(message)),
            new XAttribute("type", type),
            FailureBody(r));

        XElement Skipped(string message) => new("skipped", new XAttribute("message", Xml(message)));

        if (r.Assumptions > 0 || v?.Kind == ViolationKind.Assumption)
        {
            var c = Case("Assumptions");
            if (v?.Kind == ViolationKind.Assumption) c.Add(Failure(v.Message, JsonReport.KindText(v.Kind)));
            else if (stoppedEarly && !r.ModelLoaded) c.Add(Skipped(skipReason));
            cases.Add(c);
        }
        foreach (var name in r.Invariants.Distinct())
        {
            var c = Case("Invariant " + name);
            if (v != null && v.Property == name && v.Kind is ViolationKind.Invariant) c.Add(Failure(v.Message, JsonReport.KindText(v.Kind)));
            else if (stoppedEarly) c.Add(Skipped(skipReason));
            cases.Add(c);
        }
        foreach (var name in r.Properties.Distinct())
        {
            var c = Case("Property " + name);
            if (v != null && v.Property == name && v.Kind is ViolationKind.ActionProperty or ViolationKind.Temporal or ViolationKind.Invariant)
                c.Add(Failure(v.Message, JsonReport.KindText(v.Kind)));
            else if (stoppedEarly) c.Add(Skipped(skipReason));
            cases.Add(c);
        }
        if (r.DeadlockChecked || v?.Kind == ViolationKind.Deadlock)
        {
            var c = Case("Deadlock");
            if (v?.Kind == ViolationKind.Deadlock) c.Add(Failure(v.Message, JsonReport.KindText(v.Kind)));
            else if (stoppedEarly) c.Add(Skipped(skipReason));
            cases.Add(c);
        }
        if (v?.Kind == ViolationKind.Assert)
        {
            var c = Case("Assert");
            c.Add(Failure(FirstLine(v.Message) + " " + string.Join(" ", v.Message.Split('\n').Skip(1)).Trim(), JsonReport.KindText(v.Kind)));
            cases.Add(c);
        }
        if (v != null && v.Kind is ViolationKind.Parse or ViolationKind.Config or ViolationKind.Evaluation or ViolationKind.Unsupported or ViolationKind.TlcRefused
                or ViolationKind.Cancelled or ViolationKind.TimeLimit or ViolationKind.MemoryBudget)
        {
            var c = Case(ErrorCaseName);
            var message = v.Location != null && !v.Message.StartsWith(v.Location, StringComparison.Ordinal) ? v.Location + ": " + v.Message : v.Message;
            c.Add(new XElement("error",
                new XAttribute("message", Xml(message)),
                new XAttribute("type", JsonReport.KindText(v.Kind)),
                FailureBody(r)));
            cases.Add(c);
        }
        if (v != null && !cases.Any(c => c.Element("failure") != null || c.Element("error") != null))
        {
            // A violation no case above names (e.g. a POSTCONDITION): report it under its own name.
            var c = Case(v.Property ?? JsonReport.KindText(v.Kind));
            c.Add(Failure(v.Message, JsonReport.KindText(v.Kind)));
            cases.Add(c);
        }
        if (cases.Count == 0)
        {
            // A model with nothing to verify (no invariant, no property, deadlock off) still reports that it ran.
            cases.Add(Case(ErrorCaseName));
        }

        int failures = cases.Count(c => c.Element("failure") != null);
        int errors = cases.Count(c => c.Element("error") != null);
        int skipped = cases.Count(c => c.Element("skipped") != null);

        var properties = new XElement("properties");
        void Prop(string name, object value)
        {
            if (value != null) properties.Add(new XElement("property", new XAttribute("name", name), new XAttribute("value", Xml(Convert.ToString(value, CultureInfo.InvariantCulture)))));
        }
        Prop("spec", r.SpecPath);
        Prop("config", r.ConfigPath);
        Prop("result", r.OutcomeText);
        Prop("exitCode", r.ExitCode);
        Prop("statesGenerated", r.StatesGenerated);
        Prop("distinctStates", r.DistinctStates);
        Prop("statesLeftOnQueue", r.StatesLeftOnQueue);
        Prop("depth", r.Depth);
        Prop("workers", r.Workers);

        var suite = new XElement("testsuite",
            new XAttribute("name", suiteName),
            new XAttribute("tests", cases.Count),
            new XAttribute("failures", failures),
            new XAttribute("errors", errors),
            new XAttribute("skipped", skipped),
            new XAttribute("time", seconds),
            new XAttribute("timestamp", timestamp.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture)),
            new XAttribute("hostname", SafeHostName()),
            properties,
            cases,
            new XElement("system-out", Xml(string.Join("", r.Output.Select(o => o + "\n")) + TlcText.Format(r))),
            new XElement("system-err", Xml(string.Join("\n", r.Warnings.Select(w => "Warning: " + w)))));
        return suite;
    }

    /// <summary>The failure body: TLC's error lines and the numbered trace, as the CLI prints them.</summary>
    private static string FailureBody(CheckResult r)
    {
        var sb = new StringBuilder();
        if (r.Violation != null)
        {
            sb.Append("Error: ").AppendLine(r.Violation.Message);
            if (r.Violation.Location != null) sb.Append("At ").AppendLine(r.Violation.Location);
        }
        if (r.Trace.Count > 0)
        {
            sb.AppendLine(r.LoopIndex.HasValue || r.Violation?.Kind == ViolationKind.Temporal ? "Error: The following behavior constitutes a counter-example:" : "Error: The behavior up to this point is:");
            TlcText.WriteTrace(r, sb);
        }
        sb.Append(r.StatesGenerated).Append(" states generated, ").Append(r.DistinctStates).Append(" distinct states found, ")
          .Append(r.StatesLeftOnQueue).AppendLine(" states left on queue.");
        return Xml(sb.ToString());
    }

    /// <summary>Replaces the characters XML 1.0 cannot carry (control characters from TLA+ strings, lone
    /// surrogates) with U+FFFD, so the report is always well-formed.</summary>
    public static string Xml(string s)
    {
        if (s == null) return null;
        StringBuilder sb = null;
        for (int i = 0; i < s.Length; i++)
        {
            char c = s[i];
            bool ok;
            if (char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                sb?.Append(c).Append(s[i + 1]);
                i++;
                continue;
            }
            ok = c is '\t' or '\n' or '\r' || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD);
            if (!ok && sb == null) sb = new StringBuilder(s, 0, i, s.Length);
            sb?.Append(ok ? c : '\uFFFD');
        }
        return sb?.ToString() ?? s;
    }

    private static string FirstLine(string s)
    {
        if (string.IsNullOrEmpty(s)) return "";
        int i = s.IndexOf('\n');
        return (i < 0 ? s : s[..i]).TrimEnd(':', ' ', '\r');
    }

    private static string SafeHostName()
    {
        try { return Environment.MachineName; }
        catch (InvalidOperationException) { return "localhost"; }
    }

    /// <summary>A StringWriter that declares UTF-8 (so the XML declaration says utf-8).</summary>
    private sealed class StringWriterUtf8 : StringWriter
    {
        public StringWriterUtf8(StringBuilder sb) : base(sb, CultureInfo.InvariantCulture) { }
        public override Encoding Encoding => new UTF8Encoding(false);
    }
}
