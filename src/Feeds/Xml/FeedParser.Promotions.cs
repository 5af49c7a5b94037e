using Gogobe.Feeds.Model;
using Gogobe.Feeds.Values;

namespace Gogobe.Feeds.Xml;

internal sealed partial class FeedParser
{
    private readonly List<PromotionItem> promotionItems = [];
    private readonly List<string> clubs = [];
    private readonly Dictionary<string, int> saleIndex = new(StringComparer.Ordinal);
    private readonly List<(string?[] Fields, List<PromotionItem> Items, bool AnyWeighted)> saleGroups = [];
    private bool anyItemWeighted;

    private Promotion? ReadPromotion()
    {
        promotionItems.Clear();
        clubs.Clear();
        anyItemWeighted = false;
        ReadFields(slots, promotion: true);
        return BuildPromotion(slots, promotionItems.ToArray(), clubs.ToArray(), anyItemWeighted);
    }

    /// <summary>Handles the lists inside a promotion: its items (layouts A–C, F) and its clubs.</summary>
    private bool OnPromotionChild(FeedField field)
    {
        switch (field)
        {
            case FeedField.Item or FeedField.PromotionItem:
                ReadFields(itemSlots, promotion: false);
                if (BuildPromotionItem(itemSlots) is { } item)
                {
                    promotionItems.Add(item);
                    anyItemWeighted |= FeedNumber.ParseFlag(itemSlots[(int)FeedField.IsWeighted]);
                }

                return true;
            case FeedField.ClubId:
                if (Clean(ReadText()) is { } club)
                {
                    clubs.Add(club);
                }

                return true;
            default:
                return false;
        }
    }

    /// <summary>A Matrix <c>Sale</c> row: one (promotion, item) pair, grouped back by promotion id at the end of the file.</summary>
    private void ReadSale()
    {
        ReadFields(slots, promotion: false);
        var id = Clean(slots[(int)FeedField.PromotionId]);
        if (id is null)
        {
            Tally.Reject(RejectReason.MissingPromotionId);
            return;
        }

        if (!saleIndex.TryGetValue(id, out var index))
        {
            index = saleGroups.Count;
            saleIndex[id] = index;
            saleGroups.Add(((string?[])slots.Clone(), [], false));
        }

        if (BuildPromotionItem(slots) is { } item)
        {
            var group = saleGroups[index];
            group.Items.Add(item);
            if (!group.AnyWeighted && FeedNumber.ParseFlag(slots[(int)FeedField.IsWeighted]))
            {
                saleGroups[index] = group with { AnyWeighted = true };
            }
        }
    }

    private void FlushSales()
    {
        foreach (var (fields, items, anyWeighted) in saleGroups)
        {
            string[] clubIds = Clean(fields[(int)FeedField.ClubId]) is { } club ? [club] : [];
            if (BuildPromotion(fields, items.ToArray(), clubIds, anyWeighted) is { } promotion)
            {
                pending.Enqueue(promotion);
            }
        }

        saleGroups.Clear();
        saleIndex.Clear();
    }

    private Promotion? BuildPromotion(string?[] f, PromotionItem[] items, string[] clubIds, bool anyWeighted)
    {
        var id = Clean(f[(int)FeedField.PromotionId]);
        if (id is null)
        {
            Tally.Reject(RejectReason.MissingPromotionId);
            return null;
        }

        var isClubOnly = false;
        foreach (var club in clubIds)
        {
            isClubOnly |= !IsGeneralClub(club);
        }

        return new Promotion(
            id,
            Clean(f[(int)FeedField.PromotionDescription]),
            IsraelTime.Parse(f[(int)FeedField.PromotionUpdateDate]),
            IsraelTime.Parse(f[(int)FeedField.PromotionStartDateTime])
                ?? IsraelTime.Parse(f[(int)FeedField.PromotionStartDate], f[(int)FeedField.PromotionStartHour]),
            IsraelTime.Parse(f[(int)FeedField.PromotionEndDateTime])
                ?? IsraelTime.Parse(f[(int)FeedField.PromotionEndDate], f[(int)FeedField.PromotionEndHour]),
            FeedNumber.ParseInt(f[(int)FeedField.RewardType]) ?? CommonRewardType(items),
            isClubOnly,
            clubIds,
            FeedNumber.ParsePositive(f[(int)FeedField.MinQty]),
            FeedNumber.ParsePositive(f[(int)FeedField.MaxQty]),
            FeedNumber.ParseDecimal(f[(int)FeedField.DiscountedPrice]),
            FeedNumber.ParseDecimal(f[(int)FeedField.DiscountedPricePerMida]),
            FeedNumber.ParseDecimal(f[(int)FeedField.DiscountRate]),
            FeedNumber.ParseInt(f[(int)FeedField.DiscountType]),
            FeedNumber.ParsePositive(f[(int)FeedField.MinPurchaseAmount]),
            FeedNumber.ParseFlag(f[(int)FeedField.AllowMultipleDiscounts]),
            FeedNumber.ParseFlag(f[(int)FeedField.IsWeightedPromo]) || anyWeighted,
            items);
    }

    private PromotionItem? BuildPromotionItem(string?[] f)
    {
        var code = Clean(f[(int)FeedField.ItemCode]);
        if (code is null)
        {
            Tally.Reject(RejectReason.PromotionItemMissingCode);
            return null;
        }

        var key = FeedIds.KeyOf(ChainId, code, f[(int)FeedField.ItemType], out var isInternal);
        return new PromotionItem(
            key,
            code,
            isInternal,
            FeedNumber.ParseFlag(f[(int)FeedField.IsGiftItem]),
            FeedNumber.ParseInt(f[(int)FeedField.RewardType]),
            FeedNumber.ParsePositive(f[(int)FeedField.MinQty]),
            FeedNumber.ParsePositive(f[(int)FeedField.MaxQty]),
            FeedNumber.ParseDecimal(f[(int)FeedField.DiscountedPrice]),
            FeedNumber.ParseDecimal(f[(int)FeedField.DiscountRate]));
    }

    private static int? CommonRewardType(PromotionItem[] items)
    {
        int? common = null;
        foreach (var item in items)
        {
            if (item.RewardType is not { } type || (common is not null && common != type))
            {
                return null;
            }

            common = type;
        }

        return common;
    }

    /// <summary>The general club: empty, <c>0</c>, or text such as <c>0 - כלל הלקוחות</c> / <c>0=אין</c>.</summary>
    internal static bool IsGeneralClub(string club)
    {
        var text = club.AsSpan().Trim();
        if (text.IsEmpty || text.Contains("כלל", StringComparison.Ordinal))
        {
            return true;
        }

        var digits = 0;
        while (digits < text.Length && char.IsAsciiDigit(text[digits]))
        {
            digits++;
        }

        return digits > 0 && text[..digits].TrimStart('0').IsEmpty;
    }
}
