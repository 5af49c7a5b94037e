using Gogobe.Contracts.Geo;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Gogobe.Grains.Geo;

/// <summary>
/// Every silo asks the store locator to run when it starts and every <see cref="GeoOptions.LocateEvery"/> after, so it
/// keeps running while any silo lives. The first run at the start places what arrived while no silo ran, and its
/// compilation and the locator's activation happen with the silo's other start-up work, not minutes later in an idle
/// silo (ADR 0013).
/// </summary>
public sealed partial class StoreLocationSweep(IGrainFactory grains, IOptions<GeoOptions> options, ILogger<StoreLocationSweep> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.LocateEvery);
        do
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
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    [LoggerMessage(EventId = 2321, Level = LogLevel.Debug, Message = "Locating stores failed, will retry: {Reason}")]
    private partial void LogFailed(string reason);
}
