using System.Diagnostics.CodeAnalysis;
using Orleans.Runtime;
using Orleans.Streams;

namespace Gogobe.Silo.Streams;

/// <summary>
/// The events one queue holds, by stream. An event leaves the cache (and counts as delivered towards its broker message)
/// only once no cursor of its stream still needs it: every subscriber's cursor moved past it, that is its handler returned
/// or the pulling agent gave up on it (<see cref="ChangeQueueCursor.RecordDeliveryFailure"/>). An event of a stream that
/// has no cursor has no subscriber: the agent pins a new stream with a cursor before it asks for subscribers.
/// A cursor hands over the events of its stream that wait together as one run (at most <c>runLength</c>), so a
/// subscriber handles a burst of its product's changes once.
/// Used by the queue's pulling agent only, on its own turn-based scheduler.
/// </summary>
internal sealed class ChangeQueueCache(int capacity, int runLength) : IQueueCache
{
    private readonly Dictionary<StreamId, List<OfferChangedBatch>> byStream = [];
    private readonly Dictionary<StreamId, List<ChangeQueueCursor>> cursors = [];
    private long nextSequence;

    public int Count { get; private set; }

    public int GetMaxAddCount() => Math.Max(0, capacity - Count);

    public bool IsUnderPressure() => Count >= capacity;

    public void AddToCache(IList<IBatchContainer> messages)
    {
        foreach (var batch in messages.Cast<OfferChangedBatch>())
        {
            if (!byStream.TryGetValue(batch.StreamId, out var events))
            {
                byStream[batch.StreamId] = events = [];
            }

            events.Add(batch);
            nextSequence = Math.Max(nextSequence, batch.Sequence + 1);
            Count++;
        }
    }

    public bool TryPurgeFromCache([MaybeNullWhen(false)] out IList<IBatchContainer> purgedItems)
    {
        List<IBatchContainer>? purged = null;
        List<StreamId>? emptied = null;
        foreach (var (stream, events) in byStream)
        {
            var neededFrom = NeededFrom(stream);
            var done = 0;
            while (done < events.Count && events[done].Sequence < neededFrom)
            {
                done++;
            }

            if (done == 0)
            {
                continue;
            }

            purged ??= [];
            purged.AddRange(events.Take(done));
            events.RemoveRange(0, done);
            Count -= done;
            if (events.Count == 0)
            {
                (emptied ??= []).Add(stream);
            }
        }

        foreach (var stream in emptied ?? [])
        {
            byStream.Remove(stream);
        }

        purgedItems = purged;
        return purged is not null;
    }

    public IQueueCacheCursor GetCacheCursor(StreamId streamId, StreamSequenceToken? token)
    {
        var from = token?.SequenceNumber
            ?? (byStream.TryGetValue(streamId, out var events) && events.Count > 0 ? events[0].Sequence : nextSequence);
        var cursor = new ChangeQueueCursor(this, streamId, from, runLength);
        if (!cursors.TryGetValue(streamId, out var list))
        {
            cursors[streamId] = list = [];
        }

        list.Add(cursor);
        return cursor;
    }

    /// <summary>
    /// The events of <paramref name="streamId"/> at or after <paramref name="sequence"/>, at most <paramref name="most"/>,
    /// in order; empty when there is none yet.
    /// </summary>
    internal List<OfferChangedBatch> Next(StreamId streamId, long sequence, int most)
    {
        var found = new List<OfferChangedBatch>();
        if (!byStream.TryGetValue(streamId, out var events))
        {
            return found;
        }

        foreach (var batch in events)
        {
            if (batch.Sequence >= sequence)
            {
                found.Add(batch);
                if (found.Count == most)
                {
                    break;
                }
            }
        }

        return found;
    }

    internal void Remove(ChangeQueueCursor cursor)
    {
        if (cursors.TryGetValue(cursor.StreamId, out var list) && list.Remove(cursor) && list.Count == 0)
        {
            cursors.Remove(cursor.StreamId);
        }
    }

    /// <summary>The oldest position some cursor of the stream still needs; beyond every event when no cursor follows it.</summary>
    private long NeededFrom(StreamId stream)
    {
        if (!cursors.TryGetValue(stream, out var list))
        {
            return long.MaxValue;
        }

        var from = long.MaxValue;
        foreach (var cursor in list)
        {
            from = Math.Min(from, cursor.NeededFrom);
        }

        return from;
    }
}
