using System.Globalization;

namespace Gogobe.Synthetic;

internal sealed partial class LayoutWriter
{
    private int PromotionCount => Math.Max(1, chain.Catalog.Length / 25);

    /// <summary>Writes a PromoFull (every running promotion) or a Promo delta; returns (promotions, promotion item rows).</summary>
    public (int Promotions, int Rows) WritePromotions(TextWriter writer, SyntheticStore store, int day, bool full)
    {
        var xml = new FeedXmlWriter(writer);
        StoreHeader(xml, store, promotions: true);
        var chosen = Enumerable.Range(0, PromotionCount).Where(k => full || Draw(12, ((ulong)store.Id << 16) | (uint)day, (ulong)k) % 100 < 5).ToList();
        var rows = 0;
        if (Layout == 'D')
        {
            xml.Open("Sales");
        }
        else
        {
            xml.Open("Promotions", Layout is 'A' or 'B' ? $"Count=\"{chosen.Count}\"" : Layout == 'C' ? $"count=\"{chosen.Count}\"" : null);
        }

        foreach (var k in chosen)
        {
            rows += WritePromotion(xml, store, day, k);
        }

        xml.Close(Layout == 'D' ? "Sales" : "Promotions");
        xml.Close(RootName(promotions: true));
        return (chosen.Count, rows);
    }

    private int WritePromotion(FeedXmlWriter xml, SyntheticStore store, int day, int k)
    {
        var r = Draw(13, (ulong)k, 0);
        var count = 1 + (int)(r % 12);
        var first = (int)(r / 13 % (ulong)chain.Catalog.Length);
        count = Math.Min(count, chain.Catalog.Length);
        var minQty = 1 + (int)(r / 7 % 3);
        var clubOnly = r / 11 % 10 == 0;
        var lead = chain.Catalog[first];
        var discounted = Math.Max(1m, Math.Round(lead.BasePrice * minQty * 0.8m, 1) - 0.10m);
        var id = (100_000 + (k * 7)).ToString(CultureInfo.InvariantCulture);
        var description = $"{lead.Name} {minQty} ב-{discounted.ToString("0.00", CultureInfo.InvariantCulture)}";
        var start = Day(0).AddDays(-(double)(r % 30));
        var end = Day(options.Days).AddDays(30).AddMinutes(-1);
        var updated = Day(day).AddHours(-(double)(r % 48));
        if (Layout == 'D')
        {
            for (var j = 0; j < count; j++)
            {
                var item = chain.Catalog[(first + j) % chain.Catalog.Length];
                xml.Open("Sale");
                xml.Leaf("ItemCode", item.Code);
                xml.Leaf("ItemType", item.IsInternal ? 0 : 1);
                xml.Leaf("IsWeightedPromo", item.IsWeighted ? 1 : 0);
                xml.Leaf("PromotionID", id);
                xml.Leaf("PromotionDescription", description);
                xml.Leaf("PromotionUpdateDate", Date(updated, 'D'));
                xml.Leaf("PromotionStartDate", start.ToString("yyyy/MM/dd", CultureInfo.InvariantCulture));
                xml.Leaf("PromotionStartHour", "00:00");
                xml.Leaf("PromotionEndDate", end.ToString("yyyy/MM/dd", CultureInfo.InvariantCulture));
                xml.Leaf("PromotionEndHour", "23:59");
                xml.Leaf("RewardType", 1);
                xml.Leaf("AllowMultipleDiscounts", 0);
                xml.Leaf("MinQty", minQty);
                xml.Leaf("MaxQty", 0);
                xml.Leaf("DiscountedPrice", discounted);
                xml.Leaf("DiscountedPricePerMida", discounted / minQty);
                xml.Leaf("ClubID", clubOnly ? "3" : "0");
                xml.Close("Sale");
            }

            return count;
        }

        xml.Open("Promotion");
        if (Layout == 'F')
        {
            WriteUnifiedPromotion(xml, id, description, start, end, updated, clubOnly, first, count, minQty, discounted);
        }
        else
        {
            WriteClassicPromotion(xml, id, description, start, end, updated, clubOnly, first, count, minQty, discounted);
        }

        xml.Close("Promotion");
        return count;
    }

