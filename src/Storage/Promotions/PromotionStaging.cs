using Gogobe.Storage.Sql;
using Npgsql;

namespace Gogobe.Storage.Promotions;

/// <summary>Binary COPY of a file's promotions and their items into the transaction's staging tables.</summary>
internal static class PromotionStaging
{
    public static async Task StageAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyCollection<StoredPromotion> promotions, CancellationToken cancellationToken)
    {
        await using (var create = new NpgsqlCommand(PromotionSql.CreateStage, connection, transaction))
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var headers = await connection.BeginBinaryImportAsync(PromotionSql.CopyHeaders, cancellationToken))
        {
            foreach (var p in promotions)
            {
                headers.StartRow();
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
            }

            await headers.CompleteAsync(cancellationToken);
        }

        await CopyItemsAsync(connection, promotions, cancellationToken);
        await using var analyze = new NpgsqlCommand(PromotionSql.AnalyzeStage, connection, transaction);
        await analyze.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task CopyItemsAsync(NpgsqlConnection connection, IReadOnlyCollection<StoredPromotion> promotions, CancellationToken cancellationToken)
    {
        await using var items = await connection.BeginBinaryImportAsync(PromotionSql.CopyItems, cancellationToken);
        foreach (var p in promotions)
        {
            foreach (var item in p.Items)
            {
                items.StartRow();
                items.WriteText(p.PromotionId);
                items.WriteText(item.ProductKey);
                items.WriteBoolean(item.IsGift);
                items.WriteInteger(item.RewardType);
                items.WriteNumeric(item.MinQuantity);
                items.WriteNumeric(item.MaxQuantity);
                items.WriteNumeric(item.DiscountedPrice);
                items.WriteNumeric(item.DiscountRate);
            }
        }

        await items.CompleteAsync(cancellationToken);
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
