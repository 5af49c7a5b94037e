using Gogobe.Feeds.Model;
using Gogobe.Testing;

namespace Gogobe.Feeds.Tests;

/// <summary>Every real sample in ../shared/feeds reads with the counts its manifest gives, and the known-bad ones fail for the right reason.</summary>
public sealed class ConformanceTests
{
    public static TheoryData<string> ManifestFiles()
    {
        var data = new TheoryData<string>();
        foreach (var entry in ManifestEntry.Load())
        {
            data.Add(entry.File);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ManifestFiles))]
    public void Sample_reads_as_the_manifest_says(string file)
    {
        var entry = ManifestEntry.Load().Single(e => e.File == file);
        var result = Read(SharedFeeds.File(file));

        if (file.EndsWith(".html", StringComparison.OrdinalIgnoreCase))
        {
            Assert.False(result.Ok);
            Assert.Contains("HTML", result.Error, StringComparison.Ordinal);
            return;
        }

        if (entry.IsKnownBad)
        {
            Assert.False(result.Ok, $"{file} is known to be broken but read as Ok");
            Assert.Contains(Path.GetFileName(file), result.Error, StringComparison.Ordinal);
            if (entry.Notes.Contains("TRUNCATED", StringComparison.Ordinal))
            {
                Assert.Contains("truncated gzip", result.Error, StringComparison.Ordinal);
            }
            else
            {
                Assert.Matches(@"line \d+, position \d+", result.Error);
            }

            return;
        }

        Assert.True(result.Ok, result.Error);
        Assert.NotNull(result.Header);
        Assert.Equal(entry.ChainId, result.Header.ChainId);
        var counts = entry.Counts ?? throw new InvalidOperationException($"manifest count '{entry.CountText}' of {file} is not a number");
        var actual = result.Header.Kind switch
        {
            FeedKind.Stores => result.Stores,
            FeedKind.Price or FeedKind.PriceFull => result.Items,
            _ => result.Promotions,
        };
        Assert.Equal(counts.Records, actual);
        if (counts.PromotionItems is { } rows)
        {
            Assert.Equal(rows, result.PromotionItems);
        }

        Assert.Equal(0, result.Rejected);
    }

    [Fact]
    public void Every_sample_file_is_listed_in_the_manifest()
    {
        var listed = ManifestEntry.Load().Select(e => e.File).ToHashSet(StringComparer.Ordinal);
        var unlisted = SharedFeeds.AllFiles()
            .Select(f => Path.GetRelativePath(SharedFeeds.Root, f).Replace('\\', '/'))
            .Where(f => !listed.Contains(f))
            .ToList();
        Assert.Empty(unlisted);
    }

    internal static FeedReadResult Read(string path, FeedReaderOptions? options = null)
    {
        using var file = FeedFile.Open(path, options);
        foreach (var _ in file.ReadRecords())
        {
        }

        return file.Result;
    }
}
