using Gogobe.Matching.Catalogue;

namespace Gogobe.Matching.Learning;

/// <summary>
/// Labelled pairs from the barcodes the chains share: for an offer of a shared GTIN, the candidates proposed for it
/// (<see cref="Candidates"/>) under the same GTIN are one product, those under other barcodes (its near neighbours) are
/// not. Pairs the guard rails forbid are never proposed: the model never decides them.
/// </summary>
public static class TrainingPairs
{
    public const int QueriesPerBarcode = 3;
    public const int NegativesPerQuery = 8;

    /// <param name="shared">Offers of each training barcode sold by two or more chains.</param>
    /// <param name="alone">Offers of training barcodes sold by one chain: their candidates are negatives only.</param>
    /// <param name="admit">Offers that may be candidates (not those of held-out barcodes).</param>
    public static List<PairRow> Build(
        WordIndex index,
        IEnumerable<IReadOnlyList<OfferProfile>> shared,
        IEnumerable<OfferProfile> alone,
        Func<OfferProfile, bool> admit,
        int candidates)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(shared);
        ArgumentNullException.ThrowIfNull(alone);
        var rows = new List<PairRow>();
        foreach (var query in shared.SelectMany(members => members.Take(QueriesPerBarcode)).Concat(alone))
        {
            var negatives = 0;
            foreach (var (member, features) in Candidates.Propose(index, query, o => !ReferenceEquals(o, query) && admit(o), candidates))
            {
                var same = member.Barcode is not null && member.Barcode == query.Barcode;
                if (same || negatives++ < NegativesPerQuery)
                {
                    rows.Add(new PairRow { Features = features, Label = same });
                }
            }
        }

        return rows;
    }
}
