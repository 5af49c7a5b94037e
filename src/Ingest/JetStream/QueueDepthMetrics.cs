using System.Diagnostics.Metrics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NATS.Client.Core;
using NATS.Client.JetStream;

namespace Gogobe.Ingest.JetStream;

/// <summary>
/// Gauges of meter <c>Gogobe.Ingest.Queue</c>, read from JetStream when metrics are collected (a scrape), never in
/// between: uploads waiting for the <c>importers</c> consumer, held unacknowledged, and dead letters kept. One broker
/// request per stream per collection, shared by the gauges for <see cref="CacheFor"/>; nothing runs when nobody scrapes.
/// </summary>
public sealed partial class QueueDepthMetrics : IHostedService, IDisposable
{
    public const string MeterName = "Gogobe.Ingest.Queue";
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(2);
    private readonly INatsConnection connection;
    private readonly IngestStreamOptions streams;
    private readonly ILogger logger;
    private readonly Meter meter;
    private readonly Lock gate = new();
    private QueueDepth? last;
    private DateTime lastAt;

    public QueueDepthMetrics(INatsConnection connection, IOptions<IngestStreamOptions> streams, IMeterFactory meterFactory, ILogger<QueueDepthMetrics> logger)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        this.connection = connection;
        this.streams = streams.Value;
        this.logger = logger;
        meter = meterFactory.Create(MeterName);
        meter.CreateObservableGauge("gogobe.ingest.consumer.pending", () => Measure(d => d.Pending), "{message}", "Uploads waiting for the consumer (JetStream num_pending)");
        meter.CreateObservableGauge("gogobe.ingest.consumer.ack_pending", () => Measure(d => d.AckPending), "{message}", "Uploads delivered and not yet acknowledged (JetStream num_ack_pending)");
        meter.CreateObservableGauge("gogobe.ingest.deadletter.messages", () => DeadLetters(), "{message}", "Messages kept in the dead-letter stream");
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() => meter.Dispose();

    private IEnumerable<Measurement<long>> Measure(Func<QueueDepth, long> value)
    {
        if (Read() is not { Pending: >= 0 } depth)
        {
            return [];
        }

        return [new Measurement<long>(value(depth), new("stream", streams.FilesStream), new("consumer", streams.ImportersConsumer))];
    }

    private IEnumerable<Measurement<long>> DeadLetters() =>
        Read() is { DeadLetters: >= 0 } depth ? [new Measurement<long>(depth.DeadLetters, new KeyValuePair<string, object?>("stream", streams.DeadLetterStream))] : [];

    private QueueDepth? Read()
    {
        lock (gate)
        {
            if (last is not null && DateTime.UtcNow - lastAt < CacheFor)
            {
                return last;
            }

            // Metric callbacks are synchronous; a scrape waits for two short broker requests at most AskTimeout.
            last = Task.Run(AskAsync).GetAwaiter().GetResult();
            lastAt = DateTime.UtcNow;
            return last;
        }
    }

    private async Task<QueueDepth?> AskAsync()
    {
        using var timeout = new CancellationTokenSource(AskTimeout);
        try
        {
            var js = new NatsJSContext(connection);
            var consumer = await js.GetConsumerAsync(streams.FilesStream, streams.ImportersConsumer, timeout.Token);
            long deadLetters = -1;
            try
            {
                var stream = await js.GetStreamAsync(streams.DeadLetterStream, cancellationToken: timeout.Token);
                deadLetters = (long)stream.Info.State.Messages;
            }
            catch (NatsJSApiException ex) when (ex.Error.Code == 404)
            {
                deadLetters = 0;
            }

            return new QueueDepth((long)consumer.Info.NumPending, consumer.Info.NumAckPending, deadLetters);
        }
        catch (Exception ex) when (ex is NatsException or OperationCanceledException or TimeoutException)
        {
            LogUnavailable(logger, streams.FilesStream, streams.ImportersConsumer, ex.Message);
            return null;
        }
    }

    private sealed record QueueDepth(long Pending, long AckPending, long DeadLetters);

    [LoggerMessage(EventId = 1701, Level = LogLevel.Debug, Message = "Queue depth of {Stream}/{Consumer} unavailable: {Error}")]
    private static partial void LogUnavailable(ILogger logger, string stream, string consumer, string error);
}
