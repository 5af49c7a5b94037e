using Gogobe.Contracts.Geo;
using Gogobe.Storage.Places;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Gogobe.Grains.Geo;

/// <summary>
/// Every query silo takes due addresses from the geocoding queue one at a time (looking every 5 s when it is empty, at
/// once when this silo queued some) and hands each to its address grain; the
/// shared clock in PostgreSQL keeps the whole cluster at <see cref="GeocoderOptions.RequestsPerSecond"/>. A claim is
/// a lease, so an address whose silo dies is taken again when the lease ends, and the answers kept make sure it is not
/// asked twice.
/// </summary>
public sealed partial class GeocodingDrain(
    StorePlaces places, IGrainFactory grains, GeocodingQueueSignal signal, IOptions<GeocoderOptions> options, TimeProvider clock, ILogger<GeocodingDrain> logger)
    : BackgroundService
{
    private static readonly TimeSpan Idle = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            return;
        }

        var lease = settings.Timeout + (settings.Interval * 8) + TimeSpan.FromSeconds(30);
        while (!stoppingToken.IsCancellationRequested)
        {
            QueuedAddress? next = null;
            try
            {
                next = await places.ClaimGeocodingAsync(lease, stoppingToken);
                if (next is null)
                {
                    await signal.WaitAsync(Idle, stoppingToken);
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

    [LoggerMessage(EventId = 2332, Level = LogLevel.Warning, Message = "Geocoding {Address} failed, will retry after its lease: {Reason}")]
    private partial void LogFailed(string address, string reason);
}
