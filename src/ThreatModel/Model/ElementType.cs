namespace ThreatModel.Model;

/// <summary>What an element of the design is.</summary>
public enum ElementType
{
    /// <summary>A person acting with their own device: a data subject, a user, a correspondent.</summary>
    Person,

    /// <summary>An outside party: a bank, a court, an employer, a police bureau, a data broker.</summary>
    ExternalParty,

    /// <summary>Anyone at all: what is published to the public.</summary>
    Public,

    /// <summary>Other users of the same service: what one user can see of another.</summary>
    OtherUsers,

    /// <summary>A process that computes: a service, an app back end, a scoring engine.</summary>
    Process,

    /// <summary>A data store: a database, a file share, a log, a warehouse.</summary>
    Store,
}
