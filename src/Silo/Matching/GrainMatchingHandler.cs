using Gogobe.Contracts.Matching;
using Gogobe.Ingest.Bridge;

namespace Gogobe.Silo.Matching;

/// <summary>The silo's end of the matching bridge: a request becomes a call to the master products grain.</summary>
public sealed class GrainMatchingHandler(IGrainFactory grains) : IMatchingHandler
{
    public Task<bool> HandleAsync(MatchingRequested request, CancellationToken cancellationToken) =>
        grains.GetGrain<IMasterProductsGrain>(IMasterProductsGrain.Key).MatchNew(request.ProductKeys).WaitAsync(cancellationToken);
}
