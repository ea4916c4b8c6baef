using System.Globalization;
using Ops.Pglogical.Connection;
using Ops.Pglogical.Model;
using Ops.Pglogical.Planning;
using Ops.Tla.Output.Html;

namespace Ops.Pglogical.Output;

/// <summary>
/// <c>ops pglogical plan|check --html PAGE</c> / <c>New-PglogicalReplicationPlan -ReportPath</c>,
/// <c>Test-PglogicalReplicationPlan -ReportPath</c>: the plan as one self-contained HTML page (the checker's
/// <see cref="HtmlPage"/>): the database, what the plan creates, the plan table (every table, partition and sequence,
/// what happens to it and why), its problems with their fixes and its warnings, and, after a check, the model check's
/// verdict with each way the subscriber can differ. Every text goes through <see cref="PgConnectionSettings.MaskText"/>
/// (as the text output's errors do): no password reaches the page.
/// </summary>
public static class PlanHtml
{
    public static string Render(ReplicationPlan plan, ModelCheckReport check = null)
    {
        static string M(string s) => PgConnectionSettings.MaskText(s ?? "");
        var inv = plan.Inventory;
        var db = inv?.Database ?? "";
        var page = new HtmlPage($"pglogical plan: {db}", "pglogical-plan");
        page.Open("main", "data-valid", plan.IsValid ? "true" : "false", "data-problems", plan.Problems.Count.ToString(CultureInfo.InvariantCulture),
            "data-check", check == null ? null : check.Passed ? "passed" : "failed");
        page.Element("h1", $"pglogical replication plan for database \"{db}\"");

        bool ok = plan.IsValid && (check == null || check.Passed);
        page.Open("div", "class", "verdict " + (ok ? "ok" : "fail"), "id", "verdict", "role", "status");
        page.Element("strong", !plan.IsValid ? $"{plan.Problems.Count} problem(s): the plan cannot be applied"
            : check == null ? "The plan can be applied" : check.Passed ? "The plan keeps the subscriber equal to the provider" : "The subscriber can differ from the provider");
        page.Text(M(plan.Summary()));
        page.Close("div");

        page.Open("dl", "class", "figures", "id", "figures");
        if (inv != null)
        {
            page.Term("Database", db);
            page.Term("Connection", M(inv.Connection), "connection");
            page.Term("PostgreSQL", inv.ServerVersion ?? "");
            page.Term("pglogical", inv.PglogicalVersion ?? (inv.PglogicalAvailable ? "available, not created" : "not installed"));
            if (inv.NodeName != null) page.Term("Node", inv.NodeDsn != null ? $"{inv.NodeName} ({M(inv.NodeDsn)})" : inv.NodeName);
        }
        page.Close("dl");

        if (plan.Problems.Count > 0)
        {
            page.Element("h2", "Problems");
            page.Open("ul", "class", "problems", "id", "problems");
            foreach (var p in plan.Problems)
            {
                page.Open("li", "class", "problem", "data-code", p.Code);
                if (p.Object != null) page.Element("code", M(p.Object)).Text(": ");
                page.Text(M(p.Problem));
                if (p.Fix != null) page.Open("div", "class", "note").Text("fix: " + M(p.Fix)).Close("div");
                page.Close("li");
            }
            page.Close("ul");
        }
        if (plan.Warnings.Count > 0)
        {
            page.Element("h2", "Warnings");
            page.Open("ul", "class", "warnings");
            foreach (var w in plan.Warnings) page.Element("li", M(w));
            page.Close("ul");
        }

        if (plan.CreateExtension || plan.CreateNodeName != null || plan.CreateSets.Count > 0)
        {
            page.Element("h2", "Created with the plan");
            page.Open("ul", "class", "creates");
            if (plan.CreateExtension) page.Element("li", "extension pglogical");
            if (plan.CreateNodeName != null) page.Element("li", $"node {plan.CreateNodeName} ({M(plan.CreateNodeDsnDisplay)})");
            foreach (var s in plan.CreateSets) page.Element("li", $"replication set {s.Name} ({string.Join(", ", s.Operations)})");
            page.Close("ul");
        }

        page.Element("h2", "Plan");
        page.Open("div", "class", "scroll");
        page.Open("table", "class", "plan", "id", "plan", "data-items", plan.Items.Count.ToString(CultureInfo.InvariantCulture)).Open("thead").Open("tr");
        foreach (var h in new[] { "Action", "Type", "Name", "Set", "Columns", "Row filter", "Initial copy", "Writes", "Why" }) page.Element("th", h);
        page.Close("tr").Close("thead").Open("tbody");
        foreach (var i in plan.Items)
        {
            var action = i.Action switch { PlanAction.Add => "add", PlanAction.Present => "present", PlanAction.Keep => "keep", _ => "exclude" };
            page.Open("tr", "class", "item " + action, "data-action", action);
            var badge = i.Action switch { PlanAction.Add => "ok", PlanAction.Exclude => "warn", _ => "" };
            page.Open("td").Element("span", action, "class", ("badge " + badge).Trim()).Close("td");
            page.Element("td", i.Type ?? "");
            page.Open("td").Element("code", i.Display ?? "").Close("td");
            page.Element("td", i.Set ?? "");
            page.Element("td", i.Columns != null ? string.Join(", ", i.Columns) : "");
            page.Open("td");
            if (i.RowFilter != null) page.Element("code", M(i.RowFilter));
            page.Close("td");
            page.Element("td", i.Action == PlanAction.Add ? (i.SynchronizeData ? "yes" : "no") : "");
            page.Element("td", i.Writes != null && !i.IsSequence && i.Action != PlanAction.Exclude ? string.Join(", ", i.Writes).ToLowerInvariant() : "");
            page.Element("td", M(i.Reason));
            page.Close("tr");
        }
        page.Close("tbody").Close("table").Close("div");

        if (check != null)
        {
            page.Open("section", "id", "check");
            page.Element("h2", "Model check");
            page.Open("div", "class", "verdict " + (check.Passed ? "ok" : "fail"));
            page.Element("strong", check.Passed ? "passed" : $"FAILED: {check.Divergences.Count} way(s) for the subscriber to differ");
            page.Text(M(check.Summary));
            page.Close("div");
            int k = 0;
            foreach (var d in check.Divergences)
            {
                page.Open("div", "class", "divergence", "data-object", d.Object);
                page.Element("h3", $"{++k}. {M(d.Problem)}");
                if (d.Steps.Count > 0)
                {
                    page.Open("ol", "class", "steps");
                    foreach (var s in d.Steps) page.Element("li", M(s));
                    page.Close("ol");
                }
                if (d.Outcome != null) page.Element("p", "then: " + M(d.Outcome));
                if (d.LikeIt.Count > 0) page.Element("p", $"The same holds for {d.LikeIt.Count} more like it: {string.Join(", ", d.LikeIt)}", "class", "note");
                if (d.Fix != null) page.Element("p", "fix: " + M(d.Fix), "class", "fix");
                page.Close("div");
            }
            if (check.Errors.Count > 0)
            {
                page.Open("ul", "class", "problems");
                foreach (var e in check.Errors) page.Element("li", "error: " + M(e));
                page.Close("ul");
            }
            page.Close("section");
        }
        page.Close("main");
        page.Element("footer", "Written by Ops (ops pglogical plan|check --html / New-PglogicalReplicationPlan, Test-PglogicalReplicationPlan -ReportPath). Passwords are masked. This page loads nothing from the network.");
        return page.Render();
    }

    public static void WriteFile(string path, ReplicationPlan plan, ModelCheckReport check = null) =>
        File.WriteAllText(path, Render(plan, check), new System.Text.UTF8Encoding(false));
}
