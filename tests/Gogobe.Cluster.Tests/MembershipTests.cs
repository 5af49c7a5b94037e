using System.Net.Http.Json;
using Gogobe.Testing;
using Xunit.Abstractions;

namespace Gogobe.Cluster.Tests;

/// <summary>Two silos and a gateway as real processes, clustered through the PostgreSQL membership table.</summary>
public sealed class MembershipTests(TestDatabase database, ITestOutputHelper output) : IClassFixture<TestDatabase>
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(500);

    [Fact]
    public async Task Silos_join_serve_the_gateway_survive_a_kill_and_rejoin()
    {
        await using var cluster = new LocalCluster(database);
        int siloPort1 = Servers.FreePort(), gatewayPort1 = Servers.FreePort(), siloPort2 = Servers.FreePort(), gatewayPort2 = Servers.FreePort();
        var silo1 = cluster.StartSilo("silo1", siloPort1, gatewayPort1);
        var silo2 = cluster.StartSilo("silo2", siloPort2, gatewayPort2);
        await Task.WhenAll(silo1.WaitReadyAsync(StartTimeout), silo2.WaitReadyAsync(StartTimeout));
        var gateway = cluster.StartGateway();
        await gateway.WaitReadyAsync(StartTimeout);

        var members = await cluster.MembershipAsync();
        Assert.Equal(new[] { siloPort1, siloPort2 }.Order(), members.Where(m => m.Status == SiloStatusCode.Active).Select(m => m.Port).Order());

        using var http = new HttpClient { BaseAddress = gateway.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        var silos = await http.GetFromJsonAsync<SiloInfo[]>("/api/cluster");
        Assert.Equal(2, silos!.Length);

        // Spread probe grains over both silos and remember where each lives.
        var keys = Enumerable.Range(0, 40).Select(i => $"probe-{i}").ToArray();
        var before = new Dictionary<string, string>();
        foreach (var key in keys)
        {
            before[key] = (await http.GetFromJsonAsync<ProbeReply>($"/api/cluster/probe/{key}"))!.Silo;
        }

        Assert.Contains(before.Values, s => s.Contains($":{siloPort2}@", StringComparison.Ordinal));
        output.WriteLine($"before kill: {before.Values.Count(s => s.Contains($":{siloPort1}@", StringComparison.Ordinal))} on silo1, {before.Values.Count(s => s.Contains($":{siloPort2}@", StringComparison.Ordinal))} on silo2");

        silo2.KillHard();
        await Eventually.TrueAsync(
            async () => (await cluster.MembershipAsync()).Any(m => m.Port == siloPort2 && m.Status == SiloStatusCode.Dead),
            TimeSpan.FromSeconds(90),
            () => "the killed silo was not declared dead in the membership table",
            Poll);

        // Every grain answers again, from the survivor.
        foreach (var key in keys)
        {
            var reply = await RetryAsync(() => http.GetFromJsonAsync<ProbeReply>($"/api/cluster/probe/{key}"), TimeSpan.FromSeconds(60));
            Assert.Contains($":{siloPort1}@", reply!.Silo, StringComparison.Ordinal);
        }

        // The killed silo restarts on the same ports with a new generation and rejoins.
        var restarted = cluster.StartSilo("silo2-restarted", siloPort2, gatewayPort2);
        await restarted.WaitReadyAsync(StartTimeout);
        await Eventually.TrueAsync(
            async () => (await cluster.MembershipAsync()).Count(m => m.Status == SiloStatusCode.Active) == 2,
            TimeSpan.FromSeconds(60),
            () => "the restarted silo did not become active",
            Poll);
        var rows = await cluster.MembershipAsync();
        Assert.Equal(2, rows.Count(m => m.Port == siloPort2));
        Assert.Single(rows, m => m.Port == siloPort2 && m.Status == SiloStatusCode.Dead);
        await Eventually.TrueAsync(
            async () => (await http.GetFromJsonAsync<SiloInfo[]>("/api/cluster"))!.Length == 2,
            TimeSpan.FromSeconds(60),
            () => "the gateway does not list both silos",
            Poll);
    }

    private static async Task<T> RetryAsync<T>(Func<Task<T>> call, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                return await call();
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(500);
            }
        }
    }

    private sealed record SiloInfo(string Address, string Status, int? Activations);

    private sealed record ProbeReply(string Key, string Silo, DateTimeOffset ActivatedAt, long Calls);
}
