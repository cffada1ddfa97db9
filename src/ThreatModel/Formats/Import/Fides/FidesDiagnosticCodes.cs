namespace ThreatModel.Formats.Import.Fides;

/// <summary>
/// The diagnostic codes the Fides (fideslang) reader adds to those of <see cref="Validation.DiagnosticCodes"/>:
/// errors TM1150-TM1199 for manifests that cannot be read as Fides resources, warnings TM2150-TM2199 for what a
/// manifest does not say and ThreatModel needs (modelling gaps), so that nothing is guessed in silence.
/// See docs/import-fides.md.
/// </summary>
public static class FidesDiagnosticCodes
{
    /// <summary>Error: the file or folder holds no Fides resources (no <c>system</c>, <c>dataset</c>, ... list).</summary>
    public const string NoResources = "TM1150";

    /// <summary>Error: a Fides resource or one of its fields has the wrong shape (a mapping where a list was expected, ...).</summary>
    public const string WrongShape = "TM1151";

    /// <summary>Error: a required field of a Fides resource is missing (<c>fides_key</c>, a data flow's <c>type</c>).</summary>
    public const string MissingField = "TM1152";

    /// <summary>Error: two systems, or two datasets, share one <c>fides_key</c>.</summary>
    public const string DuplicateKey = "TM1153";

    /// <summary>Error: an <c>egress</c>, <c>ingress</c> or <c>dataset_references</c> entry names a system or dataset the manifests do not declare.</summary>
    public const string UndeclaredResource = "TM1154";

    /// <summary>Error: a data flow's <c>type</c> is not <c>system</c>, <c>dataset</c> or <c>user</c>, or <c>user</c> is used on one side only.</summary>
    public const string UnknownFlowType = "TM1155";

    /// <summary>Warning: a data flow states no <c>data_categories</c> and no dataset says what it holds: it carries nothing.</summary>
    public const string FlowWithoutData = "TM2150";

    /// <summary>Warning: no privacy declaration names the data subjects of some data: they are read as unnamed people.</summary>
    public const string NoSubject = "TM2151";

    /// <summary>Warning: a data subject has no population (fideslang cannot state one): estimates use the stated default.</summary>
    public const string NoPopulation = "TM2152";

    /// <summary>Warning: no privacy declaration gives the purpose (data use) of a flow: its purpose is <c>unspecified</c>.</summary>
    public const string NoPurpose = "TM2153";

    /// <summary>
    /// Warning: a privacy declaration says its system processes data categories that no data flow brings to it or takes
    /// from it; they are read as collected from the data subjects themselves.
    /// </summary>
    public const string ImpliedCollection = "TM2154";

    /// <summary>Warning: a retention period that is not a number of days, weeks, months or years: no limit is read.</summary>
    public const string RetentionNotUnderstood = "TM2155";

    /// <summary>Warning: a data category that is neither in the default taxonomy nor declared under <c>data_category</c>.</summary>
    public const string UnknownCategory = "TM2156";

    /// <summary>Warning: a data use that is neither in the default taxonomy nor declared under <c>data_use</c>.</summary>
    public const string UnknownUse = "TM2157";

    /// <summary>Warning: a data subject that is neither in the default taxonomy nor declared under <c>data_subject</c>.</summary>
    public const string UnknownSubject = "TM2158";

    /// <summary>Warning: something the reader leaves aside: a file without Fides resources in a folder, a policy, an unknown resource kind.</summary>
    public const string Ignored = "TM2159";

    /// <summary>Warning: a privacy declaration's <c>egress</c> or <c>ingress</c> names a resource its system has no data flow with.</summary>
    public const string DeclarationFlowMissing = "TM2160";

    /// <summary>Warning: a system says it transfers data internationally but names no country, so the transfer cannot be placed.</summary>
    public const string TransferWithoutCountry = "TM2161";
}
