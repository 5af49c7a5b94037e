using System.Diagnostics.Metrics;
using Gogobe.Storage.Watches;

namespace Gogobe.Grains.Watches;

/// <summary>
/// The reads of the watch grains' runs, many grains' in one round trip (<see cref="WatchedOfferStore.ReadRunsAsync"/>),
/// the first run of an activation too.
/// A run's read waits while <see cref="InFlight"/> round trips are under way, and goes with every read that came in the
/// meantime (at most <see cref="MostPerRoundTrip"/>): alone when the silo is quiet, hundreds at once under a national
/// import, where one statement and one commit per change event would take PostgreSQL's time from the import. Instruments
/// of meter <c>Gogobe.Watches</c>: reads asked and round trips made.
/// </summary>
public sealed class RunReads
{
    public const string MeterName = "Gogobe.Watches";

    /// <summary>Round trips under way at once: PostgreSQL works on one while the next gathers its reads.</summary>
    public const int InFlight = 2;

    public const int MostPerRoundTrip = 256;

    private readonly WatchedOfferStore store;
    private readonly TimeProvider clock;
    private readonly Lock gate = new();
    private readonly Queue<Pending> pending = new();
    private int flushing;
    private long reads;
    private long roundTrips;

    public RunReads(WatchedOfferStore store, TimeProvider clock, IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        (this.store, this.clock) = (store, clock);
        var meter = meterFactory.Create(MeterName);
        meter.CreateObservableCounter("gogobe.watches.run_reads", () => Volatile.Read(ref reads), "{read}", "Reads of watch grains' runs (their stores' prices, promotions)");
        meter.CreateObservableCounter("gogobe.watches.run_read_round_trips", () => Volatile.Read(ref roundTrips), "{round trip}", "Round trips to PostgreSQL that carried them");
    }

    /// <summary>Reads asked so far.</summary>
    public long Reads => Volatile.Read(ref reads);

    /// <summary>Round trips that carried them.</summary>
    public long RoundTrips => Volatile.Read(ref roundTrips);

    /// <summary>
    /// The product's price in <paramref name="stores"/>, kept; with <paramref name="promotions"/> the promotions on it not
    /// ended; with <paramref name="kept"/> what a grain that activates reads (<see cref="KeptRead"/>). Nothing to read
    /// makes no round trip.
    /// </summary>
    public Task<OfferRead> ReadAsync(string productKey, IReadOnlyCollection<(string ChainId, string StoreId)> stores, bool promotions, bool kept = false)
    {
        ArgumentNullException.ThrowIfNull(stores);
        if (stores.Count == 0 && !promotions && !kept)
        {
            return Task.FromResult(new OfferRead([], null));
        }

        // Continuations run on their grains' schedulers, never inline on the thread that read.
        var read = new Pending(new RunRead(productKey, stores, promotions, kept), new TaskCompletionSource<OfferRead>(TaskCreationOptions.RunContinuationsAsynchronously));
        bool start;
        lock (gate)
        {
            pending.Enqueue(read);
            start = flushing < InFlight;
            if (start)
            {
                flushing++;
            }
        }

        Interlocked.Increment(ref reads);
        if (start)
        {
            _ = Task.Run(FlushAsync);
        }

        return read.Done.Task;
    }

    /// <summary>Sends what waits, a round trip at a time, until nothing does.</summary>
    private async Task FlushAsync()
    {
        while (true)
        {
            var batch = new List<Pending>();
            lock (gate)
            {
                while (batch.Count < MostPerRoundTrip && pending.TryDequeue(out var next))
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
                var results = await store.ReadRunsAsync(batch.ConvertAll(p => p.Run), clock.GetUtcNow());
                for (var i = 0; i < batch.Count; i++)
                {
                    batch[i].Done.SetResult(results[i]);
                }
            }
            catch (Exception ex)
            {
                // Every run of the round trip fails (its stream delivers it again), none other.
                foreach (var read in batch)
                {
                    read.Done.TrySetException(ex);
                }
            }
        }
    }

    private sealed record Pending(RunRead Run, TaskCompletionSource<OfferRead> Done);
}
