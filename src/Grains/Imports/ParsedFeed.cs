using Gogobe.Contracts.Prices;
using Gogobe.Contracts.Promotions;
using Gogobe.Contracts.Stores;
using Gogobe.Feeds;
using Gogobe.Feeds.Model;
using Gogobe.Storage.Prices;

namespace Gogobe.Grains.Imports;

/// <summary>A whole file read through the feed reader and turned into the rows the domain grains take.</summary>
internal sealed class ParsedFeed
{
    public required FeedReadResult Result { get; init; }

    public required List<StoreFacts> Stores { get; init; }

    public required List<PriceRow> Prices { get; init; }

    public required List<PromotionRow> Promotions { get; init; }

    public int Rows => Stores.Count + Prices.Count + Promotions.Count;

    /// <summary>Rows the reader read but the store could not keep (<see cref="RejectReason.ValueOutOfRange"/>).</summary>
    public int OutOfRange { get; init; }

    /// <summary>Rows left out, by the reader or for values out of range.</summary>
    public int Rejected => Result.Rejected + OutOfRange;

    /// <summary>Rejected rows counted by reason.</summary>
    public IReadOnlyDictionary<string, int> RejectedByReason => OutOfRange == 0
        ? Result.RejectedByReason
        : new Dictionary<string, int>(Result.RejectedByReason) { [RejectReason.ValueOutOfRange] = OutOfRange };

    /// <summary>The fingerprint of a full price list read whole without rejected rows; null otherwise.</summary>
    public string? PriceListFingerprint => Rejected == 0 && Result is { Ok: true, Rejected: 0, Header.Kind: FeedKind.PriceFull } ? Result.ContentFingerprint : null;

    public static ParsedFeed Read(Stream content, string fileName, FeedReaderOptions limits)
    {
        using var file = FeedFile.Open(content, fileName, limits with { FingerprintContent = true });
        var stores = new List<StoreFacts>();
        var prices = new List<PriceRow>();
        var promotions = new List<PromotionRow>();
        var outOfRange = 0;
        foreach (var record in file.ReadRecords())
        {
            switch (record)
            {
                case PriceItem item when Fits(item):
                    prices.Add(ToRow(item));
                    break;
                case Promotion promotion when Fits(promotion):
                    promotions.Add(ToRow(promotion));
                    break;
                case PriceItem or Promotion:
                    outOfRange++;
                    break;
                case StoreRecord store:
                    stores.Add(ToFacts(store));
                    break;
            }
        }

        return new ParsedFeed { Result = file.Result, Stores = stores, Prices = prices, Promotions = promotions, OutOfRange = outOfRange };
    }

    /// <summary>The file's identity from its start (up to its first record), or null when that cannot be read.</summary>
    public static FeedHeader? ReadHeader(Stream content, string fileName, FeedReaderOptions limits)
    {
        using var file = FeedFile.Open(content, fileName, limits);
        using var records = file.ReadRecords().GetEnumerator();
        return records.MoveNext() ? file.Header : null;
    }

    /// <summary>Whether every number of the item fits its database column (else the row is rejected as out of range).</summary>
    private static bool Fits(PriceItem i) =>
        StoredPrecision.FitsPrice(i.Price) && StoredPrecision.FitsUnitPrice(i.UnitPrice) && StoredPrecision.FitsQuantity(i.Quantity);

    private static bool Fits(Promotion p) =>
        StoredPrecision.FitsQuantity(p.MinQuantity) && StoredPrecision.FitsQuantity(p.MaxQuantity) && StoredPrecision.FitsPrice(p.DiscountedPrice)
        && StoredPrecision.FitsUnitPrice(p.DiscountedPricePerUnit) && StoredPrecision.FitsRate(p.DiscountRate) && StoredPrecision.FitsPrice(p.MinPurchaseAmount)
        && p.Items.All(i => StoredPrecision.FitsQuantity(i.MinQuantity) && StoredPrecision.FitsQuantity(i.MaxQuantity)
            && StoredPrecision.FitsPrice(i.DiscountedPrice) && StoredPrecision.FitsRate(i.DiscountRate));

    internal static string? UnitCode(MeasureUnit unit) => unit switch
    {
        MeasureUnit.Gram => "g",
        MeasureUnit.Kilogram => "kg",
        MeasureUnit.Millilitre => "ml",
        MeasureUnit.Litre => "l",
        MeasureUnit.Unit => "unit",
        _ => null,
    };

    /// <summary>A price row at the precision PostgreSQL keeps, so that it compares equal with the row once stored.</summary>
    private static PriceRow ToRow(PriceItem i)
    {
        var key = TextPool.Share(i.Key.Value);
        return new(
            key, string.Equals(key, i.ItemCode, StringComparison.Ordinal) ? key : i.ItemCode, i.IsInternalCode,
            StoredPrecision.Price(i.Price), StoredPrecision.UnitPrice(i.UnitPrice), i.PriceUpdatedAt,
            i.Name, i.Manufacturer, i.ManufactureCountry, i.Description, StoredPrecision.Quantity(i.Quantity), UnitCode(i.Unit), i.UnitText, i.IsWeighted);
    }

    /// <summary>A promotion at the precision PostgreSQL keeps, so that a stored one compares equal with its file.</summary>
    private static PromotionRow ToRow(Promotion p) => new(
        p.PromotionId, p.Description, p.StartsAt, p.EndsAt, p.RewardType, p.IsClubOnly, p.ClubIds,
        StoredPrecision.Quantity(p.MinQuantity), StoredPrecision.Quantity(p.MaxQuantity), StoredPrecision.Price(p.DiscountedPrice),
        StoredPrecision.UnitPrice(p.DiscountedPricePerUnit), StoredPrecision.Rate(p.DiscountRate), p.DiscountType,
        StoredPrecision.Price(p.MinPurchaseAmount), p.AllowMultipleDiscounts, p.IsWeighted, p.UpdatedAt,
        p.Items.Select(i => new PromotionItemRow(
            i.Key.Value, i.IsGift, i.RewardType, StoredPrecision.Quantity(i.MinQuantity), StoredPrecision.Quantity(i.MaxQuantity),
            StoredPrecision.Price(i.DiscountedPrice), StoredPrecision.Rate(i.DiscountRate))).ToList());

    private static StoreFacts ToFacts(StoreRecord s) => new(
        s.ChainId, s.StoreId, s.ChainName, s.SubChainId, s.SubChainName, s.Name, s.Address, s.City, s.ZipCode, s.StoreType, s.Latitude, s.Longitude);
}
