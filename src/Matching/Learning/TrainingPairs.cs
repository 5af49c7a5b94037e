using Gogobe.Matching.Catalogue;

namespace Gogobe.Matching.Learning;

/// <summary>
/// Labelled pairs from the barcodes the chains share: for an offer of a shared GTIN, the candidates proposed for it
/// (<see cref="Candidates"/>) of the same master product (by default the same GTIN) are one product, those of other
/// master products (its near neighbours) are not. Pairs the guard rails forbid are never proposed: the model never
/// decides them.
/// </summary>
public static class TrainingPairs
{
    public const int QueriesPerBarcode = 3;
    public const int NegativesPerQuery = 8;

    /// <param name="shared">Offers of each training barcode sold by two or more chains.</param>
    /// <param name="alone">Offers of training barcodes sold by one chain: their candidates are negatives only.</param>
    /// <param name="admit">Offers that may be candidates (not those of held-out barcodes).</param>
    /// <param name="masterOf">The master product of an offer with a barcode; by default the barcode itself.</param>
    public static List<PairRow> Build(
        WordIndex index,
        IEnumerable<IReadOnlyList<OfferProfile>> shared,
        IEnumerable<OfferProfile> alone,
        Func<OfferProfile, bool> admit,
        int candidates,
        Func<OfferProfile, string?>? masterOf = null)
    {
        var same = masterOf ?? (o => o.Barcode);
        return Propose(index, shared, alone, admit, candidates).SelectMany(q => Rows(q, same)).ToList();
    }

    /// <summary>Each training offer with its candidates.</summary>
    internal static List<(OfferProfile Query, List<(OfferProfile Member, float[] Features)> Proposals)> Propose(
        WordIndex index,
        IEnumerable<IReadOnlyList<OfferProfile>> shared,
        IEnumerable<OfferProfile> alone,
        Func<OfferProfile, bool> admit,
        int candidates)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(shared);
        ArgumentNullException.ThrowIfNull(alone);
        ArgumentNullException.ThrowIfNull(admit);
        return shared.SelectMany(members => members.Take(QueriesPerBarcode)).Concat(alone)
            .Select(query => (query, Candidates.Propose(index, query, o => !ReferenceEquals(o, query) && admit(o), candidates)))
            .ToList();
    }

    /// <summary>The pairs of one training offer: every candidate of its master product, and its nearest others.</summary>
    internal static IEnumerable<PairRow> Rows(
        (OfferProfile Query, List<(OfferProfile Member, float[] Features)> Proposals) query,
        Func<OfferProfile, string?> masterOf)
    {
        var master = masterOf(query.Query);
        var negatives = 0;
        foreach (var (member, features) in query.Proposals)
        {
            var same = master is not null && masterOf(member) == master;
            if (same || negatives++ < NegativesPerQuery)
            {
                yield return new PairRow { Features = features, Label = same };
            }
        }
    }
}
