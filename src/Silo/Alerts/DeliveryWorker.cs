using Gogobe.Storage;
using Gogobe.Storage.Watches;
using Microsoft.Extensions.Options;

namespace Gogobe.Silo.Alerts;

/// <summary>
/// Sends what the watch grains put in the outbox. Two loops run side by side: one makes digests of each user's notices
/// once the oldest waited the digest window; the other keeps up to <see cref="AlertsOptions.Parallel"/> sends going,
/// leasing due deliveries ahead of the slots as sends end (a slow receiver holds one slot, not a round), over reused
/// connections.
/// Each delivery is leased (a silo killed mid-send leaves it to another after the lease), recorded as sent as soon as it
/// was, retried with backoff, and given up after <see cref="AlertsOptions.MaxAttempts"/> into the user's dead letters.
/// The loops do not look at the outbox on a timer while it is empty: they listen on PostgreSQL's <c>gogobe_outbox</c>
/// channel (a trigger on each outbox insert notifies it at its commit) and otherwise sleep until the next notice's
/// digest window or the next retry is due, or <see cref="AlertsOptions.IdlePoll"/> at most (in case a notification was
/// missed); while the listen is down they look every <see cref="AlertsOptions.PollInterval"/>.
/// </summary>
public sealed partial class DeliveryWorker(
    DeliveryQueue queue, WebhookSender webhooks, EmailSender emails, IOptions<AlertsOptions> options, ILogger<DeliveryWorker> logger) : BackgroundService
{
    private static readonly TimeSpan ListenRetry = TimeSpan.FromSeconds(1);
    private readonly Wakeup notices = new();
    private readonly Wakeup deliveries = new();
    private volatile bool listening;

    /// <summary>The worker listens for outbox inserts (tests: a notice put in the outbox now wakes it).</summary>
    public bool Listening => listening;

    public override void Dispose()
    {
        notices.Dispose();
        deliveries.Dispose();
        base.Dispose();
    }

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
        Task.WhenAll(ListenLoopAsync(stoppingToken), DigestLoopAsync(stoppingToken), SendLoopAsync(stoppingToken));

    /// <summary>Keeps a connection listening for outbox inserts, reconnecting after a failure.</summary>
    private Task ListenLoopAsync(CancellationToken stoppingToken) =>
        Notifications.KeepListeningAsync(
            (listened, cancellationToken) => queue.ListenAsync(Notified, listened, options.Value.IdlePoll, cancellationToken),
            Listened,
            () => listening = false,
            (failures, reason) => LogListenFailed(logger, failures, reason),
            ListenRetry,
            TimeProvider.System,
            stoppingToken);

    private void Listened()
    {
        listening = true;

        // What was put in the outbox before the listen took effect was not announced: both loops look once more.
        notices.Raise();
        deliveries.Raise();
    }

    private void Notified(string payload)
    {
        if (payload == DeliveryQueue.DeliveriesAdded)
        {
            deliveries.Raise();
        }
        else
        {
            notices.Raise();
        }
    }

    /// <summary>
    /// How long a loop with nothing to do sleeps unless woken: until <paramref name="due"/> (the next piece of work it knows
    /// of), at least <see cref="AlertsOptions.PollInterval"/> and at most <see cref="AlertsOptions.IdlePoll"/>; while not
    /// listening, <see cref="AlertsOptions.PollInterval"/>.
    /// </summary>
    private TimeSpan IdleWait(TimeSpan? due, AlertsOptions settings)
    {
        if (!listening)
        {
            return settings.PollInterval;
        }

        return Notifications.IdleWait(due, settings.PollInterval, settings.IdlePoll);
    }

    /// <summary>When listening, asks when the next work is due (null: none, or the question failed and the loop sleeps at most <see cref="AlertsOptions.IdlePoll"/>).</summary>
    private async Task<TimeSpan?> NextDueAsync(Func<CancellationToken, Task<TimeSpan?>> ask, CancellationToken stoppingToken)
    {
        if (!listening)
        {
            return null;
        }

        try
        {
            return await ask(stoppingToken);
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested && ex is not OutOfMemoryException)
        {
            LogRoundFailed(logger, ex);
            return null;
        }
    }

    /// <summary>
    /// Makes digests when one is due. While listening it first asks when the next one is due (one statement), so that the
    /// wake-up of each notice put in the outbox costs that question, not a digest transaction that finds nothing due yet
    /// (an import writes notices in hundreds of transactions, each waking every silo); it sleeps until then unless woken.
    /// </summary>
    private async Task DigestLoopAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var settings = options.Value;
            var (known, due) = (false, (TimeSpan?)null);
            if (listening)
            {
                try
                {
                    (known, due) = (true, await queue.NextDigestInAsync(settings.DigestWindow, settings.DigestMaxNotices, stoppingToken));
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogRoundFailed(logger, ex);
                }
            }

            if (known && due is null)
            {
                // Nothing waits: sleep until a notice is put in the outbox.
                await ((Task)notices.WaitAsync(settings.IdlePoll, stoppingToken)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                continue;
            }

            if (known && due > TimeSpan.Zero)
            {
                // Sleep exactly until the digest is due (a time PostgreSQL gave), unless a notice wakes the loop first.
                var wait = due.Value > settings.IdlePoll ? settings.IdlePoll : due.Value;
                await ((Task)notices.WaitAsync(wait, stoppingToken)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                continue;
            }

            var users = 0;
            try
            {
                users = await DigestOnceAsync(settings, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogRoundFailed(logger, ex);
            }

            if (users > 0)
            {
                // Made what was due: ask again at once.
                deliveries.Raise();
                continue;
            }

            // Not listening, or what was due was taken by another silo (or is being taken: its rows are locked).
            await ((Task)notices.WaitAsync(settings.PollInterval, stoppingToken)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    /// <summary>
    /// Keeps up to <see cref="AlertsOptions.Parallel"/> sends going. When a slot is free and nothing leased waits, it leases
    /// due deliveries for every free slot and as many again: a send that ends then starts the next without a round trip to
    /// PostgreSQL of its own, so a burst of digests is not sent at the pace of one lease statement per message. What is
    /// still leased when the loop stops is handed back at once.
    /// </summary>
    private async Task SendLoopAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        using var slots = new SemaphoreSlim(settings.Parallel, settings.Parallel);
        var leased = new Queue<DueDelivery>();
        var sends = new List<Task>();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await slots.WaitAsync(stoppingToken);
                if (stoppingToken.IsCancellationRequested)
                {
                    // A send cancelled by the stop freed this slot before the wait saw the stop: what is leased is handed
                    // back below, unattempted, not sent with a cancelled token.
                    slots.Release();
                    break;
                }

                if (leased.Count == 0)
                {
                    try
                    {
                        foreach (var delivery in await queue.ClaimAsync(slots.CurrentCount + 1 + settings.Parallel, settings.Lease, stoppingToken))
                        {
                            leased.Enqueue(delivery);
                        }
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException)
                    {
                        LogRoundFailed(logger, ex);
                    }
                }

                sends.RemoveAll(t => t.IsCompleted);
                if (leased.TryDequeue(out var next))
                {
                    sends.Add(SendAndReleaseAsync(next));
                    continue;
                }

                slots.Release();
                var due = await NextDueAsync(queue.NextAttemptInAsync, stoppingToken);
                await ((Task)deliveries.WaitAsync(IdleWait(due, settings), stoppingToken)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }

        await Task.WhenAll(sends).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        if (leased.Count > 0)
        {
            try
            {
                await queue.ReleaseAsync([.. leased.Select(d => d.DeliveryId)], CancellationToken.None);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // Not handed back: their lease ends on its own.
                LogRoundFailed(logger, ex);
            }
        }

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

                // The retry may be due before what the send loop sleeps for: it asks again.
                deliveries.Raise();
            }

            return false;
        }
    }

    [LoggerMessage(EventId = 2601, Level = LogLevel.Warning, Message = "Watch notifications: a delivery round failed")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 2603, Level = LogLevel.Warning, Message = "Watch notifications: cannot listen for outbox inserts ({Failures} failures): {Error}; looking at the outbox every poll interval meanwhile")]
    private static partial void LogListenFailed(ILogger logger, int failures, string error);

    [LoggerMessage(EventId = 2602, Level = LogLevel.Warning, Message = "Watch notifications: delivery {DeliveryId} ({Channel}) gave up after {Attempts} attempts: {Error}")]
    private static partial void LogDead(ILogger logger, long deliveryId, string channel, int attempts, string error);
}
