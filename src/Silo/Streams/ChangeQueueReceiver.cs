using System.Collections.Concurrent;
using Gogobe.Contracts.Events;
using Gogobe.Ingest.Messages;
using Gogobe.Storage.Stores;
using Microsoft.Extensions.Logging;
using NATS.Client.Core;
using NATS.Client.JetStream;
using Orleans.Providers.Streams.Common;
using Orleans.Runtime;
using Orleans.Streams;

namespace Gogobe.Silo.Streams;

/// <summary>
/// One queue's pulls from the shared consumer. Each broker message becomes one event per product it names (a truncated
/// one: per product the store sells, read from PostgreSQL), or per product with a watch that can see the store when the
/// streams carry only those (<see cref="ChangeStreamOptions.OnlyWatchedProducts"/>); the message is acknowledged when its last event left the
/// cache, handed back (nak with delay) when a subscriber gave up on one, and terminated when it cannot be read or was
/// delivered <see cref="ChangeStreamOptions.MaxDeliveries"/> times. Held messages are kept alive with progress acks.
/// While messages come, each look of the pulling agent pulls what the broker has at once; once a pull comes back empty,
/// the queue leaves one pull waiting on the broker (<see cref="ChangeStreamOptions.PullWait"/>) that brings messages as
/// they are published, and the agent's looks only take what it brought: an idle queue asks the broker once per
/// <see cref="ChangeStreamOptions.PullWait"/> instead of at every look. An idle look also waits up to
/// <see cref="ChangeStreamOptions.IdleWait"/> for that pull to bring a message and hands it over as soon as it comes, so the
/// agent of an idle queue looks about every 2.25 s instead of every <see cref="ChangeStreamOptions.PollInterval"/>, and
/// the first message after a quiet spell starts on its way as it arrives while a look waits.
/// </summary>
internal sealed partial class ChangeQueueReceiver(
    QueueId queue,
    ChangeConsumer consumer,
    ChangeStreamOptions options,
    IngestSubjects subjects,
    StoreListings stores,
    WatchedProducts watched,
    ILogger logger) : IQueueAdapterReceiver
{
    private static readonly TimeSpan SettleTimeout = TimeSpan.FromSeconds(5);

    // A pull sent while the connection is down may never be answered; the agent must not wait on it.
    private static readonly TimeSpan PullTimeout = TimeSpan.FromSeconds(2);
    private readonly Queue<OfferChangedBatch> ready = new();
    private readonly Dictionary<HeldChangeMessage, bool> held = [];
    private readonly Lock heldLock = new();
    private readonly CancellationTokenSource stop = new();

    // Messages the waiting pull brought, taken in at the agent's next look; an idle look waits on the signal for them.
    private readonly ConcurrentQueue<INatsJSMsg<byte[]>> arrived = new();
    private volatile TaskCompletionSource arrival = NewArrival();
    private Task progress = Task.CompletedTask;

    // The pull left waiting on the broker while the queue is idle (null while messages come); its result is its error, if any.
    private Task<string?>? waiting;
    private int waitingBrought;
    private long sequence;
    private int failures;

    public Task Initialize(TimeSpan timeout)
    {
        progress = SignalProgressAsync(stop.Token);
        LogStarted(logger, queue.ToString(), consumer.Description);
        return Task.CompletedTask;
    }

    [Obsolete("Use the overload which accepts a CancellationToken.")]
    public Task<IList<IBatchContainer>> GetQueueMessagesAsync(int maxCount) => GetQueueMessagesAsync(maxCount, CancellationToken.None);

    public async Task<IList<IBatchContainer>> GetQueueMessagesAsync(int maxCount, CancellationToken cancellationToken)
    {
        if (ready.Count == 0)
        {
            await TakeAsync(cancellationToken);
        }

        var take = maxCount < 0 ? ready.Count : Math.Min(maxCount, ready.Count);
        var batches = new List<IBatchContainer>(take);
        for (var i = 0; i < take; i++)
        {
            batches.Add(ready.Dequeue());
        }

        return batches;
    }

    [Obsolete("Use the overload which accepts a CancellationToken.")]
    public Task MessagesDeliveredAsync(IList<IBatchContainer> messages) => MessagesDeliveredAsync(messages, CancellationToken.None);

    public async Task MessagesDeliveredAsync(IList<IBatchContainer> messages, CancellationToken cancellationToken)
    {
        foreach (var batch in messages.OfType<OfferChangedBatch>())
        {
            if (batch.Source is { } source && source.Release())
            {
                await SettleAsync(source);
            }
        }
    }

    public async Task Shutdown(TimeSpan timeout)
    {
        await stop.CancelAsync();
        await progress.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        if (waiting is { } pull)
        {
            await ((Task)pull).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        List<INatsJSMsg<byte[]>> handBack;
        lock (heldLock)
        {
            handBack = held.Keys.Select(h => h.Message).ToList();
            held.Clear();
        }

        handBack.AddRange(arrived);
        arrived.Clear();
        ready.Clear();
        foreach (var message in handBack)
        {
            await TryAsync(message, m => m.NakAsync(cancellationToken: CancellationToken.None), "nak");
        }

        LogStopped(logger, queue.ToString(), handBack.Count);
        stop.Dispose();
    }

    /// <summary>
    /// One look of the agent with nothing ready: takes in what the waiting pull brought; when there is none (or it ended
    /// having brought some), pulls what the broker has now, and leaves a waiting pull when that came back empty.
    /// </summary>
    private async Task TakeAsync(CancellationToken cancellationToken)
    {
        if (waiting is { } pull)
        {
            if (arrived.IsEmpty && !pull.IsCompleted)
            {
                await AwaitArrivalAsync(pull, cancellationToken);
            }

            while (arrived.TryDequeue(out var message))
            {
                waitingBrought++;
                await AcceptAsync(message, cancellationToken);
            }

            if (!pull.IsCompleted)
            {
                return;
            }

            waiting = null;
            var error = await pull;
            if (error is null)
            {
                Resumed();
            }
            else
            {
                Failed(error);
            }

            if (waitingBrought == 0 || error is not null)
            {
                // Still idle (or the broker is away): wait again rather than ask at every look.
                waiting = WaitForMessagesAsync(stop.Token);
                return;
            }

            // The waiting pull brought messages: more may be there; pull them at once.
        }

        if (await PullNowAsync(cancellationToken) == 0)
        {
            waitingBrought = 0;
            waiting = WaitForMessagesAsync(stop.Token);
        }
    }

    /// <summary>
    /// An idle look: waits up to <see cref="ChangeStreamOptions.IdleWait"/> until the waiting pull brings a message or
    /// ends, or the agent stops. The agent's next look comes <see cref="ChangeStreamOptions.PollInterval"/> after this one ends.
    /// </summary>
    private async Task AwaitArrivalAsync(Task pull, CancellationToken cancellationToken)
    {
        if (options.IdleWait <= TimeSpan.Zero)
        {
            return;
        }

        var signal = arrival;
        if (signal.Task.IsCompleted)
        {
            signal = arrival = NewArrival();
        }

        // A message put aside between the check of the caller and the new signal is not missed: look again.
        if (!arrived.IsEmpty)
        {
            return;
        }

        using var quiet = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, stop.Token);
        var timeout = Task.Delay(options.IdleWait, quiet.Token);
        await Task.WhenAny(signal.Task, pull, timeout);
        await quiet.CancelAsync();
    }

    private static TaskCompletionSource NewArrival() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Takes what the broker holds now (a pull that does not wait); returns how many messages came.</summary>
    private async Task<int> PullNowAsync(CancellationToken cancellationToken)
    {
        var count = 0;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(PullTimeout);
            var source = await consumer.GetAsync(timeout.Token);
            var fetch = new NatsJSFetchOpts { MaxMsgs = options.FetchBatch, Expires = PullTimeout };
            await foreach (var message in source.FetchNoWaitAsync(fetch, NatsRawSerializer<byte[]>.Default, timeout.Token))
            {
                count++;
                await AcceptAsync(message, cancellationToken);
            }

            Resumed();
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && ex is not OutOfMemoryException)
        {
            consumer.Reset();
            Failed(ex.Message);
        }

        return count;
    }

    /// <summary>
    /// A pull that waits on the broker up to <see cref="ChangeStreamOptions.PullWait"/>, putting each message aside as it
    /// comes (the agent's next look takes it in); its result is its error, or null. A pull the broker lost (a restart)
    /// ends by its own timeout.
    /// </summary>
    private async Task<string?> WaitForMessagesAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(options.PullWait + PullTimeout);
            var source = await consumer.GetAsync(timeout.Token);
            var fetch = new NatsJSFetchOpts { MaxMsgs = options.FetchBatch, Expires = options.PullWait };
            await foreach (var message in source.FetchAsync(fetch, NatsRawSerializer<byte[]>.Default, timeout.Token))
            {
                arrived.Enqueue(message);
                arrival.TrySetResult();
            }

            return null;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && ex is not OutOfMemoryException)
        {
            consumer.Reset();
            return ex.Message;
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    private void Resumed()
    {
        if (failures > 0)
        {
            LogResumed(logger, queue.ToString(), failures);
            failures = 0;
        }
    }

    private void Failed(string error)
    {
        if (failures++ % 20 == 0)
        {
            LogPullFailed(logger, queue.ToString(), consumer.Description, failures, error);
        }
    }

    private async Task AcceptAsync(INatsJSMsg<byte[]> message, CancellationToken cancellationToken)
    {
        var takenAt = DateTimeOffset.UtcNow;
        var deliveries = (int)(message.Metadata?.NumDelivered ?? 1);
        var sequenceOnBroker = message.Metadata?.Sequence.Stream ?? 0;
        if (!ChangeMessage.TryDecode(message.Subject, message.Data ?? [], subjects, out var change, out var problem))
        {
            if (problem is null)
            {
                await TryAsync(message, m => m.AckAsync(cancellationToken: CancellationToken.None), "ack");
                return;
            }

            LogUnreadable(logger, sequenceOnBroker, message.Subject, problem);
            await TryAsync(message, m => m.AckTerminateAsync(cancellationToken: CancellationToken.None), "term");
            return;
        }

        if (deliveries > options.MaxDeliveries)
        {
            LogGivenUp(logger, change.Kind, change.ChainId, change.StoreId, change.ImportId, deliveries - 1);
            await TryAsync(message, m => m.AckTerminateAsync(cancellationToken: CancellationToken.None), "term");
            return;
        }

        IReadOnlyList<string> keys;
        try
        {
            keys = change.Truncated ? await stores.ProductKeysAsync(change.ChainId, change.StoreId, cancellationToken) : change.ProductKeys;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && ex is not OutOfMemoryException)
        {
            LogStoreProductsFailed(logger, change.ChainId, change.StoreId, ex.Message);
            await TryAsync(message, m => m.NakAsync(new AckOpts { NakDelay = options.RedeliveryDelay }, CancellationToken.None), "nak");
            return;
        }

        if (options.OnlyWatchedProducts)
        {
            keys = keys.Where(k => watched.MayBeWatched(k, change.ChainId, change.StoreId)).ToList();
        }

        var events = change.Events(keys, takenAt).ToList();
        if (events.Count == 0)
        {
            await TryAsync(message, m => m.AckAsync(cancellationToken: CancellationToken.None), "ack");
            return;
        }

        var source = new HeldChangeMessage(message, events.Count);
        lock (heldLock)
        {
            held[source] = true;
        }

        foreach (var item in events)
        {
            var token = new EventSequenceTokenV2(++sequence);
            ready.Enqueue(new OfferChangedBatch(StreamId.Create(ChangeStreams.Products, item.ProductKey), item, token, source));
        }
    }

    private async Task SettleAsync(HeldChangeMessage source)
    {
        lock (heldLock)
        {
            held.Remove(source);
        }

        if (!source.Failed)
        {
            await TryAsync(source.Message, m => m.AckAsync(cancellationToken: CancellationToken.None), "ack");
        }
        else if (source.Deliveries >= options.MaxDeliveries)
        {
            LogGivenUpAfterFailure(logger, source.StreamSequence, source.Deliveries);
            await TryAsync(source.Message, m => m.AckTerminateAsync(cancellationToken: CancellationToken.None), "term");
        }
        else
        {
            LogHandedBack(logger, source.StreamSequence, source.Deliveries, options.RedeliveryDelay.TotalSeconds);
            await TryAsync(source.Message, m => m.NakAsync(new AckOpts { NakDelay = options.RedeliveryDelay }, CancellationToken.None), "nak");
        }
    }

    private async Task SignalProgressAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(options.AckWait / 3);
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await timer.WaitForNextTickAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            List<INatsJSMsg<byte[]>> current;
            lock (heldLock)
            {
                current = held.Keys.Select(h => h.Message).ToList();
            }

            // Messages a waiting pull brought while the agent does not look (its cache is full) are kept alive too.
            current.AddRange(arrived);
            foreach (var message in current)
            {
                await TryAsync(message, m => m.AckProgressAsync(cancellationToken: CancellationToken.None), "progress");
            }
        }
    }

    /// <summary>Settles a message; a failure only means the broker redelivers it, which subscribers tolerate.</summary>
    private async Task TryAsync(INatsJSMsg<byte[]> message, Func<INatsJSMsg<byte[]>, ValueTask> settle, string what)
    {
        try
        {
            await settle(message).AsTask().WaitAsync(SettleTimeout);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            LogSettleFailed(logger, what, message.Metadata?.Sequence.Stream ?? 0, ex.Message);
        }
    }

    #region Logging

    [LoggerMessage(EventId = 1701, Level = LogLevel.Information, Message = "Change stream queue {Queue} pulling from {Consumer}")]
    private static partial void LogStarted(ILogger logger, string queue, string consumer);

    [LoggerMessage(EventId = 1702, Level = LogLevel.Warning, Message = "Change stream queue {Queue} cannot pull from {Consumer} ({Failures} failed pulls): {Error}; retrying")]
    private static partial void LogPullFailed(ILogger logger, string queue, string consumer, int failures, string error);

    [LoggerMessage(EventId = 1703, Level = LogLevel.Information, Message = "Change stream queue {Queue} pulling again after {Failures} failed pulls")]
    private static partial void LogResumed(ILogger logger, string queue, int failures);

    [LoggerMessage(EventId = 1704, Level = LogLevel.Error, Message = "Change event {Sequence} on {Subject} cannot be read and is dropped from the change streams: {Problem}")]
    private static partial void LogUnreadable(ILogger logger, ulong sequence, string subject, string problem);

    [LoggerMessage(EventId = 1705, Level = LogLevel.Error, Message = "{Kind} change of {ChainId}:{StoreId} (import {ImportId}) was delivered {Deliveries} times without every subscriber handling it: given up")]
    private static partial void LogGivenUp(ILogger logger, OfferChangeKind kind, string chainId, string storeId, string importId, int deliveries);

    [LoggerMessage(EventId = 1706, Level = LogLevel.Error, Message = "Change event {Sequence} failed in a subscriber on delivery {Deliveries}, the last allowed: given up")]
    private static partial void LogGivenUpAfterFailure(ILogger logger, ulong sequence, int deliveries);

    [LoggerMessage(EventId = 1707, Level = LogLevel.Warning, Message = "Change event {Sequence} failed in a subscriber on delivery {Deliveries}: handed back, again in {DelaySeconds} s")]
    private static partial void LogHandedBack(ILogger logger, ulong sequence, int deliveries, double delaySeconds);

    [LoggerMessage(EventId = 1708, Level = LogLevel.Warning, Message = "Cannot read the products of store {ChainId}:{StoreId} for a truncated change: {Error}; handed back")]
    private static partial void LogStoreProductsFailed(ILogger logger, string chainId, string storeId, string error);

    [LoggerMessage(EventId = 1709, Level = LogLevel.Warning, Message = "Could not {Action} change event {Sequence}: {Error}; the broker delivers it again")]
    private static partial void LogSettleFailed(ILogger logger, string action, ulong sequence, string error);

    [LoggerMessage(EventId = 1710, Level = LogLevel.Information, Message = "Change stream queue {Queue} stopped, {HandedBack} messages handed back")]
    private static partial void LogStopped(ILogger logger, string queue, int handedBack);

    #endregion
}
