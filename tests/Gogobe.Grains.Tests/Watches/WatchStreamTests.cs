using System.Globalization;
using System.Text.Json;
using Gogobe.Contracts.Prices;
using Gogobe.Contracts.Watches;
using Gogobe.Grains.Tests.Streams;
using Gogobe.Silo.Alerts;
using Gogobe.Storage.Watches;
using Gogobe.Testing;
using Orleans.TestingHost;

namespace Gogobe.Grains.Tests.Watches;

/// <summary>
/// Watches end to end over the change streams: a price list grain commits a change and announces it on NATS, the stream
/// provider hands it to the product's watch grain, the delivery worker posts it to a receiver written here. Two
/// in-process silos, a nats-server of their own and a fresh database (<see cref="ChangeStreamCluster"/>). A silo killed
/// (then a sender dying holding the messages) or NATS restarted while the watches fire: one notice and one webhook item per watch.
/// </summary>
public sealed class WatchStreamTests
{
    private const string Chain = "7290000000008";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);
    private static readonly DateTimeOffset Day1 = new(DateTime.UtcNow.Date.AddDays(-1), TimeSpan.Zero);

    [Fact]
    public async Task A_silo_killed_while_an_import_fires_thirty_watches_leaves_one_notice_each_and_one_signed_webhook_item_each()
    {
        await using var cluster = new ChangeStreamCluster { OnlyWatchedProducts = true };
        await cluster.InitializeAsync();
        using var receiver = new WebhookReceiver().Start();
        var (keys, watches) = await ThirtyWatchesFiringAsync(cluster, receiver);
        await cluster.Silos.KillSiloAsync(cluster.Silos.SecondarySilos[0]);
        await Eventually.TrueAsync(async () => await NoticesAsync(cluster, "dana") == keys.Count, Timeout, () => "not every watch fired");
        await Eventually.TrueAsync(async () => await cluster.AckPendingAsync() == 0, Timeout, () => "changes left unacknowledged");

        // A silo takes the messages and dies before sending them; two others send them once its lease ended.
        await new DeliveryQueue(cluster.Database.DataSource).DigestAsync(TimeSpan.Zero, 100, 100, DigestComposer.Compose);
        Assert.NotEmpty(await new DeliveryQueue(cluster.Database.DataSource).ClaimAsync(100, TimeSpan.FromSeconds(1)));
        await OneSignedItemPerWatchAsync(cluster, receiver, watches);
    }

    [Fact]
    public async Task Nats_restarted_while_an_import_fires_thirty_watches_leaves_one_notice_each_and_one_signed_webhook_item_each()
    {
        await using var cluster = new ChangeStreamCluster { OnlyWatchedProducts = true };
        await cluster.InitializeAsync();
        using var receiver = new WebhookReceiver().Start();
        var (keys, watches) = await ThirtyWatchesFiringAsync(cluster, receiver);
        await Eventually.TrueAsync(async () => await NoticesAsync(cluster, "dana") > 0, Timeout, () => "no watch fired", TimeSpan.FromMilliseconds(20));
        await cluster.Nats.StopAsync();
        await cluster.Nats.StartAgainAsync();
        await Eventually.TrueAsync(async () => await NoticesAsync(cluster, "dana") == keys.Count, Timeout, () => "not every watch fired");
        await Eventually.TrueAsync(async () => await cluster.AckPendingAsync() == 0, Timeout, () => "changes left unacknowledged");
        await OneSignedItemPerWatchAsync(cluster, receiver, watches);
    }

    /// <summary>Thirty products priced 10 in one store, each watched by dana for 'below 9'; then the store's prices drop to 8.</summary>
    private static async Task<(List<string> Keys, List<long> Watches)> ThirtyWatchesFiringAsync(ChangeStreamCluster cluster, WebhookReceiver receiver)
    {
        receiver.Secret = await new WatchStore(cluster.Database.DataSource).EnsureUserAsync("dana");
        var store = Random.Shared.Next(100_000, 999_999).ToString(CultureInfo.InvariantCulture);
        List<string> keys = [.. Enumerable.Range(0, 30).Select(i => $"{Chain}:k{store}-{i}")];
        var prices = cluster.Silos.Client.GetGrain<IPriceListGrain>($"{Chain}:{store}");
        await prices.ApplyFull(Batch("full-1", Day1, keys, 10m));
        var watches = new List<long>();
        foreach (var key in keys)
        {
            var definition = new WatchDefinition(key, [Chain], [], null, null, null, WatchCondition.Below, 9m, receiver.Url, null);
            watches.Add((await new WatchStore(cluster.Database.DataSource).CreateAsync("dana", definition, 1000))!.WatchId);
            await cluster.Silos.Client.GetGrain<IProductWatchGrain>(key).WatchesChanged();
        }

        await prices.ApplyDelta(Batch("delta-2", Day1.AddHours(1), keys, 8m));
        return (keys, watches);
    }

    /// <summary>Two senders (as two silos) deliver what is left; the receiver got exactly one signed item per watch.</summary>
    private static async Task OneSignedItemPerWatchAsync(ChangeStreamCluster cluster, WebhookReceiver receiver, List<long> watches)
    {
        var senders = new[] { TestSender.Create(cluster.Database.DataSource, new AlertsOptions()), TestSender.Create(cluster.Database.DataSource, new AlertsOptions()) };
        await TestSender.RoundsUntilAsync(() => Task.FromResult(Items(receiver).Count >= watches.Count), senders);
        await Task.WhenAll(senders.Select(s => s.RunOnceAsync(CancellationToken.None)));

        Assert.Equal(watches.Count, await NoticesAsync(cluster, "dana"));
        var items = Items(receiver);
        Assert.Equal(watches.Order(), items.Select(i => i.WatchId).Order());
        Assert.All(items, i => Assert.Equal((8m, 10m), (i.Price, i.ReferencePrice)));
        Assert.All(receiver.Requests, r => Assert.True(r.SignatureValid));
    }

    private static List<DigestItem> Items(WebhookReceiver receiver) =>
        [.. receiver.Requests.SelectMany(r => JsonSerializer.Deserialize<DigestBody>(r.Body, DigestComposer.Json)!.Notifications)];

    private static async Task<long> NoticesAsync(ChangeStreamCluster cluster, string user) =>
        await cluster.Database.ScalarAsync<long>("SELECT count(*) FROM watch_notifications WHERE user_id = $1", user);

    private static PriceBatch Batch(string importId, DateTimeOffset at, IEnumerable<string> keys, decimal price) =>
        new(importId, at, [.. keys.Select(k => new PriceRow(k, k[(Chain.Length + 1)..], true, price, null, at, $"item {k}", null, null, null, null, null, null, false))]);
}
