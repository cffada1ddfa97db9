using ThreatModel.Model;

namespace ThreatModel.Validation;

/// <summary>
/// Checks what a design means, once its syntax is sound: every reference resolves, ids are unique,
/// numbers are in range, derivations have no cycles. Reports every problem, not just the first.
/// </summary>
public static class ModelValidator
{
    /// <summary>Every problem in the model, in design order.</summary>
    public static IReadOnlyList<Diagnostic> Validate(SystemModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var diagnostics = new List<Diagnostic>();
        void Error(string code, string message, SourceSpan span) => diagnostics.Add(new Diagnostic(code, DiagnosticSeverity.Error, message, span));
        void Warn(string message, SourceSpan span) => diagnostics.Add(new Diagnostic(DiagnosticCodes.Suspicious, DiagnosticSeverity.Warning, message, span));

        CheckUnique(model.Subjects, s => s.Id, s => s.Span, "subject", diagnostics);
        CheckUnique(model.Items, i => i.Id, i => i.Span, "data item", diagnostics);
        CheckUnique(model.Elements, e => e.Id, e => e.Span, "element", diagnostics);
        CheckUnique(model.Flows, f => f.Id, f => f.Span, "flow", diagnostics);
        CheckUnique(model.Organizations, o => o.Id, o => o.Span, "organization", diagnostics);
        CheckUnique(model.Jurisdictions, j => j.Id, j => j.Span, "jurisdiction", diagnostics);

        if (model.Elements.Count == 0 && model.Flows.Count == 0)
            Error(DiagnosticCodes.EmptyDesign, "The design declares no elements and no flows: there is nothing to analyse. Expected at least one element under 'elements' and one flow under 'flows'.", SourceSpan.At(model.SourceFile, 1, 1));

        var subjectIds = model.Subjects.Select(s => s.Id).ToArray();
        var itemIds = model.Items.Select(i => i.Id).ToArray();
        var elementIds = model.Elements.Select(e => e.Id).ToArray();

        foreach (var subject in model.Subjects)
        {
            if (subject.Population < 1)
                Error(DiagnosticCodes.OutOfRange, $"Subject '{subject.Id}' has population {subject.Population}; expected a whole number of at least 1.", subject.Span);
            if (subject.Density is { } d && (!double.IsFinite(d.PeoplePerSquareKilometre) || d.PeoplePerSquareKilometre <= 0))
                Error(DiagnosticCodes.OutOfRange, $"Subject '{subject.Id}' has density {d.PeoplePerSquareKilometre}; expected a positive number of people per square kilometre or a preset ({string.Join(", ", DensityPresets.Names)}).", subject.Span);
        }

        foreach (var item in model.Items)
        {
            if (!model.TryGetSubject(item.SubjectId, out _))
                Error(DiagnosticCodes.UndefinedReference, $"Data item '{item.Id}' is about subject '{item.SubjectId}', which is not declared under 'subjects'.{NameSuggester.Hint(item.SubjectId, subjectIds)}", item.Span);
            foreach (var source in item.DerivedFrom)
            {
                if (!model.TryGetItem(source, out _))
                    Error(DiagnosticCodes.UndefinedReference, $"Data item '{item.Id}' is derived from '{source}', which is not a declared data item.{NameSuggester.Hint(source, itemIds)}", item.Span);
            }

            if (item.QuasiIdentifier is { } qi && (qi.Cardinality is { } c && (!double.IsFinite(c) || c < 1) || qi.PeoplePerValue is { } p && (!double.IsFinite(p) || p <= 0)))
                Error(DiagnosticCodes.OutOfRange, $"Data item '{item.Id}' has a cardinality below 1 or not a number; expected the number of distinct values, at least 1.", item.Span);
            if (item.Location is { } loc && (!double.IsFinite(loc.PrecisionMetres) || loc.PrecisionMetres <= 0))
                Error(DiagnosticCodes.OutOfRange, $"Data item '{item.Id}' has precision {loc.PrecisionMetres} m; expected a positive number of metres.", item.Span);
            if (item.Trace is { } trace && (trace.PointsPerPerson < 1 || !double.IsFinite(trace.TemporalResolutionMinutes) || trace.TemporalResolutionMinutes <= 0 || trace.SpatialResolutionMetres is { } s && (!double.IsFinite(s) || s <= 0)))
                Error(DiagnosticCodes.OutOfRange, $"Data item '{item.Id}' has a trace with points, spatial or temporal resolution out of range; expected points of at least 1 and positive resolutions.", item.Span);
        }

        foreach (var cycle in DerivationCycles(model))
            Error(DiagnosticCodes.DerivationCycle, $"Data item '{cycle[0]}' is derived from itself through {string.Join(" <- ", cycle)}; expected derivations to end at collected items.", model.Item(cycle[0]).Span);

        foreach (var element in model.Elements)
        {
            if (element.SubjectId is { } subject && !model.TryGetSubject(subject, out _))
                Error(DiagnosticCodes.UndefinedReference, $"Element '{element.Id}' is subject '{subject}', which is not declared under 'subjects'.{NameSuggester.Hint(subject, subjectIds)}", element.Span);
            if (element.Decision?.SubjectId is { } decided && !model.TryGetSubject(decided, out _))
                Error(DiagnosticCodes.UndefinedReference, $"The decision of element '{element.Id}' is about subject '{decided}', which is not declared under 'subjects'.{NameSuggester.Hint(decided, subjectIds)}", element.Decision.Span);
            if (element.Retention is { Days: < 0 } retention)
                Error(DiagnosticCodes.OutOfRange, $"Element '{element.Id}' keeps data for {retention.Days} days; expected a number of days of at least 0.", retention.Span);
        }

        foreach (var flow in model.Flows)
        {
            if (!model.TryGetElement(flow.From, out _))
                Error(DiagnosticCodes.UndefinedReference, $"Flow '{flow.Id}' comes from '{flow.From}', which is not a declared element.{NameSuggester.Hint(flow.From, elementIds)}", flow.Span);
            if (!model.TryGetElement(flow.To, out _))
                Error(DiagnosticCodes.UndefinedReference, $"Flow '{flow.Id}' goes to '{flow.To}', which is not a declared element.{NameSuggester.Hint(flow.To, elementIds)}", flow.Span);
            foreach (var item in flow.Items)
            {
                if (!model.TryGetItem(item, out _))
                    Error(DiagnosticCodes.UndefinedReference, $"Flow '{flow.Id}' carries '{item}', which is not a declared data item.{NameSuggester.Hint(item, itemIds)}", flow.Span);
            }

            foreach (var item in flow.Protections.Generalizations.Keys.Concat(flow.Protections.SuppressedItems))
            {
                if (!flow.Items.Contains(item))
                    Error(DiagnosticCodes.UndefinedReference, $"Flow '{flow.Id}' protects '{item}', which the flow does not carry; expected one of its items ({string.Join(", ", flow.Items)}).{NameSuggester.Hint(item, flow.Items)}", flow.Span);
            }

            var p = flow.Protections;
            if (p.AggregationThreshold is < 1)
                Error(DiagnosticCodes.OutOfRange, $"Flow '{flow.Id}' has aggregation threshold {p.AggregationThreshold}; expected at least 1.", flow.Span);
            if (p.DifferentialPrivacyEpsilon is { } eps && (!double.IsFinite(eps) || eps <= 0))
                Error(DiagnosticCodes.OutOfRange, $"Flow '{flow.Id}' has differential-privacy epsilon {eps}; expected a positive number.", flow.Span);
            if (p.RateLimitPerDay is < 0)
                Error(DiagnosticCodes.OutOfRange, $"Flow '{flow.Id}' has rate limit {p.RateLimitPerDay} a day; expected at least 0.", flow.Span);
            if (p.SnapToGridMetres is { } grid && (!double.IsFinite(grid) || grid <= 0))
                Error(DiagnosticCodes.OutOfRange, $"Flow '{flow.Id}' snaps to a grid of {grid} m; expected a positive number of metres.", flow.Span);
            if (p.RetentionDays is < 0)
                Error(DiagnosticCodes.OutOfRange, $"Flow '{flow.Id}' keeps data for {p.RetentionDays} days; expected at least 0.", flow.Span);
            if (flow.Query?.RadiusMetres is { } radius && (!double.IsFinite(radius) || radius <= 0))
                Error(DiagnosticCodes.OutOfRange, $"Flow '{flow.Id}' queries a radius of {radius} m; expected a positive number of metres.", flow.Query.Span);
            if (flow.Items.Count == 0)
                Warn($"Flow '{flow.Id}' carries no data items; list what it carries under 'items' so rules can see it.", flow.Span);
            if (flow.From == flow.To)
                Warn($"Flow '{flow.Id}' goes from '{flow.From}' to itself.", flow.Span);
        }

        return diagnostics;
    }

