using System.Collections.Concurrent;
using Gogobe.Contracts.Events;
using Gogobe.Ingest.JetStream;
using Gogobe.Ingest.Messages;
using Gogobe.Testing;

namespace Gogobe.Grains.Tests.Cluster;

/// <summary>The price and promotion changes announced on NATS since it started, as the gateways receive them.</summary>
public sealed class ChangeLog : IAsyncDisposable
{
    private readonly ConcurrentQueue<OfferChange> seen = new();
    private readonly CancellationTokenSource stop = new();
    private Task reading = Task.CompletedTask;

    private ChangeLog()
    {
    }

    public static async Task<ChangeLog> StartAsync(OfferChangeSubscriber subscriber)
    {
        var log = new ChangeLog();
        var changes = await subscriber.SubscribeAsync(log.stop.Token);
        log.reading = Task.Run(async () =>
        {
            await foreach (var change in changes)
            {
                log.seen.Enqueue(change);
            }
        });
        return log;
    }

    /// <summary>The change announced by <paramref name="importId"/> for <paramref name="kind"/>; fails when none comes.</summary>
    public async Task<OfferChange> OfAsync(OfferChangeKind kind, string importId)
    {
        await Eventually.TrueAsync(() => Find(kind, importId) is not null, TimeSpan.FromSeconds(20), () => $"no {kind} change of {importId} among {seen.Count}");
        return Find(kind, importId)!;
    }

    public bool Contains(OfferChangeKind kind, string importId) => Find(kind, importId) is not null;

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        try
        {
            await reading;
        }
        catch (OperationCanceledException)
        {
        }

        stop.Dispose();
    }

    private OfferChange? Find(OfferChangeKind kind, string importId) => seen.FirstOrDefault(c => c.Kind == kind && c.ImportId == importId);
}
