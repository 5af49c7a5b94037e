using System.Diagnostics.Metrics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Gogobe.Contracts.Geo;
using System.Net;
using Gogobe.Gateway.Queries;
using Gogobe.Gateway.Search;
using Gogobe.Gateway.Tests.Infrastructure;
using Gogobe.Storage.Products;
using Gogobe.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Gogobe.Gateway.Tests;

/// <summary>The gateway's in-memory search index against the database's search on the same products, and through the API.</summary>
[Collection(GatewayCollection.Name)]
public sealed class ProductIndexTests(GatewayCluster gateway)
{
    [Fact]
    public async Task The_index_ranks_words_as_the_database_does()
    {
        var stored = await new ProductNames(gateway.Cluster.Database.DataSource).AllAsync(CancellationToken.None);
        var index = Ungrouped(stored.Rows);
        var finder = new ProductFinder(gateway.Cluster.Database.DataSource);
        Assert.Equal(stored.Rows.Count, index.Count);

        // Words of real names: whole words, their beginnings and middles, two letters, and pairs in either order.
        var names = stored.Rows.Where(r => r.SearchName.Length > 0).OrderBy(r => r.Key, StringComparer.Ordinal).Where((_, i) => i % 211 == 3).Take(24).ToList();
        var queries = new List<string[]>();
        foreach (var row in names)
        {
            var words = row.SearchName.Split(' ');
            var longest = words.OrderByDescending(w => w.Length).First();
            queries.Add([longest]);
            queries.Add([longest[..Math.Min(3, longest.Length)]]);
            if (longest.Length >= 4)
            {
                queries.Add([longest[1..^1]]);
            }

            queries.Add([longest[..Math.Min(2, longest.Length)]]);
            if (words.Length >= 2)
            {
                queries.Add([words[1], words[0]]);
                queries.Add(SearchText.Words(row.SearchName).Take(ProductSearch.MaxWords).ToArray());
            }
        }

        queries.Add(["zzzqqq"]);
        var compared = 0;
        foreach (var query in queries.Distinct(new WordsComparer()))
        {
            var expected = await finder.ByWordsAsync(query, 50, CancellationToken.None);
            if (await MatchCountAsync(query) >= 2000)
            {
                // The database ranks only the first 2,000 names it finds; the index ranks every match.
                continue;
            }

            var actual = index.ByWords(query, 50);
            Assert.True(
                expected.Select(h => h.Key).SequenceEqual(actual.Select(h => h.Key)),
                $"'{string.Join(' ', query)}': database {string.Join(", ", expected.Select(h => $"{h.Key}={h.Score:F4}"))}; index {string.Join(", ", actual.Select(h => $"{h.Key}={h.Score:F4}"))}");
            Assert.Equal(expected.Select(h => Math.Round(h.Score, 5)), actual.Select(h => Math.Round(h.Score, 5)));
            Assert.Equal(expected.Select(h => (h.Name, h.Manufacturer, h.Barcode, h.ChainId)), actual.Select(h => (h.Name, h.Manufacturer, h.Barcode, h.ChainId)));
            compared++;
        }

        Assert.True(compared >= 60, $"only {compared} queries compared");
    }

    [Fact]
    public async Task The_index_finds_keys_and_barcode_prefixes_as_the_database_does()
    {
        var stored = await new ProductNames(gateway.Cluster.Database.DataSource).AllAsync(CancellationToken.None);
        var index = Ungrouped(stored.Rows);
        var finder = new ProductFinder(gateway.Cluster.Database.DataSource);
        var barcode = stored.Rows.Select(r => r.Key).Where(k => k.All(char.IsAsciiDigit) && k.Length == 13).Order(StringComparer.Ordinal).Skip(40).First();
        var internalKey = stored.Rows.Select(r => r.Key).First(k => k.Contains(':', StringComparison.Ordinal));
        foreach (var key in new[] { "729", "7290", barcode[..7], barcode[..^1], barcode, internalKey, internalKey.Split(':')[0], "000000000", "1" })
        {
            foreach (var limit in new[] { 1, 20, 50 })
            {
                var expected = await finder.ByKeyAsync(key, limit, CancellationToken.None);
                var actual = index.ByKey(key, limit).Select(h => h with { Master = null, MasterName = null, Members = null });
                Assert.Equal(expected, actual);
            }
        }

        Assert.Equal(barcode, index.ByKey(barcode, 5)[0].Key);
        Assert.All(index.ByKey("7290", 50), h => Assert.StartsWith("7290", h.Key, StringComparison.Ordinal));
    }

