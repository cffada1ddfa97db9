using System.CommandLine;
using System.Globalization;
using ThreatModel.Formats;

namespace ThreatModel.Cli;

/// <summary>
/// The options that raise the design reader's limits (<see cref="ReaderLimits"/>); every command that reads a design
/// takes them, and the reader's limit messages name them.
/// </summary>
internal sealed class ReaderLimitOptions
{
    private readonly Option<string?> _maxFileSize = new("--max-file-size")
    {
        Description = "The largest input file read (design or baseline), in bytes, or with a unit: 512k, 4m (default 64m).",
        HelpName = "size",
    };

    private readonly Option<string?> _maxNodes = new("--max-nodes")
    {
        Description = "The most YAML/JSON nodes read, aliases expanded (default 5000000).",
        HelpName = "count",
    };

    private readonly Option<string?> _maxDepth = new("--max-depth")
    {
        Description = "The deepest nesting of mappings and lists (default 64).",
        HelpName = "depth",
    };

    private readonly Option<string?> _maxCollectionSize = new("--max-collection-size")
    {
        Description = "The most entries in one top-level list: subjects, items, elements, flows (default 1000000).",
        HelpName = "count",
    };

    private readonly Option<string?> _maxScalarLength = new("--max-scalar-length")
    {
        Description = "The longest single value, in characters, or with a unit: 512k, 1m (default 1m).",
        HelpName = "size",
    };

    /// <summary>Adds the options to a command.</summary>
    public void AddTo(Command command)
    {
        command.Options.Add(_maxFileSize);
        command.Options.Add(_maxNodes);
        command.Options.Add(_maxDepth);
        command.Options.Add(_maxCollectionSize);
        command.Options.Add(_maxScalarLength);
    }

    /// <summary>The reader's limits, raised or lowered where an option says so.</summary>
    public ReaderLimits Resolve(ParseResult parse)
    {
        var limits = ReaderLimits.Default;
        if (ParseSize(parse.GetValue(_maxFileSize), "--max-file-size") is { } fileSize)
            limits = limits with { MaxFileSize = fileSize };
        if (ParseCount(parse.GetValue(_maxNodes), "--max-nodes") is { } nodes)
            limits = limits with { MaxNodes = nodes };
        if (ParseCount(parse.GetValue(_maxDepth), "--max-depth") is { } depth)
            limits = limits with { MaxDepth = (int)Math.Min(depth, int.MaxValue) };
        if (ParseCount(parse.GetValue(_maxCollectionSize), "--max-collection-size") is { } collection)
            limits = limits with { MaxCollectionSize = (int)Math.Min(collection, int.MaxValue) };
        if (ParseSize(parse.GetValue(_maxScalarLength), "--max-scalar-length") is { } scalar)
            limits = limits with { MaxScalarLength = (int)Math.Min(scalar, int.MaxValue) };
        return limits;
    }

    /// <summary>Parses 1048576, 512k, 4m, 1g (binary units).</summary>
    public static long? ParseSize(string? value, string option)
    {
        if (string.IsNullOrWhiteSpace(value))
            return null;
        var text = value.Trim().ToLowerInvariant();
        long multiplier = 1;
        if (text.EndsWith('b') && text.Length > 1 && !char.IsDigit(text[^2]))
            text = text[..^1];
        switch (text[^1])
        {
            case 'k': multiplier = 1024; text = text[..^1]; break;
            case 'm': multiplier = 1024 * 1024; text = text[..^1]; break;
            case 'g': multiplier = 1024 * 1024 * 1024; text = text[..^1]; break;
        }

        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number <= 0 || number > long.MaxValue / multiplier)
            throw new UsageException($"{option} '{value}' is not a size; expected a positive number, optionally with k, m or g (e.g. 4m).");
        return number * multiplier;
    }

    private static long? ParseCount(string? value, string option)
    {
        if (string.IsNullOrWhiteSpace(value))
            return null;
        if (!long.TryParse(value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number <= 0)
            throw new UsageException($"{option} '{value}' is not a count; expected a positive whole number.");
        return number;
    }
}
