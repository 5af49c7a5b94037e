using Gogobe.Storage.Promotions;

namespace Gogobe.Grains.Promotions;

/// <summary>
/// What a promotion file changes in the promotions a store holds: how many promotions it adds or changes, how many it
/// removes, and the products whose offers may differ (the items that appear, disappear or change, or every item of a
/// promotion whose terms change).
/// </summary>
internal sealed record PromotionDiff(int Changed, int Removed, IReadOnlyCollection<string> ProductKeys)
{
    private static readonly string[] NoClubs = [];
    private static readonly StoredPromotionItem[] NoItems = [];

    /// <param name="held">The promotions before the file, by id.</param>
    /// <param name="listed">The file's promotions, one per id.</param>
    /// <param name="removesUnlisted">A full file: held promotions it does not list are removed.</param>
    public static PromotionDiff Between(IReadOnlyDictionary<string, StoredPromotion> held, IReadOnlyList<StoredPromotion> listed, bool removesUnlisted)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        var changed = 0;
        foreach (var promotion in listed)
        {
            if (AddAffected(keys, held.GetValueOrDefault(promotion.PromotionId), promotion))
            {
                changed++;
            }
        }

        var removed = 0;
        if (removesUnlisted)
        {
            var ids = listed.Select(p => p.PromotionId).ToHashSet(StringComparer.Ordinal);
            foreach (var gone in held.Values.Where(p => !ids.Contains(p.PromotionId)))
            {
                removed++;
                keys.UnionWith(gone.Items.Select(i => i.ProductKey));
            }
        }

        return new PromotionDiff(changed, removed, keys);
    }

    /// <summary>Adds the products whose offers differ between the two versions; true when the promotion differs at all.</summary>
    private static bool AddAffected(HashSet<string> keys, StoredPromotion? before, StoredPromotion after)
    {
        if (before is null || !SameTerms(before, after))
        {
            keys.UnionWith(after.Items.Select(i => i.ProductKey));
            if (before is not null)
            {
                keys.UnionWith(before.Items.Select(i => i.ProductKey));
            }

            return true;
        }

        var items = before.Items.ToHashSet();
        items.SymmetricExceptWith(after.Items);
        keys.UnionWith(items.Select(i => i.ProductKey));
        return items.Count > 0;
    }

    private static bool SameTerms(StoredPromotion a, StoredPromotion b) =>
        WithoutLists(a) == WithoutLists(b) && a.ClubIds.SequenceEqual(b.ClubIds, StringComparer.Ordinal);

    /// <summary>The promotion's scalar terms: record equality compares lists by reference.</summary>
    private static StoredPromotion WithoutLists(StoredPromotion p) => p with { ClubIds = NoClubs, Items = NoItems };
}
