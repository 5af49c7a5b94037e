using Gogobe.Synthetic;
using Xunit.Abstractions;

namespace Gogobe.Feeds.Tests;

/// <summary>
/// Files made to exhaust the reader each fail with the limit they go over and where, through either XML source, and
/// every real sample reads within the default limits (see <see cref="ConformanceTests"/>).
/// </summary>
public sealed class LimitTests(ITestOutputHelper output) : IDisposable
{
    /// <summary>Limits far below the defaults, so that files just over them are quick to make and read.</summary>
    private static readonly FeedReaderOptions Small = new()
    {
        MaxTokenBytes = 64 * 1024,
        MaxDecompressedBytes = 4 * 1024 * 1024,
        MaxRows = 5_000,
        MaxAttributes = 32,
        MaxDepth = 16,
        MaxNames = 256,
        MaxZipEntries = 8,
    };

    private readonly string folder = Directory.CreateTempSubdirectory("gogobe-limits-").FullName;

    [Fact]
    public void Each_hostile_file_fails_with_the_limit_it_goes_over_and_where()
    {
        var files = HostileFiles.Write(folder, Small);

        Assert.Equal(12, files.Count);
        foreach (var file in files)
        {
            var result = ConformanceTests.Read(file.Path, Small);
            output.WriteLine($"{new FileInfo(file.Path).Length,9:N0} bytes: {result.Error}");
            Assert.False(result.Ok, $"{file.What} was read");
            Assert.Contains($"(FeedReader:{file.Limit})", result.Error, StringComparison.Ordinal);
            Assert.Matches(@"over the limit of [0-9,]+ \w+ \(FeedReader:\w+\) (at|after|in|\()", result.Error);
        }
    }

    [Fact]
    public void Tokens_name_their_kind_and_line()
    {
        var files = HostileFiles.Write(folder, Small).Where(f => f.Limit == "MaxTokenBytes");

        foreach (var file in files)
        {
            var error = ConformanceTests.Read(file.Path, Small).Error;
            Assert.StartsWith($"{Path.GetFileName(file.Path)}: {file.What} is over the limit of 65,536 bytes (FeedReader:MaxTokenBytes) at line 1, byte ", error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_framework_reader_stops_at_the_same_limits()
    {
        var framework = Small with { FrameworkXmlReader = true };
        foreach (var file in HostileFiles.Write(folder, Small))
        {
            var result = ConformanceTests.Read(file.Path, framework);
            output.WriteLine(result.Error);
            Assert.False(result.Ok, $"{file.What} was read");
            Assert.Contains($"(FeedReader:{file.Limit})", result.Error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_default_limits_are_valid_and_a_bad_one_names_its_setting()
    {
        Assert.Empty(new FeedReaderOptions().Validate());
        Assert.Equal(["FeedReader:MaxDepth must be at least 1; it is 0."], new FeedReaderOptions { MaxDepth = 0 }.Validate());
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
