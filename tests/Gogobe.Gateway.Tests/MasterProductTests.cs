using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Gogobe.Gateway.Tests.Infrastructure;
using Gogobe.Matching.Catalogue;
using Gogobe.Matching.Codes;
using Gogobe.Matching.Learning;
using Gogobe.Matching.Sizes;
using Gogobe.Testing;

namespace Gogobe.Gateway.Tests;

/// <summary>
/// Master products live: imports of chains of their own (so the shared sample data stays as it is) are matched as they
/// arrive, the API names masters and members, basket compare finds an item under another member's key, and an
/// operator's split survives a catalogue re-run.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class MasterProductTests(GatewayCluster gateway)
{
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Two_chains_selling_one_barcode_written_differently_and_a_chain_selling_it_under_its_own_code_end_in_one_master()
    {
        const string chainA = "7299999000011", chainB = "7299999000028";
        var milk = Gtin("729999100001");
        var tomatoes = Gtin("729999100002");
        await gateway.ImportAsync(PriceFull(chainA, "001", [
            new(milk, 1, "חלב טרי 3% בקרטון", "תנובה", 1, "ליטר", false, 6.90m),
            new(tomatoes, 0, "עגבניות שרי", "", 1, "קילוגרם", true, 12.90m),
        ]));
        await gateway.ImportAsync(PriceFull(chainB, "001", [
            new("0" + milk, 1, "חלב 3% קרטון 1 ל", "תנובה", 1, "ליטר", false, 7.10m),
            new(tomatoes, 1, "עגבניה שרי", "", 1, "קילוגרם", true, 11.50m),
        ]));

        // One barcode, however written, is one product of both chains: its own master.
        var product = await ProductAsync(milk);
        Assert.Equal([chainA, chainB], product.GetProperty("chains").EnumerateArray().Select(c => c.GetString()).Order(StringComparer.Ordinal));
        var own = await MasterWhenAsync(milk, m => m.GetProperty("members").GetArrayLength() == 1);
        Assert.Equal(milk, own.GetProperty("id").GetString());

        // Chain A sells the tomatoes under its own code that is a real barcode: matched by code to chain B's barcode.
        var internalKey = $"{chainA}:{tomatoes}";
        var master = await MasterWhenAsync(tomatoes, m => m.GetProperty("members").GetArrayLength() == 2);
        var members = master.GetProperty("members").EnumerateArray().ToDictionary(m => m.GetProperty("key").GetString()!);
        Assert.Equal(new[] { internalKey, tomatoes }.Order(StringComparer.Ordinal), members.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(chainA, members[internalKey].GetProperty("chainId").GetString());
        Assert.All(members.Values, m => Assert.Equal("code", m.GetProperty("matchedBy").GetString()));
        var fromOther = (await ProductAsync(internalKey)).GetProperty("master");
        Assert.Equal(master.GetProperty("id").GetString(), fromOther.GetProperty("id").GetString());

        // The prices of every member, each saying which member it is.
        var prices = await gateway.Http.GetFromJsonAsync<JsonElement>($"/api/products/{tomatoes}/prices?members=true");
        var rows = prices.GetProperty("prices").EnumerateArray().ToDictionary(p => p.GetProperty("chainId").GetString()!);
        Assert.Equal(12.90m, rows[chainA].GetProperty("price").GetDecimal());
        Assert.Equal(internalKey, rows[chainA].GetProperty("member").GetString());
        Assert.Equal(tomatoes, rows[chainB].GetProperty("member").GetString());
        Assert.Equal("code", rows[chainB].GetProperty("matchedBy").GetString());
        var plain = await gateway.Http.GetFromJsonAsync<JsonElement>($"/api/products/{tomatoes}/prices");
        Assert.Equal([chainB], plain.GetProperty("prices").EnumerateArray().Select(p => p.GetProperty("chainId").GetString()));

        // Basket compare: chain A sells the basket's barcode only under its own code.
        using var response = await gateway.Http.PostAsJsonAsync("/api/baskets/compare", new { items = new[] { new { key = tomatoes, quantity = 2 } } });
        var basket = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.IsSuccessStatusCode, basket.ToString());
        var stores = basket.GetProperty("stores").EnumerateArray().ToDictionary(s => s.GetProperty("chainId").GetString()!);
        Assert.Equal(25.80m, stores[chainA].GetProperty("total").GetDecimal());
        var via = Assert.Single(stores[chainA].GetProperty("members").EnumerateArray());
        Assert.Equal(internalKey, via.GetProperty("member").GetString());
        Assert.Equal("code", via.GetProperty("matchedBy").GetString());
        Assert.Empty(stores[chainB].GetProperty("members").EnumerateArray());
        Assert.Equal(23.00m, basket.GetProperty("cheapestStore").GetProperty("total").GetDecimal());
    }

    [Fact]
    public async Task Search_shows_one_line_per_master_product_with_the_price_range_of_all_its_members()
    {
        const string chainE = "7299999000059", chainF = "7299999000066";
        var marker = "זקש" + string.Concat(Guid.NewGuid().ToString("N").Where(char.IsAsciiDigit).Take(4));
        var salad = Gtin("729999100004");
        await gateway.ImportAsync(PriceFull(chainE, "001", [new(salad, 1, $"סלט חומוס {marker} 400 גרם", "צבר", 400, "גרם", false, 9.90m)]));
        await gateway.ImportAsync(PriceFull(chainF, "001", [new(salad, 0, $"חומוס {marker} 400 גרם", "", 400, "גרם", false, 12.40m)]));
        var internalKey = $"{chainF}:{salad}";
        await MasterWhenAsync(salad, m => m.GetProperty("members").GetArrayLength() == 2);

        // Two products whose names both hold the marker: one line, naming the master and its two members.
        JsonElement line = default;
        await Eventually.TrueAsync(async () =>
        {
            var found = await gateway.Http.GetFromJsonAsync<JsonElement>($"/api/products/search?q={Uri.EscapeDataString($"חומוס {marker}")}");
            var results = found.GetProperty("results").EnumerateArray().ToList();
            line = results.FirstOrDefault();
            return results.Count == 1 && line.GetProperty("members").GetInt32() == 2;
        }, MatchTimeout, () => $"search for {marker} answered {line}");
        Assert.Equal(salad, line.GetProperty("master").GetString());
        Assert.Contains(marker, line.GetProperty("masterName").GetString(), StringComparison.Ordinal);
        Assert.Contains(line.GetProperty("key").GetString(), new[] { salad, internalKey });

        // A barcode's prefix answers one line too.
        var byPrefix = await gateway.Http.GetFromJsonAsync<JsonElement>($"/api/products/search?q={salad}");
        Assert.Equal(salad, Assert.Single(byPrefix.GetProperty("results").EnumerateArray()).GetProperty("key").GetString());

        // The line's range spans both chains' prices; without members=true only the key's own.
        var key = line.GetProperty("key").GetString()!;
        var spanned = Assert.Single((await gateway.Http.GetFromJsonAsync<JsonElement>($"/api/products/ranges?keys={Uri.EscapeDataString(key)}&members=true")).EnumerateArray());
        Assert.Equal((9.90m, 12.40m, 2), (spanned.GetProperty("min").GetDecimal(), spanned.GetProperty("max").GetDecimal(), spanned.GetProperty("stores").GetInt32()));
        var own = Assert.Single((await gateway.Http.GetFromJsonAsync<JsonElement>($"/api/products/ranges?keys={Uri.EscapeDataString(key)}")).EnumerateArray());
        Assert.Equal(1, own.GetProperty("stores").GetInt32());
        using var bad = await gateway.Http.GetAsync($"/api/products/ranges?keys={salad}&members=yes");
        await Problems.AssertAsync(bad, HttpStatusCode.BadRequest, "members");
    }

    [Fact]
    public async Task A_master_products_history_merges_its_members_each_naming_itself()
    {
        const string chainG = "7299999000073", chainH = "7299999000080";
        var oil = Gtin("729999100005");
        await gateway.ImportAsync(PriceFull(chainG, "001", [new(oil, 1, "שמן זית כתית 750 מל", "יד מרדכי", 750, "מיליליטר", false, 39.90m)]));
        await gateway.ImportAsync(PriceFull(chainH, "001", [new(oil, 0, "שמן זית כתית מעולה 750 מל", "", 750, "מיליליטר", false, 42.00m)]));
        var internalKey = $"{chainH}:{oil}";
        await MasterWhenAsync(oil, m => m.GetProperty("members").GetArrayLength() == 2);

        var merged = await gateway.Http.GetFromJsonAsync<JsonElement>($"/api/products/{Uri.EscapeDataString(internalKey)}/history?members=true");
        Assert.Equal(oil, merged.GetProperty("masterId").GetString());
        var entries = merged.GetProperty("changes").EnumerateArray()
            .Select(c => (Chain: c.GetProperty("chainId").GetString(), Member: c.GetProperty("member").GetString(), By: c.GetProperty("matchedBy").GetString(), Price: c.GetProperty("price").GetDecimal()))
            .OrderBy(e => e.Chain, StringComparer.Ordinal).ToList();
        Assert.Equal([(chainG, oil, "code", 39.90m), (chainH, internalKey, "code", 42.00m)], entries);
        var times = merged.GetProperty("changes").EnumerateArray().Select(c => c.GetProperty("changedAt").GetDateTimeOffset()).ToList();
        Assert.Equal(times.Order(), times);

        var own = await gateway.Http.GetFromJsonAsync<JsonElement>($"/api/products/{Uri.EscapeDataString(internalKey)}/history");
        Assert.Equal([chainH], own.GetProperty("changes").EnumerateArray().Select(c => c.GetProperty("chainId").GetString()));
        Assert.Equal(JsonValueKind.Null, own.GetProperty("changes")[0].GetProperty("member").ValueKind);
        using var bad = await gateway.Http.GetAsync($"/api/products/{oil}/history?members=1");
        await Problems.AssertAsync(bad, HttpStatusCode.BadRequest, "members");
    }

    [Fact]
    public async Task A_product_without_a_shared_barcode_joins_another_chains_master_by_the_learned_rule()
    {
        // A real matcher, trained here on a small labelled set: 96 products two chains sell under one barcode (their
        // names differing as chains' do), and the neighbours (other flavours, other brands) as negatives. Its words are
        // made up, so it has no reason to merge the sample feeds' products after it is installed.
        string[] kinds = ["qworn", "flexa", "brintel", "zodra", "kappel", "vustin", "moraq", "tilben"];
        string[] flavours = ["ambor", "celix", "dorvan", "elmix", "fenvo", "gorla", "hestin", "ivrel", "jostra", "kelvo", "lumen", "marvo"];
        var offers = new List<Offer>();
        for (var i = 0; i < kinds.Length * flavours.Length; i++)
        {
            var name = $"{kinds[i % kinds.Length]} {flavours[i / kinds.Length]} brand{i % 3}";
            var shared = Gtin($"72999820{i:D4}");
            var size = Size.Of(100 + (25 * (i % 5)), "גרם");
            offers.Add(new Offer("A", shared, CodeKind.Gtin, name, $"maker{i % 3}", size, false, 10m + (i % 7)));
            offers.Add(new Offer("B", shared, CodeKind.Gtin, $"{name} {100 + (25 * (i % 5))} גרם", $"maker{i % 3}", size, false, 10.5m + (i % 7)));
        }

        // Every other test of the collection expects matching by code only: the model is withdrawn at the end.
        var trained = CatalogueTraining.Train(offers);
        using (var upload = new HttpRequestMessage(HttpMethod.Put, "/api/matching/model?description=learned-match%20test")
        {
            Content = new ByteArrayContent(MatcherFile.Write(trained.Pairs, trained.Confidence)),
        })
        {
            upload.Headers.Authorization = new AuthenticationHeaderValue("Bearer", gateway.OperatorToken);
            await WarmAsync();
            using var installed = await gateway.Http.SendAsync(upload);
            Assert.True(installed.IsSuccessStatusCode, await installed.Content.ReadAsStringAsync());
        }

        // Chain J sells the product by its barcode; chain K only under a short code of its own, never a shared key.
        const string chainJ = "7299999000097", chainK = "7299999000103";
        var barcode = Gtin("729998209999");
        await gateway.ImportAsync(PriceFull(chainJ, "001", [new(barcode, 1, "kappel jostra brand2", "maker2", 150, "גרם", false, 13.90m)]));
        await gateway.ImportAsync(PriceFull(chainK, "001", [new("40417", 0, "kappel jostra brand2 150 גרם", "maker2", 150, "גרם", false, 14.50m)]));
        var internalKey = $"{chainK}:40417";

        try
        {
            var master = await MasterWhenAsync(internalKey, m => m.GetProperty("members").GetArrayLength() == 2);
            Assert.Equal(barcode, master.GetProperty("id").GetString());
            var joined = master.GetProperty("members").EnumerateArray().Single(m => m.GetProperty("key").GetString() == internalKey);
            Assert.Equal("learned", joined.GetProperty("matchedBy").GetString());
            Assert.InRange(joined.GetProperty("confidence").GetDouble(), 0.98, 1.0);
        }
        finally
        {
            using var withdraw = new HttpRequestMessage(HttpMethod.Delete, "/api/matching/model");
            withdraw.Headers.Authorization = new AuthenticationHeaderValue("Bearer", gateway.OperatorToken);
            using var withdrawn = await gateway.Http.SendAsync(withdraw);
            Assert.True(withdrawn.IsSuccessStatusCode, await withdrawn.Content.ReadAsStringAsync());
        }

        Assert.Equal(0, (await OperatorGetAsync("/api/matching/status")).GetProperty("modelId").GetInt64());
    }

    [Fact]
    public async Task An_operators_split_keeps_the_product_alone_through_a_rerun()
    {
        const string chainC = "7299999000035", chainD = "7299999000042";
        var bread = Gtin("729999100003");
        await gateway.ImportAsync(PriceFull(chainC, "001", [new(bread, 0, "לחם אחיד פרוס", "", 750, "גרם", false, 8.20m)]));
        await gateway.ImportAsync(PriceFull(chainD, "001", [new(bread, 1, "לחם אחיד פרוס 750 גרם", "אנג'ל", 750, "גרם", false, 8.40m)]));
        var internalKey = $"{chainC}:{bread}";
        await MasterWhenAsync(bread, m => m.GetProperty("members").GetArrayLength() == 2);

        using var split = await OperatorPostAsync($"/api/matching/members/{Uri.EscapeDataString(internalKey)}/split");
        Assert.True(split.IsSuccessStatusCode, await split.Content.ReadAsStringAsync());
        var alone = (await ProductAsync(internalKey)).GetProperty("master");
        Assert.Equal(internalKey, alone.GetProperty("id").GetString());
        Assert.Equal("manual", Assert.Single(alone.GetProperty("members").EnumerateArray()).GetProperty("matchedBy").GetString());
        Assert.Single((await ProductAsync(bread)).GetProperty("master").GetProperty("members").EnumerateArray());

        using var rerun = await OperatorPostAsync("/api/matching/rerun");
        Assert.Equal(HttpStatusCode.Accepted, rerun.StatusCode);
        await Eventually.TrueAsync(async () => !(await OperatorGetAsync("/api/matching/status")).GetProperty("running").GetBoolean(), TimeSpan.FromSeconds(60), () => "the re-run did not finish");
        var status = await OperatorGetAsync("/api/matching/status");
        Assert.True(status.GetProperty("lastError").ValueKind == JsonValueKind.Null, status.ToString());
        Assert.True(status.GetProperty("manual").GetInt32() >= 1, status.ToString());

        var after = (await ProductAsync(internalKey)).GetProperty("master");
        Assert.Equal(internalKey, after.GetProperty("id").GetString());
        Assert.Single(after.GetProperty("members").EnumerateArray());
        var barcodeMaster = (await ProductAsync(bread)).GetProperty("master");
        Assert.DoesNotContain(internalKey, barcodeMaster.GetProperty("members").EnumerateArray().Select(m => m.GetProperty("key").GetString()));
    }

    [Fact]
    public async Task Matching_endpoints_answer_bad_input_with_problems()
    {
        await WarmAsync();
        using var unknown = await OperatorPostAsync("/api/matching/members/7299999999994/confirm");
        await Problems.AssertAsync(unknown, HttpStatusCode.NotFound, null);
        using var badKey = await OperatorPostAsync("/api/matching/members/%20/split");
        await Problems.AssertAsync(badKey, HttpStatusCode.BadRequest, "key");
        using var members = await gateway.Http.GetAsync($"/api/products/{SharedFeeds.Prices(SharedFeeds.OsherAdPrices).Keys.First()}/prices?members=maybe");
        await Problems.AssertAsync(members, HttpStatusCode.BadRequest, "members");

        using var garbage = new HttpRequestMessage(HttpMethod.Put, "/api/matching/model") { Content = new ByteArrayContent(Encoding.ASCII.GetBytes("not a model")) };
        garbage.Headers.Authorization = new AuthenticationHeaderValue("Bearer", gateway.OperatorToken);
        using var refused = await gateway.Http.SendAsync(garbage);
        await Problems.AssertAsync(refused, HttpStatusCode.BadRequest, "body");

        using var remote = new HttpRequestMessage(HttpMethod.Post, "/api/matching/rerun");
        remote.Headers.Add("X-Forwarded-For", "198.51.100.7");
        remote.Headers.Authorization = new AuthenticationHeaderValue("Bearer", gateway.Token(["reader", "importer"]));
        using var forbidden = await gateway.Http.SendAsync(remote);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
    }

    /// <summary>Waits for the master products grain to answer: its first activation loads the catalogue.</summary>
    private async Task WarmAsync() =>
        await Eventually.TrueAsync(async () =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/matching/status");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", gateway.OperatorToken);
            using var response = await gateway.Http.SendAsync(request);
            return response.IsSuccessStatusCode;
        }, TimeSpan.FromSeconds(120), () => "the master products grain did not answer");

    private async Task<JsonElement> ProductAsync(string key) =>
        await gateway.Http.GetFromJsonAsync<JsonElement>($"/api/products/{Uri.EscapeDataString(key)}");

    private async Task<JsonElement> MasterWhenAsync(string key, Func<JsonElement, bool> condition)
    {
        var last = default(JsonElement);
        await Eventually.TrueAsync(async () =>
        {
            last = (await ProductAsync(key)).GetProperty("master");
            return last.ValueKind == JsonValueKind.Object && condition(last);
        }, MatchTimeout, () => $"the master of {key} is {last}");
        return last;
    }

    private async Task<HttpResponseMessage> OperatorPostAsync(string url)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", gateway.OperatorToken);
        return await gateway.Http.SendAsync(request);
    }

    private async Task<JsonElement> OperatorGetAsync(string url)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", gateway.OperatorToken);
        using var response = await gateway.Http.SendAsync(request);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>Twelve digits and their GS1 check digit.</summary>
    private static string Gtin(string twelve)
    {
        var sum = twelve.Select((c, i) => (c - '0') * (i % 2 == 0 ? 1 : 3)).Sum();
        return twelve + (char)('0' + (10 - sum % 10) % 10);
    }

    private sealed record Item(string Code, int ItemType, string Name, string Manufacturer, decimal Quantity, string Unit, bool Weighted, decimal Price);

    private string PriceFull(string chainId, string storeId, Item[] items)
    {
        var xml = new StringBuilder();
        xml.Append(CultureInfo.InvariantCulture, $"<Root><XmlDocVersion>19</XmlDocVersion><ChainId>{chainId}</ChainId><SubChainId>1</SubChainId><StoreId>{storeId}</StoreId><BikoretNo>1</BikoretNo><Items Count=\"{items.Length}\">");
        foreach (var i in items)
        {
            xml.Append(CultureInfo.InvariantCulture, $"""
                <Item><PriceUpdateDate>2026-01-01 08:00:00</PriceUpdateDate><ItemCode>{i.Code}</ItemCode><ItemType>{i.ItemType}</ItemType>
                <ItemName>{i.Name}</ItemName><ManufacturerName>{i.Manufacturer}</ManufacturerName><ManufactureCountry>ישראל</ManufactureCountry>
                <ManufacturerItemDescription>{i.Name}</ManufacturerItemDescription><UnitQty>{i.Unit}</UnitQty><Quantity>{i.Quantity}</Quantity>
                <UnitOfMeasure>{i.Unit}</UnitOfMeasure><bIsWeighted>{(i.Weighted ? 1 : 0)}</bIsWeighted><QtyInPackage>1</QtyInPackage>
                <ItemPrice>{i.Price}</ItemPrice><UnitOfMeasurePrice>{i.Price}</UnitOfMeasurePrice><AllowDiscount>1</AllowDiscount><ItemStatus>1</ItemStatus></Item>
                """);
        }

        xml.Append("</Items></Root>");
        var path = Path.Combine(gateway.Scratch.FullName, $"PriceFull{chainId}-{storeId}-202601010800.xml");
        File.WriteAllText(path, xml.ToString(), new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        return path;
    }
}
