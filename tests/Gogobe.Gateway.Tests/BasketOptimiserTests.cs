using Gogobe.Gateway.Baskets;

namespace Gogobe.Gateway.Tests;

/// <summary>The basket optimiser against a brute-force search over every subset of stores, on small random baskets.</summary>
public sealed class BasketOptimiserTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void Split_equals_brute_force_on_random_baskets(int seed)
    {
        var random = new Random(seed);
        for (var round = 0; round < 150; round++)
        {
            var stores = random.Next(1, 10);
            var items = random.Next(1, 7);
            var maxStores = random.Next(1, 5);
            var costs = RandomCosts(random, stores, items);

            var split = BasketOptimiser.CheapestSplit(costs, items, maxStores);
            var expected = BruteForce(costs, items, maxStores);

            Assert.True(split.Stores.Length <= maxStores, $"round {round}: {split.Stores.Length} stores used, at most {maxStores} allowed");
            Assert.Equal((expected.Missing, expected.Total), (split.Missing, split.Total));
            Assert.Equal(split, BasketOptimiser.Evaluate(costs, split.Stores, items) with { Stores = split.Stores, Assignment = split.Assignment });
        }
    }

    [Fact]
    public void Single_store_is_the_brute_force_best_of_one()
    {
        var random = new Random(42);
        for (var round = 0; round < 200; round++)
        {
            var items = random.Next(1, 6);
            var costs = RandomCosts(random, random.Next(1, 8), items);
            var single = BasketOptimiser.CheapestSingle(costs, items);
            var expected = BruteForce(costs, items, 1);
            Assert.Equal((expected.Missing, expected.Total), (single.Missing, single.Total));
        }
    }

    [Fact]
    public void Splitting_buys_each_item_where_it_is_cheapest()
    {
        decimal?[][] costs = [[5m, 9m, null], [7m, 4m, 3m], [6m, 6m, 6m]];
        var split = BasketOptimiser.CheapestSplit(costs, 3, 2);
        Assert.Equal([0, 1], split.Stores);
        Assert.Equal(12m, split.Total);
        Assert.Equal([0, 1, 1], split.Assignment);
        Assert.Equal(0, split.Missing);
    }

    [Fact]
    public void Fewer_missing_items_beat_a_lower_total()
    {
        decimal?[][] costs = [[1m, null], [10m, 10m]];
        var single = BasketOptimiser.CheapestSingle(costs, 2);
        Assert.Equal([1], single.Stores);
        Assert.Equal(0, single.Missing);
    }

    private static List<decimal?[]> RandomCosts(Random random, int stores, int items) =>
        Enumerable.Range(0, stores)
            .Select(_ => Enumerable.Range(0, items).Select(_ => random.NextDouble() < 0.25 ? (decimal?)null : random.Next(100, 2000) / 100m).ToArray())
            .ToList();

    private static (int Missing, decimal Total) BruteForce(IReadOnlyList<decimal?[]> costs, int items, int maxStores)
    {
        var best = (Missing: int.MaxValue, Total: decimal.MaxValue);
        for (var mask = 1; mask < 1 << costs.Count; mask++)
        {
            if (System.Numerics.BitOperations.PopCount((uint)mask) > maxStores)
            {
                continue;
            }

            var missing = 0;
            var total = 0m;
            for (var i = 0; i < items; i++)
            {
                decimal? cheapest = null;
                for (var s = 0; s < costs.Count; s++)
                {
                    if ((mask & (1 << s)) != 0 && costs[s][i] is { } c && (cheapest is null || c < cheapest))
                    {
                        cheapest = c;
                    }
                }

                if (cheapest is { } v)
                {
                    total += v;
                }
                else
                {
                    missing++;
                }
            }

            if (missing < best.Missing || (missing == best.Missing && total < best.Total))
            {
                best = (missing, total);
            }
        }

        return best;
    }
}
