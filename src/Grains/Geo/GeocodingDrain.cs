using Gogobe.Contracts.Geo;
using Gogobe.Storage;
using Gogobe.Storage.Places;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Gogobe.Grains.Geo;

/// <summary>
/// Every query silo takes due addresses from the geocoding queue one at a time and hands each to its address grain; the
/// shared clock in PostgreSQL keeps the whole cluster at <see cref="GeocoderOptions.RequestsPerSecond"/>. A claim is
/// a lease, so an address whose silo dies is taken again when the lease ends, and the answers kept make sure it is not
/// asked twice. With nothing due the drain sleeps: it listens on PostgreSQL's <c>gogobe_geocoding</c> channel (each
/// statement that queues addresses notifies it at its commit) and is woken at once when this silo queued some, else
/// when the earliest waiting request is due, or after <see cref="GeocoderOptions.IdlePoll"/> at most; while the listen
/// is down it looks every 5 s.
/// </summary>
public sealed partial class GeocodingDrain(
    StorePlaces places, IGrainFactory grains, GeocodingQueueSignal signal, IOptions<GeocoderOptions> options, TimeProvider clock, ILogger<GeocodingDrain> logger)
    : BackgroundService
{
    private static readonly TimeSpan Unheard = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan ListenRetry = TimeSpan.FromSeconds(1);
    private volatile bool listening;

    /// <summary>The drain listens for addresses queued by any silo (tests: a request queued now wakes it).</summary>
    public bool Listening => listening;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        options.Value.Enabled ? Task.WhenAll(ListenLoopAsync(stoppingToken), DrainLoopAsync(stoppingToken)) : Task.CompletedTask;

    /// <summary>Keeps a connection listening for queued addresses, reconnecting after a failure.</summary>
    private Task ListenLoopAsync(CancellationToken stoppingToken) =>
        Notifications.KeepListeningAsync(
            (listened, cancellationToken) => places.ListenForGeocodingAsync(signal.Raise, listened, options.Value.IdlePoll, cancellationToken),
            Listened,
            () => listening = false,
            LogListenFailed,
            ListenRetry,
            clock,
            stoppingToken);

    private void Listened()
    {
        listening = true;

        // What was queued before the listen took effect was not announced: look once more.
        signal.Raise();
    }

    private async Task DrainLoopAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var lease = settings.Timeout + (settings.Interval * 8) + TimeSpan.FromSeconds(30);
        while (!stoppingToken.IsCancellationRequested)
        {
            QueuedAddress? next = null;
            try
            {
                next = await places.ClaimGeocodingAsync(lease, stoppingToken);
                if (next is null)
                {
                    await signal.WaitAsync(await IdleWaitAsync(settings, stoppingToken), stoppingToken);
                    continue;
                }

                var wait = await grains.GetGrain<IAddressGeocodeGrain>(next.AddressKey).Geocode(next.Street, next.HouseNumber, next.Locality);
                await (wait is { } later
                    ? places.PostponeGeocodingAsync(next.AddressKey, clock.GetUtcNow() + later, stoppingToken)
                    : places.FinishGeocodingAsync(next.AddressKey, stoppingToken));
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested && ex is not OutOfMemoryException)
            {
                LogFailed(next?.AddressKey ?? "(none)", ex.Message);
                await Task.Delay(settings.Backoff, clock, stoppingToken);
            }
        }
    }

    /// <summary>
    /// How long the drain sleeps with nothing due unless woken: while listening until the earliest queued request is due,
    /// at most <see cref="GeocoderOptions.IdlePoll"/>; else 5 s.
    /// </summary>
    private async Task<TimeSpan> IdleWaitAsync(GeocoderOptions settings, CancellationToken stoppingToken)
    {
        if (!listening)
        {
            return Unheard;
        }

        return Notifications.IdleWait(await places.NextGeocodingInAsync(stoppingToken), settings.Interval, settings.IdlePoll);
    }

    [LoggerMessage(EventId = 2332, Level = LogLevel.Warning, Message = "Geocoding {Address} failed, will retry after its lease: {Reason}")]
    private partial void LogFailed(string address, string reason);

    [LoggerMessage(EventId = 2333, Level = LogLevel.Warning, Message = "Cannot listen for queued addresses ({Failures} failures): {Reason}; looking every 5 s meanwhile")]
    private partial void LogListenFailed(int failures, string reason);
}
