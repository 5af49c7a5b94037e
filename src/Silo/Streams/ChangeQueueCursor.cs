using Orleans.Runtime;
using Orleans.Streams;

namespace Gogobe.Silo.Streams;

/// <summary>
/// One subscriber's place in a stream of a <see cref="ChangeQueueCache"/>. What it points at is being delivered: the
/// one event waiting, or the run of every event of the stream waiting (up to the cache's run length) as one
/// <see cref="OfferChangedRun"/>, so a subscriber that was busy while a burst of its product's changes came takes the
/// burst at once. Moving on means the subscriber's handler returned for all of it (or the agent gave up and recorded
/// the failure first); until then the cache keeps every event of it.
/// </summary>
internal sealed class ChangeQueueCursor(ChangeQueueCache cache, StreamId streamId, long from, int runLength) : IQueueCacheCursor
{
    private long next = from;
    private List<OfferChangedBatch> current = [];
    private IBatchContainer? delivering;
    private bool disposed;

    public StreamId StreamId { get; } = streamId;

    /// <summary>The cache keeps every event of the stream from this position on.</summary>
    public long NeededFrom => current.Count > 0 ? current[0].Sequence : next;

    public IBatchContainer? GetCurrent(out Exception? exception)
    {
        exception = null;
        return delivering;
    }

    public bool MoveNext()
    {
        current = disposed ? [] : cache.Next(StreamId, next, runLength);
        delivering = current.Count switch
        {
            0 => null,
            1 => current[0],
            _ => new OfferChangedRun(StreamId, [.. current]),
        };
        if (delivering is null)
        {
            return false;
        }

        next = current[^1].Sequence + 1;
        return true;
    }

    public QueueCacheCursorMoveResult MoveNextWithResult() =>
        MoveNext() ? QueueCacheCursorMoveResult.Success : QueueCacheCursorMoveResult.NoData;

    /// <summary>Nothing to do: the cursor sees every event of its stream added after its position.</summary>
    public void Refresh(StreamSequenceToken token)
    {
    }

    /// <summary>The agent gave up delivering the current event or run: their broker messages go back to the broker.</summary>
    public void RecordDeliveryFailure()
    {
        foreach (var batch in current)
        {
            batch.Source?.MarkFailed();
        }
    }

    public void Dispose()
    {
        if (!disposed)
        {
            disposed = true;
            current = [];
            delivering = null;
            cache.Remove(this);
        }
    }
}
