using Gogobe.Ingest.Messages;
using Gogobe.Storage.Stores;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using Orleans.Streams;

namespace Gogobe.Silo.Streams;

/// <summary>
/// The read side of the change streams: events come from the broker only (imports publish them after their commit), so
/// producing onto these streams from a grain is refused.
/// </summary>
internal sealed class ChangeQueueAdapter(
    string name,
    ChangeConsumer consumer,
    ChangeStreamOptions options,
    IngestSubjects subjects,
    StoreListings stores,
    WatchedProducts watched,
    ILoggerFactory loggers) : IQueueAdapter
{
    public string Name { get; } = name;

    public bool IsRewindable => false;

    public StreamProviderDirection Direction => StreamProviderDirection.ReadOnly;

    public Task QueueMessageBatchAsync<T>(StreamId streamId, IEnumerable<T> events, StreamSequenceToken? token, Dictionary<string, object>? requestContext) =>
        throw new NotSupportedException(
            $"The '{Name}' streams carry the changes imports announce on the broker; publish a PricesChanged or PromotionsChanged message instead of producing onto {streamId}.");

    public IQueueAdapterReceiver CreateReceiver(QueueId queueId) =>
        new ChangeQueueReceiver(queueId, consumer, options, subjects, stores, watched, loggers.CreateLogger<ChangeQueueReceiver>());
}
