using Gogobe.Contracts.Matching;

namespace Gogobe.Ingest.Bridge;

/// <summary>
/// Matches the products one request names; the silo implements it by calling its master products grain. A request can
/// come more than once (a redelivery), so handling it must be idempotent (a matched product is not matched again).
/// </summary>
public interface IMatchingHandler
{
    /// <summary>True when the request is done; false (or a throw) to have it delivered again later.</summary>
    Task<bool> HandleAsync(MatchingRequested request, CancellationToken cancellationToken);
}
