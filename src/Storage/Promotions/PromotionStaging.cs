using Gogobe.Storage.Sql;
using Npgsql;

namespace Gogobe.Storage.Promotions;

/// <summary>Binary COPY of a file's promotions and their items into the transaction's staging tables.</summary>
internal static class PromotionStaging
{
    public static async Task StageAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyCollection<StoredPromotion> promotions, CancellationToken cancellationToken)
    {
        await BinaryCopy.CreateStageAsync(connection, transaction, PromotionSql.CreateStage, cancellationToken);
        await BinaryCopy.LoadAsync(connection, PromotionSql.CopyHeaders, promotions, static (headers, p) =>
        {
            headers.WriteText(p.PromotionId);
            headers.WriteText(p.Description);
            headers.WriteInstant(p.StartsAt);
            headers.WriteInstant(p.EndsAt);
            headers.WriteInteger(p.RewardType);
            headers.WriteBoolean(p.IsClubOnly);
            headers.WriteTextArray(p.ClubIds);
            headers.WriteNumeric(p.MinQuantity);
            headers.WriteNumeric(p.MaxQuantity);
            headers.WriteNumeric(p.DiscountedPrice);
            headers.WriteNumeric(p.DiscountedPricePerUnit);
            headers.WriteNumeric(p.DiscountRate);
            headers.WriteInteger(p.DiscountType);
            headers.WriteNumeric(p.MinPurchaseAmount);
            headers.WriteBoolean(p.AllowMultipleDiscounts);
            headers.WriteBoolean(p.IsWeighted);
            headers.WriteInstant(p.UpdatedAt);
        }, cancellationToken);

        var items = promotions.SelectMany(p => p.Items, (p, item) => (p.PromotionId, Item: item));
        await BinaryCopy.LoadAsync(connection, PromotionSql.CopyItems, items, static (copy, row) =>
        {
            copy.WriteText(row.PromotionId);
            copy.WriteText(row.Item.ProductKey);
            copy.WriteBoolean(row.Item.IsGift);
            copy.WriteInteger(row.Item.RewardType);
            copy.WriteNumeric(row.Item.MinQuantity);
            copy.WriteNumeric(row.Item.MaxQuantity);
            copy.WriteNumeric(row.Item.DiscountedPrice);
            copy.WriteNumeric(row.Item.DiscountRate);
        }, cancellationToken);

        await using var analyze = new NpgsqlCommand(PromotionSql.AnalyzeStage, connection, transaction);
        await analyze.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// One promotion per id and one item per product within it, the last listed winning, so each stored row is
    /// written once.
    /// </summary>
    public static IReadOnlyCollection<StoredPromotion> Distinct(IReadOnlyList<StoredPromotion> promotions)
    {
        var byId = new Dictionary<string, StoredPromotion>(promotions.Count, StringComparer.Ordinal);
        foreach (var promotion in promotions)
        {
            byId[promotion.PromotionId] = promotion with { Items = DistinctItems(promotion.Items) };
        }

        return byId.Values;
    }

    private static IReadOnlyList<StoredPromotionItem> DistinctItems(IReadOnlyList<StoredPromotionItem> items)
    {
        var byKey = new Dictionary<string, StoredPromotionItem>(items.Count, StringComparer.Ordinal);
        foreach (var item in items)
        {
            byKey[item.ProductKey] = item;
        }

        return byKey.Count == items.Count ? items : [.. byKey.Values];
    }
}
