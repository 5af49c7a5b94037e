namespace Gogobe.Contracts.Diagnostics;

/// <summary>
/// A cheap grain that says where it lives: used by operators (and the cluster tests) to see that calls
/// through the gateway reach a silo, and which one, including after a silo dies.
/// </summary>
public interface IProbeGrain : IGrainWithStringKey
{
    Task<ProbeReply> Ping();
}

/// <summary>Where a probe grain is active and since when; <paramref name="Calls"/> counts calls to this activation.</summary>
[GenerateSerializer, Immutable]
public sealed record ProbeReply(
    [property: Id(0)] string Key,
    [property: Id(1)] string Silo,
    [property: Id(2)] DateTimeOffset ActivatedAt,
    [property: Id(3)] long Calls);
