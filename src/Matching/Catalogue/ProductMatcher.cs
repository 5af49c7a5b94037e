using Gogobe.Matching.Learning;

namespace Gogobe.Matching.Catalogue;

/// <summary>
/// Finds the master product an offer belongs to: the offers sharing its rarer words or word trigrams (<see cref="WordIndex"/>), less those
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
        if (confidence is null)
        {
            return Pick(proposals.Select(p => p.Member).ToList(), scores);
        }

        var judged = Describe(query, proposals, scores);
        return Choose(proposals, scores, judged, judged.ConvertAll(j => confidence.Score(j.Features)));
    }

    /// <summary>
    /// What the confidence model reads about each of the best-scoring master products among scored proposals
    /// (<see cref="MatchFeatures"/>): the index of each one's best member, and its features.
    /// </summary>
    public List<(int Index, float[] Features)> Describe(OfferProfile query, IReadOnlyList<(OfferProfile Member, float[] Features)> proposals, ReadOnlySpan<float> scores)
    {
        var judged = new List<(int Index, float[] Features)>(MatchFeatures.Masters);
        foreach (var leader in MatchFeatures.Leaders(proposals, scores, masterOf))
        {
            judged.Add((leader, MatchFeatures.Of(query, proposals, scores, leader, masterOf)));
        }

        return judged;
    }

    /// <summary>The master the confidence model is surest of, among those <see cref="Describe"/> judged; null when none.</summary>
    public MatchResult? Choose(IReadOnlyList<(OfferProfile Member, float[] Features)> proposals, ReadOnlySpan<float> scores, IReadOnlyList<(int Index, float[] Features)> judged, IReadOnlyList<float> calibrated)
    {
        ArgumentNullException.ThrowIfNull(proposals);
        ArgumentNullException.ThrowIfNull(judged);
        ArgumentNullException.ThrowIfNull(calibrated);
        var chosen = -1;
        for (var i = 0; i < judged.Count; i++)
        {
            chosen = chosen < 0 || calibrated[i] > calibrated[chosen] ? i : chosen;
        }

        if (chosen < 0)
        {
            return null;
        }

        var best = judged[chosen].Index;
        var master = masterOf(proposals[best].Member);
        var runnerUp = 0f;
        for (var i = 0; i < proposals.Count; i++)
        {
            runnerUp = masterOf(proposals[i].Member) != master ? Math.Max(runnerUp, scores[i]) : runnerUp;
        }

        return new MatchResult(master, proposals[best].Member, scores[best], runnerUp, calibrated[chosen]);
    }

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
