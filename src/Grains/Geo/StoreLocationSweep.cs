using Gogobe.Contracts.Geo;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Gogobe.Grains.Geo;

/// <summary>Every silo asks the store locator to run every <see cref="GeoOptions.LocateEvery"/>, so it keeps running while any silo lives.</summary>
public sealed partial class StoreLocationSweep(IGrainFactory grains, IOptions<GeoOptions> options, ILogger<StoreLocationSweep> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.LocateEvery);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                await grains.GetGrain<IStoreLocatorGrain>(0).Locate().WaitAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested && ex is not OutOfMemoryException)
            {
                LogFailed(ex.Message);
            }
        }
    }

    [LoggerMessage(EventId = 2321, Level = LogLevel.Debug, Message = "Locating stores failed, will retry: {Reason}")]
    private partial void LogFailed(string reason);
}
