using Gogobe.Matching.Catalogue;

namespace Gogobe.Matching.Learning;

/// <summary>
/// Trains the matcher for use (not for measuring, see <see cref="Evaluation.MatchEvaluation"/>): on every barcode two or
/// more chains sell, with as many barcodes only one chain sells as negatives.
/// </summary>
public static class CatalogueTraining
{
    public static TrainedMatcher Train(IReadOnlyList<Offer> offers, int seed = 17)
    {
        ArgumentNullException.ThrowIfNull(offers);
        var index = new WordIndex();
        foreach (var offer in offers)
        {
            index.Add(new OfferProfile(offer));
        }

        var profiles = Enumerable.Range(0, index.Count).Select(i => index[i]).ToList();
        static string MasterOf(OfferProfile p) => p.Barcode ?? p.Offer.Key;
        var byBarcode = profiles.Where(p => p.Barcode is not null).GroupBy(p => p.Barcode!, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => (IReadOnlyList<OfferProfile>)g.ToList()).ToList();
        var shared = byBarcode.Where(g => g.Select(p => p.Offer.ChainId).Distinct(StringComparer.Ordinal).Count() >= 2).ToList();
        if (shared.Count == 0)
        {
            throw new InvalidOperationException("no barcode is sold by two chains: give PriceFull files of several chains");
        }

        var alone = byBarcode.Where(g => g.All(p => p.Offer.ChainId == g[0].Offer.ChainId)).Take(shared.Count).Select(g => g[0]);
        return MatcherTraining.Train(index, shared, alone, _ => true, MasterOf, Candidates.Limit, seed);
    }
}
