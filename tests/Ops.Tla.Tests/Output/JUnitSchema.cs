using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;

namespace Ops.Tla.Tests.Output;

/// <summary>
/// Checks a report against the required parts of the JUnit XML schema as CI systems read it (the Ant/Jenkins
/// JUnit XSD): a <c>testsuites</c> root of <c>testsuite</c> elements, each with name, tests, failures, errors, time,
/// timestamp (ISO 8601, no zone) and hostname, properties/property(name, value), testcases with name, classname and
/// time, at most one failure/error/skipped per testcase with failure and error carrying message and type, and the
/// counts on testsuite and testsuites equal to the testcases'. Returns the problems found (empty when valid).
/// </summary>
public static class JUnitSchema
{
    private static readonly Regex Timestamp = new(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$");

    public static List<string> Validate(string xml)
    {
        var problems = new List<string>();
        XDocument doc;
        try { doc = XDocument.Parse(xml); }
        catch (XmlException e) { return new List<string> { "not XML: " + e.Message }; }
        var root = doc.Root;
        if (root == null || root.Name != "testsuites") { problems.Add("the root is not <testsuites>"); return problems; }
        var suites = root.Elements("testsuite").ToList();
        if (suites.Count == 0) problems.Add("no <testsuite>");
        int tTests = 0, tFailures = 0, tErrors = 0, tSkipped = 0;
        foreach (var s in suites)
        {
            string name = (string)s.Attribute("name");
            if (string.IsNullOrEmpty(name)) problems.Add("a testsuite has no name");
            foreach (var a in new[] { "tests", "failures", "errors" })
                if (!int.TryParse((string)s.Attribute(a), out _)) problems.Add($"testsuite {name}: {a} is missing or not an integer");
            if (!Decimal((string)s.Attribute("time"))) problems.Add($"testsuite {name}: time is missing or not a decimal");
            if (!Timestamp.IsMatch((string)s.Attribute("timestamp") ?? "")) problems.Add($"testsuite {name}: timestamp is missing or not ISO 8601 (yyyy-MM-ddTHH:mm:ss)");
            if (string.IsNullOrEmpty((string)s.Attribute("hostname"))) problems.Add($"testsuite {name}: hostname is missing");
            foreach (var p in s.Elements("properties").Elements())
            {
                if (p.Name != "property" || p.Attribute("name") == null || p.Attribute("value") == null)
                    problems.Add($"testsuite {name}: properties holds something other than property(name, value)");
            }
            int failures = 0, errors = 0, skipped = 0, tests = 0;
            foreach (var c in s.Elements("testcase"))
            {
                tests++;
                string cn = (string)c.Attribute("name");
                if (string.IsNullOrEmpty(cn)) problems.Add($"testsuite {name}: a testcase has no name");
                if (string.IsNullOrEmpty((string)c.Attribute("classname"))) problems.Add($"testcase {cn}: classname is missing");
                if (c.Attribute("time") != null && !Decimal((string)c.Attribute("time"))) problems.Add($"testcase {cn}: time is not a decimal");
                var outcomes = c.Elements().Where(e => e.Name.LocalName is "failure" or "error" or "skipped").ToList();
                if (outcomes.Count > 1) problems.Add($"testcase {cn}: more than one of failure/error/skipped");
                foreach (var o in outcomes)
                {
                    if (o.Name == "failure") failures++;
                    if (o.Name == "error") errors++;
                    if (o.Name == "skipped") skipped++;
                    if (o.Name != "skipped" && (o.Attribute("message") == null || o.Attribute("type") == null))
                        problems.Add($"testcase {cn}: {o.Name} needs message and type");
                }
                foreach (var e in c.Elements())
                    if (e.Name.LocalName is not ("failure" or "error" or "skipped" or "system-out" or "system-err"))
                        problems.Add($"testcase {cn}: unexpected element <{e.Name}>");
            }
            if (tests == 0) problems.Add($"testsuite {name} has no testcase");
            Expect(s, "tests", tests, name, problems);
            Expect(s, "failures", failures, name, problems);
            Expect(s, "errors", errors, name, problems);
            if (s.Attribute("skipped") != null) Expect(s, "skipped", skipped, name, problems);
            tTests += tests; tFailures += failures; tErrors += errors; tSkipped += skipped;
        }
        Expect(root, "tests", tTests, "testsuites", problems);
        Expect(root, "failures", tFailures, "testsuites", problems);
        Expect(root, "errors", tErrors, "testsuites", problems);
        if (root.Attribute("skipped") != null) Expect(root, "skipped", tSkipped, "testsuites", problems);
        return problems;
    }

    private static bool Decimal(string s) => s != null && decimal.TryParse(s, NumberStyles.Number, CultureInfo.InvariantCulture, out var d) && d >= 0;

    private static void Expect(XElement e, string attr, int actual, string who, List<string> problems)
    {
        if (e.Attribute(attr) != null && (string)e.Attribute(attr) != actual.ToString(CultureInfo.InvariantCulture))
            problems.Add($"{who}: {attr}=\"{(string)e.Attribute(attr)}\" but the testcases say {actual}");
    }
}
