using Gogobe.Ingest.JetStream;
using Gogobe.Storage.Stores;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NATS.Client.Core;
using Orleans.Configuration;
using Orleans.Streams;

namespace Gogobe.Silo.Streams;

/// <summary>
/// The persistent stream provider <c>changes</c> over JetStream: <see cref="ChangeStreamOptions.Queues"/> queues spread over
/// the silos by Orleans, all pulling from one durable consumer, each with a <see cref="ChangeQueueCache"/> that releases an
/// event only after every subscriber took it.
/// </summary>
internal sealed class ChangeQueueAdapterFactory : IQueueAdapterFactory, IQueueAdapterCache
{
    private readonly ChangeQueueAdapter adapter;
    private readonly ChangeStreamOptions options;
    private readonly HashRingBasedStreamQueueMapper mapper;
    private readonly ChangeDeliveryFailures failures;

    private ChangeQueueAdapterFactory(string name, IServiceProvider services)
    {
        options = services.GetRequiredService<IOptions<ChangeStreamOptions>>().Value;
        var streams = services.GetRequiredService<IOptions<IngestStreamOptions>>().Value;
        var loggers = services.GetRequiredService<ILoggerFactory>();
        var consumer = new ChangeConsumer(services.GetRequiredService<INatsConnection>(), streams, options);
        adapter = new ChangeQueueAdapter(name, consumer, options, streams.Subjects, services.GetRequiredService<StoreListings>(), services.GetRequiredService<WatchedProducts>(), loggers);
        mapper = new HashRingBasedStreamQueueMapper(new HashRingStreamQueueMapperOptions { TotalQueueCount = options.Queues }, name);
        failures = new ChangeDeliveryFailures(loggers.CreateLogger<ChangeDeliveryFailures>());
    }

    public static IQueueAdapterFactory Create(IServiceProvider services, string name) => new ChangeQueueAdapterFactory(name, services);

    [Obsolete("Use the overload which accepts a CancellationToken.")]
    public Task<IQueueAdapter> CreateAdapter() => Task.FromResult<IQueueAdapter>(adapter);

    public Task<IQueueAdapter> CreateAdapter(CancellationToken cancellationToken) => Task.FromResult<IQueueAdapter>(adapter);

    public IQueueAdapterCache GetQueueAdapterCache() => this;

    public IStreamQueueMapper GetStreamQueueMapper() => mapper;

    public Task<IStreamFailureHandler> GetDeliveryFailureHandler(QueueId queueId) => Task.FromResult<IStreamFailureHandler>(failures);

    public IQueueCache CreateQueueCache(QueueId queueId) => new ChangeQueueCache(options.CacheSize, options.RunLength);
}