    [Fact]
    public void Hebrew_words_match_in_any_order_and_as_parts_of_words()
    {
        var index = ProductIndex.Build(
        [
            Row("1", "חלב תנובה 3% 1 ליטר"),
            Row("2", "שוקו תנובה"),
            Row("3", "חלב"),
            Row("4", "גבינה צהובה עמק 28%"),
            Row("5", "משקה חלב סויה"),
            Row("6", "ביסלי גריל"),
            Row("7", "חטיף \"במבה\" אסם"),
        ]);

        Assert.Equal(["3", "1", "5"], Keys(index, "חלב"));
        Assert.Equal(["1"], Keys(index, "תנובה חלב"));
        Assert.Equal(["2", "1"], Keys(index, "תנוב"));
        Assert.Equal(["7"], Keys(index, "במבה"));
        Assert.Equal(["4"], Keys(index, "צהוב 28"));
        Assert.Equal(["5"], Keys(index, "סו"));
        Assert.Equal(["2", "5", "4"], Keys(index, "ק"));
        Assert.Empty(Keys(index, "%"));
        Assert.Empty(Keys(index, "חלב אסם"));
        Assert.Empty(Keys(index, "חלבב"));

        // Starting with the query beats being similar to it: "חלב" itself, then the longer name that starts with it.
        var hits = index.ByWords(SearchText.Words("חלב"), 10);
        Assert.Equal(2.0, hits[0].Score, 5);
        Assert.True(hits[1].Score > 1 && hits[2].Score < 1);
    }

    [Fact]
    public void The_limit_keeps_the_best_and_the_shortest_names_win_ties()
    {
        var rows = Enumerable.Range(0, 5000).Select(i => Row($"k{i:D5}", $"{(i % 2 == 0 ? "במבה" : "חטיף במבה")} {new string('א', i % 7 + 1)} {i}")).ToList();
        rows.Add(Row("z-short", "במבה"));
        var index = ProductIndex.Build(rows);
        var hits = index.ByWords(["במבה"], 20);
        Assert.Equal(20, hits.Length);
        Assert.Equal("z-short", hits[0].Key);
        Assert.All(hits, h => Assert.StartsWith("במבה", SearchText.Normalise(h.Name), StringComparison.Ordinal));
        var more = index.ByWords(["במבה"], 50);
        Assert.Equal(more.Take(20).Select(h => h.Key), hits.Select(h => h.Key));
        Assert.Equal(more.Select(h => h.Score).OrderDescending(), more.Select(h => h.Score));
        var exhaustive = rows.Select(r => (r.Key, r.SearchName, Score: (double)((r.SearchName.StartsWith("במבה", StringComparison.Ordinal) ? 1f : 0f) + SearchTrigrams.Similarity(r.SearchName, Trigrams("במבה")))))
            .OrderByDescending(r => r.Score).ThenBy(r => r.SearchName.Length).ThenBy(r => r.Key, StringComparer.Ordinal).Take(50).Select(r => r.Key);
        Assert.Equal(exhaustive, more.Select(h => h.Key));
    }

    [Fact]
    public void Memory_grows_with_the_catalogue_and_stays_near_its_text()
    {
        var random = new Random(7);
        var vocabulary = Enumerable.Range(0, 3000).Select(_ => new string([.. Enumerable.Range(0, random.Next(2, 8)).Select(_ => (char)random.Next('א', 'ת' + 1))])).ToArray();
        var rows = Enumerable.Range(0, 20_000)
            .Select(i => Row((7290000000000L + i).ToString(CultureInfo.InvariantCulture), string.Join(' ', Enumerable.Range(0, random.Next(2, 6)).Select(_ => vocabulary[random.Next(vocabulary.Length)]))))
            .ToList();
        var small = ProductIndex.Build(rows.Take(2_000));
        var large = ProductIndex.Build(rows);
        Assert.Equal(20_000, large.Count);
        Assert.True(large.WordCount <= vocabulary.Length);

        // About 600 bytes a product here (two names, a key, postings), not a table per query or per trigram of every name.
        var perProduct = large.ApproximateBytes / (double)large.Count;
        Assert.InRange(perProduct, 200, 1_000);
        Assert.InRange(large.ApproximateBytes / (double)small.ApproximateBytes, 5, 12);
    }

