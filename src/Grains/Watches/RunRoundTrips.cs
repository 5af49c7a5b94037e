using System.Diagnostics.Metrics;
using Gogobe.Storage.Watches;

namespace Gogobe.Grains.Watches;

/// <summary>
/// What the watch grains of a silo read and write at their runs, many grains' in one round trip
/// (<see cref="SharedRoundTrips{TRequest, TResult}"/>): the reads (<see cref="WatchedOfferStore.ReadRunsAsync"/>, the
/// first run of an activation too) and the writes of the watches whose state moved with their notices
/// (<see cref="WatchOutbox.SaveRunsAsync"/>, one transaction). Instruments of meter <c>Gogobe.Watches</c>: reads and
/// writes asked, and the round trips that carried them.
/// </summary>
public sealed class RunRoundTrips
{
    public const string MeterName = "Gogobe.Watches";

    /// <summary>Round trips of each kind under way at once: PostgreSQL works on one while the next gathers its requests.</summary>
    public const int InFlight = 2;

    public const int MostPerRoundTrip = 256;

    private readonly SharedRoundTrips<RunRead, OfferRead> reads;
    private readonly SharedRoundTrips<RunWrite, int> writes;

    public RunRoundTrips(WatchedOfferStore store, WatchOutbox outbox, TimeProvider clock, IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(outbox);
        ArgumentNullException.ThrowIfNull(meterFactory);
        reads = new(async runs => await store.ReadRunsAsync(runs, clock.GetUtcNow()), InFlight, MostPerRoundTrip);
        writes = new(async runs => await outbox.SaveRunsAsync(runs), InFlight, MostPerRoundTrip);
        var meter = meterFactory.Create(MeterName);
        meter.CreateObservableCounter("gogobe.watches.run_reads", () => reads.Requests, "{read}", "Reads of watch grains' runs (their stores' prices, promotions; watches and kept offers at activation)");
        meter.CreateObservableCounter("gogobe.watches.run_read_round_trips", () => reads.RoundTrips, "{round trip}", "Round trips to PostgreSQL that carried the reads");
        meter.CreateObservableCounter("gogobe.watches.run_writes", () => writes.Requests, "{write}", "Writes of watch grains' runs (watches whose state moved, with their notices)");
        meter.CreateObservableCounter("gogobe.watches.run_write_round_trips", () => writes.RoundTrips, "{round trip}", "Transactions that carried the writes");
    }

    /// <summary>Reads asked so far.</summary>
    public long Reads => reads.Requests;

    /// <summary>Round trips that carried them.</summary>
    public long ReadRoundTrips => reads.RoundTrips;

    /// <summary>Writes asked so far.</summary>
    public long Writes => writes.Requests;

    /// <summary>Transactions that carried them.</summary>
    public long WriteRoundTrips => writes.RoundTrips;

    /// <summary>
    /// The product's price in <paramref name="stores"/>, kept; with <paramref name="promotions"/> the promotions on it not
    /// ended; with <paramref name="kept"/> what a grain that activates reads (<see cref="KeptRead"/>). Nothing to read
    /// makes no round trip.
    /// </summary>
    public Task<OfferRead> ReadAsync(string productKey, IReadOnlyCollection<(string ChainId, string StoreId)> stores, bool promotions, bool kept = false)
    {
        ArgumentNullException.ThrowIfNull(stores);
        return stores.Count == 0 && !promotions && !kept
            ? Task.FromResult(new OfferRead([], null))
            : reads.RunAsync(new RunRead(productKey, stores, promotions, kept));
    }

    /// <summary>
    /// Writes the updates and their notices (in one transaction with other grains' writes); returns how many notices were
    /// new. <paramref name="runStartedAt"/> is when the grain began the run of changes that fired them. No update makes
    /// no round trip.
    /// </summary>
    public Task<int> SaveAsync(IReadOnlyList<WatchUpdate> updates, DateTimeOffset? runStartedAt)
    {
        ArgumentNullException.ThrowIfNull(updates);
        return updates.Count == 0 ? Task.FromResult(0) : writes.RunAsync(new RunWrite(updates, runStartedAt));
    }
}
