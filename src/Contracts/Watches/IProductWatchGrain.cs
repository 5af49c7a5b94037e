using Gogobe.Contracts.Events;

namespace Gogobe.Contracts.Watches;

/// <summary>
/// The watches of one product, keyed by the product key: activated by a change of the product's offers, it compares
/// every watch of the product with the offers now and records the notices of those that fire.
/// </summary>
public interface IProductWatchGrain : IGrainWithStringKey
{
    /// <summary>Evaluates the product's watches after <paramref name="change"/>; a change handled twice notifies nobody twice.</summary>
    Task OnOfferChanged(OfferChanged change);

    /// <summary>
    /// Evaluates the product's watches once after <paramref name="changes"/>, a run of the product's changes delivered at
    /// once (one read of the offers, at most one notice per watch); a run, or any change of it, handled again notifies
    /// nobody twice.
    /// </summary>
    Task OnOffersChanged(IReadOnlyList<OfferChanged> changes);

    /// <summary>The product's watches were created or deleted: read them again and arm the new ones against the offers now.</summary>
    Task WatchesChanged();
}
