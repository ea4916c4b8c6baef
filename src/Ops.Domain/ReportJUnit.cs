using System.Xml.Linq;

namespace Ops.Domain;

/// <summary>A report as a JUnit XML file for CI test views: one test suite named after the domain and the report's
/// title; one failing test case per error finding (its message, fix, model property and counterexample in the
/// failure's text), one passing test case per warning (the warning in its output), and one test case "check" that
/// fails when the check failed, so a clean check shows as one passing test.</summary>
public static class ReportJUnit
{
    public static string Format(Report report)
    {
        var words = report.GetWords();
        var suiteName = $"ops {words.Command}: {report.Title}";
        var cases = new List<XElement>();
        int failures = 0;
        foreach (var f in report.Findings)
        {
            var about = words.About(f) ?? f.Place;
            var testcase = new XElement("testcase",
                new XAttribute("classname", $"ops.{words.Command}"),
                new XAttribute("name", $"{f.Code}{(about != null ? " " + about : "")}"));
            var body = new List<string> { f.Message };
            if (f.Fix != null) body.Add("fix: " + f.Fix);
            if (f.Property != null && words.ModelLine != null) body.Add(string.Format(words.ModelLine, f.Property));
            body.AddRange(f.Trace.Select(t => "  " + t));
            var text = words.Redact(string.Join("\n", body));
            if (f.IsError)
            {
                failures++;
                testcase.Add(new XElement("failure", new XAttribute("message", words.Redact(f.Message ?? f.Code ?? "")),
                    new XAttribute("type", f.Property ?? f.Code ?? "finding"), text));
            }
            else testcase.Add(new XElement("system-out", "warning: " + text));
            cases.Add(testcase);
        }
        var check = new XElement("testcase", new XAttribute("classname", $"ops.{words.Command}"), new XAttribute("name", "check"));
        var verdict = new List<string>(report.ModelRuns.Select(m => "model: " + m));
        if (!report.Passed)
        {
            failures++;
            check.Add(new XElement("failure", new XAttribute("message", $"{report.Findings.Count(f => f.IsError)} error(s): nothing was changed"),
                new XAttribute("type", "check"), words.Redact(string.Join("\n", verdict))));
        }
        else
        {
            verdict.Add(report.Plan.Count == 0 ? "up to date, no changes" : $"plan: {report.Plan.Count} step(s)");
            verdict.AddRange(report.Plan.Select((p, i) => $"  {i + 1}. {p}"));
            check.Add(new XElement("system-out", words.Redact(string.Join("\n", verdict))));
        }
        cases.Add(check);
        var suite = new XElement("testsuite",
            new XAttribute("name", suiteName),
            new XAttribute("tests", cases.Count),
            new XAttribute("failures", failures),
            new XAttribute("errors", 0),
            new XAttribute("skipped", 0),
            cases);
        var doc = new XDocument(new XDeclaration("1.0", "UTF-8", null),
            new XElement("testsuites", new XAttribute("name", $"ops {words.Command}"), new XAttribute("tests", cases.Count), new XAttribute("failures", failures), suite));
        return doc.Declaration + Environment.NewLine + doc.ToString() + Environment.NewLine;
    }
}
