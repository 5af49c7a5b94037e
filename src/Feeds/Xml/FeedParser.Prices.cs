using Gogobe.Feeds.Model;
using Gogobe.Feeds.Values;

namespace Gogobe.Feeds.Xml;

internal sealed partial class FeedParser
{
    private readonly Dictionary<string, (decimal? Quantity, MeasureUnit Unit)> measures = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> shared = new(StringComparer.Ordinal);

    private PriceItem? BuildPrice(string?[] f)
    {
        var code = Clean(f[(int)FeedField.ItemCode]);
        if (code is null)
        {
            Tally.Reject(RejectReason.MissingItemCode);
            return null;
        }

        var priceText = f[(int)FeedField.ItemPrice];
        if (string.IsNullOrWhiteSpace(priceText))
        {
            Tally.Reject(RejectReason.EmptyPrice);
            return null;
        }

        if (!FeedNumber.TryParseDecimal(priceText, out var price) || price < 0)
        {
            Tally.Reject(RejectReason.InvalidPrice);
            return null;
        }

        var key = FeedIds.KeyOf(ChainId, code, f[(int)FeedField.ItemType], out var isInternal);
        var unitQty = Shared(f[(int)FeedField.UnitQty]);
        var ofMeasure = Shared(f[(int)FeedField.UnitOfMeasure]);
        var (textQuantity, unit) = Measure(unitQty);
        if (unit == MeasureUnit.Unknown)
        {
            unit = Measure(ofMeasure).Unit;
        }

        return new PriceItem(
            key,
            code,
            isInternal,
            Clean(f[(int)FeedField.ItemName]) ?? string.Empty,
            Shared(f[(int)FeedField.Manufacturer]),
            Shared(f[(int)FeedField.ManufactureCountry]),
            Clean(f[(int)FeedField.Description]),
            price,
            FeedNumber.ParseDecimal(f[(int)FeedField.UnitOfMeasurePrice]),
            FeedNumber.ParsePositive(f[(int)FeedField.Quantity]) ?? textQuantity,
            unit,
            unitQty ?? ofMeasure,
            FeedNumber.ParseFlag(f[(int)FeedField.IsWeighted]),
            FeedNumber.ParsePositive(f[(int)FeedField.QtyInPackage]),
            FeedNumber.ParseFlag(f[(int)FeedField.AllowDiscount]),
            FeedNumber.ParseInt(f[(int)FeedField.ItemStatus]),
            IsraelTime.Parse(f[(int)FeedField.PriceUpdateDate]));
    }

    private (decimal? Quantity, MeasureUnit Unit) Measure(string? text)
    {
        if (text is null)
        {
            return (null, MeasureUnit.Unknown);
        }

        if (!measures.TryGetValue(text, out var parsed))
        {
            parsed = MeasureText.Parse(text);
            if (measures.Count < 4096)
            {
                measures[text] = parsed;
            }
        }

        return parsed;
    }

    /// <summary>Trimmed text, one instance per distinct value for the short categorical fields (units, makers, countries).</summary>
    private string? Shared(string? text)
    {
        var value = Clean(text);
        if (value is null || value.Length > 40)
        {
            return value;
        }

        if (shared.TryGetValue(value, out var existing))
        {
            return existing;
        }

        if (shared.Count < 16384)
        {
            shared[value] = value;
        }

        return value;
    }
}
