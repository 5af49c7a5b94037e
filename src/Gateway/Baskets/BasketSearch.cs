namespace Gogobe.Gateway.Baskets;

/// <summary>
/// Depth-first search over subsets of the candidate stores in order, pruned by a bound: no subset extending the current
/// one can beat, per item, the cheaper of the current subset and every store still to come.
/// </summary>
internal sealed class Search
{
    private readonly IReadOnlyList<decimal?[]> costs;
    private readonly List<int> candidates;
    private readonly int items;
    private readonly int maxStores;
    private readonly decimal?[][] suffixMin;
    private readonly List<int> chosen = [];
    private (int Missing, decimal Total) best = (int.MaxValue, decimal.MaxValue);

    public Search(IReadOnlyList<decimal?[]> costs, List<int> candidates, int items, int maxStores)
    {
        this.costs = costs;
        this.candidates = candidates;
        this.items = items;
        this.maxStores = maxStores;
        suffixMin = new decimal?[candidates.Count + 1][];
        suffixMin[candidates.Count] = new decimal?[items];
        for (var j = candidates.Count - 1; j >= 0; j--)
        {
            suffixMin[j] = new decimal?[items];
            for (var i = 0; i < items; i++)
            {
                suffixMin[j][i] = Min(suffixMin[j + 1][i], costs[candidates[j]][i]);
            }
        }
    }

    public int[] BestStores { get; private set; } = [];

    public void Run()
    {
        if (candidates.Count == 0)
        {
            BestStores = costs.Count > 0 ? [0] : [];
            return;
        }

        Extend(0, new decimal?[items]);
    }

    private void Extend(int next, decimal?[] current)
    {
        for (var j = next; j < candidates.Count; j++)
        {
            var store = candidates[j];
            var merged = new decimal?[items];
            for (var i = 0; i < items; i++)
            {
                merged[i] = Min(current[i], costs[store][i]);
            }

            chosen.Add(store);
            var value = Value(merged);
            if (Better(value, best))
            {
                best = value;
                BestStores = [.. chosen];
            }

            if (chosen.Count < maxStores && Better(Bound(merged, j + 1), best))
            {
                Extend(j + 1, merged);
            }

            chosen.RemoveAt(chosen.Count - 1);
        }
    }

    private (int, decimal) Bound(decimal?[] current, int from)
    {
        var bound = new decimal?[items];
        for (var i = 0; i < items; i++)
        {
            bound[i] = Min(current[i], suffixMin[from][i]);
        }

        return Value(bound);
    }

    private static (int Missing, decimal Total) Value(decimal?[] prices)
    {
        var missing = 0;
        var total = 0m;
        foreach (var p in prices)
        {
            if (p is { } v)
            {
                total += v;
            }
            else
            {
                missing++;
            }
        }

        return (missing, total);
    }

    private static bool Better((int Missing, decimal Total) a, (int Missing, decimal Total) b) =>
        a.Missing < b.Missing || (a.Missing == b.Missing && a.Total < b.Total);

    private static decimal? Min(decimal? a, decimal? b) => a is null ? b : b is null ? a : Math.Min(a.Value, b.Value);
}
