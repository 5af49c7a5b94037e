using System.Text;
using System.Text.Json;
using Gogobe.Contracts.Events;
using Gogobe.Ingest.Files;
using Gogobe.Ingest.Messages;

namespace Gogobe.Ingest.Tests;

public sealed class MessageCodecTests
{
    [Fact]
    public void File_uploaded_has_the_documented_shape()
    {
        var message = FileUploaded.From(new StoredFile("9f86d0", "Stores7290027600007.xml", "9f/9f86d0/Stores7290027600007.xml", 5120), new DateTimeOffset(2026, 1, 1, 6, 0, 0, TimeSpan.Zero));

        var json = Encoding.UTF8.GetString(MessageCodec.Encode(message));

        Assert.Equal(
            """{"v":1,"importId":"9f86d0","fileName":"Stores7290027600007.xml","storagePath":"9f/9f86d0/Stores7290027600007.xml","size":5120,"submittedAt":"2026-01-01T06:00:00+00:00"}""",
            json);
    }

    [Fact]
    public void Unknown_fields_are_ignored_and_missing_ones_rejected()
    {
        var withExtra = """{"v":1,"importId":"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08","fileName":"f.xml","storagePath":"a/a/f.xml","size":1,"submittedAt":"2026-01-01T00:00:00Z","uploader":"cli"}"""u8.ToArray();
        var missing = """{"v":1,"fileName":"f.xml","storagePath":"a/a/f.xml","size":1,"submittedAt":"2026-01-01T00:00:00Z"}"""u8.ToArray();

        Assert.True(MessageCodec.TryDecode(withExtra, out FileUploaded? decoded, out _));
        Assert.Equal("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", decoded.ImportId);
        Assert.False(MessageCodec.TryDecode(missing, out FileUploaded? _, out var problem));
        Assert.Contains("importId", problem);
    }

    [Theory]
    [InlineData("a")]
    [InlineData("../../etc")]
    [InlineData("9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08")]
    [InlineData("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a080")]
    public void An_upload_whose_id_is_not_a_sha_256_is_refused(string id)
    {
        var payload = Encoding.UTF8.GetBytes($$"""{"v":1,"importId":"{{id}}","fileName":"f.xml","storagePath":"a/a/f.xml","size":1,"submittedAt":"2026-01-01T00:00:00Z"}""");

        Assert.False(MessageCodec.TryDecode(payload, out FileUploaded? _, out var problem));
        Assert.Contains("is not a SHA-256", problem);
    }

    [Fact]
    public void Prices_changed_caps_product_keys()
    {
        var change = PricesChanged.Create("c", "s", "i", DateTimeOffset.UnixEpoch, 7, 0, Enumerable.Range(0, 7).Select(i => $"k{i}"), maxKeys: 5);

        Assert.True(change.Truncated);
        Assert.Empty(change.ProductKeys);
        Assert.True(MessageCodec.TryDecode(MessageCodec.Encode(change), out PricesChanged? decoded, out _));
        Assert.Equal(change.ProductKeys, decoded.ProductKeys);
        Assert.False(PricesChanged.Create("c", "s", "i", DateTimeOffset.UnixEpoch, 5, 0, ["a", "b", "c", "d", "e"], maxKeys: 5).Truncated);
    }

    [Fact]
    public void Promotions_changed_has_the_documented_shape_and_round_trips()
    {
        var change = PromotionsChanged.Create(
            "7290027600007", "001", "9f86d0", new DateTimeOffset(2026, 1, 1, 6, 0, 0, TimeSpan.FromHours(2)), 2, 1,
            ["7290000000012", "7290000000029", "7290000000036"]);

        var encoded = MessageCodec.Encode(change);

        Assert.Equal(
            """{"v":1,"chainId":"7290027600007","storeId":"001","importId":"9f86d0","fileAt":"2026-01-01T06:00:00+02:00","changed":2,"removed":1,"productKeys":["7290000000012","7290000000029","7290000000036"],"truncated":false}""",
            Encoding.UTF8.GetString(encoded));
        Assert.True(MessageCodec.TryDecode(encoded, out PromotionsChanged? decoded, out var problem), problem);
        Assert.Equal(change with { ProductKeys = decoded.ProductKeys }, decoded);
        Assert.Equal(change.ProductKeys, decoded.ProductKeys);
    }

    [Fact]
    public void Promotions_changed_caps_product_keys_and_rejects_other_versions()
    {
        var change = PromotionsChanged.Create("c", "s", "i", DateTimeOffset.UnixEpoch, 1, 0, Enumerable.Range(0, 7).Select(i => $"k{i}"), maxKeys: 5);

        Assert.True(change.Truncated);
        Assert.Empty(change.ProductKeys);
        Assert.Equal(["a", "b", "c", "d", "e"], PromotionsChanged.Create("c", "s", "i", DateTimeOffset.UnixEpoch, 1, 0, ["a", "b", "c", "d", "e"], maxKeys: 5).ProductKeys);
        Assert.False(PromotionsChanged.Create("c", "s", "i", DateTimeOffset.UnixEpoch, 1, 0, ["a", "b", "c", "d", "e"], maxKeys: 5).Truncated);
        var many = PromotionsChanged.Create("c", "s", "i", DateTimeOffset.UnixEpoch, 1, 0, Enumerable.Range(0, PromotionsChanged.MaxProductKeys + 1).Select(i => $"k{i}"));
        Assert.Equal((true, 0), (many.Truncated, many.ProductKeys.Count));
        var all = PromotionsChanged.Create("c", "s", "i", DateTimeOffset.UnixEpoch, 1, 0, Enumerable.Range(0, PromotionsChanged.MaxProductKeys).Select(i => $"k{i}"));
        Assert.Equal((false, PromotionsChanged.MaxProductKeys), (all.Truncated, all.ProductKeys.Count));

        var future = """{"v":2,"chainId":"c","storeId":"s","importId":"i","fileAt":"2026-01-01T00:00:00Z","changed":1,"removed":0,"productKeys":[],"truncated":false}"""u8.ToArray();
        Assert.False(MessageCodec.TryDecode(future, out PromotionsChanged? _, out var problem));
        Assert.Contains("version 2", problem);
        var withoutKeys = """{"v":1,"chainId":"c","storeId":"s","importId":"i","fileAt":"2026-01-01T00:00:00Z","changed":1,"removed":0,"truncated":false}"""u8.ToArray();
        Assert.False(MessageCodec.TryDecode(withoutKeys, out PromotionsChanged? _, out problem));
        Assert.Contains("productKeys", problem);
    }

    [Fact]
    public void Store_changed_reason_is_lower_case()
    {
        var json = Encoding.UTF8.GetString(MessageCodec.Encode(new StoreChanged("c", "s", "n", null, null, StoreChangeReason.Address)));

        using var document = JsonDocument.Parse(json);
        Assert.Equal("address", document.RootElement.GetProperty("reason").GetString());
        Assert.Equal(1, document.RootElement.GetProperty("v").GetInt32());
    }
}
