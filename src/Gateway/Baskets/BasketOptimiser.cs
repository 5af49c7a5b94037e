namespace Gogobe.Gateway.Baskets;

/// <summary>
/// Picks stores for a basket. <c>costs[s][i]</c> is what item <c>i</c> costs in store <c>s</c> (quantity included),
/// null when the store does not sell it. A choice is better when it leaves fewer items missing, then when it costs less.
/// The split is exact among the candidate stores: stores another store beats on every item are dropped, the best
/// <see cref="MaxCandidates"/> of the rest are searched branch-and-bound over every subset of up to <c>maxStores</c>.
/// </summary>
public static class BasketOptimiser
{
    public const int MaxCandidates = 30;

    public static BasketChoice CheapestSingle(IReadOnlyList<decimal?[]> costs, int items) =>
        Enumerable.Range(0, costs.Count).Select(s => Evaluate(costs, [s], items)).OrderBy(c => c.Missing).ThenBy(c => c.Total).ThenBy(c => c.Stores[0]).First();

    public static BasketChoice CheapestSplit(IReadOnlyList<decimal?[]> costs, int items, int maxStores)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxStores, 1);
        var candidates = Candidates(costs, items);
        var search = new Search(costs, candidates, items, maxStores);
        search.Run();
        return Evaluate(costs, search.BestStores, items);
    }

    /// <summary>The total and missing count of buying each item in the cheapest of <paramref name="stores"/>.</summary>
    public static BasketChoice Evaluate(IReadOnlyList<decimal?[]> costs, IReadOnlyList<int> stores, int items)
    {
        var missing = 0;
        var total = 0m;
        var assignment = new int[items];
        for (var i = 0; i < items; i++)
        {
            assignment[i] = -1;
            foreach (var s in stores)
            {
                if (costs[s][i] is { } c && (assignment[i] < 0 || c < costs[assignment[i]][i]!.Value))
                {
                    assignment[i] = s;
                }
            }

            if (assignment[i] < 0)
            {
                missing++;
            }
            else
            {
                total += costs[assignment[i]][i]!.Value;
            }
        }

        var used = stores.Where(s => assignment.Contains(s)).Order().ToArray();
        return new BasketChoice(used.Length == 0 ? [.. stores.Take(1)] : used, assignment, missing, total);
    }

    internal static List<int> Candidates(IReadOnlyList<decimal?[]> costs, int items)
    {
        var kept = new List<int>();
        for (var s = 0; s < costs.Count; s++)
        {
            var dominated = false;
            for (var t = 0; t < costs.Count && !dominated; t++)
            {
                dominated = t != s && Dominates(costs[t], costs[s], items, t < s);
            }

            if (!dominated && costs[s].Any(c => c is not null))
            {
                kept.Add(s);
            }
        }

        return kept.Select(s => (s, choice: Evaluate(costs, [s], items)))
            .OrderBy(x => x.choice.Missing).ThenBy(x => x.choice.Total).ThenBy(x => x.s)
            .Take(MaxCandidates).Select(x => x.s).ToList();
    }

    /// <summary>t is at least as good as s on every item, and better on one (or equal everywhere and first).</summary>
    private static bool Dominates(decimal?[] t, decimal?[] s, int items, bool tieBreak)
    {
        var better = false;
        for (var i = 0; i < items; i++)
        {
            if (s[i] is { } sc)
            {
                if (t[i] is not { } tc || tc > sc)
                {
                    return false;
                }

                better |= tc < sc;
            }
            else
            {
                better |= t[i] is not null;
            }
        }

        return better || tieBreak;
    }
}

/// <summary>Stores chosen, the store each item is bought in (-1: nowhere), items missing and total.</summary>
public sealed record BasketChoice(int[] Stores, int[] Assignment, int Missing, decimal Total);
