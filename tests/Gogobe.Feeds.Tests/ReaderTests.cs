using System.Globalization;
using System.IO.Compression;
using System.Text;
using Gogobe.Feeds.Model;
using Gogobe.Testing;

namespace Gogobe.Feeds.Tests;

public sealed class ReaderTests
{
    private const string RamiLevyPriceFull = "ShakedZrihen__data-pipeline-2025/PriceFull7290058140886-006-202508130010.gz";

    [Fact]
    public void Utf16_stores_file_without_declaration_reads_hebrew()
    {
        var (records, result) = ReadAll(SharedFeeds.File("ShakedZrihen__data-pipeline-2025/Stores7290058140886-000-20250821-050500-RamiLevi.xml"));
        Assert.True(result.Ok, result.Error);
        var first = Assert.IsType<StoreRecord>(records[0]);
        Assert.Equal("תלפיות", first.Name);
        Assert.Equal("1", first.StoreId);
        Assert.Equal("001", first.SubChainId);
        Assert.Equal("רמי לוי שיווק השקמה", first.ChainName);
    }

    [Fact]
    public void Declared_iso_8859_8_that_is_really_utf8_reads_as_utf8()
    {
        var (records, result) = ReadAll(SharedFeeds.File("OlivierH__israel-prices/StoresFull7290172900007--202211020200"));
        Assert.True(result.Ok, result.Error);
        var first = Assert.IsType<StoreRecord>(records[0]);
        Assert.Equal("סופר-פארם צמרות", first.Name);
        Assert.Equal("הרצליה", first.City);
        Assert.Equal('E', result.Header!.Layout);
    }

    [Theory]
    [InlineData("windows-1255")]
    [InlineData("ISO-8859-8")]
    [InlineData(null)]
    public void Hebrew_single_byte_files_decode(string? declared)
    {
        var xml = (declared is null ? string.Empty : $"<?xml version=\"1.0\" encoding=\"{declared}\"?>") +
            "<Root><ChainId>7290058140886</ChainId><StoreId>1</StoreId><Items><Item><ItemCode>7290000000001</ItemCode><ItemType>1</ItemType>" +
            "<ItemName>חלב תנובה</ItemName><ItemPrice>6.90</ItemPrice></Item></Items></Root>";
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var bytes = Encoding.GetEncoding(1255).GetBytes(xml);
        var (records, result) = ReadAll(new MemoryStream(bytes), "Price7290058140886-001-202508071000.xml");
        Assert.True(result.Ok, result.Error);
        Assert.Equal("חלב תנובה", Assert.IsType<PriceItem>(Assert.Single(records)).Name);
    }

    [Fact]
    public void Zip_served_under_a_gz_name_is_read()
    {
        var result = ConformanceTests.Read(SharedFeeds.File("ShakedZrihen__data-pipeline-2025/PriceFull7290058197699-752-202508131024.gz"));
        Assert.True(result.Ok, result.Error);
        Assert.Equal(3954, result.Items);
    }

