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
        services.AddHttpClient<WebhookSender>(http => http.Timeout = Timeout.InfiniteTimeSpan);
        services.AddSingleton<DeliveryWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<DeliveryWorker>());
        return services;
    }
}
