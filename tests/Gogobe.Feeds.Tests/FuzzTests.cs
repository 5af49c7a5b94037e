using System.IO.Compression;
using System.Xml;
using Gogobe.Testing;

namespace Gogobe.Feeds.Tests;

/// <summary>
/// Real files cut short or with bytes overwritten at seeded random places: the reader never throws, always ends,
/// never calls a cut gzip Ok, and calls a corrupted plain file Ok only when that file still is well-formed XML.
/// </summary>
public sealed class FuzzTests
{
    private const int Cases = 100;
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(20);

    private static readonly string[] GzipFiles =
    [
        "ShakedZrihen__data-pipeline-2025/PriceFull7290058140886-006-202508130010.gz",
        "ShakedZrihen__data-pipeline-2025/PromoFull7290785400000-015-202508130011.gz",
        "ShakedZrihen__data-pipeline-2025/Price7290103152017-001-202508071000.gz",
        "ShakedZrihen__data-pipeline-2025/PromoFull7290058197699-970-202508071036.gz",
    ];

    private static readonly string[] PlainFiles =
    [
        "OlivierH__israel-prices/Stores7290027600007-000-202211020201",
        "OlivierH__israel-prices/StoresFull7290172900007--202211020200",
        "ShakedZrihen__data-pipeline-2025/Stores7290058140886-000-20250821-050500-RamiLevi.xml",
        "rxradar__israeli-prices/shufersal_promofull.xml",
        "OlivierH__israel-prices/PriceFull7290058159628-001-202211021214",
    ];

    public static TheoryData<int> Seeds()
    {
        var data = new TheoryData<int>();
        for (var i = 0; i < 4; i++)
        {
            data.Add(i);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task Truncated_compressed_files_always_fail(int batch)
    {
        var random = new Random(1000 + batch);
        for (var i = 0; i < Cases / 4; i++)
        {
            var name = GzipFiles[random.Next(GzipFiles.Length)];
            var bytes = File.ReadAllBytes(SharedFeeds.File(name));
            var cut = bytes[..random.Next(1, bytes.Length - 1)];
            var result = await ReadWithin(cut, Path.GetFileName(name));
            Assert.False(result.Ok, $"{name} cut to {cut.Length} of {bytes.Length} bytes read as Ok");
            Assert.DoesNotContain("unexpected failure", result.Error, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task Corrupted_files_never_throw_and_are_ok_only_when_well_formed(int batch)
    {
        var random = new Random(2000 + batch);
        for (var i = 0; i < Cases / 4; i++)
        {
            var compressed = random.Next(3) == 0;
            var name = compressed ? GzipFiles[random.Next(GzipFiles.Length)] : PlainFiles[random.Next(PlainFiles.Length)];
            var bytes = File.ReadAllBytes(SharedFeeds.File(name));
            var spoiled = (byte[])bytes.Clone();
            var edits = random.Next(1, 8);
            for (var e = 0; e < edits; e++)
            {
                var at = random.Next(spoiled.Length);
                spoiled[at] = random.Next(4) switch
                {
                    0 => (byte)'<',
                    1 => (byte)'&',
                    2 => 0xFF,
                    _ => (byte)random.Next(256),
                };
            }

            if (random.Next(4) == 0)
            {
                spoiled = spoiled[..random.Next(1, spoiled.Length)];
            }

            var result = await ReadWithin(spoiled, Path.GetFileName(name));
            Assert.DoesNotContain("unexpected failure", result.Error ?? string.Empty, StringComparison.Ordinal);
            if (result.Ok && !compressed)
            {
                Assert.True(IsWellFormed(spoiled), $"{name} with {edits} corrupted bytes read as Ok though it is not well-formed XML");
            }
        }
    }

    private static async Task<FeedReadResult> ReadWithin(byte[] bytes, string name)
    {
        var read = Task.Run(() =>
        {
            using var file = FeedFile.Open(new MemoryStream(bytes), name);
            foreach (var _ in file.ReadRecords())
            {
            }

            return file.Result;
        });
        var finished = await Task.WhenAny(read, Task.Delay(Limit));
        Assert.True(finished == read, $"reading {name} did not finish within {Limit}");
        return await read;
    }

    private static bool IsWellFormed(byte[] bytes)
    {
        try
        {
            var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };
            using var reader = XmlReader.Create(new StreamReader(new MemoryStream(bytes), detectEncodingFromByteOrderMarks: true), settings);
            while (reader.Read())
            {
            }

            return true;
        }
        catch (Exception ex) when (ex is XmlException or System.Text.DecoderFallbackException or InvalidDataException)
        {
            return false;
        }
    }
}
