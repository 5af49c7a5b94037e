namespace Gogobe.Matching.Catalogue;

/// <summary>
/// What the confidence model (<see cref="Learning.ConfidenceModel"/>) decides on for one offer's best match: the pair
/// model's probability for the best member and for its rivals, how many members of the best master agree, whether the
/// offer's own chain already sells that master under another code, and the best pair's own features.
/// </summary>
public static class MatchFeatures
{
    public const int Count = 13 + Candidates.FeatureCount;

    /// <summary>How many master products (the best-scoring ones) the confidence model judges for one offer.</summary>
    public const int Masters = 3;

    /// <summary>The best-scoring member of each of the <see cref="Masters"/> best-scoring master products, best first.</summary>
    public static List<int> Leaders(IReadOnlyList<(OfferProfile Member, float[] Features)> proposals, ReadOnlySpan<float> scores, Func<OfferProfile, string> masterOf)
    {
        ArgumentNullException.ThrowIfNull(proposals);
        ArgumentNullException.ThrowIfNull(masterOf);
        var order = Enumerable.Range(0, proposals.Count).ToArray();
        Array.Sort(scores[..proposals.Count].ToArray(), order);
        var leaders = new List<int>(Masters);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = order.Length - 1; i >= 0 && leaders.Count < Masters; i--)
        {
            if (seen.Add(masterOf(proposals[order[i]].Member)))
            {
                leaders.Add(order[i]);
            }
        }

        return leaders;
    }

    /// <param name="proposals">The candidates (<see cref="Candidates.Propose"/>) with their features.</param>
    /// <param name="scores">The pair model's probability for each candidate, in the same order.</param>
    /// <param name="best">Index of the candidate whose master is judged (the best-scoring member of that master).</param>
    public static float[] Of(
        OfferProfile query,
        IReadOnlyList<(OfferProfile Member, float[] Features)> proposals,
        ReadOnlySpan<float> scores,
        int best,
        Func<OfferProfile, string> masterOf)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(proposals);
        ArgumentNullException.ThrowIfNull(masterOf);
        var master = masterOf(proposals[best].Member);
        float runnerUp = 0, second = 0, rivalsAbove = 0, rivalMass = 0, top = 0;
        int members = 0, ownChain = 0;
        var chains = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < proposals.Count; i++)
        {
            var member = proposals[i].Member;
            top = Math.Max(top, scores[i]);
            if (masterOf(member) == master)
            {
                members++;
                chains.Add(member.Offer.ChainId);
                ownChain += member.Offer.ChainId == query.Offer.ChainId ? 1 : 0;
                second = i == best ? second : Math.Max(second, scores[i]);
            }
            else
            {
                runnerUp = Math.Max(runnerUp, scores[i]);
                rivalsAbove += scores[i] >= 0.5f ? 1 : 0;
                rivalMass += scores[i];
            }
        }

        var features = new float[Count];
        float[] head =
        [
            scores[best],
            runnerUp,
            scores[best] - runnerUp,
            second,
            members,
            ownChain,
            chains.Count,
            rivalsAbove,
            proposals.Count,
            Math.Min(rivalMass, 10),
            query.Offer.Name.Trim().Length,
            query.Size.IsKnown ? 1 : 0,
            top - scores[best],
        ];
        head.CopyTo(features, 0);
        proposals[best].Features.CopyTo(features, head.Length);
        return features;
    }
}
