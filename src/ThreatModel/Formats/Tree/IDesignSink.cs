namespace ThreatModel.Formats.Tree;

/// <summary>
/// Takes a design from the <see cref="TreeBuilder"/> piece by piece while the file is parsed: each field of the root
/// mapping once its value is complete, in file order, and the entries of the root lists it asks for as each one
/// completes. What it is handed is not kept in the tree.
/// </summary>
internal interface IDesignSink
{
    /// <summary>The root mapping opens; everything else the sink is handed belongs to it.</summary>
    void Design(MappingNode root);

    /// <summary>A list opens as the value of root field <paramref name="key"/>; true to take its entries one by one through <see cref="ListEntry"/>.</summary>
    bool StreamList(FieldKey key, SequenceNode list);

    /// <summary>The next complete entry of the list being streamed.</summary>
    void ListEntry(DesignNode entry);

    /// <summary>A field of the root mapping is complete (for a streamed list: once it closed, with no entries kept).</summary>
    void RootField(FieldKey key, DesignNode value);
}
