using Gogobe.Matching.Catalogue;

namespace Gogobe.Matching.Evaluation;

/// <summary>
/// Whether the right master product is among an offer's candidates at all (what no model can repair): found, forbidden
/// by a guard rail (every other member's size or weighing contradicts the offer's), or not proposed.
/// </summary>
/// <param name="Found">Offers with a member of their master among their candidates.</param>
/// <param name="Forbidden">Offers whose every other member the guard rails forbid.</param>
/// <param name="NotProposed">Offers whose master's members the word index does not propose.</param>
public sealed record CandidateReach(int Found, int Forbidden, int NotProposed)
{
    /// <summary>
    /// Held-out items another chain sells too with a candidate of another master named the same (<see cref="OfferProfile.SameName"/>):
    /// the names alone cannot tell which master is right.
    /// </summary>
    public int SharedTwins { get; init; }

    /// <summary>Held-out items no other chain sells with a candidate named the same: a match there counts as wrong although the names agree.</summary>
    public int AloneTwins { get; init; }

    /// <summary>How many of <paramref name="queries"/> have a candidate of another master than their own named the same.</summary>
    public static int Twins(
        ProductMatcher matcher,
        IEnumerable<OfferProfile> queries,
        Func<OfferProfile, string> masterOf,
        Func<OfferProfile, Func<OfferProfile, bool>> admitFor)
    {
        ArgumentNullException.ThrowIfNull(matcher);
        ArgumentNullException.ThrowIfNull(queries);
        ArgumentNullException.ThrowIfNull(masterOf);
        ArgumentNullException.ThrowIfNull(admitFor);
        return queries.Count(q => matcher.Propose(q, admitFor(q)).Exists(p => masterOf(p.Member) != masterOf(q) && q.SameName(p.Member)));
    }

    public static CandidateReach Of(
        ProductMatcher matcher,
        IEnumerable<(OfferProfile Query, IReadOnlyList<OfferProfile> Members)> queries,
        Func<OfferProfile, string> masterOf,
        Func<OfferProfile, Func<OfferProfile, bool>> admitFor)
    {
        ArgumentNullException.ThrowIfNull(matcher);
        ArgumentNullException.ThrowIfNull(queries);
        int found = 0, forbidden = 0, notProposed = 0;
        foreach (var (query, members) in queries)
        {
            var master = masterOf(query);
            var admit = admitFor(query);
            if (matcher.Propose(query, admit).Exists(p => masterOf(p.Member) == master))
            {
                found++;
            }
            else if (members.Where(admit).All(m => GuardRails.Forbids(query, m) is not null))
            {
                forbidden++;
            }
            else
            {
                notProposed++;
            }
        }

        return new CandidateReach(found, forbidden, notProposed);
    }
}
