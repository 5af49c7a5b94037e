namespace Gogobe.Feeds.Model;

/// <summary>The kind of a published file. <c>StoresFull</c> files are read as <see cref="Stores"/>.</summary>
public enum FeedKind
{
    Stores,
    PriceFull,
    Price,
    PromoFull,
    Promo,
}
