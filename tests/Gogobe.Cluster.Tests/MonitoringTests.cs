using System.Text.Json;
using System.Text.RegularExpressions;
using Gogobe.Cluster.Tests.Imports;
using Gogobe.Synthetic;
using Gogobe.Security;
using Gogobe.Testing;
using Xunit.Abstractions;

namespace Gogobe.Cluster.Tests;

/// <summary>
/// The Grafana dashboard and the alert rules in deploy/monitoring against a real Prometheus scraping a silo and a
/// gateway after an import: every panel's query and every rule's signal returns data, and Prometheus loads every rule.
/// </summary>
public sealed partial class MonitoringTests(TestDatabase database, ITestOutputHelper output) : IClassFixture<TestDatabase>
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private static readonly string Monitoring = Path.Combine(Repository.Root, "deploy", "monitoring");

    [Fact]
    public async Task Every_dashboard_panel_and_alert_rule_returns_data_after_an_import()
    {
        await using var cluster = new LocalCluster(database);
        var silo = cluster.StartSilo("silo", Servers.FreePort(), Servers.FreePort());
        await silo.WaitReadyAsync(StartTimeout);
        var gateway = cluster.StartGateway();
        await gateway.WaitReadyAsync(StartTimeout);
        await using var prometheus = await PrivatePrometheus.StartAsync([("gogobe-silo", silo), ("gogobe-gateway", gateway)]);

        var token = TokenIssuer.Issue(new AuthOptions { SigningKey = cluster.SigningKey }, "tests", [AuthOptions.ImporterRole], TimeSpan.FromHours(1), DateTimeOffset.UtcNow);
        using var client = new ImportClient(gateway.BaseAddress, token);
        var folder = Directory.CreateTempSubdirectory("gogobe-monitoring-").FullName;
        var stores = new List<string>();
        try
        {
            FeedGenerator.Generate(new SyntheticFeedOptions { Chains = 1, Stores = 3, Items = 300, Seed = 53, Layout = 'A', Deltas = false, Promotions = false }, folder);
            foreach (var file in Directory.GetFiles(folder, "PriceFull*").Order(StringComparer.Ordinal))
            {
                var status = await client.WaitAsync((await client.UploadAsync(file)).Id, TimeSpan.FromMinutes(3));
                Assert.Equal("Completed", status.Status);
                if (status is { ChainId: { } chain, StoreId: { } store })
                {
                    stores.Add($"/api/stores/{chain}/{store}");
                }
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }

        // The same question twice: the answer computed (a store known only from its price list), then served from the cache.
        Assert.NotEmpty(stores);
        for (var round = 0; round < 2; round++)
        {
            using var response = await client.Http.GetAsync(stores[0]);
            Assert.True((int)response.StatusCode < 500, $"{stores[0]} answered {response.StatusCode}");
        }

        var queries = PanelQueries().Concat(RuleSignals()).ToArray();
        Assert.True(queries.Length >= 12, $"only {queries.Length} queries found in {Monitoring}");
        var empty = queries.ToList();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (empty.Count > 0 && DateTime.UtcNow < deadline)
        {
            var stillEmpty = new List<string>();
            foreach (var query in empty)
            {
                if (await prometheus.SeriesAsync(query) == 0)
                {
                    stillEmpty.Add(query);
                }
            }

            empty = stillEmpty;
            if (empty.Count > 0)
            {
                await Task.Delay(1000);
            }
        }

        output.WriteLine($"{queries.Length} queries, {empty.Count} empty");
        Assert.True(empty.Count == 0, $"queries that returned nothing:{Environment.NewLine}{string.Join(Environment.NewLine, empty)}");

        var rules = await prometheus.RulesAsync();
        Assert.Equal(RuleSignals().Count(), rules.Count);
        Assert.All(rules, r => Assert.NotEqual("err", r.Health));
    }

    /// <summary>Every target expression of every panel of every provisioned dashboard.</summary>
    private static IEnumerable<string> PanelQueries()
    {
        foreach (var file in Directory.GetFiles(Path.Combine(Monitoring, "grafana", "dashboards"), "*.json"))
        {
            using var dashboard = JsonDocument.Parse(File.ReadAllText(file));
            foreach (var panel in dashboard.RootElement.GetProperty("panels").EnumerateArray())
            {
                foreach (var target in panel.GetProperty("targets").EnumerateArray())
                {
                    yield return target.GetProperty("expr").GetString()!;
                }
            }
        }
    }

    /// <summary>Each alert rule's expression without its threshold: the signal it watches.</summary>
    private static IEnumerable<string> RuleSignals() =>
        RuleExpression().Matches(File.ReadAllText(Path.Combine(Monitoring, "alerts.yml")))
            .Select(m => Threshold().Replace(m.Groups[1].Value.Trim(), string.Empty));

    [GeneratedRegex(@"^\s+expr:\s*(.+)$", RegexOptions.Multiline)]
    private static partial Regex RuleExpression();

    [GeneratedRegex(@"\s*(>|<|==|!=|>=|<=)\s*[0-9.]+$")]
    private static partial Regex Threshold();
}
