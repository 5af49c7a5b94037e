using System.Text.Json;
using Gogobe.Testing;

namespace Gogobe.Cluster.Tests;

/// <summary>
/// A host started with bad settings says which setting and which endpoint, in one line, and exits non-zero; a host needs
/// the settings of the servers it uses only.
/// </summary>
public sealed class ConfigurationTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    public static TheoryData<string, string> Hosts => new()
    {
        { "Silo", "Gogobe.Silo.dll" },
        { "Gateway", "Gogobe.Gateway.dll" },
    };

    [Theory]
    [MemberData(nameof(Hosts))]
    public async Task Unreachable_postgres_names_the_setting_and_endpoint(string project, string assembly)
    {
        var unused = Servers.FreePort();
        var env = BaseEnvironment();
        env["Postgres__ConnectionString"] = $"Host=127.0.0.1;Port={unused};Database=gogobe;Username=gogobe;Password=x";

        var (exitCode, lines) = await RunToExitAsync(project, assembly, env);

        Assert.NotEqual(0, exitCode);
        var line = Assert.Single(lines, l => l.Contains("cannot reach", StringComparison.Ordinal));
        Assert.Contains("PostgreSQL", line, StringComparison.Ordinal);
        Assert.Contains($"127.0.0.1:{unused}", line, StringComparison.Ordinal);
        Assert.Contains("Postgres:ConnectionString", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_redis_setting_is_named_by_the_gateway_with_its_environment_variable()
    {
        var env = BaseEnvironment();
        env["Redis__Configuration"] = "";

        var (exitCode, lines) = await RunToExitAsync("Gateway", "Gogobe.Gateway.dll", env);

        Assert.NotEqual(0, exitCode);
        var line = Assert.Single(lines, l => l.Contains("missing setting", StringComparison.Ordinal));
        Assert.Contains("Redis:Configuration", line, StringComparison.Ordinal);
        Assert.Contains("Redis__Configuration", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unreachable_nats_is_reported_by_the_silo()
    {
        var unused = Servers.FreePort();
        var env = BaseEnvironment();
        env["Nats__Url"] = $"nats://127.0.0.1:{unused}";

        var (exitCode, lines) = await RunToExitAsync("Silo", "Gogobe.Silo.dll", env);

        Assert.NotEqual(0, exitCode);
        var line = Assert.Single(lines, l => l.Contains("cannot reach", StringComparison.Ordinal));
        Assert.Contains($"NATS at nats://127.0.0.1:{unused}", line, StringComparison.Ordinal);
        Assert.Contains("Nats:Url", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Silo_dashboard_shows_the_silo_and_its_orleans_counters()
    {
        await using var cluster = new LocalCluster(database);
        var silo = cluster.StartSilo("silo", Servers.FreePort(), Servers.FreePort(), new Dictionary<string, string> { ["Silo__DashboardSampleInterval"] = "00:00:02" });
        await silo.WaitReadyAsync(TimeSpan.FromSeconds(90));

        // The dashboard's host reads the Orleans instruments every Silo:DashboardSampleInterval (not every second): the
        // counters page still gets them.
        using var http = new HttpClient { BaseAddress = silo.BaseAddress };
        string? address = null;
        await Eventually.TrueAsync(async () =>
        {
            // The dashboard fills in its hosts at its first sample after the first look.
            using var counters = JsonDocument.Parse(await http.GetStringAsync("/dashboard/DashboardCounters"));
            address = counters.RootElement.GetProperty("hosts").EnumerateArray().Select(h => h.GetProperty("siloAddress").GetString()).SingleOrDefault();
            return address is not null;
        }, TimeSpan.FromSeconds(30), () => "the dashboard shows no silo");
        var names = new List<string>();
        await Eventually.TrueAsync(async () =>
        {
            using var page = JsonDocument.Parse(await http.GetStringAsync($"/dashboard/SiloCounters/{address}"));
            names = page.RootElement.EnumerateArray().Select(c => c.GetProperty("name").GetString()!).ToList();
            return names.Contains("orleans-catalog-activations");
        }, TimeSpan.FromSeconds(30), () => $"the silo's counters page has {names.Count} counters, none of activations");
    }

    [Fact]
    public async Task Silo_is_ready_without_any_redis_setting()
    {
        await using var cluster = new LocalCluster(database);
        var silo = cluster.StartSilo("silo", Servers.FreePort(), Servers.FreePort());
        await silo.WaitReadyAsync(TimeSpan.FromSeconds(90));

        using var http = new HttpClient { BaseAddress = silo.BaseAddress };
        using var ready = JsonDocument.Parse(await http.GetStringAsync("/health/ready"));
        var checks = ready.RootElement.GetProperty("checks").EnumerateObject().Select(c => c.Name).ToList();
        Assert.Contains("postgres", checks);
        Assert.Contains("nats", checks);
        Assert.DoesNotContain("redis", checks);
        Assert.DoesNotContain("Redis", silo.Output, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Invalid_silo_port_is_rejected()
    {
        var env = BaseEnvironment();
        env["Silo__SiloPort"] = "70000";

        var (exitCode, lines) = await RunToExitAsync("Silo", "Gogobe.Silo.dll", env);

        Assert.NotEqual(0, exitCode);
        Assert.Contains(lines, l => l.Contains("Silo:SiloPort must be a TCP port", StringComparison.Ordinal));
    }

    private static Dictionary<string, string> BaseEnvironment() => new()
    {
        ["Postgres__ConnectionString"] = Servers.Postgres,
        ["Nats__Url"] = Servers.Nats,
        ["Redis__Configuration"] = Servers.Redis,
        ["Startup__DependencyTimeoutSeconds"] = "1",
        ["FileStore__Root"] = Path.GetTempPath(),
        ["Auth__SigningKey"] = new string('k', 40),
    };

    private static async Task<(int ExitCode, string[] Lines)> RunToExitAsync(string project, string assembly, Dictionary<string, string> env)
    {
        await using var host = HostProcess.Start(project, Repository.HostAssembly(project, assembly), env, Servers.FreePort());
        Assert.True(await host.WaitExitAsync(TimeSpan.FromSeconds(60)), $"{project} did not exit:{Environment.NewLine}{host.Output}");
        return (host.ExitCode, host.Output.Split(Environment.NewLine));
    }
}
