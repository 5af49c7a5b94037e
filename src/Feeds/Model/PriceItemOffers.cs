using Gogobe.Matching.Catalogue;
using Gogobe.Matching.Codes;
using Gogobe.Matching.Sizes;

namespace Gogobe.Feeds.Model;

/// <summary>A price row as the matcher reads it.</summary>
public static class PriceItemOffers
{
    public static Offer ToOffer(this PriceItem item, string chainId)
    {
        ArgumentNullException.ThrowIfNull(item);
        var code = ItemCode.Read(item.ItemCode, null);
        var kind = item.IsInternalCode && code.IsShared ? CodeKind.DeclaredInternal : code.Kind;
        return new Offer(chainId, item.Key.Value, kind, item.Name, item.Manufacturer, SizeOf(item.Quantity, item.Unit), item.IsWeighted, item.Price, item.Description);
    }

    /// <summary>Grams or millilitres from the quantity fields; a count there is most often a placeholder (1 unit), so only names give counts.</summary>
    private static Size SizeOf(decimal? quantity, MeasureUnit unit) => Size.Of(quantity, unit switch
    {
        MeasureUnit.Gram => "g",
        MeasureUnit.Kilogram => "kg",
        MeasureUnit.Millilitre => "ml",
        MeasureUnit.Litre => "l",
        _ => "",
    });
}
