namespace Gogobe.Feeds.Tests;

/// <summary>The real published files in <c>../shared/feeds</c> next to the repository; tests fail when they are missing.</summary>
public static class SharedFeeds
{
    private static readonly Lazy<string> Folder = new(Locate);

    public static string Root => Folder.Value;

    public static string PathOf(string relative) => Path.Combine(Root, relative);

    public static IEnumerable<string> AllFiles() =>
        Directory.EnumerateFiles(Root, "*", SearchOption.AllDirectories)
            .Where(f => !Path.GetFileName(f).Equals("MANIFEST.tsv", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal);

    private static string Locate()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Gogobe.sln")) || File.Exists(Path.Combine(dir.FullName, "global.json")))
            {
                var feeds = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "feeds"));
                if (!File.Exists(Path.Combine(feeds, "MANIFEST.tsv")))
                {
                    throw new InvalidOperationException(
                        $"The shared feed samples are missing: expected {feeds}/MANIFEST.tsv next to the repository root {dir.FullName}.");
                }

                return feeds;
            }
        }

        throw new InvalidOperationException($"No repository root (Gogobe.sln or global.json) above {AppContext.BaseDirectory}.");
    }
}
