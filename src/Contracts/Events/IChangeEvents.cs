namespace Gogobe.Contracts.Events;

/// <summary>
/// How grains announce what they committed, for caches and other readers. Owned here, next to the grains that call it;
/// implemented by the messaging side and wired by the silo host.
/// </summary>
public interface IChangeEvents
{
    /// <exception cref="ChangeNotAnnouncedException">The broker did not confirm in time; announcing again is safe.</exception>
    Task AnnounceAsync(PricesChanged change, CancellationToken cancellationToken);

    /// <exception cref="ChangeNotAnnouncedException">The broker did not confirm in time; announcing again is safe.</exception>
    Task AnnounceAsync(PromotionsChanged change, CancellationToken cancellationToken);

    /// <exception cref="ChangeNotAnnouncedException">The broker did not confirm in time; announcing again is safe.</exception>
    Task AnnounceAsync(StoreChanged change, CancellationToken cancellationToken);

    /// <summary>Asks for products new to the catalogue to be matched to master products (<c>gogobe.matching.request</c>).</summary>
    /// <exception cref="ChangeNotAnnouncedException">The broker did not confirm in time; asking again is safe.</exception>
    Task RequestMatchingAsync(Matching.MatchingRequested request, CancellationToken cancellationToken);
}
