using Gogobe.Feeds;
using Gogobe.Feeds.Model;
using Gogobe.Matching.Catalogue;

namespace Gogobe.Cli.Matching;

/// <summary>Every PriceFull file's items, one offer per chain and product key (the first store's).</summary>
internal sealed record FeedCatalogue(IReadOnlyList<Offer> Offers, int Files, int Rows, int Chains)
{
    public static FeedCatalogue Read(string[] paths, TextWriter errors)
    {
        var offers = new Dictionary<(string, string), Offer>();
        var files = 0;
        var rows = 0;
        foreach (var path in paths.SelectMany(p => Directory.Exists(p) ? Directory.EnumerateFiles(p, "*", SearchOption.AllDirectories) : [p]).Order(StringComparer.Ordinal))
        {
            if (!Path.GetFileName(path).StartsWith("pricefull", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            using var file = FeedFile.Open(path);
            var items = file.ReadRecords().OfType<PriceItem>().ToList();
            if (!file.Result.Ok || file.Result.Header is not { Kind: FeedKind.PriceFull } header)
            {
                errors.WriteLine($"skipped {path}: {file.Result.Error ?? "not a PriceFull file"}");
                continue;
            }

            files++;
            rows += items.Count;
            foreach (var item in items)
            {
                offers.TryAdd((header.ChainId, item.Key.Value), item.ToOffer(header.ChainId));
            }
        }

        var list = offers.Values.ToList();
        return new FeedCatalogue(list, files, rows, list.Select(o => o.ChainId).Distinct().Count());
    }
}
