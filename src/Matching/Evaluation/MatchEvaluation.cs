using System.Diagnostics;
using Gogobe.Matching.Catalogue;
using Gogobe.Matching.Learning;

namespace Gogobe.Matching.Evaluation;

/// <summary>
/// Trains the matcher on the barcodes the chains share and measures it on barcodes held out of training: each held-out
/// barcode's offer in one chain, its barcode hidden, must be matched to the master product of the others (the offers of
/// that barcode in other chains). Held-out barcodes only one chain sells are matched too; every match of theirs is wrong.
/// </summary>
public static class MatchEvaluation
{
    /// <summary>A threshold is chosen only when it matches at least this many queries (one right match is not a precision).</summary>
    public const int MinMatched = 100;

    public static EvaluationReport Run(IReadOnlyList<Offer> offers, EvaluationOptions options)
    {
        ArgumentNullException.ThrowIfNull(offers);
        ArgumentNullException.ThrowIfNull(options);
        var index = new WordIndex();
        foreach (var offer in offers)
        {
            index.Add(new OfferProfile(offer));
        }

        var profiles = Enumerable.Range(0, index.Count).Select(i => index[i]).ToList();
        var groups = options.SeveralBarcodes ? BarcodeGroups.Of(profiles) : [];
        string? MasterKey(OfferProfile p) => p.Barcode is null ? null : groups.GetValueOrDefault(p.Barcode, p.Barcode);
        string MasterOf(OfferProfile p) => MasterKey(p) ?? p.Offer.Key;
        Func<OfferProfile, bool> AdmitFor(OfferProfile q) => o => !ReferenceEquals(o, q) && (o.Offer.ChainId != q.Offer.ChainId || MasterOf(o) != MasterOf(q));
        var byKey = profiles.Where(p => p.Barcode is not null)
            .GroupBy(p => MasterKey(p)!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<OfferProfile>)g.ToList(), StringComparer.Ordinal);
        var shared = byKey.Where(g => g.Value.Select(p => p.Offer.ChainId).Distinct().Count() >= 2).Select(g => g.Key).Order(StringComparer.Ordinal).ToList();
        var alone = byKey.Where(g => g.Value.All(p => p.Offer.ChainId == g.Value[0].Offer.ChainId)).Select(g => g.Key).Order(StringComparer.Ordinal).ToList();
        var held = shared.Concat(alone).Where(k => HeldOut(k, options)).ToHashSet(StringComparer.Ordinal);

        var clock = Stopwatch.StartNew();
        var trained = MatcherTraining.Train(
            index,
            shared.Where(k => !held.Contains(k)).Select(k => byKey[k]),
            alone.Where(k => !held.Contains(k)).Take(shared.Count).Select(k => byKey[k][0]),
            o => MasterKey(o) is not { } key || !held.Contains(key),
            MasterOf,
            options.Candidates,
            options.Seed);
        var model = trained.Pairs;
        var training = clock.Elapsed;

        var matcher = new ProductMatcher(model, index, MasterOf, options.Candidates, trained.Confidence);
        var queries = shared.Where(held.Contains).Select(k => (Query: Pick(byKey[k], options), Right: (string?)k))
            .Concat(alone.Where(held.Contains).Take(options.MaxAloneQueries).Select(k => (Query: byKey[k][0], Right: (string?)null)))
            .ToList();
        var results = MatchAll(matcher, model, queries.Select(q => q.Query).ToList(), AdmitFor);
        var positives = queries.Count(q => q.Right is not null);
        var reach = CandidateReach.Of(matcher, queries.Where(q => q.Right is not null).Select(q => (q.Query, byKey[q.Right!])), MasterOf, AdmitFor) with
        {
            SharedTwins = CandidateReach.Twins(matcher, queries.Where(q => q.Right is not null).Select(q => q.Query), MasterOf, AdmitFor),
            AloneTwins = CandidateReach.Twins(matcher, queries.Where(q => q.Right is null).Select(q => q.Query), MasterOf, AdmitFor),
        };
        var table = EvaluationOptions.Thresholds.Select(t => Row(t, queries, results, positives)).ToList();
        var chosen = table.FirstOrDefault(r => r.Precision >= options.TargetPrecision && r.Matched >= MinMatched)?.Threshold;
        var shown = options.ConfusionsAt ?? chosen ?? table.Where(r => r.Matched >= MinMatched).MaxBy(r => r.Precision)?.Threshold ?? 1;
        var confusions = Enumerable.Range(0, queries.Count)
            .Where(i => results[i] is { } r && r.Confidence >= shown && r.Master != queries[i].Right)
            .Select(i => new Confusion(queries[i].Query.Offer.ChainId, queries[i].Query.Offer.Name, queries[i].Right, results[i]!.Master, results[i]!.Member.Offer.ChainId, results[i]!.Member.Offer.Name, results[i]!.Confidence))
            .ToList();

        var wholeCatalogue = TimeSpan.Zero;
        if (options.MatchWholeCatalogue)
        {
            clock.Restart();
            MatchAll(matcher, model, profiles, q => o => !ReferenceEquals(o, q));
            wholeCatalogue = clock.Elapsed;
        }

        var sample = queries.Take(200).Select(q => q.Query).ToList();
        clock.Restart();
        foreach (var query in sample)
        {
            matcher.Best(query, AdmitFor(query));
        }

