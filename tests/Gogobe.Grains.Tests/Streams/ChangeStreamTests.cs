using System.Text;
using Gogobe.Testing;

namespace Gogobe.Grains.Tests.Streams;

/// <summary>The change streams deliver every product a change names to the product's followers, and settle the broker.</summary>
[Collection(ChangeStreamCollection.Name)]
public sealed class ChangeStreamTests(ChangeStreamCluster cluster)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Every_product_of_a_price_or_promotion_change_reaches_its_follower_once()
    {
        var store = Guid.NewGuid().ToString("N")[..8];
        string[] keys = [$"p1-{store}", $"p2-{store}", $"p3-{store}"];
        var prices = await cluster.PublishPricesAsync("7290000000001", store, keys);
        var promotions = await cluster.PublishPromotionsAsync("7290000000001", store, [keys[0], keys[1]]);

        await cluster.AllDeliveredAsync([.. prices, .. promotions], Timeout);

        Assert.Equal(2, await cluster.EffectsAsync(keys[0]));
        Assert.Equal(2, await cluster.EffectsAsync(keys[1]));
        Assert.Equal(1, await cluster.EffectsAsync(keys[2]));
        await Eventually.TrueAsync(async () => await cluster.AckPendingAsync() == 0, Timeout, () => "messages left unacknowledged");
    }

    [Fact]
    public async Task Idle_queues_leave_a_pull_waiting_on_the_broker_and_a_change_published_then_still_arrives()
    {
        // Idle, each of the provider's queues (two, on the two silos) keeps one pull waiting instead of asking at every look;
        // a pull that does not wait is answered at once and never counts here.
        await Eventually.TrueAsync(async () => await cluster.WaitingPullsAsync() == 2, Timeout, () => "the idle queues have no pull waiting on the broker");

        var store = Guid.NewGuid().ToString("N")[..8];
        var events = await cluster.PublishPricesAsync("7290000000004", store, [$"w1-{store}", $"w2-{store}"]);

        await cluster.AllDeliveredAsync(events, Timeout);
        await Eventually.TrueAsync(async () => await cluster.AckPendingAsync() == 0, Timeout, () => "messages left unacknowledged");
    }

    [Fact]
    public async Task A_change_after_an_idle_spell_is_delivered_while_the_queues_wait_for_the_broker()
    {
        await Eventually.TrueAsync(async () => await cluster.WaitingPullsAsync() == 2, Timeout, () => "the idle queues have no pull waiting on the broker");

        // Quiet for longer than several idle looks: each waits ChangeStreams:IdleWait for the waiting pull, then gives the
        // agent back; the change comes while the queues' looks wait or between them.
        for (var round = 0; round < 3; round++)
        {
            await Task.Delay(ChangeStreamCluster.IdleWait * 1.5);
            var store = Guid.NewGuid().ToString("N")[..8];
            var events = await cluster.PublishPricesAsync("7290000000005", store, [$"i1-{store}", $"i2-{store}"]);

            await cluster.AllDeliveredAsync(events, Timeout);
        }

        await Eventually.TrueAsync(async () => await cluster.AckPendingAsync() == 0, Timeout, () => "messages left unacknowledged");
    }

    [Fact]
    public async Task A_truncated_change_reaches_every_product_the_store_sells()
    {
        var store = Guid.NewGuid().ToString("N")[..8];
        string[] sold = [$"t1-{store}", $"t2-{store}", $"t3-{store}"];
        foreach (var key in sold)
        {
            await cluster.Database.ScalarAsync<int>(
                "INSERT INTO store_prices (chain_id, store_id, product_key, price, file_at) VALUES ('7290000000002', $1, $2, 9.90, now()) RETURNING 1", store, key);
        }

        var events = await cluster.PublishPricesAsync("7290000000002", store, keys: null, truncatedStoreKeys: sold);

        await cluster.AllDeliveredAsync(events, Timeout);
    }

    [Fact]
    public async Task An_unreadable_message_is_dropped_and_the_next_flows()
    {
        await cluster.PublishAsync(cluster.Subjects.PricesChanged, Encoding.UTF8.GetBytes("{\"v\":1,\"chainId\":"));
        await cluster.PublishAsync(cluster.Subjects.PromotionsChanged, Encoding.UTF8.GetBytes("{\"v\":99}"));
        var store = Guid.NewGuid().ToString("N")[..8];
        var events = await cluster.PublishPricesAsync("7290000000003", store, [$"u1-{store}"]);

        await cluster.AllDeliveredAsync(events, Timeout);
        await Eventually.TrueAsync(async () => await cluster.AckPendingAsync() == 0, Timeout, () => "the unreadable messages are still held");
    }

    [Fact]
    public async Task A_follower_that_always_fails_is_given_up_without_blocking_and_repeats_are_harmless()
    {
        var store = Guid.NewGuid().ToString("N")[..8];
        var companion = $"c1-{store}";
        var failing = await cluster.PublishPricesAsync("7290000000004", store, [$"{ChangeRecorderGrain.Poison}{store}", companion]);
        var later = await cluster.PublishPricesAsync("7290000000004", store, [$"c2-{store}"]);

        await cluster.AllDeliveredAsync([.. failing, .. later], Timeout);
        await Eventually.TrueAsync(async () => await cluster.AckPendingAsync() == 0, Timeout, () => "the failing message is still held");

        // The message was handed back after each failure until it was given up: its other product saw it again each time.
        var deliveries = await cluster.DeliveriesAsync();
        Assert.Equal(ChangeStreamCluster.MaxDeliveries, deliveries[failing[1]]);
        Assert.Equal(1, await cluster.EffectsAsync(companion));
    }
}
