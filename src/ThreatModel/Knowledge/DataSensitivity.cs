using ThreatModel.Model;

namespace ThreatModel.Knowledge;

/// <summary>
/// How sensitive a data item is, in the terms rules grade impact by: GDPR Art. 9 special categories, China PIPL Art. 28
/// sensitive personal information (biometrics, religion, health, financial accounts, whereabouts), and items a design
/// marks as stigmatizing.
/// </summary>
internal static class DataSensitivity
{
    /// <summary>True when the item is special-category data or reveals a special category (a tagged purchase, a visit to a clinic).</summary>
    public static bool RevealsSpecialCategory(DataItem item) =>
        item.Kind == DataItemKind.SpecialCategory || !string.IsNullOrWhiteSpace(item.SpecialCategory);

    /// <summary>The special category an item reveals, or null; kind special-category without a named category gives "special-category".</summary>
    public static string? CategoryOf(DataItem item) =>
        !string.IsNullOrWhiteSpace(item.SpecialCategory) ? item.SpecialCategory
        : item.Kind == DataItemKind.SpecialCategory ? "special-category"
        : null;

    /// <summary>True when exposure could shame, endanger or discriminate: special categories, biometrics, stigmatizing items.</summary>
    public static bool IsGrave(DataItem item) =>
        RevealsSpecialCategory(item) || item.Kind == DataItemKind.Biometric || item.Stigmatizing;

    /// <summary>
    /// True for sensitive personal information: grave items, plus financial data, whereabouts, the content of
    /// communications and scores computed about people.
    /// </summary>
    public static bool IsSensitive(DataItem item) =>
        IsGrave(item) || item.Kind is DataItemKind.Financial or DataItemKind.Location or DataItemKind.CommunicationContent or DataItemKind.Score;

    /// <summary>True when the item by itself, or as a trace of many observations, points at one person.</summary>
    public static bool IsIdentifying(DataItem item) =>
        item.IsIdentifier || item.Kind is DataItemKind.QuasiIdentifier or DataItemKind.Biometric || item.Trace is not null;

    /// <summary>True when the item is about people in a way rules care for: anything but an untagged item of kind other.</summary>
    public static bool IsPersonal(DataItem item) =>
        item.Kind != DataItemKind.Other || item.Stigmatizing || RevealsSpecialCategory(item);
}