        var one = sample.Count == 0 ? TimeSpan.Zero : clock.Elapsed / sample.Count;
        var forbiddenList = new List<(OfferProfile, OfferProfile, string)>();
        var (samePairs, forbiddenSame) = ForbiddenPairs(shared.Select(k => byKey[k]), options.Details ? forbiddenList : null);
        var details = options.Details ? Enumerable.Range(0, queries.Count).Select(i => Detail(matcher, model, queries[i].Query, queries[i].Right, results[i], MasterOf, AdmitFor)).ToList() : [];
        return new EvaluationReport(
            offers.Count, offers.Select(o => o.Key).Distinct(StringComparer.Ordinal).Count(), shared.Count, shared.Count(k => !held.Contains(k)),
            shared.Count(held.Contains), queries.Count - positives, trained.PositivePairs, trained.NegativePairs,
            table, chosen, shown, confusions, training, wholeCatalogue, options.MatchWholeCatalogue ? index.Count : 0, one, reach, groups.Count) { Details = details, Names = NameAgreement.Of(queries, results), SamePairs = samePairs, ForbiddenSamePairs = forbiddenSame, ForbiddenPairs = forbiddenList };
    }

    /// <summary>Matches many offers, scoring their candidates in batches.</summary>
    public static List<MatchResult?> MatchAll(ProductMatcher matcher, MatchModel model, IReadOnlyList<OfferProfile> queries, Func<OfferProfile, Func<OfferProfile, bool>> admitFor)
    {
        ArgumentNullException.ThrowIfNull(matcher);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(queries);
        ArgumentNullException.ThrowIfNull(admitFor);
        var results = new List<MatchResult?>(queries.Count);
        foreach (var batch in queries.Chunk(2000))
        {
            var proposals = batch.Select(q => matcher.Propose(q, admitFor(q))).ToList();
            var scores = model.ScoreMany(proposals.SelectMany(p => p.Select(x => x.Features)).ToList());
            var at = 0;
            var spans = new List<(int At, int Count)>(batch.Length);
            var judged = new List<List<(int Index, float[] Features)>>(batch.Length);
            for (var i = 0; i < batch.Length; i++)
            {
                spans.Add((at, proposals[i].Count));
                judged.Add(matcher.Confidence is null ? [] : matcher.Describe(batch[i], proposals[i], scores.AsSpan(at, proposals[i].Count)));
                at += proposals[i].Count;
            }

            var calibrated = matcher.Confidence?.ScoreMany(judged.SelectMany(j => j.Select(x => x.Features)).ToList()) ?? [];
            var next = 0;
            for (var i = 0; i < batch.Length; i++)
            {
                var span = scores.AsSpan(spans[i].At, spans[i].Count);
                results.Add(matcher.Confidence is null
                    ? matcher.Pick(proposals[i].Select(p => p.Member).ToList(), span)
                    : matcher.Choose(proposals[i], span, judged[i], calibrated.AsSpan(next, judged[i].Count).ToArray()));
                next += judged[i].Count;
            }
        }

        return results;
    }

    private static HeldOutMatch Detail(ProductMatcher matcher, MatchModel model, OfferProfile query, string? right, MatchResult? result, Func<OfferProfile, string> masterOf, Func<OfferProfile, Func<OfferProfile, bool>> admitFor)
    {
        OfferProfile? best = null;
        var bestScore = 0f;
        foreach (var (member, features) in right is null ? [] : matcher.Propose(query, admitFor(query)))
        {
            var score = masterOf(member) == right ? model.Score(features) : -1;
            if (score >= 0 && (best is null || score > bestScore))
            {
                (best, bestScore) = (member, score);
            }
        }

        return new HeldOutMatch(query, right, result, best, bestScore);
    }

    /// <summary>Pairs of one master's offers in two chains, and how many the guard rails forbid, by rail (the first word of its reason).</summary>
    private static (int Pairs, Dictionary<string, int> Forbidden) ForbiddenPairs(IEnumerable<IReadOnlyList<OfferProfile>> masters, List<(OfferProfile, OfferProfile, string)>? list)
    {
        var pairs = 0;
        var forbidden = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var members in masters)
        {
            for (var i = 0; i < members.Count; i++)
            {
                for (var j = i + 1; j < members.Count; j++)
                {
                    if (members[i].Offer.ChainId == members[j].Offer.ChainId)
                    {
                        continue;
                    }

                    pairs++;
                    if (GuardRails.Forbids(members[i], members[j]) is { } reason)
                    {
                        var rail = reason.Split(' ')[0];
                        forbidden[rail] = forbidden.GetValueOrDefault(rail) + 1;
                        list?.Add((members[i], members[j], reason));
                    }
                }
            }
        }

        return (pairs, forbidden);
    }

    private static ThresholdRow Row(double threshold, List<(OfferProfile Query, string? Right)> queries, List<MatchResult?> results, int positives)
    {
        var matched = 0;
        var correct = 0;
        for (var i = 0; i < queries.Count; i++)
        {
            if (results[i] is { } r && r.Confidence >= threshold)
            {
                matched++;
                correct += r.Master == queries[i].Right ? 1 : 0;
            }
        }

        return new ThresholdRow(threshold, matched, correct, positives);
    }

    private static OfferProfile Pick(IReadOnlyList<OfferProfile> members, EvaluationOptions options) =>
        members[(int)(Mix(members[0].Offer.Key, options.Seed + 1) % (uint)members.Count)];

    private static bool HeldOut(string key, EvaluationOptions options) => Mix(key, options.Seed) % 1000 < options.TestShare * 1000;

    /// <summary>FNV-1a of the key with the seed: a split that is the same on every run and machine.</summary>
    private static uint Mix(string key, int seed)
    {
        var hash = 2166136261u ^ (uint)seed;
        foreach (var c in key)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return hash;
    }
}
