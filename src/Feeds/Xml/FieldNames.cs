using System.Collections.Frozen;

namespace Gogobe.Feeds.Xml;

/// <summary>
/// Element names to fields, case-insensitively and with every alias of the field guide. Both XML sources atomize
/// names, so after the first sight of a spelling the lookup is by reference.
/// </summary>
internal sealed class FieldNames
{
    /// <summary>Fields whose text the reader keeps; the rest are structure or ignored.</summary>
    public const int SlotCount = (int)FeedField.Count;

    private static readonly FrozenDictionary<string, FeedField> Aliases = new Dictionary<string, FeedField>(StringComparer.OrdinalIgnoreCase)
    {
        ["ChainId"] = FeedField.ChainId, ["SubChainId"] = FeedField.SubChainId, ["StoreId"] = FeedField.StoreId,
        ["BikoretNo"] = FeedField.BikoretNo, ["ChainName"] = FeedField.ChainName, ["SubChainName"] = FeedField.SubChainName,
        ["LastUpdateDate"] = FeedField.LastUpdateDate, ["LastUpdateTime"] = FeedField.LastUpdateTime,
        ["StoreType"] = FeedField.StoreType, ["StoreName"] = FeedField.StoreName, ["Address"] = FeedField.Address,
        ["City"] = FeedField.City, ["ZipCode"] = FeedField.ZipCode, ["Latitude"] = FeedField.Latitude, ["Longitude"] = FeedField.Longitude,
        ["XmlDocVersion"] = FeedField.XmlDocVersion,

        ["PriceUpdateDate"] = FeedField.PriceUpdateDate, ["PriceUpdateTime"] = FeedField.PriceUpdateDate,
        ["ItemCode"] = FeedField.ItemCode, ["ItemType"] = FeedField.ItemType,
        ["ItemName"] = FeedField.ItemName, ["ItemNm"] = FeedField.ItemName,
        ["ManufacturerName"] = FeedField.Manufacturer, ["ManufactureName"] = FeedField.Manufacturer,
        ["ManufactureCountry"] = FeedField.ManufactureCountry, ["ManufacturerCountry"] = FeedField.ManufactureCountry,
        ["ManufacturerItemDescription"] = FeedField.Description, ["ManufactureItemDescription"] = FeedField.Description,
        ["UnitQty"] = FeedField.UnitQty, ["Quantity"] = FeedField.Quantity,
        ["UnitOfMeasure"] = FeedField.UnitOfMeasure, ["UnitMeasure"] = FeedField.UnitOfMeasure,
        ["bIsWeighted"] = FeedField.IsWeighted, ["blsWeighted"] = FeedField.IsWeighted,
        ["QtyInPackage"] = FeedField.QtyInPackage, ["ItemPrice"] = FeedField.ItemPrice,
        ["UnitOfMeasurePrice"] = FeedField.UnitOfMeasurePrice, ["AllowDiscount"] = FeedField.AllowDiscount,
        ["ItemStatus"] = FeedField.ItemStatus,

        ["PromotionId"] = FeedField.PromotionId, ["PromotionDescription"] = FeedField.PromotionDescription,
        ["PromotionUpdateDate"] = FeedField.PromotionUpdateDate, ["PromotionUpdateTime"] = FeedField.PromotionUpdateDate,
        ["PromotionStartDate"] = FeedField.PromotionStartDate, ["PromotionStartHour"] = FeedField.PromotionStartHour,
        ["PromotionEndDate"] = FeedField.PromotionEndDate, ["PromotionEndHour"] = FeedField.PromotionEndHour,
        ["PromotionStartDateTime"] = FeedField.PromotionStartDateTime, ["PromotionEndDateTime"] = FeedField.PromotionEndDateTime,
        ["RewardType"] = FeedField.RewardType, ["AllowMultipleDiscounts"] = FeedField.AllowMultipleDiscounts,
        ["IsWeightedPromo"] = FeedField.IsWeightedPromo, ["MinQty"] = FeedField.MinQty, ["MaxQty"] = FeedField.MaxQty,
        ["DiscountedPrice"] = FeedField.DiscountedPrice, ["DiscountedPricePerMida"] = FeedField.DiscountedPricePerMida,
        ["DiscountRate"] = FeedField.DiscountRate, ["DiscountType"] = FeedField.DiscountType,
        ["MinPurchaseAmnt"] = FeedField.MinPurchaseAmount, ["MinPurchaseAmount"] = FeedField.MinPurchaseAmount,
        ["IsGiftItem"] = FeedField.IsGiftItem, ["ClubId"] = FeedField.ClubId,

        ["Item"] = FeedField.Item, ["Product"] = FeedField.Product, ["Line"] = FeedField.Line,
        ["Promotion"] = FeedField.Promotion, ["Sale"] = FeedField.Sale, ["Store"] = FeedField.Store, ["Branch"] = FeedField.Branch,
        ["PromotionItem"] = FeedField.PromotionItem, ["PromotionItems"] = FeedField.PromotionItems,
        ["Clubs"] = FeedField.Clubs, ["Group"] = FeedField.Group,
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    private readonly Dictionary<string, FeedField> seen = new(ReferenceEqualityComparer.Instance);
    private string? lastName;
    private FeedField lastField;

    public FeedField Of(string localName)
    {
        if (ReferenceEquals(localName, lastName))
        {
            return lastField;
        }

        if (!seen.TryGetValue(localName, out var field))
        {
            field = Aliases.GetValueOrDefault(localName);
            seen[localName] = field;
        }

        lastName = localName;
        lastField = field;
        return field;
    }
}
