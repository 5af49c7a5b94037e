using Gogobe.Storage;
using Gogobe.Storage.Hosting;
using Gogobe.Storage.Watches;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Gogobe.Silo.Alerts;

public static class AlertsHostingExtensions
{
    private const string Connections = "alerts";

    // The digest loop, the listener, a lease and the records of sends that end together.
    private const int ConnectionsBesideSends = 8;

    /// <summary>The sender of watch notifications (section <c>Alerts</c>): digests, webhooks, email, retries and dead letters.</summary>
    public static IServiceCollection AddWatchDelivery(this IServiceCollection services)
    {
        services.AddOptions<AlertsOptions>().BindConfiguration(AlertsOptions.Section);
        // The sender has a pool of its own: under a national import the watch grains' reads and writes can hold every
        // connection of the silo's pool, and a send that waited behind them for a connection (to lease or to record
        // what it sent) stalled every slot (ADR 0018).
        services.AddKeyedSingleton(Connections, (sp, _) => StorageHostingExtensions.BuildDataSource(
            sp.GetRequiredService<IOptions<PostgresOptions>>().Value.ConnectionString, "gogobe-alerts",
            sp.GetRequiredService<IOptions<AlertsOptions>>().Value.Parallel + ConnectionsBesideSends));
        services.AddSingleton(sp => new DeliveryQueue(sp.GetRequiredKeyedService<NpgsqlDataSource>(Connections)));
        services.AddSingleton<EmailSender>();
        // One long-lived handler: connections to a receiver are kept and reused across rounds (recycled every few
        // minutes so that a receiver's DNS change is seen), rather than a handshake per webhook.
        services.AddHttpClient<WebhookSender>(http => http.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1),
                ConnectTimeout = TimeSpan.FromSeconds(10),
            })
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan);
        services.AddSingleton<DeliveryWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<DeliveryWorker>());
        return services;
    }
}
