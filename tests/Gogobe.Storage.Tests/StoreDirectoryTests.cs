using Gogobe.Storage.Stores;
using Gogobe.Testing;

namespace Gogobe.Storage.Tests;

public sealed class StoreDirectoryTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private static readonly DateTimeOffset Day1 = new(2026, 2, 1, 3, 0, 0, TimeSpan.Zero);
    private readonly StoreDirectory directory = new(database.DataSource);

    private static StoreRow Store(string chain, string store, string address = "הרצל 1", string city = "חיפה", string? name = "סניף מרכז") =>
        new(chain, store, "רמי לוי", "001", "רמי לוי שיווק השקמה", name, address, city, "3300000", 1, 32.8, 35.0);

    [Fact]
    public async Task Tells_new_moved_updated_unchanged_and_stale_apart()
    {
        const string chain = "7290058140886";
        var created = await directory.UpsertAsync(Store(chain, "010"), Day1, "imp-1");
        var sameFileAgain = await directory.UpsertAsync(Store(chain, "010"), Day1, "imp-1");
        var sameFactsNewerFile = await directory.UpsertAsync(Store(chain, "010"), Day1.AddDays(1), "imp-2");
        var renamed = await directory.UpsertAsync(Store(chain, "010", name: "סניף הדר"), Day1.AddDays(2), "imp-3");
        var moved = await directory.UpsertAsync(Store(chain, "010", address: "הנביאים 5", name: "סניף הדר"), Day1.AddDays(3), "imp-4");
        var stale = await directory.UpsertAsync(Store(chain, "010", address: "ישן 9"), Day1.AddDays(1), "imp-old");
        var stored = await directory.GetAsync(chain, "010");

        Assert.Equal(
            [StoreUpsertOutcome.Created, StoreUpsertOutcome.Unchanged, StoreUpsertOutcome.Unchanged, StoreUpsertOutcome.Updated,
             StoreUpsertOutcome.Moved, StoreUpsertOutcome.Stale],
            [created, sameFileAgain, sameFactsNewerFile, renamed, moved, stale]);
        Assert.NotNull(stored);
        Assert.Equal(Store(chain, "010", address: "הנביאים 5", name: "סניף הדר"), stored.Store);
        Assert.Equal(Day1.AddDays(3), stored.FileAt);
        Assert.Equal("imp-4", stored.ImportId);
    }

    [Fact]
    public async Task A_new_city_is_a_move()
    {
        await directory.UpsertAsync(Store("7290000000001", "001"), Day1, "imp-1");

        var outcome = await directory.UpsertAsync(Store("7290000000001", "001", city: "קריית ים"), Day1.AddDays(1), "imp-2");

        Assert.Equal(StoreUpsertOutcome.Moved, outcome);
    }

    [Fact]
    public async Task Lists_by_chain_and_city_and_keeps_chain_names()
    {
        await directory.UpsertAsync(Store("7290000000002", "001", city: "אילת"), Day1, "imp-1");
        await directory.UpsertAsync(Store("7290000000002", "002", city: "ערד"), Day1, "imp-1");
        await directory.UpsertAsync(Store("7290000000003", "001", city: "אילת"), Day1, "imp-2");
        await directory.UpsertChainAsync("7290000000003", "חצי חינם");
        await directory.UpsertChainAsync("7290000000003", null);

        var eilat = await directory.ListAsync(city: "אילת");
        var chain2 = await directory.ListAsync(chainId: "7290000000002");
        var both = await directory.ListAsync("7290000000002", "ערד");
        var chains = await directory.ListChainsAsync();

        Assert.Equal([("7290000000002", "001"), ("7290000000003", "001")], eilat.Select(s => (s.Store.ChainId, s.Store.StoreId)));
        Assert.Equal(["001", "002"], chain2.Select(s => s.Store.StoreId));
        Assert.Equal("002", Assert.Single(both).Store.StoreId);
        Assert.Equal("חצי חינם", chains.Single(c => c.ChainId == "7290000000003").Name);
        Assert.Equal("חצי חינם", eilat[1].Store.ChainName);
        Assert.Null(await directory.GetAsync("7290000000002", "999"));
    }
}
