using Microsoft.Extensions.Logging;
using NATS.Client.JetStream;

namespace Gogobe.Ingest.Bridge;

/// <summary>Tells the broker "still working" at a fixed interval so a long import is not redelivered; stops when disposed.</summary>
internal sealed partial class AckProgressSignal : IAsyncDisposable
{
    private readonly CancellationTokenSource stop = new();
    private readonly Task loop;

    private AckProgressSignal(INatsJSMsg<byte[]> message, TimeSpan interval, ILogger logger) =>
        loop = SignalAsync(message, interval, logger, stop.Token);

    public static AckProgressSignal Start(INatsJSMsg<byte[]> message, TimeSpan interval, ILogger logger) => new(message, interval, logger);

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        await loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        stop.Dispose();
    }

    private static async Task SignalAsync(INatsJSMsg<byte[]> message, TimeSpan interval, ILogger logger, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(interval);
        while (await timer.WaitForNextTickAsync(cancellationToken))
        {
            try
            {
                await message.AckProgressAsync(cancellationToken: cancellationToken);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                LogProgressFailed(logger, message.Metadata?.Sequence.Stream ?? 0, ex.Message);
            }
        }
    }

    #region Logging

    [LoggerMessage(EventId = 1201, Level = LogLevel.Warning, Message = "Could not send in-progress for message {Sequence}: {Error}")]
    private static partial void LogProgressFailed(ILogger logger, ulong sequence, string error);

    #endregion
}
