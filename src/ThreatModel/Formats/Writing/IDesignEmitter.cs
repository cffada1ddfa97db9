namespace ThreatModel.Formats.Writing;

/// <summary>The few shapes a design is written in; one implementation per format, so the model is walked once.</summary>
internal interface IDesignEmitter
{
    void BeginMapping();

    void EndMapping();

    /// <summary>Starts a list; <paramref name="inline"/> lists of short names are written on one line where the format allows.</summary>
    void BeginList(bool inline);

    void EndList();

    void Key(string name);

    void Text(string value);

    void Number(double value);

    void Integer(long value);

    void Boolean(bool value);

    /// <summary>Ends the document.</summary>
    void Finish();
}
