namespace Gogobe.Matching.Catalogue;

/// <summary>
/// One product under several barcodes: barcodes that one chain sells under one identical name (not cut short), size,
/// maker and weighing are one product (the chain itself cannot tell them apart on the shelf label or the receipt), and
/// so are all barcodes linked through such chains. A name is cut when its chain cuts names (many of its names stop at
/// the same, longest length) and it reaches that length.
/// </summary>
public static class BarcodeGroups
{
    /// <summary>A chain cuts names when at least this share of its names has its longest length.</summary>
    public const double CutShare = 0.05;

    /// <summary>The group of every barcode that shares a group with another: barcode to the group's smallest barcode.</summary>
    public static Dictionary<string, string> Of(IReadOnlyCollection<OfferProfile> offers)
    {
        ArgumentNullException.ThrowIfNull(offers);
        var cut = offers.GroupBy(o => o.Offer.ChainId).ToDictionary(g => g.Key, CutLength, StringComparer.Ordinal);
        var parent = new Dictionary<string, string>(StringComparer.Ordinal);
        var named = offers
            .Where(o => o.Barcode is not null && o.Size.IsKnown && o.Offer.Name.Trim().Length < cut[o.Offer.ChainId])
            .GroupBy(o => (o.Offer.ChainId, o.Folded, Maker: Text.NameText.Fold(o.Offer.Manufacturer), o.Size, o.IsWeighted));
        foreach (var same in named)
        {
            var first = same.First().Barcode!;
            foreach (var offer in same.Skip(1))
            {
                Join(parent, first, offer.Barcode!);
            }
        }

        return parent.Keys.ToList().ToDictionary(b => b, b => Root(parent, b), StringComparer.Ordinal);
    }

    /// <summary>The length from which a chain's names may be cut (its longest, less one for a trimmed space); unbounded when it cuts none.</summary>
    internal static int CutLength(IEnumerable<OfferProfile> chain)
    {
        var lengths = chain.Select(o => o.Offer.Name.Trim().Length).ToList();
        var longest = lengths.Count == 0 ? 0 : lengths.Max();
        return lengths.Count(l => l == longest) >= CutShare * lengths.Count ? longest - 1 : int.MaxValue;
    }

    private static void Join(Dictionary<string, string> parent, string a, string b)
    {
        var (ra, rb) = (Root(parent, a), Root(parent, b));
        if (ra != rb)
        {
            (ra, rb) = string.CompareOrdinal(ra, rb) < 0 ? (ra, rb) : (rb, ra);
            parent[rb] = ra;
        }
    }

    private static string Root(Dictionary<string, string> parent, string barcode)
    {
        parent.TryAdd(barcode, barcode);
        while (parent[barcode] != barcode)
        {
            parent[barcode] = parent[parent[barcode]];
            barcode = parent[barcode];
        }

        return barcode;
    }
}
