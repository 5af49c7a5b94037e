using Gogobe.Silo.Alerts;
using Gogobe.Storage.Watches;
using Gogobe.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Gogobe.Grains.Tests.Watches;

/// <summary>The silos' delivery worker over a test database, with no digest wait (unless given) and short retries; the test drives its rounds.</summary>
public static class TestSender
{
    public static DeliveryWorker Create(NpgsqlDataSource database, AlertsOptions options, TimeSpan digestWindow = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.DigestWindow = digestWindow;
        options.RetryBackoff = TimeSpan.FromMilliseconds(50);
        options.SendTimeout = TimeSpan.FromSeconds(5);
        var settings = Options.Create(options);
        return new DeliveryWorker(
            new DeliveryQueue(database), new WebhookSender(new HttpClient(), TimeProvider.System), new EmailSender(settings), settings,
            NullLogger<DeliveryWorker>.Instance);
    }

    /// <summary>Runs rounds of <paramref name="senders"/> (at once, as silos do) until <paramref name="done"/>.</summary>
    public static Task RoundsUntilAsync(Func<Task<bool>> done, params DeliveryWorker[] senders) =>
        Eventually.TrueAsync(async () =>
        {
            await Task.WhenAll(senders.Select(s => s.RunOnceAsync(CancellationToken.None)));
            return await done();
        }, TimeSpan.FromSeconds(60), () => "the sender did not get there");
}
