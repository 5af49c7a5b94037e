using System.Runtime.CompilerServices;
using Gogobe.Contracts.Events;
using Gogobe.Ingest.Messages;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;

namespace Gogobe.Ingest.JetStream;

/// <summary>
/// Follows <c>gogobe.prices.changed</c> and <c>gogobe.promotions.changed</c> for a cache of offers: every change committed
/// after <see cref="SubscribeAsync"/> returned, in stream order, across NATS restarts (it resumes after the last sequence it saw).
/// </summary>
public sealed partial class OfferChangeSubscriber(
    INatsConnection connection,
    IOptions<IngestStreamOptions> options,
    ILogger<OfferChangeSubscriber> logger)
{
    private readonly IngestStreamOptions streams = options.Value;

    /// <summary>
    /// Fixes the starting point at the end of the events stream and returns the changes from there on; enumerate it once.
    /// Waits (retrying) while NATS is unreachable. The enumeration ends when <paramref name="cancellationToken"/> is cancelled.
    /// </summary>
    public async Task<IAsyncEnumerable<OfferChange>> SubscribeAsync(CancellationToken cancellationToken)
    {
        var js = new NatsJSContext(connection);
        for (var failures = 1; ; failures++)
        {
            try
            {
                var stream = await js.GetStreamAsync(streams.EventsStream, cancellationToken: cancellationToken);
                return ReadFromAsync(js, stream.Info.State.LastSeq + 1, cancellationToken);
            }
            catch (Exception ex) when (ex is NatsException or TimeoutException && !cancellationToken.IsCancellationRequested)
            {
                LogFollowFailed(logger, streams.EventsStream, ex.Message);
                await Task.Delay(RetryBackoff.After(failures), cancellationToken);
            }
        }
    }

    private async IAsyncEnumerable<OfferChange> ReadFromAsync(
        NatsJSContext js,
        ulong nextSequence,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var subjects = streams.Subjects;
        var failures = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            IAsyncEnumerator<INatsJSMsg<byte[]>>? messages = null;
            try
            {
                var consumer = await js.CreateOrderedConsumerAsync(
                    streams.EventsStream,
                    new NatsJSOrderedConsumerOpts
                    {
                        DeliverPolicy = ConsumerConfigDeliverPolicy.ByStartSequence,
                        OptStartSeq = nextSequence,
                    },
                    cancellationToken);
                messages = consumer.ConsumeAsync(NatsRawSerializer<byte[]>.Default, cancellationToken: cancellationToken).GetAsyncEnumerator(cancellationToken);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                LogFollowFailed(logger, streams.EventsStream, ex.Message);
            }

            while (messages is not null)
            {
                INatsJSMsg<byte[]> message;
                try
                {
                    if (!await messages.MoveNextAsync())
                    {
                        break;
                    }

                    message = messages.Current;
                    failures = 0;
                }
                catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
                {
                    LogFollowFailed(logger, streams.EventsStream, ex.Message);
                    break;
                }

                nextSequence = (message.Metadata?.Sequence.Stream ?? nextSequence) + 1;
                if (Decode(message, subjects, out var problem) is { } change)
                {
                    yield return change;
                }
                else if (problem is not null)
                {
                    LogSkipped(logger, nextSequence - 1, message.Subject, problem);
                }
            }

            if (messages is not null)
            {
                await messages.DisposeAsync();
            }

            if (!cancellationToken.IsCancellationRequested)
            {
                failures++;
                await Task.Delay(RetryBackoff.After(failures), cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    /// <summary>The change a message announces; null with no problem for the stream's other subjects.</summary>
    private static OfferChange? Decode(INatsJSMsg<byte[]> message, IngestSubjects subjects, out string? problem)
    {
        problem = null;
        var payload = message.Data ?? [];
        if (message.Subject == subjects.PricesChanged)
        {
            return MessageCodec.TryDecode(payload, out PricesChanged? prices, out problem) ? OfferChange.From(prices) : null;
        }

        if (message.Subject == subjects.PromotionsChanged)
        {
            return MessageCodec.TryDecode(payload, out PromotionsChanged? promotions, out problem) ? OfferChange.From(promotions) : null;
        }

        return null;
    }

    #region Logging

    [LoggerMessage(EventId = 1501, Level = LogLevel.Warning, Message = "Following stream {Stream} failed: {Error}; retrying")]
    private static partial void LogFollowFailed(ILogger logger, string stream, string error);

    [LoggerMessage(EventId = 1502, Level = LogLevel.Warning, Message = "Skipped change {Sequence} on {Subject}: {Problem}")]
    private static partial void LogSkipped(ILogger logger, ulong sequence, string subject, string problem);

    #endregion
}
