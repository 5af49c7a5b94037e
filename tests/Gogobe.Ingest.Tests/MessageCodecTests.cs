using System.Text;
using System.Text.Json;
using Gogobe.Ingest.Files;
using Gogobe.Ingest.Messages;

namespace Gogobe.Ingest.Tests;

public sealed class MessageCodecTests
{
    [Fact]
    public void FileUploadedHasTheDocumentedShape()
    {
        var message = FileUploaded.From(new StoredFile("9f86d0", "Stores7290027600007.xml", "9f/9f86d0/Stores7290027600007.xml", 5120), new DateTimeOffset(2026, 1, 1, 6, 0, 0, TimeSpan.Zero));

        var json = Encoding.UTF8.GetString(MessageCodec.Encode(message));

        Assert.Equal(
            """{"v":1,"importId":"9f86d0","fileName":"Stores7290027600007.xml","storagePath":"9f/9f86d0/Stores7290027600007.xml","size":5120,"submittedAt":"2026-01-01T06:00:00+00:00"}""",
            json);
    }

    [Fact]
    public void UnknownFieldsAreIgnoredAndMissingOnesRejected()
    {
        var withExtra = """{"v":1,"importId":"a","fileName":"f.xml","storagePath":"a/a/f.xml","size":1,"submittedAt":"2026-01-01T00:00:00Z","uploader":"cli"}"""u8.ToArray();
        var missing = """{"v":1,"fileName":"f.xml","storagePath":"a/a/f.xml","size":1,"submittedAt":"2026-01-01T00:00:00Z"}"""u8.ToArray();

        Assert.True(MessageCodec.TryDecode(withExtra, out FileUploaded? decoded, out _));
        Assert.Equal("a", decoded.ImportId);
        Assert.False(MessageCodec.TryDecode(missing, out FileUploaded? _, out var problem));
        Assert.Contains("importId", problem);
    }

    [Fact]
    public void PricesChangedCapsProductKeys()
    {
        var change = PricesChanged.Create("c", "s", "i", DateTimeOffset.UnixEpoch, 7, 0, Enumerable.Range(0, 7).Select(i => $"k{i}"), maxKeys: 5);

        Assert.True(change.Truncated);
        Assert.Equal(5, change.ProductKeys.Count);
        Assert.True(MessageCodec.TryDecode(MessageCodec.Encode(change), out PricesChanged? decoded, out _));
        Assert.Equal(change.ProductKeys, decoded.ProductKeys);
        Assert.False(PricesChanged.Create("c", "s", "i", DateTimeOffset.UnixEpoch, 5, 0, ["a", "b", "c", "d", "e"], maxKeys: 5).Truncated);
    }

    [Fact]
    public void StoreChangedReasonIsLowerCase()
    {
        var json = Encoding.UTF8.GetString(MessageCodec.Encode(new StoreChanged("c", "s", "n", null, null, StoreChangeReason.Address)));

        using var document = JsonDocument.Parse(json);
        Assert.Equal("address", document.RootElement.GetProperty("reason").GetString());
        Assert.Equal(1, document.RootElement.GetProperty("v").GetInt32());
    }
}
