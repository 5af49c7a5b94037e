using Gogobe.Ingest.JetStream;
using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;

namespace Gogobe.Silo.Streams;

/// <summary>
/// The durable pull consumer every silo's change-stream queues share, on the events stream: created or updated on first
/// use and looked up again after a failure (a NATS restart, a stream created late).
/// </summary>
internal sealed class ChangeConsumer(INatsConnection connection, IngestStreamOptions streams, ChangeStreamOptions options)
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private INatsJSConsumer? consumer;

    public string Description => $"{streams.EventsStream}/{options.Consumer}";

    public async ValueTask<INatsJSConsumer> GetAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref consumer) is { } known)
        {
            return known;
        }

        await gate.WaitAsync(cancellationToken);
        try
        {
            if (consumer is null)
            {
                var js = new NatsJSContext(connection);
                var config = new ConsumerConfig(options.Consumer)
                {
                    Description = "Change streams of every silo: price and promotion changes onto the products' Orleans streams",
                    AckPolicy = ConsumerConfigAckPolicy.Explicit,
                    DeliverPolicy = ConsumerConfigDeliverPolicy.New,
                    AckWait = options.AckWait,
                    MaxAckPending = options.MaxAckPending,
                    FilterSubject = $"{streams.SubjectPrefix}.*.changed",
                };
                consumer = await js.CreateOrUpdateConsumerAsync(streams.EventsStream, config, cancellationToken);
            }

            return consumer;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Forgets the consumer after a failed pull so the next one looks it up (or creates it) again.</summary>
    public void Reset() => Volatile.Write(ref consumer, null);
}
