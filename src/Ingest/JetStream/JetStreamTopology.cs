using Gogobe.Ingest.Bridge;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;

namespace Gogobe.Ingest.JetStream;

/// <summary>
/// Creates or updates the ingest streams and the <c>importers</c> consumer. Safe to run from every silo at every start.
/// </summary>
public sealed partial class JetStreamTopology(
    INatsConnection connection,
    IOptions<IngestStreamOptions> streamOptions,
    IOptions<BridgeOptions> bridgeOptions,
    ILogger<JetStreamTopology> logger)
{
    private readonly IngestStreamOptions streams = streamOptions.Value;
    private readonly BridgeOptions bridge = bridgeOptions.Value;

    public async Task EnsureAsync(CancellationToken cancellationToken)
    {
        var js = new NatsJSContext(connection);
        var subjects = streams.Subjects;

        // Work-queue retention: an upload leaves the stream once an importer acknowledges it, so the stream holds exactly
        // the backlog and nothing expires before it is imported. The history of imports lives in the import records,
        // and duplicate detection keeps working for the duplicate window after the message is gone.
        await EnsureStreamAsync(js, new StreamConfig(streams.FilesStream, [subjects.Files])
        {
            Description = "Uploaded price files waiting for import",
            Retention = StreamConfigRetention.Workqueue,
            Storage = StreamConfigStorage.File,
            DuplicateWindow = streams.DuplicateWindow,
        }, cancellationToken);

        await EnsureStreamAsync(js, new StreamConfig(streams.EventsStream, [subjects.PricesChanged, subjects.PromotionsChanged, subjects.StoresChanged])
        {
            Description = "Price, promotion and store changes committed by imports",
            Retention = StreamConfigRetention.Limits,
            Storage = StreamConfigStorage.File,
            MaxAge = streams.EventsMaxAge,
            DuplicateWindow = Min(TimeSpan.FromMinutes(2), streams.EventsMaxAge),
        }, cancellationToken);

        await EnsureStreamAsync(js, new StreamConfig(streams.DeadLetterStream, [subjects.DeadLetter])
        {
            Description = "Upload messages that could not be imported, with the reason in headers",
            Retention = StreamConfigRetention.Limits,
            Storage = StreamConfigStorage.File,
            MaxAge = streams.DeadLetterMaxAge,
            DuplicateWindow = Min(TimeSpan.FromMinutes(2), streams.DeadLetterMaxAge),
        }, cancellationToken);

        // Work-queue retention too: a request leaves once a matcher acknowledges it.
        await EnsureStreamAsync(js, new StreamConfig(streams.MatchingStream, [subjects.MatchingRequest])
        {
            Description = "Products new to the catalogue waiting to be matched to master products",
            Retention = StreamConfigRetention.Workqueue,
            Storage = StreamConfigStorage.File,
            DuplicateWindow = TimeSpan.FromMinutes(10),
        }, cancellationToken);

        var consumer = new ConsumerConfig(streams.ImportersConsumer)
        {
            Description = "Import bridges of every silo",
            AckPolicy = ConsumerConfigAckPolicy.Explicit,
            DeliverPolicy = ConsumerConfigDeliverPolicy.All,
            AckWait = bridge.AckWait,

            // One delivery beyond MaxDeliveries lets a bridge dead-letter a message whose import never returned
            // (silo crash, import longer than the ack wait); the broker's limit only backs that up.
            MaxDeliver = bridge.MaxDeliveries + 1,
            MaxAckPending = bridge.MaxAckPending,
            FilterSubject = subjects.FilesUploaded,
        };
        try
        {
            await js.CreateOrUpdateConsumerAsync(streams.FilesStream, consumer, cancellationToken);
        }
        catch (NatsJSApiException ex)
        {
            throw new InvalidOperationException(
                $"JetStream refused consumer '{streams.ImportersConsumer}' on stream '{streams.FilesStream}': {ex.Error.Description} (code {ex.Error.ErrCode}). " +
                $"If its settings cannot change in place, delete it (nats consumer rm {streams.FilesStream} {streams.ImportersConsumer}) and restart.",
                ex);
        }

        await EnsureConsumerAsync(js, streams.MatchingStream, new ConsumerConfig(streams.MatchersConsumer)
        {
            Description = "Master product matchers of every silo",
            AckPolicy = ConsumerConfigAckPolicy.Explicit,
            DeliverPolicy = ConsumerConfigDeliverPolicy.All,
            AckWait = TimeSpan.FromMinutes(2),
            MaxAckPending = 16,
            FilterSubject = subjects.MatchingRequest,
        }, cancellationToken);

        LogTopologyReady(logger, streams.FilesStream, streams.EventsStream, streams.DeadLetterStream, streams.ImportersConsumer);
    }

    private static async Task EnsureConsumerAsync(NatsJSContext js, string stream, ConsumerConfig consumer, CancellationToken cancellationToken)
    {
        try
        {
            await js.CreateOrUpdateConsumerAsync(stream, consumer, cancellationToken);
        }
        catch (NatsJSApiException ex)
        {
            throw new InvalidOperationException(
                $"JetStream refused consumer '{consumer.Name}' on stream '{stream}': {ex.Error.Description} (code {ex.Error.ErrCode}). " +
                $"If its settings cannot change in place, delete it (nats consumer rm {stream} {consumer.Name}) and restart.",
                ex);
        }
    }

    private static async Task EnsureStreamAsync(NatsJSContext js, StreamConfig config, CancellationToken cancellationToken)
    {
        try
        {
            await js.CreateOrUpdateStreamAsync(config, cancellationToken);
        }
        catch (NatsJSApiException ex)
        {
            throw new InvalidOperationException(
                $"JetStream refused stream '{config.Name}': {ex.Error.Description} (code {ex.Error.ErrCode}). " +
                "A setting such as retention cannot change in place: move or delete the stream, then restart.",
                ex);
        }
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    #region Logging

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "JetStream topology ready: streams {Files}, {Events}, {DeadLetter}; consumer {Consumer}")]
    private static partial void LogTopologyReady(ILogger logger, string files, string events, string deadLetter, string consumer);

    #endregion
}
