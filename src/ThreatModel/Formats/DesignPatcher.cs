using System.Text.Json;
using ThreatModel.Formats.Patching;
using ThreatModel.Model;

namespace ThreatModel.Formats;

/// <summary>
/// Writes an edited design by changing the text of the original file in place, so its comments, order, quoting and
/// layout stay as they were: a changed value is replaced where it stands, a new field is added after the last field
/// of its mapping and a new list entry after the last entry, each in the style of the place it goes (block or flow
/// YAML, the file's indentation; JSON's indentation). What changed is found by comparing the design as written with
/// the edited design, so any change to the model is placed, whichever edit made it.
/// </summary>
/// <remarks>
/// The patched text is read back with <see cref="DesignReader"/> and must say exactly what the edited design says
/// (the same <see cref="DesignWriter.ToJson"/>); when a change cannot be placed in the text, or the text would read
/// back differently, the whole design is written with <see cref="DesignWriter"/> instead and
/// <see cref="DesignPatch.KeepsLayout"/> is false, with the reason in <see cref="DesignPatch.Problem"/>.
/// </remarks>
/// <example>
/// <code>
/// var text = File.ReadAllText("design.yaml");
/// var plan = new Planner(analyzer).Plan(DesignReader.Parse(text, "design.yaml", DesignFormat.Yaml).GetModelOrThrow(), new PlanOptions());
/// var patch = DesignPatcher.Patch(text, DesignFormat.Yaml, plan.Edited);
/// File.WriteAllText("fixed.yaml", patch.Text);
/// </code>
/// </example>
public static class DesignPatcher
{
    /// <summary>The original design text changed to say what <paramref name="edited"/> says, in the same format.</summary>
    /// <param name="originalText">The design file as written.</param>
    /// <param name="format">The format of <paramref name="originalText"/>, and of the result.</param>
    /// <param name="edited">The design with the edits applied (for example <c>Plan.Edited</c>).</param>
    /// <param name="limits">The reader limits for reading the original and the patched text; <see cref="ReaderLimits.Default"/> when null.</param>
    /// <exception cref="ArgumentNullException"><paramref name="originalText"/> or <paramref name="edited"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="edited"/> holds a number that JSON cannot represent (see <see cref="DesignWriter.ToJson"/>).</exception>
    public static DesignPatch Patch(string originalText, DesignFormat format, SystemModel edited, ReaderLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(originalText);
        ArgumentNullException.ThrowIfNull(edited);
        var expected = DesignWriter.ToJson(edited);
        DesignPatch Whole(string problem, string? target) =>
            new(format == DesignFormat.Json ? expected : DesignWriter.ToYaml(edited), false, problem, target);

        const string name = "design";
        var original = DesignReader.Parse(originalText, name, format, limits);
        if (original.Model is null)
        {
            var error = original.Diagnostics.FirstOrDefault(d => d.Severity == Validation.DiagnosticSeverity.Error);
            return Whole($"the original text does not read as a design{(error is null ? string.Empty : $" ({error.Message})")}", null);
        }

        var before = DesignWriter.ToJson(original.Model);
        if (string.Equals(before, expected, StringComparison.Ordinal))
            return new DesignPatch(originalText, true, null, null);
        if (TextTreeReader.Read(originalText, format) is not TextMapping root)
            return Whole("the original text could not be read with positions", null);

        string patched;
        string? target;
        using (var old = JsonDocument.Parse(before))
        using (var now = JsonDocument.Parse(expected))
        {
            var builder = new TextPatchBuilder(originalText, format, root, edited);
            try
            {
                builder.Compare(old.RootElement, now.RootElement);
                patched = builder.Apply();
            }
            catch (PatchException ex)
            {
                return Whole(ex.Message, ex.Target);
            }

            target = builder.Target;
        }

        var back = DesignReader.Parse(patched, name, format, limits);
        if (back.Model is null)
        {
            var error = back.Diagnostics.First(d => d.Severity == Validation.DiagnosticSeverity.Error);
            return Whole($"the edited text does not read back as a design ({error.Span.Line}:{error.Span.Column}: {error.Message})", target);
        }

        var actual = DesignWriter.ToJson(back.Model);
        if (!string.Equals(actual, expected, StringComparison.Ordinal))
        {
            var (where, id) = FirstDifference(actual, expected);
            return Whole($"the edited text reads back differently at {where}", id ?? target);
        }

        return new DesignPatch(patched, true, null, null);
    }

    /// <summary>The first part (root field, or entry of a root list by id) where two canonical designs differ, and its id.</summary>
    private static (string Where, string? Id) FirstDifference(string actual, string expected)
    {
        using var a = JsonDocument.Parse(actual);
        using var e = JsonDocument.Parse(expected);
        foreach (var field in e.RootElement.EnumerateObject())
        {
            if (!a.RootElement.TryGetProperty(field.Name, out var other))
                return (field.Name, null);
            if (JsonElement.DeepEquals(other, field.Value))
                continue;
            if (field.Value.ValueKind == JsonValueKind.Array && other.ValueKind == JsonValueKind.Array)
            {
                var wanted = field.Value.EnumerateArray().ToList();
                var got = other.EnumerateArray().ToList();
                for (var i = 0; i < wanted.Count; i++)
                {
                    if (i < got.Count && JsonElement.DeepEquals(wanted[i], got[i]))
                        continue;
                    return wanted[i].TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String
                        ? ($"{field.Name} '{id.GetString()}'", id.GetString())
                        : ($"{field.Name}[{i}]", null);
                }
            }

            return (field.Name, null);
        }

        return ("a field the edited design does not have", null);
    }
}

/// <summary>The text of an edited design, and whether it kept the original's comments and layout.</summary>
/// <param name="Text">The design text: the original with the changes placed in it, or (when <paramref name="KeepsLayout"/> is false) the whole design written by <see cref="DesignWriter"/>.</param>
/// <param name="KeepsLayout">True when <paramref name="Text"/> is the original text with only the changed places edited.</param>
/// <param name="Problem">When <paramref name="KeepsLayout"/> is false: which change could not be placed in the text, or how the edited text read back differently.</param>
/// <param name="Target">When <paramref name="KeepsLayout"/> is false: the id of the flow, element or other part whose change could not be placed, when known.</param>
public sealed record DesignPatch(string Text, bool KeepsLayout, string? Problem, string? Target);
