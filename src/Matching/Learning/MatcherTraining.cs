using Gogobe.Matching.Catalogue;

namespace Gogobe.Matching.Learning;

/// <summary>The two models a <see cref="ProductMatcher"/> needs, and what they were trained on.</summary>
public sealed record TrainedMatcher(MatchModel Pairs, ConfidenceModel Confidence, int PositivePairs, int NegativePairs, int Matches);

/// <summary>
/// Trains the pair model on <see cref="TrainingPairs"/> and the confidence model on the best match of every training
/// offer. The confidence model must see the pair model's scores for offers it was not trained on, or it learns to
/// trust them too much: the training barcodes are split in two, a pair model trained on each half scores the other's
/// offers, and the pair model kept is trained on all of them.
/// </summary>
public static class MatcherTraining
{
    /// <param name="masterOf">The master product of an offer: training offers of one master are one product.</param>
    public static TrainedMatcher Train(
        WordIndex index,
        IEnumerable<IReadOnlyList<OfferProfile>> shared,
        IEnumerable<OfferProfile> alone,
        Func<OfferProfile, bool> admit,
        Func<OfferProfile, string> masterOf,
        int candidates = Candidates.Limit,
        int seed = 17)
    {
        ArgumentNullException.ThrowIfNull(masterOf);
        var queries = TrainingPairs.Propose(index, shared, alone, admit, candidates);
        var rows = queries.Select(q => TrainingPairs.Rows(q, masterOf).ToList()).ToList();
        var fold = queries.Select(q => Half(masterOf(q.Query))).ToArray();
        var matches = new List<ConfidenceRow>(queries.Count);
        for (var half = 0; half < 2; half++)
        {
            var model = MatchModel.Train(rows.Where((_, i) => fold[i] != half).SelectMany(r => r), seed);
            var scored = Enumerable.Range(0, queries.Count).Where(i => fold[i] == half && queries[i].Proposals.Count > 0).ToList();
            var scores = model.ScoreMany(scored.SelectMany(i => queries[i].Proposals.Select(p => p.Features)).ToList());
            var at = 0;
            foreach (var i in scored)
            {
                var (query, proposals) = queries[i];
                var span = scores.AsSpan(at, proposals.Count);
                at += proposals.Count;
                foreach (var leader in MatchFeatures.Leaders(proposals, span, masterOf))
                {
                    matches.Add(new ConfidenceRow
                    {
                        Features = MatchFeatures.Of(query, proposals, span, leader, masterOf),
                        Label = masterOf(proposals[leader].Member) == masterOf(query),
                    });
                }
            }
        }

        var all = rows.SelectMany(r => r).ToList();
        return new TrainedMatcher(MatchModel.Train(all, seed), ConfidenceModel.Train(matches, seed), all.Count(r => r.Label), all.Count(r => !r.Label), matches.Count);
    }

    /// <summary>FNV-1a of the master's key, halved: the same split on every run.</summary>
    private static int Half(string key)
    {
        var hash = 2166136261u;
        foreach (var c in key)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)(hash >> 7 & 1);
    }
}