    private static void CheckUnique<T>(IReadOnlyList<T> values, Func<T, string> id, Func<T, SourceSpan> span, string what, List<Diagnostic> diagnostics)
    {
        var seen = new Dictionary<string, SourceSpan>(StringComparer.Ordinal);
        foreach (var value in values)
        {
            if (!seen.TryAdd(id(value), span(value)))
            {
                var first = seen[id(value)];
                var where = first.IsKnown ? $" (first declared at {first})" : string.Empty;
                diagnostics.Add(new Diagnostic(DiagnosticCodes.Duplicate, DiagnosticSeverity.Error, $"The {what} id '{id(value)}' is declared twice{where}; expected every {what} id to be unique.", span(value)));
            }
        }
    }

    /// <summary>Each derivation cycle once, as the chain of item ids starting at its first item in design order.</summary>
    private static List<string[]> DerivationCycles(SystemModel model)
    {
        var cycles = new List<string[]>();
        var state = new Dictionary<string, int>(StringComparer.Ordinal); // 1 = on stack, 2 = done
        var stack = new List<string>();
        foreach (var item in model.Items)
            Visit(item.Id);
        return cycles;

        void Visit(string id)
        {
            // Iterative depth-first search, so a very long derivation chain cannot overflow the stack.
            var work = new Stack<(string Id, int Next)>();
            work.Push((id, 0));
            while (work.Count > 0)
            {
                var (current, next) = work.Pop();
                if (next == 0)
                {
                    if (state.GetValueOrDefault(current) != 0)
                        continue;
                    state[current] = 1;
                    stack.Add(current);
                }

                var sources = model.TryGetItem(current, out var item) ? item.DerivedFrom : [];
                if (next < sources.Count)
                {
                    work.Push((current, next + 1));
                    var source = sources[next];
                    switch (state.GetValueOrDefault(source))
                    {
                        case 0 when model.TryGetItem(source, out _):
                            work.Push((source, 0));
                            break;
                        case 1:
                            cycles.Add([.. stack[stack.IndexOf(source)..], source]);
                            break;
                    }
                }
                else
                {
                    state[current] = 2;
                    stack.RemoveAt(stack.Count - 1);
                }
            }
        }
    }
}
