namespace ThreatModel.Findings;

/// <summary>The LINDDUN privacy threat categories (Deng et al. 2011; LINDDUN 2023 naming).</summary>
public enum LinddunCategory
{
    /// <summary>Linking: associating data items or actions to learn more about a person or group.</summary>
    Linking,

    /// <summary>Identifying: learning the identity of a person.</summary>
    Identifying,

    /// <summary>Non-repudiation: being unable to deny a claim or action.</summary>
    NonRepudiation,

    /// <summary>Detecting: deducing involvement of a person by observation.</summary>
    Detecting,

    /// <summary>Data disclosure: excessive collection, storage, processing or sharing of personal data.</summary>
    DataDisclosure,

    /// <summary>Unawareness and unintervenability: insufficiently informing, involving or empowering people.</summary>
    Unawareness,

    /// <summary>Non-compliance: deviating from legislation, regulation, standards and best practices.</summary>
    NonCompliance,
}

/// <summary>Harms from Solove's taxonomy of privacy (Solove 2006, U. Pa. L. Rev. 154:477).</summary>
public enum SoloveHarm
{
    /// <summary>Information collection: watching, listening or recording a person's activities.</summary>
    Surveillance,

    /// <summary>Information collection: pressuring people to divulge information.</summary>
    Interrogation,

    /// <summary>Information processing: combining pieces of data about a person.</summary>
    Aggregation,

    /// <summary>Information processing: linking data to particular people.</summary>
    Identification,

    /// <summary>Information processing: carelessness in protecting stored information.</summary>
    Insecurity,

    /// <summary>Information processing: use of data for purposes unrelated to those it was collected for, without consent.</summary>
    SecondaryUse,

    /// <summary>Information processing: failing to let people know about and take part in the handling of their data.</summary>
    Exclusion,

    /// <summary>Information dissemination: breaking a promise to keep information confidential.</summary>
    BreachOfConfidentiality,

    /// <summary>Information dissemination: revealing truthful information that affects how others judge a person.</summary>
    Disclosure,

    /// <summary>Information dissemination: revealing another's nudity, grief or bodily functions.</summary>
    Exposure,

    /// <summary>Information dissemination: making information easier to get at.</summary>
    IncreasedAccessibility,

    /// <summary>Information dissemination: threatening to disclose information.</summary>
    Blackmail,

    /// <summary>Information dissemination: using a person's identity to serve another's purposes.</summary>
    Appropriation,

    /// <summary>Information dissemination: spreading false or misleading information about a person.</summary>
    Distortion,

    /// <summary>Invasion: acts that disturb a person's tranquillity or solitude.</summary>
    Intrusion,

    /// <summary>Invasion: incursion into a person's decisions about private affairs.</summary>
    DecisionalInterference,
}
