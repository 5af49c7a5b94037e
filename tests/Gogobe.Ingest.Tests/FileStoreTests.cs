using System.Security.Cryptography;
using System.Text;
using Gogobe.Ingest.Files;

namespace Gogobe.Ingest.Tests;

public sealed class FileStoreTests : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), $"gogobe-store-{Guid.NewGuid():N}");

    [Fact]
    public async Task Saved_file_is_addressed_by_its_sha_256_and_keeps_its_name()
    {
        var store = new FileStore(root);
        var content = Encoding.UTF8.GetBytes("<Prices/>");

        var stored = await store.SaveAsync(new MemoryStream(content), "PriceFull7290027600007-001-202601010000.gz", CancellationToken.None);

        var sha = Convert.ToHexStringLower(SHA256.HashData(content));
        Assert.Equal(sha, stored.ImportId);
        Assert.Equal($"{sha[..2]}/{sha}/PriceFull7290027600007-001-202601010000.gz", stored.StoragePath);
        Assert.Equal(content.Length, stored.Size);
        await using var read = store.OpenRead(stored.StoragePath);
        using var copy = new MemoryStream();
        await read.CopyToAsync(copy);
        Assert.Equal(content, copy.ToArray());
        Assert.Empty(Directory.GetFiles(Path.Combine(root, ".incoming")));
    }

    [Theory]
    [InlineData("../../etc/passwd", "passwd")]
    [InlineData("C:\\feeds\\Stores7290027600007.xml", "Stores7290027600007.xml")]
    [InlineData("bad:na\u0001me.xml", "bad_na_me.xml")]
    public async Task Client_file_names_are_reduced_to_one_safe_segment(string fileName, string expected)
    {
        var stored = await new FileStore(root).SaveAsync(new MemoryStream([1, 2, 3]), fileName, CancellationToken.None);

        Assert.Equal(expected, stored.FileName);
    }

    [Theory]
    [InlineData("../outside.xml")]
    [InlineData("ab/../../outside.xml")]
    [InlineData("/etc/passwd")]
    [InlineData("")]
    public void Paths_leaving_the_store_are_rejected(string storagePath)
    {
        var store = new FileStore(root);

        Assert.Throws<ArgumentException>(() => store.FullPath(storagePath));
        Assert.Throws<ArgumentException>(() => store.OpenRead(storagePath));
    }

    [Fact]
    public async Task Concurrent_saves_of_the_same_content_agree()
    {
        var store = new FileStore(root);
        var content = new byte[200_000];
        Random.Shared.NextBytes(content);

        var stored = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => store.SaveAsync(new MemoryStream(content), "Promo.xml", CancellationToken.None)));

        Assert.Single(stored.Distinct());
        Assert.Equal(content.Length, new FileInfo(store.FullPath(stored[0].StoragePath)).Length);
    }

    public void Dispose()
    {
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
