using Gogobe.Storage.Watches;
using Microsoft.Extensions.Options;

namespace Gogobe.Silo.Alerts;

/// <summary>
/// Sends what the watch grains put in the outbox: makes digests of each user's notices once the oldest waited the digest
/// window, then sends up to <see cref="AlertsOptions.Batch"/> due deliveries, <see cref="AlertsOptions.Parallel"/> at once
/// (leased, so a silo killed mid-round leaves them to another after the lease), records the sent ones in one statement,
/// retries the others with backoff and gives up after <see cref="AlertsOptions.MaxAttempts"/> into the user's dead letters.
/// </summary>
public sealed partial class DeliveryWorker(
    DeliveryQueue queue, WebhookSender webhooks, EmailSender emails, IOptions<AlertsOptions> options, ILogger<DeliveryWorker> logger) : BackgroundService
{
    // Outbox queries of one round's digesting at most, so that sending is never starved by a flood of notices.
    private const int DigestQueriesPerRound = 8;

    /// <summary>One round: digests made, then due deliveries sent; returns how many deliveries were attempted.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        for (var query = 0; query < DigestQueriesPerRound; query++)
        {
            var users = await queue.DigestAsync(settings.DigestWindow, settings.DigestUsers, settings.DigestMaxNotices, DigestComposer.Compose, cancellationToken);
            if (users < settings.DigestUsers)
            {
                break;
            }
        }

        var due = await queue.ClaimAsync(settings.Batch, settings.Lease, cancellationToken);
        var sent = new List<long>(due.Count);
        try
        {
            var parallel = new ParallelOptions { MaxDegreeOfParallelism = settings.Parallel, CancellationToken = cancellationToken };
            await Parallel.ForEachAsync(due, parallel, async (delivery, token) =>
            {
                if (await AttemptAsync(delivery, settings, token))
                {
                    lock (sent)
                    {
                        sent.Add(delivery.DeliveryId);
                    }
                }
            });
        }
        finally
        {
            // What was sent is recorded even when the round was stopped, so that it is not sent again after the lease.
            await queue.SentAsync(sent, CancellationToken.None);
        }

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

    /// <summary>Sends one delivery; true when it was sent, else its retry or dead letter is recorded.</summary>
    private async Task<bool> AttemptAsync(DueDelivery delivery, AlertsOptions settings, CancellationToken cancellationToken)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(settings.SendTimeout);
            var send = delivery.Message.Channel == DigestComposer.Email ? emails.SendAsync(delivery, timeout.Token) : webhooks.SendAsync(delivery, timeout.Token);
            await send;
            return true;
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

            return false;
        }
    }

    [LoggerMessage(EventId = 2601, Level = LogLevel.Warning, Message = "Watch notifications: a delivery round failed")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 2602, Level = LogLevel.Warning, Message = "Watch notifications: delivery {DeliveryId} ({Channel}) gave up after {Attempts} attempts: {Error}")]
    private static partial void LogDead(ILogger logger, long deliveryId, string channel, int attempts, string error);
}
