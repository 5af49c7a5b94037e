using Gogobe.Testing;

namespace Gogobe.Grains.Tests.Streams;

/// <summary>Faults while followers handle changes: nothing is lost, nothing stays blocked, repeats have no effect.</summary>
public sealed class ChangeStreamFaultTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task A_silo_killed_mid_delivery_loses_nothing()
    {
        await using var cluster = new ChangeStreamCluster();
        await cluster.InitializeAsync();
        var (events, keys) = await PublishSlowChangesAsync(cluster);
        await Eventually.TrueAsync(async () => (await cluster.DeliveriesAsync()).Count >= 4, Timeout, () => "no delivery started");

        await cluster.Silos.KillSiloAsync(cluster.Silos.SecondarySilos[0]);

        await cluster.AllDeliveredAsync(events, Timeout);
        await AppliedOnceEachAsync(cluster, keys);
    }

    [Fact]
    public async Task Nats_restarted_mid_delivery_loses_nothing()
    {
        await using var cluster = new ChangeStreamCluster();
        await cluster.InitializeAsync();
        var (events, keys) = await PublishSlowChangesAsync(cluster);
        await Eventually.TrueAsync(async () => (await cluster.DeliveriesAsync()).Count >= 4, Timeout, () => "no delivery started");

        await cluster.Nats.StopAsync();
        await cluster.Nats.StartAgainAsync();
        IReadOnlyList<string> after = [];
        await Eventually.TrueAsync(
            async () =>
            {
                try
                {
                    after = await cluster.PublishPricesAsync("7290000000006", "after", ["after-restart"]);
                    return true;
                }
                catch (Exception ex) when (ex is NATS.Client.Core.NatsException or TimeoutException)
                {
                    return false;
                }
            },
            Timeout,
            () => "could not publish after the restart");

        await cluster.AllDeliveredAsync([.. events, .. after], Timeout);
        await AppliedOnceEachAsync(cluster, keys);
    }

    /// <summary>Ten price changes (of ten stores) of the same four products, each handled slowly: a product's follower takes them one after another.</summary>
    private static async Task<(List<string> Events, List<string> Keys)> PublishSlowChangesAsync(ChangeStreamCluster cluster)
    {
        var events = new List<string>();
        string[] products = [.. Enumerable.Range(0, 4).Select(i => $"{ChangeRecorderGrain.Slow}{Guid.NewGuid():N}")];
        for (var store = 0; store < 10; store++)
        {
            events.AddRange(await cluster.PublishPricesAsync("7290000000005", $"{store}", products));
        }

        return (events, [.. products]);
    }

    private static async Task AppliedOnceEachAsync(ChangeStreamCluster cluster, List<string> keys)
    {
        foreach (var key in keys)
        {
            Assert.Equal(10, await cluster.EffectsAsync(key));
        }

        await Eventually.TrueAsync(async () => await cluster.AckPendingAsync() == 0, Timeout, () => "messages left unacknowledged");
    }
}
