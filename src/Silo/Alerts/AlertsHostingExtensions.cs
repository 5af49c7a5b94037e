using Gogobe.Storage.Watches;

namespace Gogobe.Silo.Alerts;

public static class AlertsHostingExtensions
{
    /// <summary>The sender of watch notifications (section <c>Alerts</c>): digests, webhooks, email, retries and dead letters.</summary>
    public static IServiceCollection AddWatchDelivery(this IServiceCollection services)
    {
        services.AddOptions<AlertsOptions>().BindConfiguration(AlertsOptions.Section);
        services.AddSingleton<DeliveryQueue>();
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
