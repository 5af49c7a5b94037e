using Gogobe.Ingest.Bridge;
using Gogobe.Ingest.Files;
using Gogobe.Ingest.JetStream;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Gogobe.Ingest.Hosting;

/// <summary>Registers the ingest pipeline over the connection <see cref="NatsHostingExtensions.AddGogobeNats"/> registers.</summary>
public static class IngestServiceCollectionExtensions
{
    /// <summary>
    /// Options (sections <c>FileStore</c>, <c>Ingest</c>, <c>Ingest:Streams</c>, validated at start), the file store,
    /// stream set-up at start, <see cref="FilePublisher"/>, <see cref="EventPublisher"/> and <see cref="OfferChangeSubscriber"/>.
    /// </summary>
    public static IServiceCollection AddGogobeIngest(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<FileStoreOptions>().Bind(configuration.GetSection(FileStoreOptions.Section)).ValidateOnStart();
        services.AddOptions<BridgeOptions>().Bind(configuration.GetSection(BridgeOptions.Section)).ValidateOnStart();
        services.AddOptions<IngestStreamOptions>().Bind(configuration.GetSection(IngestStreamOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<FileStoreOptions>, FileStoreOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BridgeOptions>, BridgeOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<IngestStreamOptions>, IngestStreamOptionsValidator>());

        services.AddMetrics();
        services.TryAddSingleton<IngestMetrics>();
        services.TryAddSingleton<IFileStore, FileStore>();
        services.TryAddSingleton<JetStreamTopology>();
        services.TryAddSingleton<FilePublisher>();
        services.TryAddSingleton<EventPublisher>();
        services.TryAddSingleton<OfferChangeSubscriber>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, TopologyStartup>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, QueueDepthMetrics>());
        return services;
    }

    /// <summary>Runs a <see cref="MatchingBridge"/> in this host, matching each request's products with <typeparamref name="THandler"/>.</summary>
    public static IServiceCollection AddMatchingBridge<THandler>(this IServiceCollection services)
        where THandler : class, IMatchingHandler
    {
        services.TryAddSingleton<IMatchingHandler, THandler>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, MatchingBridge>());
        return services;
    }

    /// <summary>Runs a <see cref="FileImportBridge"/> in this host, importing each upload with <typeparamref name="THandler"/>.</summary>
    public static IServiceCollection AddFileImportBridge<THandler>(this IServiceCollection services)
        where THandler : class, IFileImportHandler
    {
        services.TryAddSingleton<IFileImportHandler, THandler>();
        services.TryAddSingleton<FileImportBridge>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, FileImportBridge>(sp => sp.GetRequiredService<FileImportBridge>()));
        return services;
    }
}
