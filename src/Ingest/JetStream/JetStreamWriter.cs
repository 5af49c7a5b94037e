using Microsoft.Extensions.Logging;
using NATS.Client.Core;
using NATS.Client.JetStream;

namespace Gogobe.Ingest.JetStream;

/// <summary>
/// Publishes to JetStream and returns only once the broker confirmed storing the message. While NATS is unreachable it
/// retries with back-off up to <see cref="IngestStreamOptions.PublishTimeout"/>, then throws <see cref="IngestPublishException"/>.
/// </summary>
internal sealed partial class JetStreamWriter(INatsConnection connection, IngestStreamOptions options, ILogger logger)
{
    private static readonly TimeSpan FirstRetryDelay = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan LongestRetryDelay = TimeSpan.FromSeconds(2);
    private readonly NatsJSContext js = new(connection);
    private readonly TimeSpan timeout = options.PublishTimeout;

    public async Task<PublishOutcome> PublishAsync(string subject, byte[] payload, string? messageId, NatsHeaders? headers, CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        var delay = FirstRetryDelay;
        for (var attempt = 1; ; attempt++)
        {
            Exception failure;
            try
            {
                using var attemptTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                attemptTimeout.CancelAfter(Max(deadline - DateTimeOffset.UtcNow, TimeSpan.FromSeconds(1)));
                var ack = await js.PublishAsync(
                    subject,
                    payload,
                    NatsRawSerializer<byte[]>.Default,
                    new NatsJSPubOpts { MsgId = messageId },
                    headers is null ? null : Copy(headers),
                    attemptTimeout.Token);
                if (ack.Duplicate)
                {
                    return PublishOutcome.Duplicate;
                }

                if (ack.Error is { } refusal)
                {
                    throw new IngestPublishException(
                        $"JetStream refused the message on '{subject}': {refusal.Description} (code {refusal.ErrCode}).",
                        null);
                }

                return PublishOutcome.Stored;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception ex) when (ex is NatsException or TimeoutException or OperationCanceledException or ObjectDisposedException)
            {
                failure = ex;
            }

            if (DateTimeOffset.UtcNow + delay >= deadline)
            {
                throw new IngestPublishException(
                    $"JetStream did not confirm the message on '{subject}' within {timeout.TotalSeconds:0.#} s ({attempt} attempts; last error: {failure.Message}). " +
                    $"Check that NATS is reachable (connection {connection.ConnectionState}) and that the ingest streams exist; publishing again is safe.",
                    failure);
            }

            LogPublishRetry(logger, subject, attempt, failure.Message);
            await Task.Delay(delay, cancellationToken);
            delay = Min(delay * 2, LongestRetryDelay);
        }
    }

    private static NatsHeaders Copy(NatsHeaders headers)
    {
        var copy = new NatsHeaders();
        foreach (var (key, value) in headers)
        {
            copy[key] = value;
        }

        return copy;
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    #region Logging

    [LoggerMessage(EventId = 1101, Level = LogLevel.Warning, Message = "Publish to {Subject} not confirmed (attempt {Attempt}): {Error}; retrying")]
    private static partial void LogPublishRetry(ILogger logger, string subject, int attempt, string error);

    #endregion
}
