namespace Gogobe.Architecture.Tests;

/// <summary>The project references follow the pipeline, and say what docs/architecture.md says.</summary>
public sealed class ProjectReferenceTests
{
    private static readonly string[] ServerClients = ["Npgsql", "NATS.Net", "StackExchange.Redis", "Microsoft.Orleans."];

    private readonly ProjectGraph graph = ProjectGraph.Load();

    [Fact]
    public void Project_references_are_the_arrows_of_the_architecture_picture()
    {
        var picture = ArchitecturePicture.Read();
        Assert.Equal(graph.Projects.Keys.Order(), picture.Keys.Order());

        var drawn = picture.SelectMany(p => p.Value.Select(to => Describe(p.Key, to))).ToArray();
        var built = graph.Arrows.Select(a => Describe(a.From, a.To)).ToArray();
        var missing = built.Except(drawn).ToArray();
        var extra = drawn.Except(built).ToArray();
        Assert.True(
            missing.Length == 0 && extra.Length == 0,
            $"{ArchitecturePicture.File} 'Project references' differs from the project files: referenced but not drawn [{string.Join("; ", missing)}], drawn but not referenced [{string.Join("; ", extra)}].");
    }

    [Fact]
    public void No_project_references_a_host()
    {
        string[] hosts = ["Silo", "Gateway", "Cli"];
        Assert.DoesNotContain(graph.Arrows, a => hosts.Contains(a.To));
    }

    [Fact]
    public void Service_defaults_reference_no_project_and_no_server_client()
    {
        var defaults = graph.Projects["ServiceDefaults"];
        Assert.Empty(defaults.References);
        Assert.DoesNotContain(defaults.Packages, IsServerClient);
    }

    [Fact]
    public void Matching_references_no_project_and_no_server_client()
    {
        var matching = graph.Projects["Matching"];
        Assert.Empty(matching.References);
        Assert.DoesNotContain(graph.PackagesReached("Matching"), IsServerClient);
    }

    [Fact]
    public void Grains_do_not_reach_the_messaging_side()
    {
        Assert.DoesNotContain("Ingest", graph.Closure("Grains"));
        Assert.DoesNotContain("NATS.Net", graph.PackagesReached("Grains"));
    }

    [Fact]
    public void Cli_reaches_no_server_code()
    {
        Assert.Empty(graph.Closure("Cli").Intersect(["ServiceDefaults", "Storage", "Ingest", "Contracts", "Grains"]));
        Assert.DoesNotContain(graph.PackagesReached("Cli"), IsServerClient);
    }

    [Fact]
    public void Only_the_gateway_reaches_redis()
    {
        var reaching = graph.Projects.Keys.Where(p => graph.PackagesReached(p).Any(package => package.Contains("Redis", StringComparison.Ordinal)));
        Assert.Equal(["Gateway"], reaching);
    }

    private static string Describe(string from, string to) => $"{from} {ArchitecturePicture.Arrow} {to}";

    private static bool IsServerClient(string package) =>
        ServerClients.Any(client => package == client || (client.EndsWith('.') && package.StartsWith(client, StringComparison.Ordinal)));
}
