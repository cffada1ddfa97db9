namespace ThreatModel.Model;

/// <summary>What kind of knowledge about a subject a data item is. The kind decides which rules look at it.</summary>
public enum DataItemKind
{
    /// <summary>Names a person outright: name, national ID number, phone number, e-mail, account number.</summary>
    DirectIdentifier,

    /// <summary>A stand-in for a person (user id, device id, hashed e-mail): links records without naming.</summary>
    PseudonymousIdentifier,

    /// <summary>Not identifying alone, identifying in combination: birth date, postcode, gender, occupation.</summary>
    QuasiIdentifier,

    /// <summary>Where a person is or was: a position, a home address, a trace of positions over time.</summary>
    Location,

    /// <summary>Payments, balances, debts, credit records, transaction traces.</summary>
    Financial,

    /// <summary>What people say to each other: message text, calls, posts addressed to people.</summary>
    CommunicationContent,

    /// <summary>Who talks to whom, when and how often.</summary>
    CommunicationMetadata,

    /// <summary>Who is connected to whom: friends, contacts, family, followers, address books.</summary>
    SocialGraph,

    /// <summary>Face images and templates, fingerprints, voice prints, gait.</summary>
    Biometric,

    /// <summary>What people do: purchases, browsing, app and game use, attendance, traffic behaviour.</summary>
    Behavioural,

    /// <summary>Health, sexuality, religion, politics, ethnicity and other special categories.</summary>
    SpecialCategory,

    /// <summary>A score, rating, rank or classification computed about a person.</summary>
    Score,

    /// <summary>Anything else.</summary>
    Other,
}
