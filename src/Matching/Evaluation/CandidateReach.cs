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
