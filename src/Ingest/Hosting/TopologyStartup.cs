using Gogobe.Ingest.JetStream;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NATS.Client.Core;

namespace Gogobe.Ingest.Hosting;

/// <summary>Ensures the streams and the consumer before the bridge starts, retrying while NATS is unreachable.</summary>
internal sealed partial class TopologyStartup(JetStreamTopology topology, ILogger<TopologyStartup> logger) : IHostedService
{

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await topology.EnsureAsync(cancellationToken);
                return;
            }
            catch (Exception ex) when (ex is NatsException or TimeoutException && !cancellationToken.IsCancellationRequested)
            {
                var delay = RetryBackoff.After(attempt, first: 200);
                LogWaitingForNats(logger, attempt, ex.Message, delay.TotalMilliseconds);
                await Task.Delay(delay, cancellationToken);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    #region Logging

    [LoggerMessage(EventId = 1601, Level = LogLevel.Warning, Message = "Cannot set up the ingest streams yet (attempt {Attempt}): {Error}; retrying in {DelayMs} ms")]
    private static partial void LogWaitingForNats(ILogger logger, int attempt, string error, double delayMs);

    #endregion
}
