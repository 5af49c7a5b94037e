using System.Text.RegularExpressions;
using Gogobe.Cluster.Tests.Imports;
using Gogobe.Synthetic;
using Gogobe.Security;
using Gogobe.Testing;
using Xunit.Abstractions;

namespace Gogobe.Cluster.Tests;

/// <summary>
/// Query and import silos as real processes: uploads wait in JetStream while no import silo runs, an import silo that
/// starts drains them and hosts every import grain, and one stopped with SIGTERM mid-import finishes or hands back its
/// files to the other import silo, losing none and retrying none more than once.
/// </summary>
[Collection(FailureCollection.Name)]
public sealed partial class SiloRoleTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Items = 2000;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan ImportTimeout = TimeSpan.FromMinutes(4);

    /// <summary>What Kubernetes gives a pod between SIGTERM and SIGKILL (terminationGracePeriodSeconds in deploy/k8s).</summary>
    private static readonly TimeSpan GracePeriod = TimeSpan.FromSeconds(90);

    private readonly TestDatabase database = new();
    private readonly string folder = Directory.CreateTempSubdirectory("gogobe-roles-").FullName;

    public Task InitializeAsync() => database.InitializeAsync();

    [Fact]
    public async Task Uploads_wait_for_an_import_silo_which_drains_them_and_one_stopped_mid_import_hands_back_without_loss()
    {
        await using var cluster = new LocalCluster(database);
        var settings = ImportCluster.FastRecovery;
        settings["Silo__Roles"] = "query";
        var query = cluster.StartSilo("query", Servers.FreePort(), Servers.FreePort(), settings);
        await query.WaitReadyAsync(StartTimeout);
        var gateway = cluster.StartGateway(settings);
        await gateway.WaitReadyAsync(StartTimeout);
        var token = TokenIssuer.Issue(new AuthOptions { SigningKey = cluster.SigningKey }, "tests", [AuthOptions.ImporterRole], TimeSpan.FromHours(1), DateTimeOffset.UtcNow);
        using var client = new ImportClient(gateway.BaseAddress, token);

        // No import silo: the uploads wait in JetStream, as every host's pending gauge shows, and none starts.
        var files = Generate(stores: 24, seed: 41);
        var waiting = await UploadAsync(client, files[..8]);
        await Eventually.TrueAsync(async () => await PendingAsync(gateway) == 8, TimeSpan.FromSeconds(30), () => "the gateway's pending gauge never showed the 8 waiting uploads", TimeSpan.FromMilliseconds(500));
        Assert.Equal(8, await PendingAsync(query));
        Assert.All(await client.GetManyAsync(waiting), s => Assert.Equal("Queued", s.Status));

        // An import silo starts and drains them; every import grain ran there.
        settings["Silo__Roles"] = "import";
        var importer1Port = Servers.FreePort();
        var importer1 = cluster.StartSilo("import1", importer1Port, Servers.FreePort(), settings);
        await importer1.WaitReadyAsync(StartTimeout);
        await AssertCompletedAsync(client, files[..8], waiting);
        Assert.Equal(8, await CountAsync("SELECT count(*) FROM imports WHERE silo LIKE $1", OnSilo(importer1Port)));
        Assert.Equal(0, await PendingAsync(gateway));

        // Import, price-list and store grains live on the import silo only; the query silo serves the gateway's grains.
        var importerGrains = await ActivationsAsync(importer1);
        var queryGrains = await ActivationsAsync(query);
        output.WriteLine($"import silo: {string.Join(", ", importerGrains)}; query silo: {string.Join(", ", queryGrains)}");
        Assert.Contains(importerGrains, g => g.Contains("pricelist", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(queryGrains, g => g.Contains("pricelist", StringComparison.OrdinalIgnoreCase) || g.Contains("import", StringComparison.OrdinalIgnoreCase));

        // A second import silo joins; the first is stopped with SIGTERM while it imports.
        var importer2Port = Servers.FreePort();
        var importer2 = cluster.StartSilo("import2", importer2Port, Servers.FreePort(), settings);
        await importer2.WaitReadyAsync(StartTimeout);
        var rest = await UploadAsync(client, files[8..]);
        await Eventually.TrueAsync(async () => await CountAsync("SELECT count(*) FROM imports WHERE status = 'Running' AND silo LIKE $1", OnSilo(importer1Port)) > 0, ImportTimeout, () => "the first import silo never ran one of the new files", TimeSpan.FromMilliseconds(500));
        importer1.Terminate();
        Assert.True(await importer1.WaitExitAsync(GracePeriod), $"the stopped import silo did not exit within {GracePeriod}");
        output.WriteLine($"import1 exited with {importer1.ExitCode}: {string.Join(" | ", importer1.Output.Split('\n').Where(l => l.Contains("Import bridge", StringComparison.Ordinal)))}");
        Assert.Equal(0, importer1.ExitCode);

        var results = await AssertCompletedAsync(client, files[8..], rest);
        output.WriteLine($"attempts: {string.Join(",", results.Select(r => r.Attempts))}");
        Assert.All(results, r => Assert.InRange(r.Attempts, 1, 2));
        Assert.True(await CountAsync("SELECT count(*) FROM imports WHERE silo LIKE $1", OnSilo(importer2Port)) > 0);
        Assert.Equal(0, await DeadLettersAsync(gateway));
    }

    public async Task DisposeAsync()
    {
        await database.DisposeAsync();
        Directory.Delete(folder, recursive: true);
    }

    private string[] Generate(int stores, int seed)
    {
        FeedGenerator.Generate(new SyntheticFeedOptions { Chains = 1, Stores = stores, Items = Items, Seed = seed, Layout = 'A', Deltas = false, Promotions = false }, folder);
        var files = Directory.GetFiles(folder, "PriceFull*").Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(stores, files.Length);
        return files;
    }

    private static async Task<string[]> UploadAsync(ImportClient client, IEnumerable<string> files)
    {
        var ids = new List<string>();
        foreach (var file in files)
        {
            ids.Add((await client.UploadAsync(file)).Id);
        }

        return [.. ids];
    }

    /// <summary>Every file completed and its store holds exactly the file's prices.</summary>
    private async Task<ImportClient.ImportState[]> AssertCompletedAsync(ImportClient client, string[] files, string[] ids)
    {
        var results = await Task.WhenAll(ids.Select(id => client.WaitAsync(id, ImportTimeout)));
        Assert.All(results, r => Assert.Equal("Completed", r.Status));
        foreach (var file in files)
        {
            var expected = ExpectedPrices.Read(file);
            var stored = await CountAsync("SELECT count(*) FROM store_prices WHERE chain_id = $1 AND store_id = $2 AND available", expected.Header.ChainId, expected.Header.StoreId!);
            Assert.Equal(expected.Prices.Count, stored);
        }

        return results;
    }

    private async Task<long> CountAsync(string sql, params object[] args)
    {
        var dataSource = database.DataSource;
        await using var command = dataSource.CreateCommand(sql);
        foreach (var arg in args)
        {
            command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = arg });
        }

        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The pattern of <c>imports.silo</c> (an Orleans silo address, <c>127.0.0.1:port@generation</c>) for a silo port.</summary>
    private static string OnSilo(int port) => $"%:{port}@%";

    private static Task<long> PendingAsync(HostProcess host) => GaugeAsync(host, "gogobe_ingest_consumer_pending");

    private static Task<long> DeadLettersAsync(HostProcess host) => GaugeAsync(host, "gogobe_ingest_deadletter_messages");

    private static async Task<long> GaugeAsync(HostProcess host, string name)
    {
        var line = (await MetricsAsync(host)).Split('\n').FirstOrDefault(l => l.StartsWith(name + "{", StringComparison.Ordinal) || l.StartsWith(name + " ", StringComparison.Ordinal));
        return line is null ? -1 : (long)double.Parse(line[(line.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Grain types with live activations on a silo, from its <c>orleans_grains</c> gauge.</summary>
    private static async Task<string[]> ActivationsAsync(HostProcess silo) =>
        [.. GrainLine().Matches(await MetricsAsync(silo)).Where(m => double.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture) > 0).Select(m => m.Groups[1].Value)];

    private static async Task<string> MetricsAsync(HostProcess host)
    {
        using var http = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        return await http.GetStringAsync("/metrics");
    }

    [GeneratedRegex(@"^orleans_grains\{[^}]*type=""([^""]+)""[^}]*\} ([0-9.eE+-]+)", RegexOptions.Multiline)]
    private static partial Regex GrainLine();
}
