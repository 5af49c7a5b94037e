using Gogobe.Storage.Watches;
using Microsoft.Extensions.Options;

namespace Gogobe.Silo.Alerts;

/// <summary>
/// Sends what the watch grains put in the outbox. Two loops run side by side: one makes digests of each user's notices
/// once the oldest waited the digest window; the other keeps up to <see cref="AlertsOptions.Parallel"/> sends going,
/// leasing more due deliveries as sends end (a slow receiver holds one slot, not a round), over reused connections.
/// Each delivery is leased (a silo killed mid-send leaves it to another after the lease), recorded as sent as soon as it
/// was, retried with backoff, and given up after <see cref="AlertsOptions.MaxAttempts"/> into the user's dead letters.
/// </summary>
public sealed partial class DeliveryWorker(
    DeliveryQueue queue, WebhookSender webhooks, EmailSender emails, IOptions<AlertsOptions> options, ILogger<DeliveryWorker> logger) : BackgroundService
{
    /// <summary>One round, as the loops do it but one after the other: digests made, then due deliveries sent; returns how many deliveries were attempted.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        int users;
        do
        {
            users = await DigestOnceAsync(settings, cancellationToken);
        }
        while (users >= settings.DigestUsers);

        var due = await queue.ClaimAsync(settings.Parallel, settings.Lease, cancellationToken);
        await Task.WhenAll(due.Select(delivery => SendAsync(delivery, settings, cancellationToken)));
        return due.Count;
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(DigestLoopAsync(stoppingToken), SendLoopAsync(stoppingToken));

    private async Task DigestLoopAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var settings = options.Value;
            var users = 0;
            try
            {
                users = await DigestOnceAsync(settings, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogRoundFailed(logger, ex);
            }

            if (users < settings.DigestUsers)
            {
                await Task.Delay(settings.PollInterval, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    /// <summary>Leases as many due deliveries as there are free send slots, and again whenever a send ends.</summary>
    private async Task SendLoopAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        using var slots = new SemaphoreSlim(settings.Parallel, settings.Parallel);
        var sends = new List<Task>();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await slots.WaitAsync(stoppingToken);
                var free = 1;
                while (slots.Wait(0))
                {
                    free++;
                }

                List<DueDelivery> due = [];
                try
                {
                    due = await queue.ClaimAsync(free, settings.Lease, stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogRoundFailed(logger, ex);
                }

                sends.RemoveAll(t => t.IsCompleted);
                foreach (var delivery in due)
                {
                    sends.Add(SendAndReleaseAsync(delivery));
                }

                if (free > due.Count)
                {
                    slots.Release(free - due.Count);
                }

                if (due.Count == 0)
                {
                    await Task.Delay(settings.PollInterval, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }

        await Task.WhenAll(sends).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);

        async Task SendAndReleaseAsync(DueDelivery delivery)
        {
            try
            {
                await SendAsync(delivery, settings, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogRoundFailed(logger, ex);
            }
            finally
            {
                slots.Release();
            }
        }
    }

    /// <summary>Turns the due users' waiting notices into messages; returns how many users' notices it took.</summary>
    private Task<int> DigestOnceAsync(AlertsOptions settings, CancellationToken cancellationToken) =>
        queue.DigestAsync(settings.DigestWindow, settings.DigestUsers, settings.DigestMaxNotices, DigestComposer.Compose, cancellationToken);

    /// <summary>Sends one delivery and records it as sent at once (what is sent but not recorded goes again after the lease).</summary>
    private async Task SendAsync(DueDelivery delivery, AlertsOptions settings, CancellationToken cancellationToken)
    {
        if (await AttemptAsync(delivery, settings, cancellationToken))
        {
            await queue.SentAsync([delivery.DeliveryId], CancellationToken.None);
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
