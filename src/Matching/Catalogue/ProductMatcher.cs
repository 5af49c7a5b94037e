using Gogobe.Matching.Learning;

namespace Gogobe.Matching.Catalogue;

/// <summary>
/// Finds the master product an offer belongs to: the offers sharing its rarer words (<see cref="WordIndex"/>), less those
/// the guard rails forbid, scored by the pair model; a master scores as its best member, and the confidence model (when
/// given) says how sure that match is. Never reads the whole catalogue.
/// </summary>
public sealed class ProductMatcher(
    MatchModel model,
    WordIndex index,
    Func<OfferProfile, string> masterOf,
    int candidates = Candidates.Limit,
    ConfidenceModel? confidence = null)
{
    public WordIndex Index => index;

    public ConfidenceModel? Confidence => confidence;

    /// <summary>The members worth scoring for <paramref name="query"/>, with their features (<see cref="Candidates"/>).</summary>
    public List<(OfferProfile Member, float[] Features)> Propose(OfferProfile query, Func<OfferProfile, bool> admit) =>
        Candidates.Propose(index, query, admit, candidates);

    /// <summary>The best master for one new offer, or null when no member may match it.</summary>
    public MatchResult? Best(OfferProfile query, Func<OfferProfile, bool> admit)
    {
        var proposals = Propose(query, admit);
        var scores = proposals.Select(p => model.Score(p.Features)).ToArray();
        var result = Pick(proposals.Select(p => p.Member).ToList(), scores);
        return result is null || confidence is null
            ? result
            : result with { Calibrated = confidence.Score(Describe(query, proposals, scores)) };
    }

    /// <summary>What the confidence model reads about the best match among scored proposals (<see cref="MatchFeatures"/>).</summary>
    public float[] Describe(OfferProfile query, IReadOnlyList<(OfferProfile Member, float[] Features)> proposals, ReadOnlySpan<float> scores) =>
        MatchFeatures.Of(query, proposals, scores, BestOf(scores), masterOf);

    /// <summary>The master of the best-scoring member, with the best score any other master reaches.</summary>
    public MatchResult? Pick(IReadOnlyList<OfferProfile> members, ReadOnlySpan<float> scores)
    {
        ArgumentNullException.ThrowIfNull(members);
        var best = BestOf(scores[..members.Count]);
        if (best < 0)
        {
            return null;
        }

        var master = masterOf(members[best]);
        var runnerUp = 0f;
        for (var i = 0; i < members.Count; i++)
        {
            if (scores[i] > runnerUp && masterOf(members[i]) != master)
            {
                runnerUp = scores[i];
            }
        }

        return new MatchResult(master, members[best], scores[best], runnerUp);
    }

    private static int BestOf(ReadOnlySpan<float> scores)
    {
        var best = -1;
        for (var i = 0; i < scores.Length; i++)
        {
            if (best < 0 || scores[i] > scores[best])
            {
                best = i;
            }
        }

        return best;
    }
}