    [Fact]
    public void Html_page_named_gz_is_rejected()
    {
        var html = File.ReadAllBytes(SharedFeeds.File("OpenIsraeliSupermarkets__israeli-supermarket-scarpers/cpfta_prices_regulations.gov-il-portal-list.html"));
        var (_, result) = ReadAll(new MemoryStream(html), "PriceFull7290058140886-006-202508130010.gz");
        Assert.False(result.Ok);
        Assert.Contains("HTML", result.Error, StringComparison.Ordinal);
        Assert.StartsWith("PriceFull7290058140886-006-202508130010.gz: ", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Truncated_gzip_fails_even_after_yielding_records()
    {
        var (records, result) = ReadAll(SharedFeeds.File("OpenIsraeliSupermarkets__israeli-supermarket-scarpers/PriceFull7290876100000-003-202410070010.gz"));
        Assert.NotEmpty(records);
        Assert.False(result.Ok);
        Assert.Contains("truncated gzip", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Decompressed_size_over_the_limit_fails()
    {
        var result = ConformanceTests.Read(SharedFeeds.File(RamiLevyPriceFull), new FeedReaderOptions { MaxDecompressedBytes = 1_000_000 });
        Assert.False(result.Ok);
        Assert.Contains("over the limit", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Stream_with_unrecognisable_name_is_identified_from_content_and_dated_by_its_newest_item()
    {
        var received = DateTimeOffset.Parse("2025-08-13T06:00:00Z", CultureInfo.InvariantCulture);
        using var gz = File.OpenRead(SharedFeeds.File(RamiLevyPriceFull));
        using var file = FeedFile.Open(gz, "download (3).bin", new FeedReaderOptions { ReceivedAt = received });
        var newest = file.ReadRecords().OfType<PriceItem>().Select(i => i.PriceUpdatedAt).Max();
        var result = file.Result;
        Assert.True(result.Ok, result.Error);
        Assert.Equal(DateTimeOffset.Parse("2025-08-12T12:58:45Z", CultureInfo.InvariantCulture), newest);
        Assert.Equal((newest, FeedTimeSource.Content), (result.Header!.Timestamp, result.Header.TimeSource));
        Assert.Equal(FeedKind.Price, result.Header!.Kind);
        Assert.Equal("7290058140886", result.Header.ChainId);
        Assert.Equal(9988, result.Items);
    }

    [Fact]
    public void Unrecognised_file_is_an_error_naming_it()
    {
        var (_, result) = ReadAll(new MemoryStream("<Catalog><Book/></Catalog>"u8.ToArray()), "books.xml");
        Assert.False(result.Ok);
        Assert.StartsWith("books.xml: unrecognised file", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Rows_without_price_or_code_are_rejected_and_counted()
    {
        const string xml = "<Root><ChainId>7290058140886</ChainId><StoreId>1</StoreId><Items>" +
            "<Item><ItemCode>7290000000001</ItemCode><ItemPrice></ItemPrice></Item>" +
            "<Item><ItemCode></ItemCode><ItemPrice>1.00</ItemPrice></Item>" +
            "<Item><ItemCode>7290000000002</ItemCode><ItemPrice>abc</ItemPrice></Item>" +
            "<Item><ItemCode>7290000000003</ItemCode><ItemPrice>3.50</ItemPrice></Item></Items></Root>";
        var (records, result) = ReadAll(new MemoryStream(Encoding.UTF8.GetBytes(xml)), "PriceFull7290058140886-001-202508071000.xml");
        Assert.True(result.Ok, result.Error);
        Assert.Single(records);
        Assert.Equal(3, result.Rejected);
        Assert.Equal(1, result.RejectedByReason[RejectReason.EmptyPrice]);
        Assert.Equal(1, result.RejectedByReason[RejectReason.MissingItemCode]);
        Assert.Equal(1, result.RejectedByReason[RejectReason.InvalidPrice]);
    }

    [Fact]
    public void Price_item_is_fully_mapped()
    {
        var (records, result) = ReadAll(SharedFeeds.File(RamiLevyPriceFull));
        Assert.Equal(new FeedHeader("PriceFull7290058140886-006-202508130010.gz", FeedKind.PriceFull, 'A', "7290058140886", "1", "6",
            DateTimeOffset.Parse("2025-08-12T21:10:00Z", CultureInfo.InvariantCulture)) { TimeSource = FeedTimeSource.Name }, result.Header);
        var item = Assert.IsType<PriceItem>(records[0]);
        Assert.Equal(ProductKey.Barcode("7290012803321"), item.Key);
        Assert.False(item.IsInternalCode);
        Assert.Equal("מר' סוכרלוז 200שקיות", item.Name);
        Assert.Equal("מרמולייט", item.Manufacturer);
        Assert.Equal("ישראל", item.ManufactureCountry);
        Assert.Equal(39.90m, item.Price);
        Assert.Equal(0.1995m, item.UnitPrice);
        Assert.Equal(200m, item.Quantity);
        Assert.Equal(MeasureUnit.Gram, item.Unit);
        Assert.Equal("גרמים", item.UnitText);
        Assert.False(item.IsWeighted);
        Assert.Null(item.QuantityInPackage);
        Assert.True(item.AllowDiscount);
        Assert.Equal(1, item.ItemStatus);
        Assert.Equal(DateTimeOffset.Parse("2025-07-09T12:45:28Z", CultureInfo.InvariantCulture), item.PriceUpdatedAt);
    }

    [Fact]
    public void Layout_f_promotion_keeps_per_item_rewards()
    {
        var (records, result) = ReadAll(SharedFeeds.File("rxradar__israeli-prices/ramilevy_promofull.xml"));
        Assert.True(result.Ok, result.Error);
        Assert.Equal('F', result.Header!.Layout);
        var promotion = Assert.IsType<Promotion>(records[0]);
        Assert.Equal("0001421409", promotion.PromotionId);
        Assert.False(promotion.IsClubOnly);
        Assert.Equal(10, promotion.RewardType);
        Assert.Equal(DateTimeOffset.Parse("2026-08-03T21:00:00Z", CultureInfo.InvariantCulture), promotion.StartsAt);
        var item = promotion.Items[0];
        Assert.Equal(10, item.RewardType);
        Assert.Equal(7.90m, item.DiscountedPrice);
        Assert.Equal(46.98m, item.DiscountRate);
        Assert.Equal(9m, item.MaxQuantity);
        Assert.True(promotion.IsWeighted);
    }

    [Fact]
    public void Internal_promotion_items_are_keyed_by_chain()
    {
        var (records, _) = ReadAll(SharedFeeds.File("OpenIsraeliSupermarkets__israeli-supermarket-parsers/PromoFull7290785400000-002-202602170010"));
        var item = Assert.IsType<Promotion>(records[0]).Items[0];
        Assert.True(item.IsInternalCode);
        Assert.Equal("7290785400000:11073", item.Key.Value);
    }

    [Fact]
    public void Matrix_branches_keep_their_own_chain_id()
    {
        var (records, result) = ReadAll(SharedFeeds.File("OlivierH__israel-prices/StoresFull7290696200003-000-202211020600-000.xml"));
        Assert.Equal("7290696200003", result.Header!.ChainId);
        var stores = records.Cast<StoreRecord>().ToList();
        Assert.Equal("7290058103393", stores[0].ChainId);
        Assert.Equal("87", stores[0].StoreId);
        Assert.Contains(stores, s => s.ChainId == "7290696200003");
        Assert.All(stores, s => Assert.Null(s.Latitude));
    }

    [Fact]
    public void Matrix_sale_rows_are_grouped_into_promotions()
    {
        const string xml = "<?xml version=\"1.0\" encoding=\"utf-8\"?><Promos><ChainID>72906</ChainID><SubChainID>001</SubChainID><StoreID>077</StoreID><Sales>" +
            "<Sale><ItemCode>7290000000001</ItemCode><ItemType>1</ItemType><PromotionID>10</PromotionID><PromotionDescription>2 ב-10</PromotionDescription>" +
            "<PromotionStartDate>2024/06/01</PromotionStartDate><PromotionEndDate>2024/06/30</PromotionEndDate><MinQty>2</MinQty><DiscountedPrice>10</DiscountedPrice><ClubID>0</ClubID></Sale>" +
            "<Sale><ItemCode>17</ItemCode><ItemType>0</ItemType><PromotionID>10</PromotionID></Sale>" +
            "<Sale><ItemCode>7290000000002</ItemCode><PromotionID>11</PromotionID><ClubID>3</ClubID></Sale>" +
            "<Sale><ItemCode>7290000000003</ItemCode><PromotionID>10</PromotionID></Sale></Sales></Promos>";
        var (records, result) = ReadAll(new MemoryStream(Encoding.UTF8.GetBytes(xml)), "PromoFull7290661400001-077-202406010010.xml");
        Assert.True(result.Ok, result.Error);
        Assert.Equal("7290661400001", result.Header!.ChainId);
        Assert.Equal('D', result.Header.Layout);
        var promotions = records.Cast<Promotion>().ToList();
        Assert.Equal(["10", "11"], promotions.Select(p => p.PromotionId));
        Assert.Equal(["7290000000001", "17", "7290000000003"], promotions[0].Items.Select(i => i.ItemCode));
        Assert.Equal("7290661400001:17", promotions[0].Items[1].Key.Value);
        Assert.Equal(10m, promotions[0].DiscountedPrice);
        Assert.False(promotions[0].IsClubOnly);
        Assert.True(promotions[1].IsClubOnly);
        Assert.Equal(4, result.PromotionItems);
        Assert.Equal([new IdentityDisagreement("chain", "72906", "7290661400001", "7290661400001")], result.Header.Disagreements);
    }

    [Theory]
    [InlineData("<StoreId>0</StoreId>", "PriceFull7290027600007-015-202601010000.xml", "15", "0")]
    [InlineData("<StoreId>016</StoreId>", "PriceFull7290027600007-015-202601010000.xml", "16", "16")]
    [InlineData("<StoreId>015</StoreId>", "PriceFull7290027600007-015-202601010000.xml", "15", null)]
    [InlineData("<StoreId>x1</StoreId>", "PriceFull7290027600007-015-202601010000.xml", "15", "x1")]
    public void A_store_id_the_header_and_name_disagree_on_is_the_valid_one_and_is_noted(string storeElement, string name, string used, string? inHeader)
    {
        var xml = "<?xml version=\"1.0\" encoding=\"utf-8\"?><root><ChainId>7290027600007</ChainId><SubChainId>1</SubChainId>" + storeElement +
            "<BikoretNo>1</BikoretNo><DllVerNo>8.0.1.3</DllVerNo><Items Count=\"1\"><Item><PriceUpdateDate>2026-01-01 00:00:00</PriceUpdateDate><ItemCode>7290000000001</ItemCode>" +
            "<ItemType>1</ItemType><ItemName>חלב</ItemName><ManufacturerName>תנובה</ManufacturerName><UnitQty>ליטר</UnitQty><Quantity>1</Quantity>" +
            "<UnitOfMeasure>ליטר</UnitOfMeasure><bIsWeighted>0</bIsWeighted><QtyInPackage>0</QtyInPackage><ItemPrice>6.20</ItemPrice><UnitOfMeasurePrice>6.20</UnitOfMeasurePrice>" +
            "<AllowDiscount>1</AllowDiscount><ItemStatus>1</ItemStatus></Item></Items></root>";

        var (_, result) = ReadAll(new MemoryStream(Encoding.UTF8.GetBytes(xml)), name);

        Assert.True(result.Ok, result.Error);
        Assert.Equal(used, result.Header!.StoreId);
        Assert.Equal(inHeader is null ? [] : [new IdentityDisagreement("store", inHeader, "15", used)], result.Header.Disagreements);
    }

    internal static (List<FeedRecord> Records, FeedReadResult Result) ReadAll(string path)
    {
        using var file = FeedFile.Open(path);
        var records = file.ReadRecords().ToList();
        return (records, file.Result);
    }

    internal static (List<FeedRecord> Records, FeedReadResult Result) ReadAll(Stream stream, string name)
    {
        using var file = FeedFile.Open(stream, name);
        var records = file.ReadRecords().ToList();
        return (records, file.Result);
    }
}
