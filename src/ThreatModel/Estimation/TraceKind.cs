namespace ThreatModel.Estimation;

/// <summary>Which published unicity study a trace is measured against.</summary>
public enum TraceKind
{
    /// <summary>Places over time (phone antennas, GPS, check-ins): de Montjoye et al. 2013, base resolution one antenna area (about 1.5 km²) and one hour.</summary>
    Mobility,

    /// <summary>Events at places (card payments, purchases, visits): de Montjoye et al. 2015, base resolution one shop and one day.</summary>
    Transactions,
}