    [Fact]
    public async Task A_catalogue_larger_than_the_limit_is_left_to_the_database()
    {
        var names = new ProductNames(gateway.Cluster.Database.DataSource);
        var count = (await names.AllAsync(CancellationToken.None)).Rows.Count;
        using var meters = new TestMeterFactory();
        foreach (var (max, kept) in new[] { (count - 1, false), (count + 1_000, true) })
        {
            using var keeper = new ProductIndexKeeper(
                names, Options.Create(new ProductIndexOptions { MaxProducts = max }), TimeProvider.System, meters, NullLogger<ProductIndexKeeper>.Instance);
            await keeper.StartAsync(CancellationToken.None);
            await Eventually.TrueAsync(() => keeper.LastReadAt is not null, TimeSpan.FromSeconds(30), () => "the keeper read nothing");
            Assert.Equal(kept, keeper.Current is not null);
            Assert.True(!kept || keeper.Current!.Count >= count);
            await keeper.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task A_new_product_is_found_after_its_import()
    {
        var marker = "zq" + string.Concat(Guid.NewGuid().ToString("N").Where(char.IsAsciiLetter).Take(6));
        var barcode = "72999" + Random.Shared.NextInt64(10_000_000, 99_999_999).ToString(CultureInfo.InvariantCulture);
        var path = gateway.Rewrite(SharedFeeds.OsherAdPrices, $"Price7290103152017-001-202211021500.xml", text =>
        {
            var first = text.IndexOf("<Item>", StringComparison.Ordinal);
            var end = text.IndexOf("</Item>", first, StringComparison.Ordinal) + "</Item>".Length;
            var item = text[first..end];
            var code = item[(item.IndexOf("<ItemCode>", StringComparison.Ordinal) + 10)..item.IndexOf("</ItemCode>", StringComparison.Ordinal)];
            var name = item[(item.IndexOf("<ItemName>", StringComparison.Ordinal) + 10)..item.IndexOf("</ItemName>", StringComparison.Ordinal)];
            item = item.Replace(code, barcode, StringComparison.Ordinal).Replace(name, $"שוקולד {marker} מריר", StringComparison.Ordinal);
            return text[..first].Replace("<Items Count=\"4666\">", "<Items Count=\"1\">", StringComparison.Ordinal) + item + "\n  </Items>\n</Root>\n";
        });
        await gateway.ImportAsync(path);

        await Eventually.TrueAsync(async () =>
        {
            var found = await gateway.Http.GetFromJsonAsync<JsonElement>($"/api/products/search?q={Uri.EscapeDataString($"מריר {marker.ToUpperInvariant()}")}");
            return found.GetProperty("results").EnumerateArray().Any(r => r.GetProperty("key").GetString() == barcode);
        }, TimeSpan.FromSeconds(20), () => $"{barcode} ({marker}) was not found by its words");
        var byPrefix = await gateway.Http.GetFromJsonAsync<JsonElement>($"/api/products/search?q={barcode[..^1]}");
        Assert.Equal(barcode, byPrefix.GetProperty("results")[0].GetProperty("key").GetString());
    }

    [Theory]
    [InlineData("?q=%25%25%25")]
    [InlineData("?q=x")]
    [InlineData("?q=%D7%97%D7%9C%D7%91&limit=51")]
    [InlineData("?q=%D7%97%D7%9C%D7%91&limit=-1")]
    public async Task Bad_search_input_is_a_bad_request(string query)
    {
        using var response = await gateway.Http.GetAsync($"/api/products/search{query}");
        await Problems.AssertAsync(response, HttpStatusCode.BadRequest, query.Contains("limit", StringComparison.Ordinal) ? "limit" : "q");
    }

    [Fact]
    public async Task Many_words_and_long_queries_are_answered()
    {
        var words = string.Join(' ', Enumerable.Range(0, 30).Select(i => "חלב" + i.ToString(CultureInfo.InvariantCulture)));
        var answer = await gateway.Http.GetFromJsonAsync<JsonElement>($"/api/products/search?q={Uri.EscapeDataString(words)}");
        Assert.Equal(JsonValueKind.Array, answer.GetProperty("results").ValueKind);
    }

    [Fact]
    public void One_line_per_master_product_keeps_the_page_full_and_the_best_member_first()
    {
        // Twelve masters of three members each: the page of five holds five masters, each by its best member.
        var rows = Enumerable.Range(0, 36).Select(i => Row($"k{i:D2}", $"במבה {new string('א', (i % 12) + 1)} {(i < 12 ? "" : "במבה מארז גדול")}", $"m{i % 12:D2}")).ToList();
        var index = ProductIndex.Build(rows);
        Assert.Equal(12, index.MasterCount);
        var hits = index.ByWords(["במבה"], 5);
        Assert.Equal(["k00", "k01", "k02", "k03", "k04"], hits.Select(h => h.Key));
        Assert.Equal(["m00", "m01", "m02", "m03", "m04"], hits.Select(h => h.Master));
        Assert.All(hits, h => Assert.Equal(3, h.Members));
        var all = index.ByWords(["במבה"], 50);
        Assert.Equal(12, all.Length);
        Assert.Equal(12, all.Select(h => h.Master).Distinct().Count());

        // The larger packs' own word: their masters, by the pack members; a master's name is its own product's when indexed.
        Assert.All(index.ByWords(["מארז"], 50), h => Assert.Contains("מארז", h.Name, StringComparison.Ordinal));
        Assert.Equal(12, index.ByWords(["מארז"], 50).Length);
        var named = ProductIndex.Build([Row("1", "חלב תנובה", "2"), Row("2", "חלב טרי תנובה 3%", "2"), Row("3", "חלב עמיד", "3")]);
        var milk = named.ByWords(["חלב"], 10);
        Assert.Equal([("3", "3", "חלב עמיד", 1), ("1", "2", "חלב טרי תנובה 3%", 2)], milk.Select(h => (h.Key, h.Master, h.MasterName, h.Members!.Value)));
    }

    /// <summary>The database's search does not group: compare with every product its own master.</summary>
    private static ProductIndex Ungrouped(IEnumerable<ProductNameRow> rows) => ProductIndex.Build(rows.Select(r => r with { MasterId = r.Key }));

    private static ProductNameRow Row(string key, string name, string? master = null) =>
        new(key, name, null, key.All(char.IsAsciiDigit) ? key : null, null, SearchText.Normalise(name), master ?? key);

    private static long[] Trigrams(string text)
    {
        var buffer = new long[SearchTrigrams.MaxCount(text)];
        return buffer[..SearchTrigrams.Distinct(text, buffer)];
    }

    private static string[] Keys(ProductIndex index, string query) => [.. index.ByWords(SearchText.Words(query), 50).Select(h => h.Key)];

    private async Task<long> MatchCountAsync(IReadOnlyList<string> words) =>
        await gateway.Cluster.Database.ScalarAsync<long>(
            "SELECT count(*) FROM products WHERE " + string.Join(" AND ", words.Select((_, i) => $"search_name LIKE ${i + 1}")),
            [.. words.Select(w => (object)$"%{w}%")]);

    private sealed class TestMeterFactory : IMeterFactory
    {
        private readonly List<Meter> meters = [];

        public Meter Create(MeterOptions options)
        {
            var meter = new Meter(options.Name, options.Version, options.Tags, this);
            meters.Add(meter);
            return meter;
        }

        public void Dispose() => meters.ForEach(m => m.Dispose());
    }

    private sealed class WordsComparer : IEqualityComparer<string[]>
    {
        public bool Equals(string[]? x, string[]? y) => x!.SequenceEqual(y!);

        public int GetHashCode(string[] obj) => string.Join(' ', obj).GetHashCode(StringComparison.Ordinal);
    }
}
