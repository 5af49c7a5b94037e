using System.Net;
using Gogobe.Silo.Streams;
using Gogobe.Testing;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using Orleans.Streams;
using Orleans.TestingHost;

namespace Gogobe.Grains.Tests.Streams;

/// <summary>
/// The change streams' queues go to query silos only: the assignment in turn over the query silos, and two in-process
/// silos, the second import-only, where the query silo pulls every queue, the import silo none, and every change arrives.
/// </summary>
public sealed class ChangeQueueBalancerTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private static readonly QueueId[] Queues = [QueueId.GetQueueId("changes", 0, 10), QueueId.GetQueueId("changes", 1, 20), QueueId.GetQueueId("changes", 2, 30)];

    [Fact]
    public void Queues_are_given_in_turn_to_the_query_silos_ordered_by_address()
    {
        var a = Silo(11111);
        var b = Silo(11112);
        Assert.Equal(Queues, ChangeQueueBalancer.Assign(Queues, [], a));
        Assert.Equal(Queues, ChangeQueueBalancer.Assign(Queues, [a], a));
        Assert.Equal([Queues[0], Queues[2]], ChangeQueueBalancer.Assign(Queues, [b, a], a));
        Assert.Equal([Queues[1]], ChangeQueueBalancer.Assign(Queues, [a], b));
        var c = Silo(11113);
        var d = Silo(11114);
        Assert.Empty(ChangeQueueBalancer.Assign(Queues, [a, b, c], d));
        Assert.Equal(Queues, new[] { a, b, c, d }.SelectMany(s => ChangeQueueBalancer.Assign(Queues, [a, b, c, d], s)).OrderBy(q => q.GetNumericId()).ToArray());
    }

    [Fact]
    public async Task An_import_only_silo_pulls_no_queue_and_every_change_reaches_its_follower_through_the_query_silo()
    {
        await using var cluster = new ChangeStreamCluster { ImportOnlySecondary = true };
        await cluster.InitializeAsync();
        var query = Balancer(cluster.Silos.Primary!);
        var import = Balancer(cluster.Silos.SecondarySilos[0]);
        await Eventually.TrueAsync(() => Task.FromResult(query.GetMyQueues().Count() == 2), Timeout, () => $"the query silo pulls {query.GetMyQueues().Count()} of 2 queues");
        Assert.Empty(import.GetMyQueues());

        var store = Guid.NewGuid().ToString("N")[..8];
        var events = await cluster.PublishPricesAsync("7290000000006", store, [.. Enumerable.Range(0, 20).Select(i => $"q{i}-{store}")]);
        await cluster.AllDeliveredAsync(events, Timeout);
        await Eventually.TrueAsync(async () => await cluster.AckPendingAsync() == 0, Timeout, () => "messages left unacknowledged");
        Assert.Empty(import.GetMyQueues());
    }

    private static ChangeQueueBalancer Balancer(SiloHandle silo) =>
        ((InProcessSiloHandle)silo).SiloHost.Services.GetRequiredService<ChangeQueueBalancer>();

    private static SiloAddress Silo(int port) => SiloAddress.New(new IPEndPoint(IPAddress.Loopback, port), 1);
}
