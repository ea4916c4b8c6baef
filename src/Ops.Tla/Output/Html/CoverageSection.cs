using System.Globalization;
using Ops.Tla.Checking;

namespace Ops.Tla.Output.Html;

/// <summary>
/// The coverage section of the check page, when the result carries coverage (<c>-coverage MINUTES</c>,
/// <c>Invoke-ModelCheck -Coverage</c>): per action the states it found and the distinct ones (the actions never
/// enabled marked and listed first), the constraints' and invariants' lines, the variables' distinct values, and the
/// sub-expressions with their evaluation counts (those never evaluated marked), as TLC's statistics hold them.
/// </summary>
public static class CoverageSection
{
    public static void Write(HtmlPage page, CoverageReport c)
    {
        if (c == null) return;
        page.Open("section", "id", "coverage", "data-final", c.Final ? "true" : "false");
        page.Element("h2", c.Final ? "Coverage" : "Coverage (taken while the search ran: partial)");
        var never = c.NeverEnabled.ToList();
        if (never.Count > 0)
        {
            page.Open("div", "class", "verdict warn", "id", "never-enabled");
            page.Element("strong", never.Count == 1 ? "1 action never enabled" : $"{never.Count} actions never enabled");
            page.Text(string.Join(", ", never.Select(a => a.Name)));
            page.Close("div");
        }
        else
        {
            page.Element("p", "Every action of the next-state relation produced a state.", "class", "note");
        }

        page.Open("div", "class", "scroll");
        page.Open("table", "class", "coverage", "id", "coverage-actions").Open("thead").Open("tr");
        page.Element("th", "Kind").Element("th", "Action").Element("th", "Location")
            .Element("th", "States found", "class", "num").Element("th", "Distinct states", "class", "num").Element("th", "Share of distinct", "class", "num");
        page.Close("tr").Close("thead").Open("tbody");
        long distinctTotal = c.Actions.Where(a => a.Kind is CoverageKind.Init or CoverageKind.Next).Sum(a => a.Distinct);
        foreach (var a in c.Actions)
        {
            bool isNever = a.Kind == CoverageKind.Next && a.Found == 0;
            page.Open("tr", "class", "action " + a.Kind.ToString().ToLowerInvariant() + (isNever ? " never" : ""), "data-action", a.Name);
            page.Element("td", a.Kind switch
            {
                CoverageKind.Init => "initial predicate",
                CoverageKind.Next => "action",
                CoverageKind.Invariant => "invariant",
                _ => "constraint",
            });
            page.Open("td").Element("code", a.Name).Close("td");
            page.Element("td", a.FormulaLocation.ToString(), "class", "location");
            switch (a.Kind)
            {
                case CoverageKind.Init:
                case CoverageKind.Next:
                    page.Element("td", N(a.Found), "class", "num found");
                    page.Element("td", N(a.Distinct), "class", "num distinct");
                    page.Element("td", distinctTotal == 0 ? "" : (a.Distinct / (double)distinctTotal).ToString("P1", CultureInfo.InvariantCulture), "class", "num");
                    break;
                case CoverageKind.Constraint:
                    page.Element("td", N(a.Found) + " evaluated", "class", "num found");
                    page.Element("td", N(a.Distinct) + " excluded", "class", "num distinct");
                    page.Element("td", "", "class", "num");
                    break;
                default:
                    page.Element("td", "", "class", "num").Element("td", "", "class", "num").Element("td", "", "class", "num");
                    break;
            }
            page.Close("tr");
        }
        page.Close("tbody").Close("table").Close("div");

        if (c.Variables.Count > 0)
        {
            page.Element("h3", "Variables");
            page.Open("table", "class", "coverage-variables").Open("thead").Open("tr");
            page.Element("th", "Variable").Element("th", "Distinct values", "class", "num");
            page.Close("tr").Close("thead").Open("tbody");
            foreach (var v in c.Variables)
                page.Open("tr").Open("td").Element("code", v.Name).Close("td").Element("td", N(v.DistinctValues), "class", "num").Close("tr");
            page.Close("tbody").Close("table");
        }

        int expressions = c.Actions.Sum(a => a.Expressions.Count);
        if (expressions > 0)
        {
            int zero = c.NeverEvaluated.Count();
            page.Open("details", "class", "coverage-expressions", "open", zero > 0 ? "open" : null);
            page.Element("summary", $"Sub-expressions: {expressions} lines, {zero} never evaluated");
            page.Open("div", "class", "scroll");
            page.Open("table", "class", "coverage-expressions").Open("thead").Open("tr");
            page.Element("th", "Under").Element("th", "Expression").Element("th", "Evaluated", "class", "num").Element("th", "Cost", "class", "num");
            page.Close("tr").Close("thead").Open("tbody");
            foreach (var a in c.Actions)
                foreach (var e in a.Expressions)
                {
                    page.Open("tr", "class", e.Count == 0 ? "expression never" : "expression");
                    page.Open("td").Element("code", a.Name).Close("td");
                    page.Element("td", e.Location.ToString(), "class", "location", "style", $"padding-left: {(0.6 + 1.2 * e.Depth).ToString("0.0", CultureInfo.InvariantCulture)}em");
                    page.Element("td", N(e.Count), "class", "num");
                    page.Element("td", e.Cost == 0 ? "" : N(e.Cost), "class", "num");
                    page.Close("tr");
                }
            page.Close("tbody").Close("table").Close("div");
            page.Close("details");
        }
        page.Close("section");
    }

    private static string N(long v) => v.ToString("N0", CultureInfo.InvariantCulture);
}
