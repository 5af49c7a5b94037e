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
                await headers.StartRowAsync(cancellationToken);
                await headers.WriteTextAsync(p.PromotionId, cancellationToken);
                await headers.WriteTextAsync(p.Description, cancellationToken);
                await headers.WriteInstantAsync(p.StartsAt, cancellationToken);
                await headers.WriteInstantAsync(p.EndsAt, cancellationToken);
                await headers.WriteIntegerAsync(p.RewardType, cancellationToken);
                await headers.WriteBooleanAsync(p.IsClubOnly, cancellationToken);
                await headers.WriteTextArrayAsync(p.ClubIds, cancellationToken);
                await headers.WriteNumericAsync(p.MinQuantity, cancellationToken);
                await headers.WriteNumericAsync(p.MaxQuantity, cancellationToken);
                await headers.WriteNumericAsync(p.DiscountedPrice, cancellationToken);
                await headers.WriteNumericAsync(p.DiscountedPricePerUnit, cancellationToken);
                await headers.WriteNumericAsync(p.DiscountRate, cancellationToken);
                await headers.WriteIntegerAsync(p.DiscountType, cancellationToken);
                await headers.WriteNumericAsync(p.MinPurchaseAmount, cancellationToken);
                await headers.WriteBooleanAsync(p.AllowMultipleDiscounts, cancellationToken);
                await headers.WriteBooleanAsync(p.IsWeighted, cancellationToken);
                await headers.WriteInstantAsync(p.UpdatedAt, cancellationToken);
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
                await items.StartRowAsync(cancellationToken);
                await items.WriteTextAsync(p.PromotionId, cancellationToken);
                await items.WriteTextAsync(item.ProductKey, cancellationToken);
                await items.WriteBooleanAsync(item.IsGift, cancellationToken);
                await items.WriteIntegerAsync(item.RewardType, cancellationToken);
                await items.WriteNumericAsync(item.MinQuantity, cancellationToken);
                await items.WriteNumericAsync(item.MaxQuantity, cancellationToken);
                await items.WriteNumericAsync(item.DiscountedPrice, cancellationToken);
                await items.WriteNumericAsync(item.DiscountRate, cancellationToken);
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
