namespace Gogobe.Testing;

/// <summary>
/// The real published files in <c>../shared/feeds</c> beside the repository (or beside a folder above it, for a work
/// tree nested deeper); their absence fails the test.
/// </summary>
public static class SharedFeeds
{
    public static string Root
    {
        get
        {
            var root = Path.GetFullPath(Path.Combine(Repository.Root, "..", "shared", "feeds"));
            for (var dir = new DirectoryInfo(Repository.Root).Parent; !Directory.Exists(root) && dir is not null; dir = dir.Parent)
            {
                root = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "feeds"));
            }

            root = Directory.Exists(root) ? root : Path.GetFullPath(Path.Combine(Repository.Root, "..", "shared", "feeds"));
            return Directory.Exists(root)
                ? root
                : throw new DirectoryNotFoundException($"The real feed files are expected in {root} (../shared/feeds beside the repository).");
        }
    }

    public static string File(string relativePath)
    {
        var path = Path.Combine(Root, relativePath);
        return System.IO.File.Exists(path) ? path : throw new FileNotFoundException($"Missing shared feed file {relativePath}.", path);
    }
}
