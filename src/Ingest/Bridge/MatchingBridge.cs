using Gogobe.Contracts.Matching;
using Gogobe.Ingest.JetStream;
using Gogobe.Ingest.Messages;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NATS.Client.Core;
using NATS.Client.JetStream;

namespace Gogobe.Ingest.Bridge;

/// <summary>
/// Takes matching requests off the durable <c>matchers</c> consumer, which every silo shares, one at a time: matching
/// is done by one grain, so more at once would only queue there. A request the handler cannot take now goes back to the
/// stream after <see cref="RetryDelay"/>; an unreadable one is dropped with a warning.
/// </summary>
public sealed partial class MatchingBridge(
    INatsConnection connection,
    IMatchingHandler handler,
    IOptions<IngestStreamOptions> options,
    ILogger<MatchingBridge> logger) : BackgroundService
{
    public static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(2);
    private readonly IngestStreamOptions streams = options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        var js = new NatsJSContext(connection);
        INatsJSConsumer? consumer = null;
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                consumer ??= await js.GetConsumerAsync(streams.MatchingStream, streams.MatchersConsumer, stoppingToken);
                var fetch = new NatsJSFetchOpts { MaxMsgs = 1, Expires = TimeSpan.FromSeconds(5) };
                await foreach (var message in consumer.FetchAsync(fetch, NatsRawSerializer<byte[]>.Default, stoppingToken))
                {
                    await HandleAsync(message, stoppingToken);
                }

                failures = 0;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                failures++;
                consumer = null;
                var delay = RetryBackoff.After(failures);
                LogPullFailed(logger, streams.MatchingStream, streams.MatchersConsumer, ex.Message);
                await Task.Delay(delay, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    private async Task HandleAsync(INatsJSMsg<byte[]> message, CancellationToken cancellationToken)
    {
        if (!MessageCodec.TryDecode(message.Data ?? [], out MatchingRequested? request, out var problem))
        {
            LogUnreadable(logger, problem);
            await message.AckTerminateAsync(cancellationToken: cancellationToken);
            return;
        }

        bool done;
        try
        {
            done = await handler.HandleAsync(request, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogFailed(logger, ex, request.ImportId, request.ProductKeys.Count);
            done = false;
        }

        if (done)
        {
            await message.AckAsync(cancellationToken: cancellationToken);
        }
        else
        {
            await message.NakAsync(new AckOpts { NakDelay = RetryDelay }, cancellationToken);
        }
    }

    #region Logging

    [LoggerMessage(EventId = 1451, Level = LogLevel.Warning, Message = "Pull from {Stream}/{Consumer} failed: {Error}; retrying")]
    private static partial void LogPullFailed(ILogger logger, string stream, string consumer, string error);

    [LoggerMessage(EventId = 1452, Level = LogLevel.Warning, Message = "Dropped an unreadable matching request: {Problem}")]
    private static partial void LogUnreadable(ILogger logger, string problem);

    [LoggerMessage(EventId = 1453, Level = LogLevel.Warning, Message = "Matching the {Count} new products of import {ImportId} failed; the request comes back")]
    private static partial void LogFailed(ILogger logger, Exception exception, string importId, int count);

    #endregion
}
