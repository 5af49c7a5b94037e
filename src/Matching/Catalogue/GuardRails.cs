namespace Gogobe.Matching.Catalogue;

/// <summary>
/// What no score can override: two offers whose sizes contradict (<see cref="Sizes.Size.Contradicts"/>), one weighed
/// and one packaged, packs of different counts, or a pack and a single item of the size of each of its items
/// (<see cref="Sizes.Pack.Contradiction"/>) are never one product. (That a product never joins two master products is kept where the masters
/// are stored: <c>product_masters</c> holds one row per product key.)
/// </summary>
public static class GuardRails
{
    /// <summary>Why the pair can never match, or null when a score may decide.</summary>
    public static string? Forbids(OfferProfile a, OfferProfile b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.IsWeighted != b.IsWeighted)
        {
            return "weighed and packaged";
        }

        if (a.Size.Contradicts(b.Size))
        {
            return $"size {a.Size} and {b.Size}";
        }

        return Sizes.Pack.Contradiction(a.Pack, a.Size, b.Pack, b.Size);
    }
}
