using System.Globalization;
using System.Text.Json;
using ThreatModel.Findings;
using ThreatModel.Planning;

namespace ThreatModel.Reporting;

/// <summary>
/// Writes a <see cref="Plan"/> as text, JSON or Markdown: each edit, the findings it removes, their estimates before
/// and after, and what the edit costs. Deterministic: the same plan gives the same bytes.
/// </summary>
public static class PlanWriter
{
    /// <summary>The formats: text, json, markdown.</summary>
    public static IReadOnlyList<string> Formats { get; } = ["text", "json", "markdown"];

    /// <summary>Writes <paramref name="plan"/> in <paramref name="format"/> (text, json or markdown).</summary>
    /// <exception cref="ArgumentException">The format is none of <see cref="Formats"/>.</exception>
    public static void Write(Plan plan, TextWriter output, string format)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(output);
        switch (format)
        {
            case "json":
                JsonOutput.Write(output, json => Json(json, plan));
                break;
            case "markdown":
                Markdown(output, plan);
                break;
            case "text":
                Text(output, plan);
                break;
            default:
                throw new ArgumentException($"Unknown plan format '{format}'; expected {string.Join(", ", Formats)}.", nameof(format));
        }
    }

    /// <summary>Writes one edit as a JSON object: <c>{ "kind": ..., fields..., "description", "cost" }</c>.</summary>
    internal static void Edit(Utf8JsonWriter json, DesignEdit edit)
    {
        json.WriteStartObject();
        json.WriteString("kind"u8, edit.Kind);
        foreach (var (name, value) in edit.Fields)
        {
            switch (value)
            {
                case int whole:
                    json.WriteNumber(name, whole);
                    break;
                case double real:
                    JsonOutput.Number(json, System.Text.Encoding.UTF8.GetBytes(name), real);
                    break;
                default:
                    json.WriteString(name, SafeText.Escape(Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty));
                    break;
            }
        }

        json.WriteString("description"u8, SafeText.Escape(edit.Describe()));
        json.WriteString("cost"u8, SafeText.Escape(edit.Cost));
        json.WriteEndObject();
    }

    private static string Pruned(Plan plan) =>
        plan.Pruned switch
        {
            0 => string.Empty,
            1 => ", 1 redundant edit pruned",
            _ => $", {plan.Pruned} redundant edits pruned",
        };

    private static string Summary(Plan plan)
    {
        var threshold = ReportText.Name(plan.Threshold);
        var edits = plan.Steps.Count == 1 ? "1 edit" : $"{plan.Steps.Count} edits";
        return plan.Clears
            ? $"{edits} clear the review: {plan.FailingBefore} finding(s) at or above {threshold} before, none after ({plan.After.Findings.Count} finding(s) of any severity remain)."
            : $"{edits} (budget {plan.Budget}) do not clear the review: {plan.FailingBefore} finding(s) at or above {threshold} before, {plan.FailingAfter} after.";
    }

    private static void Text(TextWriter w, Plan plan)
    {
        w.Write($"Plan for {SafeText.Escape(plan.Before.Model.Name)} (fail on {ReportText.Name(plan.Threshold)}, budget {plan.Budget}, {plan.Method}, {plan.Analyses} analyses{Pruned(plan)})\n");
        w.Write(Summary(plan) + "\n");
        var n = 0;
        foreach (var step in plan.Steps)
        {
            n++;
            w.Write($"\n{n}. {SafeText.Escape(step.Edit.Describe())}\n");
            w.Write($"   cost: {SafeText.Escape(step.Edit.Cost)}\n");
            w.Write($"   removes {step.Removed.Count} finding(s):\n");
            foreach (var finding in step.Removed)
            {
                var after = step.Remaining.FirstOrDefault(f => f.Fingerprint == finding.Fingerprint);
                w.Write($"   - [{ReportText.Name(finding.Severity)}] {finding.RuleId} {finding.Fingerprint}: {SafeText.Escape(finding.Title)}");
                w.Write(after is null ? "\n" : $" (now {ReportText.Name(after.Severity)})\n");
                foreach (var estimate in finding.Estimates)
                {
                    var later = after?.Estimates.FirstOrDefault(e => e.Name == estimate.Name);
                    w.Write($"       {SafeText.Escape(estimate.Name)}: {SafeText.Escape(estimate.Display)} -> {(later is null ? "no finding" : SafeText.Escape(later.Display))}\n");
                }
            }

            foreach (var finding in step.Introduced)
                w.Write($"   + new [{ReportText.Name(finding.Severity)}] {finding.RuleId} {finding.Fingerprint}: {SafeText.Escape(finding.Title)}\n");
        }

        var left = plan.After.AtOrAbove(plan.Threshold).ToList();
        if (left.Count > 0)
        {
            w.Write($"\nStill at or above {ReportText.Name(plan.Threshold)}:\n");
            foreach (var finding in left)
                w.Write($"- [{ReportText.Name(finding.Severity)}] {finding.RuleId} {finding.Fingerprint}: {SafeText.Escape(finding.Title)}\n");
        }
    }

    private static void Markdown(TextWriter w, Plan plan)
    {
        w.Write($"# Plan for {SafeText.Escape(plan.Before.Model.Name)}\n\n");
        w.Write($"Fail on {ReportText.Name(plan.Threshold)}, budget {plan.Budget}, search {plan.Method} ({plan.Analyses} analyses{Pruned(plan)}). {Summary(plan)}\n\n");
        w.Write("| # | Edit | Cost | Removes |\n|---|---|---|---|\n");
        var n = 0;
        foreach (var step in plan.Steps)
        {
            n++;
            var removed = string.Join(", ", step.Removed.Select(f => $"{f.RuleId} {ReportText.Name(f.Severity)} `{f.Fingerprint[..8]}`"));
            w.Write($"| {n} | {Cell(step.Edit.Describe())} | {Cell(step.Edit.Cost)} | {Cell(removed)} |\n");
        }

        n = 0;
        foreach (var step in plan.Steps)
        {
            n++;
            w.Write($"\n## {n}. {Cell(step.Edit.Describe())}\n\n");
            foreach (var finding in step.Removed)
            {
                var after = step.Remaining.FirstOrDefault(f => f.Fingerprint == finding.Fingerprint);
                w.Write($"- **{ReportText.Name(finding.Severity)}** {finding.RuleId} `{finding.Fingerprint}`: {Cell(finding.Title)}{(after is null ? string.Empty : $" (now {ReportText.Name(after.Severity)})")}\n");
                foreach (var estimate in finding.Estimates)
                {
                    var later = after?.Estimates.FirstOrDefault(e => e.Name == estimate.Name);
                    w.Write($"  - {Cell(estimate.Name)}: {Cell(estimate.Display)} → {(later is null ? "no finding" : Cell(later.Display))}\n");
                }
            }
        }
    }

    private static string Cell(string text) => SafeText.Escape(text).Replace("|", "\\|", StringComparison.Ordinal).ReplaceLineEndings(" ");

    private static void Json(Utf8JsonWriter json, Plan plan)
    {
        json.WriteStartObject();
        json.WriteString("design"u8, SafeText.Escape(plan.Before.Model.Name));
        json.WriteString("failOn"u8, ReportText.Name(plan.Threshold));
        json.WriteNumber("budget"u8, plan.Budget);
        json.WriteString("method"u8, plan.Method);
        json.WriteNumber("analyses"u8, plan.Analyses);
        json.WriteNumber("pruned"u8, plan.Pruned);
        json.WriteBoolean("clears"u8, plan.Clears);
        json.WriteNumber("failingBefore"u8, plan.FailingBefore);
        json.WriteNumber("failingAfter"u8, plan.FailingAfter);
        json.WriteStartArray("steps"u8);
        foreach (var step in plan.Steps)
        {
            json.WriteStartObject();
            json.WritePropertyName("edit"u8);
            Edit(json, step.Edit);
            json.WriteStartArray("removes"u8);
            foreach (var finding in step.Removed)
            {
                var after = step.Remaining.FirstOrDefault(f => f.Fingerprint == finding.Fingerprint);
                json.WriteStartObject();
                json.WriteString("fingerprint"u8, finding.Fingerprint);
                json.WriteString("ruleId"u8, finding.RuleId);
                json.WriteString("severity"u8, ReportText.Name(finding.Severity));
                if (after is null)
                    json.WriteNull("severityAfter"u8);
                else
                    json.WriteString("severityAfter"u8, ReportText.Name(after.Severity));
                json.WriteString("title"u8, SafeText.Escape(finding.Title));
                json.WriteStartArray("estimates"u8);
                foreach (var estimate in finding.Estimates)
                {
                    var later = after?.Estimates.FirstOrDefault(e => e.Name == estimate.Name);
                    json.WriteStartObject();
                    json.WriteString("name"u8, SafeText.Escape(estimate.Name));
                    JsonOutput.Number(json, "before"u8, estimate.Value);
                    if (later is null)
                        json.WriteNull("after"u8);
                    else
                        JsonOutput.Number(json, "after"u8, later.Value);
                    json.WriteString("unit"u8, estimate.Unit);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("introduces"u8);
            foreach (var finding in step.Introduced)
                json.WriteStringValue(finding.Fingerprint);
            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("remaining"u8);
        foreach (var finding in plan.After.AtOrAbove(plan.Threshold))
            json.WriteStringValue(finding.Fingerprint);
        json.WriteEndArray();
        json.WriteEndObject();
    }
}
