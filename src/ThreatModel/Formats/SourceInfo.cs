namespace ThreatModel.Formats;

/// <summary>What a first pass over a design's bytes found (see <see cref="SourceText.CheckStream"/>).</summary>
/// <param name="BodyStart">The stream position where the text starts, after any byte-order mark.</param>
/// <param name="Blank">True when the text holds nothing but spaces, tabs and line breaks.</param>
/// <param name="LooksLikeJson">True when the first character that is not white space is '{'.</param>
internal readonly record struct SourceInfo(long BodyStart, bool Blank, bool LooksLikeJson);
