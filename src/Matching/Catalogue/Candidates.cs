namespace Gogobe.Matching.Catalogue;

/// <summary>
/// The members worth scoring for an offer: those sharing its rarer words or word trigrams (<see cref="WordIndex"/>), less the pairs the
/// guard rails forbid, each with its pair features and two that compare it with the other candidates (how far its
/// name similarity is from the best candidate's), so the model judges a candidate against its rivals.
/// </summary>
public static class Candidates
{
    public const int Limit = 30;

    /// <summary>Features per candidate: the pair's and the two relative to the best rival.</summary>
    public const int FeatureCount = PairFeatures.Count + 2;

    public static List<(OfferProfile Member, float[] Features)> Propose(WordIndex index, OfferProfile query, Func<OfferProfile, bool> admit, int limit = Limit)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(query);
        var proposals = new List<(OfferProfile Member, float[] Features)>();
        foreach (var id in index.Candidates(query, limit, admit))
        {
            var member = index[id];
            if (!ReferenceEquals(member, query) && GuardRails.Forbids(query, member) is null)
            {
                var features = new float[FeatureCount];
                PairFeatures.Of(query, member, index).CopyTo(features, 0);
                proposals.Add((member, features));
            }
        }

        var bestTrigrams = proposals.Count == 0 ? 0 : proposals.Max(p => p.Features[PairFeatures.NameTrigrams]);
        var bestWords = proposals.Count == 0 ? 0 : proposals.Max(p => p.Features[PairFeatures.WeightedWords]);
        foreach (var (_, features) in proposals)
        {
            features[PairFeatures.Count] = bestTrigrams - features[PairFeatures.NameTrigrams];
            features[PairFeatures.Count + 1] = bestWords - features[PairFeatures.WeightedWords];
        }

        return proposals;
    }
}
