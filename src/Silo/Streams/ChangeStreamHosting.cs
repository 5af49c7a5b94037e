using Gogobe.Contracts.Events;
using Gogobe.Grains.Placement;
using Gogobe.Storage.Stores;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Streams;

namespace Gogobe.Silo.Streams;

public static class ChangeStreamHosting
{
    /// <summary>
    /// Registers the stream provider <see cref="ChangeStreams.Provider"/> (settings <c>ChangeStreams</c>, validated at
    /// start): the query silos pull price and promotion changes from JetStream onto the products' streams, whose
    /// subscribers are grains with implicit subscriptions. Needs the NATS connection, the ingest stream settings and
    /// PostgreSQL. A silo pulls and keeps the watched products only when <paramref name="roles"/> (both by default) hold
    /// <see cref="SiloRole.Query"/> (<see cref="ChangeQueueBalancer"/>): an import-only silo's CPU goes to the import.
    /// </summary>
    public static ISiloBuilder AddChangeStreams(this ISiloBuilder silo, IReadOnlyCollection<string>? roles = null)
    {
        ArgumentNullException.ThrowIfNull(silo);
        roles ??= SiloRole.Known;
        silo.Services.AddOptions<ChangeStreamOptions>().BindConfiguration(ChangeStreamOptions.Section).ValidateOnStart();
        silo.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ChangeStreamOptions>, ChangeStreamOptionsValidator>());
        silo.Services.TryAddSingleton<StoreListings>();
        silo.Services.TryAddSingleton<WatchedProducts>();
        silo.Services.TryAddSingleton(sp => ActivatorUtilities.CreateInstance<ChangeQueueBalancer>(sp, roles));
        if (roles.Contains(SiloRole.Query, StringComparer.Ordinal))
        {
            silo.Services.AddHostedService(sp => sp.GetRequiredService<WatchedProducts>());
        }

        silo.AddPersistentStreams(ChangeStreams.Provider, ChangeQueueAdapterFactory.Create, streams =>
        {
            streams.ConfigureStreamPubSub(StreamPubSubType.ImplicitOnly);
            streams.ConfigurePartitionBalancing((services, _) => services.GetRequiredService<ChangeQueueBalancer>());
            streams.ConfigurePullingAgent(agent => agent.Configure<IOptions<ChangeStreamOptions>>((o, changes) =>
            {
                o.GetQueueMsgsTimerPeriod = changes.Value.PollInterval;
                o.MaxEventDeliveryTime = changes.Value.MaxDeliveryTime;

                // One event per delivery: a cursor moves on only after its subscriber took the event it points at.
                o.BatchContainerBatchSize = 1;
            }));
        });
        return silo;
    }
}
