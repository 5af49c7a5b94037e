using Orleans.Runtime;
using Orleans.Streams;

namespace Gogobe.Silo.Streams;

/// <summary>
/// One subscriber's place in a stream of a <see cref="ChangeQueueCache"/>. The event it points at is being delivered;
/// moving on means the subscriber's handler returned (or the agent gave up and recorded the failure first).
/// </summary>
internal sealed class ChangeQueueCursor(ChangeQueueCache cache, StreamId streamId, long from) : IQueueCacheCursor
{
    private long next = from;
    private OfferChangedBatch? current;
    private bool disposed;

    public StreamId StreamId { get; } = streamId;

    /// <summary>The cache keeps every event of the stream from this position on.</summary>
    public long NeededFrom => current?.Sequence ?? next;

    public IBatchContainer? GetCurrent(out Exception? exception)
    {
        exception = null;
        return current;
    }

    public bool MoveNext()
    {
        current = disposed ? null : cache.Next(StreamId, next);
        if (current is null)
        {
            return false;
        }

        next = current.Sequence + 1;
        return true;
    }

    public QueueCacheCursorMoveResult MoveNextWithResult() =>
        MoveNext() ? QueueCacheCursorMoveResult.Success : QueueCacheCursorMoveResult.NoData;

    /// <summary>Nothing to do: the cursor sees every event of its stream added after its position.</summary>
    public void Refresh(StreamSequenceToken token)
    {
    }

    /// <summary>The agent gave up delivering the current event: its broker message goes back to the broker.</summary>
    public void RecordDeliveryFailure() => current?.Source?.MarkFailed();

    public void Dispose()
    {
        if (!disposed)
        {
            disposed = true;
            current = null;
            cache.Remove(this);
        }
    }
}
