namespace Gogobe.Grains.Watches;

/// <summary>
/// Many callers' requests in one round trip to PostgreSQL. A request waits while <c>inFlight</c> round trips are under
/// way, and goes with every request that came in the meantime (at most <c>mostPerRoundTrip</c>): alone when the silo is
/// quiet, hundreds at once under a national import, where one statement and one commit per change event would take
/// PostgreSQL's time from the import. A round trip that fails fails its requests, and none other.
/// </summary>
/// <param name="send">One round trip: one result per request, in order.</param>
public sealed class SharedRoundTrips<TRequest, TResult>(Func<IReadOnlyList<TRequest>, Task<IReadOnlyList<TResult>>> send, int inFlight, int mostPerRoundTrip)
{
    private readonly Lock gate = new();
    private readonly Queue<(TRequest Request, TaskCompletionSource<TResult> Done)> pending = new();
    private int flushing;
    private long requests;
    private long roundTrips;

    /// <summary>Requests asked so far.</summary>
    public long Requests => Volatile.Read(ref requests);

    /// <summary>Round trips that carried them.</summary>
    public long RoundTrips => Volatile.Read(ref roundTrips);

    public Task<TResult> RunAsync(TRequest request)
    {
        // Continuations run on their callers' schedulers (a grain's), never inline on the thread of the round trip.
        var done = new TaskCompletionSource<TResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        bool start;
        lock (gate)
        {
            pending.Enqueue((request, done));
            start = flushing < inFlight;
            if (start)
            {
                flushing++;
            }
        }

        Interlocked.Increment(ref requests);
        if (start)
        {
            _ = Task.Run(FlushAsync);
        }

        return done.Task;
    }

    /// <summary>Sends what waits, a round trip at a time, until nothing does.</summary>
    private async Task FlushAsync()
    {
        while (true)
        {
            var batch = new List<(TRequest Request, TaskCompletionSource<TResult> Done)>();
            lock (gate)
            {
                while (batch.Count < mostPerRoundTrip && pending.TryDequeue(out var next))
                {
                    batch.Add(next);
                }

                if (batch.Count == 0)
                {
                    flushing--;
                    return;
                }
            }

            Interlocked.Increment(ref roundTrips);
            try
            {
                var results = await send(batch.ConvertAll(b => b.Request));
                for (var i = 0; i < batch.Count; i++)
                {
                    batch[i].Done.SetResult(results[i]);
                }
            }
            catch (Exception ex)
            {
                foreach (var (_, done) in batch)
                {
                    done.TrySetException(ex);
                }
            }
        }
    }
}
