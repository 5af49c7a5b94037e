using Gogobe.Testing;

namespace Gogobe.Architecture.Tests;

/// <summary>
/// The project picture of <c>docs/architecture.md</c>: the fenced block after the heading "Project references", one line
/// per project, <c>From ──► To, To</c>, or <c>From ──► (none)</c>.
/// </summary>
public static class ArchitecturePicture
{
    public const string Arrow = "──►";

    public static string File => Path.Combine(Repository.Root, "docs", "architecture.md");

    /// <summary>Each project the picture names, with the projects it points at.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Read()
    {
        var lines = System.IO.File.ReadAllLines(File);
        var heading = Array.FindIndex(lines, l => l.StartsWith("## Project references", StringComparison.Ordinal));
        Assert.True(heading >= 0, $"{File} has no '## Project references' section");
        var open = Array.FindIndex(lines, heading, l => l.StartsWith("```", StringComparison.Ordinal));
        var close = Array.FindIndex(lines, open + 1, l => l.StartsWith("```", StringComparison.Ordinal));
        var picture = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var line in lines[(open + 1)..close].Where(l => l.Contains(Arrow, StringComparison.Ordinal)))
        {
            var parts = line.Split(Arrow, 2, StringSplitOptions.TrimEntries);
            picture[parts[0]] = parts[1] == "(none)" ? [] : parts[1].Split(',', StringSplitOptions.TrimEntries);
        }

        return picture;
    }
}
