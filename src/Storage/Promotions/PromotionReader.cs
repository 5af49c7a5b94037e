using Gogobe.Storage.Sql;
using Npgsql;

namespace Gogobe.Storage.Promotions;

/// <summary>Maps promotion rows in the column order of <see cref="PromotionSql"/>'s loads.</summary>
internal static class PromotionReader
{
    public static StoredPromotion ReadHeader(NpgsqlDataReader reader) =>
        new(
            PromotionId: reader.GetString(0),
            Description: reader.GetStringOrNull(1),
            StartsAt: reader.GetInstantOrNull(2),
            EndsAt: reader.GetInstantOrNull(3),
            RewardType: reader.GetInt32OrNull(4),
            IsClubOnly: reader.GetBoolean(5),
            ClubIds: reader.GetFieldValue<string[]>(6),
            MinQuantity: reader.GetDecimalOrNull(7),
            MaxQuantity: reader.GetDecimalOrNull(8),
            DiscountedPrice: reader.GetDecimalOrNull(9),
            DiscountedPricePerUnit: reader.GetDecimalOrNull(10),
            DiscountRate: reader.GetDecimalOrNull(11),
            DiscountType: reader.GetInt32OrNull(12),
            MinPurchaseAmount: reader.GetDecimalOrNull(13),
            AllowMultipleDiscounts: reader.GetBoolean(14),
            IsWeighted: reader.GetBoolean(15),
            UpdatedAt: reader.GetInstantOrNull(16),
            Items: []);

    public static StoredPromotionItem ReadItem(NpgsqlDataReader reader, int first) =>
        new(
            ProductKey: reader.GetString(first),
            IsGift: reader.GetBoolean(first + 1),
            RewardType: reader.GetInt32OrNull(first + 2),
            MinQuantity: reader.GetDecimalOrNull(first + 3),
            MaxQuantity: reader.GetDecimalOrNull(first + 4),
            DiscountedPrice: reader.GetDecimalOrNull(first + 5),
            DiscountRate: reader.GetDecimalOrNull(first + 6));
}
