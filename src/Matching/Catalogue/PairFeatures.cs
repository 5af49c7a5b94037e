using Gogobe.Matching.Text;

namespace Gogobe.Matching.Catalogue;

/// <summary>The numbers the model decides on for a pair of offers: how alike their names, sizes, makers and prices are.</summary>
public static class PairFeatures
{
    public const int Count = 20;

    /// <summary>Index of the names' trigram similarity.</summary>
    public const int NameTrigrams = 0;

    /// <summary>Index of the names' shared words weighted by rarity.</summary>
    public const int WeightedWords = 3;

    public static float[] Of(OfferProfile a, OfferProfile b, WordIndex weights)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        ArgumentNullException.ThrowIfNull(weights);
        var shared = a.Words.Where(b.Has).ToList();
        var sharedCount = Math.Min(shared.Count, b.Words.Count(a.Has));
        var sharedWeight = shared.Sum(weights.Weight);
        var weightA = a.Words.Sum(weights.Weight);
        var weightB = b.Words.Sum(weights.Weight);
        var union = a.Words.Length + b.Words.Length - sharedCount;
        var unmatchedA = weightA <= 0 ? 0 : 1 - (sharedWeight / weightA);
        var unmatchedB = weightB <= 0 ? 0 : 1 - (b.Words.Where(a.Has).Sum(weights.Weight) / weightB);
        return
        [
            Trigrams.Jaccard(a.Trigrams, b.Trigrams),
            union <= 0 ? 0 : (float)sharedCount / union,
            Math.Min(a.Words.Length, b.Words.Length) == 0 ? 0 : (float)sharedCount / Math.Min(a.Words.Length, b.Words.Length),
            weightA <= 0 || weightB <= 0 ? 0 : Math.Min(1, sharedWeight / MathF.Sqrt(weightA * weightB)),
            Numbers(a.Numbers, b.Numbers),
            SizeAgreement(a, b),
            a.MakerTrigrams.Length == 0 || b.MakerTrigrams.Length == 0 ? -1 : Trigrams.Jaccard(a.MakerTrigrams, b.MakerTrigrams),
            a.Offer.Price > 0 && b.Offer.Price > 0 ? (float)Math.Abs(Math.Log((double)(a.Offer.Price / b.Offer.Price))) : -1,
            a.IsWeighted == b.IsWeighted ? 1 : 0,
            a.Words.Length > 0 && b.Words.Length > 0 && a.Words[0] == b.Words[0] ? 1 : 0,
            Math.Max(a.Folded.Length, b.Folded.Length) == 0 ? 0 : (float)Math.Min(a.Folded.Length, b.Folded.Length) / Math.Max(a.Folded.Length, b.Folded.Length),
            CommonStart(a.Folded, b.Folded),
            a.Offer.ChainId == b.Offer.ChainId ? 1 : 0,
            Math.Min(unmatchedA, unmatchedB),
            Math.Max(unmatchedA, unmatchedB),
            Math.Min(RarestMissing(a, b, weights), RarestMissing(b, a, weights)),
            Trigrams.Jaccard(a.StartTrigrams, b.StartTrigrams),
            Math.Max(Covered(a, b), Covered(b, a)),
            Math.Min(a.NameLength, b.NameLength),
            Math.Max(a.NameLength, b.NameLength),
        ];
    }

    /// <summary>The weight of the rarest word of <paramref name="a"/> that <paramref name="b"/> lacks (a flavour, a variant); 0 when none.</summary>
    private static float RarestMissing(OfferProfile a, OfferProfile b, WordIndex weights)
    {
        var rarest = 0f;
        foreach (var word in a.Words)
        {
            if (!b.Has(word))
            {
                rarest = Math.Max(rarest, weights.Weight(word));
            }
        }

        return rarest;
    }

    /// <summary>
    /// The share of <paramref name="a"/>'s words that <paramref name="b"/> has; the last word of a name that may be cut
    /// (<see cref="OfferProfile.StartLength"/>) counts when it starts one of <paramref name="b"/>'s words.
    /// </summary>
    private static float Covered(OfferProfile a, OfferProfile b)
    {
        if (a.Words.Length == 0)
        {
            return 0;
        }

        var covered = a.Words.Count(b.Has);
        var last = a.Words[^1];
        if (a.NameLength >= OfferProfile.StartLength - 1 && !b.Has(last) && b.Words.Any(w => w.Length > last.Length && w.StartsWith(last, StringComparison.Ordinal)))
        {
            covered++;
        }

        return (float)covered / a.Words.Length;
    }

    /// <summary>1 when the sizes agree, -1 when they contradict, 0.5 when both are known but not comparable, 0 when one is unknown.</summary>
    private static float SizeAgreement(OfferProfile a, OfferProfile b) =>
        !a.Size.IsKnown || !b.Size.IsKnown ? 0
        : a.Size.SameAmount(b.Size) ? 1
        : a.Size.Contradicts(b.Size) ? -1
        : 0.5f;

    /// <summary>Jaccard of the numbers in both names; -1 when neither has any.</summary>
    private static float Numbers(string[] a, string[] b)
    {
        if (a.Length == 0 && b.Length == 0)
        {
            return -1;
        }

        var shared = a.Intersect(b, StringComparer.Ordinal).Count();
        return (float)shared / (a.Length + b.Length - shared);
    }

    /// <summary>The share of the shorter name both names start with (names cut at 20 characters).</summary>
    private static float CommonStart(string a, string b)
    {
        var shorter = Math.Min(a.Length, b.Length);
        var i = 0;
        while (i < shorter && a[i] == b[i])
        {
            i++;
        }

        return shorter == 0 ? 0 : (float)i / shorter;
    }
}
