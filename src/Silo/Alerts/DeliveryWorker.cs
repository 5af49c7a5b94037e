using Gogobe.Storage.Watches;
using Microsoft.Extensions.Options;

namespace Gogobe.Silo.Alerts;

/// <summary>
/// Sends what the watch grains put in the outbox: makes digests of the notices that waited the digest window, then
/// sends the due deliveries (leased, so a silo killed mid-send leaves them to another after the lease), retrying with
/// backoff and giving up after <see cref="AlertsOptions.MaxAttempts"/> into the user's dead letters.
/// </summary>
public sealed partial class DeliveryWorker(
    DeliveryQueue queue, WebhookSender webhooks, EmailSender emails, IOptions<AlertsOptions> options, ILogger<DeliveryWorker> logger) : BackgroundService
{
    /// <summary>One round: digests made, then due deliveries sent; returns how many deliveries were attempted.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        await queue.DigestAsync(settings.DigestWindow, 100, DigestComposer.Compose, cancellationToken);
        var due = await queue.ClaimAsync(settings.Parallel, settings.Lease, cancellationToken);
        await Parallel.ForEachAsync(due, cancellationToken, (delivery, token) => new ValueTask(AttemptAsync(delivery, settings, token)));
        return due.Count;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var attempted = 0;
            try
            {
                attempted = await RunOnceAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogRoundFailed(logger, ex);
            }

            if (attempted == 0)
            {
                await Task.Delay(options.Value.PollInterval, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    private async Task AttemptAsync(DueDelivery delivery, AlertsOptions settings, CancellationToken cancellationToken)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(settings.SendTimeout);
            var send = delivery.Message.Channel == DigestComposer.Email ? emails.SendAsync(delivery, timeout.Token) : webhooks.SendAsync(delivery, timeout.Token);
            await send;
            await queue.SentAsync(delivery.DeliveryId, CancellationToken.None);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            var error = ex is OperationCanceledException ? $"no answer within {settings.SendTimeout}" : ex.Message;
            if (delivery.Attempts >= settings.MaxAttempts)
            {
                LogDead(logger, delivery.DeliveryId, delivery.Message.Channel, delivery.Attempts, error);
                await queue.DeadAsync(delivery.DeliveryId, error, CancellationToken.None);
            }
            else
            {
                await queue.RetryAsync(delivery.DeliveryId, settings.BackoffAfter(delivery.Attempts), error, CancellationToken.None);
            }
        }
    }

    [LoggerMessage(EventId = 2601, Level = LogLevel.Warning, Message = "Watch notifications: a delivery round failed")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 2602, Level = LogLevel.Warning, Message = "Watch notifications: delivery {DeliveryId} ({Channel}) gave up after {Attempts} attempts: {Error}")]
    private static partial void LogDead(ILogger logger, long deliveryId, string channel, int attempts, string error);
}