    private void WriteClassicPromotion(
        FeedXmlWriter xml, string id, string description, DateTime start, DateTime end, DateTime updated, bool clubOnly,
        int first, int count, int minQty, decimal discounted)
    {
        xml.Leaf("PromotionId", id);
        xml.Leaf("PromotionDescription", description);
        xml.Leaf("PromotionUpdateDate", updated.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture));
        xml.Leaf("PromotionStartDate", start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        xml.Leaf("PromotionStartHour", "00:00:00");
        xml.Leaf("PromotionEndDate", end.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        xml.Leaf("PromotionEndHour", "23:59:00");
        xml.Leaf("RewardType", 1);
        if (Layout == 'C')
        {
            xml.Leaf("DiscountType", 1);
            xml.Leaf("DiscountRate", 0m);
        }

        xml.Leaf("AllowMultipleDiscounts", 1);
        xml.Leaf("IsWeightedPromo", 0);
        xml.Leaf("MinQty", minQty);
        if (Layout == 'C')
        {
            xml.Leaf("MaxQty", 0);
        }

        xml.Leaf("DiscountedPrice", discounted);
        xml.Leaf("DiscountedPricePerMida", discounted / minQty);
        xml.Leaf("MinNoOfItemOfered", 10);
        xml.Open("AdditionalRestrictions");
        xml.Leaf("AdditionalIsCoupon", 0);
        xml.Leaf("AdditionalGiftCount", 0);
        xml.Leaf("AdditionalIsTotal", 0);
        xml.Leaf("AdditionalIsActive", 1);
        xml.Close("AdditionalRestrictions");
        xml.Open("PromotionItems", Layout == 'C' ? $"count=\"{count}\"" : null);
        for (var j = 0; j < count; j++)
        {
            var item = chain.Catalog[(first + j) % chain.Catalog.Length];
            xml.Open("Item");
            xml.Leaf("ItemCode", item.Code);
            xml.Leaf("ItemType", item.IsInternal ? 0 : 1);
            xml.Leaf("IsGiftItem", 0);
            xml.Close("Item");
        }

        xml.Close("PromotionItems");
        xml.Open("Clubs");
        xml.Leaf("ClubId", clubOnly ? "3" : "0");
        xml.Close("Clubs");
        if (Layout == 'C')
        {
            xml.Leaf("Remarks", (string?)null);
            xml.Leaf("MinPurchaseAmnt", 0);
        }
    }

    private void WriteUnifiedPromotion(
        FeedXmlWriter xml, string id, string description, DateTime start, DateTime end, DateTime updated, bool clubOnly,
        int first, int count, int minQty, decimal discounted)
    {
        xml.Leaf("PromotionUpdateTime", Date(updated, 'F'));
        xml.Leaf("AllowMultipleDiscounts", 1);
        xml.Leaf("PromotionID", id.PadLeft(10, '0'));
        xml.Leaf("PromotionDescription", description);
        xml.Leaf("PromotionStartDateTime", Date(start, 'F'));
        xml.Leaf("PromotionEndDateTime", Date(end, 'F'));
        xml.Leaf("PromotionStartHour", (string?)null);
        xml.Leaf("PromotionEndHour", (string?)null);
        xml.Leaf("PromotionDays", (string?)null);
        xml.Leaf("RedemptionLimit", 0);
        xml.Leaf("MinNoOfItemOffered", 10);
        xml.Leaf("ClubID", clubOnly ? "3 - מועדון לקוחות" : "0 - כלל הלקוחות");
        xml.Leaf("AdditionalIsCoupon", 0);
        xml.Open("Groups");
        xml.Open("Group");
        xml.Leaf("GroupID", 1);
        xml.Leaf("MinPurchaseAmount", 0m);
        xml.Leaf("DiscountType", (string?)null);
        xml.Open("PromotionItems");
        for (var j = 0; j < count; j++)
        {
            var item = chain.Catalog[(first + j) % chain.Catalog.Length];
            xml.Open("PromotionItem");
            xml.Leaf("ItemCode", item.Code);
            xml.Leaf("ItemType", item.IsInternal ? 0 : 1);
            xml.Leaf("RewardType", 10);
            xml.Leaf("MinQty", minQty, "0.000");
            xml.Leaf("MaxQty", 9);
            xml.Leaf("DiscountRate", 20m);
            xml.Leaf("DiscountedPrice", discounted);
            xml.Leaf("DiscountedPricePerMida", discounted / minQty, "0.000");
            xml.Leaf("bIsWeighted", item.IsWeighted ? 1 : 0);
            xml.Close("PromotionItem");
        }

        xml.Close("PromotionItems");
        xml.Close("Group");
        xml.Close("Groups");
    }
}
