using System.Security.Cryptography;
using System.Text;
using Gogobe.Ingest.Files;

namespace Gogobe.Ingest.Tests;

public sealed class FileStoreTests : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), $"gogobe-store-{Guid.NewGuid():N}");

    [Fact]
    public async Task Saved_file_is_addressed_by_its_sha_256_and_keeps_its_name_apart()
    {
        var store = new FileStore(root);
        var content = Encoding.UTF8.GetBytes("<Prices/>");

        var stored = await store.SaveAsync(new MemoryStream(content), "PriceFull7290027600007-001-202601010000.gz", CancellationToken.None);

        var sha = Convert.ToHexStringLower(SHA256.HashData(content));
        Assert.Equal(sha, stored.ImportId);
        Assert.Equal($"{sha[..2]}/{sha}", stored.StoragePath);
        Assert.Equal("PriceFull7290027600007-001-202601010000.gz", stored.FileName);
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

    [Fact]
    public async Task The_same_bytes_under_many_names_are_stored_once()
    {
        var store = new FileStore(root);
        var content = Encoding.UTF8.GetBytes("<root><Items Count=\"0\"/></root>");

        var names = new[] { "PriceFull7290027600007-001-202601010000.gz", "download (1).gz", "copy.xml" };
        var stored = new List<StoredFile>();
        foreach (var name in names)
        {
            stored.Add(await store.SaveAsync(new MemoryStream(content), name, CancellationToken.None));
        }

        Assert.Equal(names, stored.Select(file => file.FileName));
        Assert.Single(stored.Select(file => file.StoragePath).Distinct());
        var kept = Directory.GetFiles(root, "*", SearchOption.AllDirectories).Where(path => !path.Contains(".incoming")).ToList();
        Assert.Equal(content, await File.ReadAllBytesAsync(Assert.Single(kept)));
    }

    [Fact]
    public async Task A_path_of_the_earlier_layout_with_the_name_still_reads()
    {
        var content = Encoding.UTF8.GetBytes("<Prices/>");
        var earlier = await KeepInEarlierLayoutAsync(content);

        await using var read = new FileStore(root).OpenRead(earlier);
        using var copy = new MemoryStream();
        await read.CopyToAsync(copy);
        Assert.Equal(content, copy.ToArray());
    }

    [Fact]
    public async Task Bytes_kept_in_the_earlier_layout_are_not_stored_again_and_an_empty_earlier_folder_is_replaced()
    {
        var content = Encoding.UTF8.GetBytes("<Prices><Item/></Prices>");
        var sha = Convert.ToHexStringLower(SHA256.HashData(content));
        var earlier = await KeepInEarlierLayoutAsync(content);
        var store = new FileStore(root);

        var again = await store.SaveAsync(new MemoryStream(content), "Price7290027600007-001-202601020000.xml", CancellationToken.None);

        Assert.Equal(sha, again.ImportId);
        Assert.Equal(earlier, again.StoragePath);
        Assert.Equal("Price7290027600007-001-202601020000.xml", again.FileName);

        var other = Encoding.UTF8.GetBytes("<Prices><Item/><Item/></Prices>");
        var otherSha = Convert.ToHexStringLower(SHA256.HashData(other));
        Directory.CreateDirectory(Path.Combine(root, otherSha[..2], otherSha));
        var saved = await store.SaveAsync(new MemoryStream(other), "Price7290027600007-001-202601030000.xml", CancellationToken.None);
        Assert.Equal(FileStore.ContentPath(otherSha), saved.StoragePath);
        Assert.Equal(other, await File.ReadAllBytesAsync(store.FullPath(saved.StoragePath)));
    }

    /// <summary>Writes the bytes where the earlier layout kept them (<c>&lt;2 hex&gt;/&lt;sha256&gt;/&lt;name&gt;</c>) and returns that path.</summary>
    private async Task<string> KeepInEarlierLayoutAsync(byte[] content)
    {
        var sha = Convert.ToHexStringLower(SHA256.HashData(content));
        var earlier = $"{sha[..2]}/{sha}/Price7290027600007-001-202601010000.xml";
        Directory.CreateDirectory(Path.Combine(root, sha[..2], sha));
        await File.WriteAllBytesAsync(Path.Combine(root, earlier), content);
        return earlier;
    }

    public void Dispose()
    {
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
