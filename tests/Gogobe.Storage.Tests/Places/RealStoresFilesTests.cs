using Gogobe.Feeds;
using Gogobe.Feeds.Model;
using Gogobe.Places;
using Gogobe.Testing;

namespace Gogobe.Storage.Tests.Places;

/// <summary>Every real Stores file, in every shape the chains publish, places its stores offline.</summary>
public sealed class RealStoresFilesTests
{
    [Fact]
    public void Ninety_nine_percent_of_the_real_stores_are_placed_offline()
    {
        var placer = OfficialLists.Get.Placer();
        var chains = new ChainLocalities();
        var best = new Dictionary<(string, string), StorePlace>();
        var files = 0;
        foreach (var path in Directory.EnumerateFiles(SharedFeeds.Root, "*", SearchOption.AllDirectories)
                     .Where(p => Path.GetFileName(p).StartsWith("stores", StringComparison.OrdinalIgnoreCase)).Order(StringComparer.Ordinal))
        {
            using var file = FeedFile.Open(path);
            var stores = file.ReadRecords().OfType<StoreRecord>()
                .Select(s => new StoreAddress(s.ChainId, s.StoreId, s.Name, s.Address, s.City, s.StoreType, s.Latitude, s.Longitude)).ToList();
            if (stores.Count == 0)
            {
                continue;
            }

            files++;
            var placed = placer.Place(stores, chains);
            Assert.All(placed.Where(p => !p.Placed), p => Assert.False(string.IsNullOrEmpty(p.Reason)));
            foreach (var place in placed.Where(p => !best.TryGetValue((p.ChainId, p.StoreId), out var kept) || p.Rank >= kept.Rank))
            {
                best[(place.ChainId, place.StoreId)] = place;
            }
        }

        Assert.True(files >= 30, $"{files} Stores files read");
        var share = best.Values.Count(p => p.Placed) / (double)best.Count;
        Assert.True(share >= 0.99, $"{best.Values.Count(p => p.Placed)} of {best.Count} stores placed");
    }
}
