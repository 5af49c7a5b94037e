using System.Xml.Linq;
using Gogobe.Testing;

namespace Gogobe.Architecture.Tests;

/// <summary>The projects under <c>src</c>, each with the projects and packages its project file references.</summary>
public sealed class ProjectGraph
{
    private ProjectGraph(IReadOnlyDictionary<string, Project> projects) => Projects = projects;

    /// <summary>By folder name under <c>src</c> (<c>Grains</c> for <c>src/Grains/Gogobe.Grains.csproj</c>).</summary>
    public IReadOnlyDictionary<string, Project> Projects { get; }

    public static ProjectGraph Load()
    {
        var src = Path.Combine(Repository.Root, "src");
        var projects = Directory.EnumerateFiles(src, "*.csproj", SearchOption.AllDirectories)
            .Select(file => Read(src, file))
            .ToDictionary(p => p.Name, StringComparer.Ordinal);
        return new ProjectGraph(projects);
    }

    /// <summary>Every arrow <c>from → to</c> between projects under <c>src</c>.</summary>
    public IEnumerable<(string From, string To)> Arrows =>
        Projects.Values.SelectMany(p => p.References.Select(r => (p.Name, r))).Order();

    /// <summary>The project and every project it reaches through references.</summary>
    public IReadOnlySet<string> Closure(string name)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([name]);
        while (pending.TryPop(out var next))
        {
            if (seen.Add(next))
            {
                foreach (var reference in Projects[next].References)
                {
                    pending.Push(reference);
                }
            }
        }

        return seen;
    }

    /// <summary>The packages a project references itself or through the projects it reaches.</summary>
    public IReadOnlySet<string> PackagesReached(string name) =>
        Closure(name).SelectMany(p => Projects[p].Packages).ToHashSet(StringComparer.Ordinal);

    private static Project Read(string src, string file)
    {
        var folder = Path.GetDirectoryName(file)!;
        var xml = XDocument.Load(file);
        var references = xml.Descendants("ProjectReference")
            .Where(r => (string?)r.Attribute("ReferenceOutputAssembly") != "false")
            .Select(r => Path.GetFullPath(Path.Combine(folder, (string)r.Attribute("Include")!)))
            .Select(target => Path.GetRelativePath(src, Path.GetDirectoryName(target)!))
            .ToArray();
        var packages = xml.Descendants("PackageReference").Select(p => (string)p.Attribute("Include")!).ToArray();
        return new Project(Path.GetRelativePath(src, folder), references, packages);
    }
}

/// <param name="Name">Folder name under <c>src</c>.</param>
public sealed record Project(string Name, IReadOnlyList<string> References, IReadOnlyList<string> Packages);
