namespace Gogobe.Feeds.Xml;

/// <summary>Every element the reader understands, aliases folded together.</summary>
internal enum FeedField : byte
{
    None,

    // Header and store fields.
    ChainId, SubChainId, StoreId, BikoretNo, ChainName, SubChainName, LastUpdateDate, LastUpdateTime,
    StoreType, StoreName, Address, City, ZipCode, Latitude, Longitude, XmlDocVersion,

    // Price fields.
    PriceUpdateDate, ItemCode, ItemType, ItemName, Manufacturer, ManufactureCountry, Description, UnitQty, Quantity,
    UnitOfMeasure, IsWeighted, QtyInPackage, ItemPrice, UnitOfMeasurePrice, AllowDiscount, ItemStatus,

    // Promotion fields.
    PromotionId, PromotionDescription, PromotionUpdateDate, PromotionStartDate, PromotionStartHour, PromotionEndDate,
    PromotionEndHour, PromotionStartDateTime, PromotionEndDateTime, RewardType, AllowMultipleDiscounts, IsWeightedPromo,
    MinQty, MaxQty, DiscountedPrice, DiscountedPricePerMida, DiscountRate, DiscountType, MinPurchaseAmount, IsGiftItem, ClubId,

    // Structure: records and the lists inside them.
    Count,
    Item, Product, Line, Promotion, Sale, Store, Branch, PromotionItem,
    PromotionItems, Clubs, Group,
}
