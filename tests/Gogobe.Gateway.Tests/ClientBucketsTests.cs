using Gogobe.Gateway.Hosting;

namespace Gogobe.Gateway.Tests;

/// <summary>The per-client token buckets of the gateway's rate limit, on a clock the test moves.</summary>
public sealed class ClientBucketsTests
{
    private static readonly RequestBudget Budget = new() { Burst = 3, PerSecond = 2 };

    [Fact]
    public void A_client_spends_its_burst_then_waits_for_tokens_that_come_back_with_time()
    {
        var clock = new SteppedClock();
        var buckets = new ClientBuckets(clock);

        Assert.All(Enumerable.Range(0, 3), i => Assert.True(buckets.TryTake("a", Budget, out _), $"request {i}"));
        Assert.False(buckets.TryTake("a", Budget, out var retryAfter));
        Assert.Equal(TimeSpan.FromSeconds(0.5), retryAfter);
        Assert.True(buckets.TryTake("b", Budget, out _), "another client has a bucket of its own");

        clock.Advance(TimeSpan.FromSeconds(0.5));
        Assert.True(buckets.TryTake("a", Budget, out _));
        Assert.False(buckets.TryTake("a", Budget, out _));

        // Never more than the burst, however long the client was away.
        clock.Advance(TimeSpan.FromHours(1));
        Assert.All(Enumerable.Range(0, 3), i => Assert.True(buckets.TryTake("a", Budget, out _), $"request {i}"));
        Assert.False(buckets.TryTake("a", Budget, out _));
    }

    [Fact]
    public void Buckets_that_filled_up_again_are_forgotten_and_a_full_table_refuses_new_clients_only()
    {
        var clock = new SteppedClock();
        var buckets = TableOfTwoHeldByAAndB(clock);

        Assert.False(buckets.TryTake("c", Budget, out var retryAfter));
        Assert.Equal(ClientBuckets.SweepEvery, retryAfter);
        Assert.True(buckets.TryTake("a", Budget, out _), "a client with a bucket keeps its budget");
        Assert.True(buckets.TryTake("a", Budget, out _));

        // A second refills b's one token; a is still short of its burst.
        clock.Advance(ClientBuckets.FullSweepEvery);
        Assert.True(buckets.TryTake("c", Budget, out _));
        Assert.Equal(2, buckets.Count);

        clock.Advance(ClientBuckets.SweepEvery);
        buckets.Sweep(clock.GetTimestamp());
        Assert.Equal(0, buckets.Count);
    }

    [Fact]
    public void A_full_table_is_swept_at_most_once_a_second()
    {
        var clock = new SteppedClock();
        var buckets = TableOfTwoHeldByAAndB(clock);

        // Half a second later b's bucket is full again, but less than a second passed since the last sweep (the
        // table's making counts as one).
        clock.Advance(TimeSpan.FromSeconds(0.5));
        Assert.False(buckets.TryTake("c", Budget, out _));
        Assert.Equal(2, buckets.Count);

        // A second after the last sweep the next new client sweeps: a and b are forgotten, c takes a place.
        clock.Advance(TimeSpan.FromSeconds(0.5));
        Assert.True(buckets.TryTake("c", Budget, out _));
        Assert.True(buckets.TryTake("d", Budget, out _));
        Assert.Equal(2, buckets.Count);

        // c's and d's buckets are full again after half a second; the sweep a second ago is not repeated before the next second.
        clock.Advance(TimeSpan.FromSeconds(0.5));
        Assert.False(buckets.TryTake("e", Budget, out _));
        Assert.False(buckets.TryTake("e", Budget, out _));
        Assert.Equal(2, buckets.Count);

        clock.Advance(TimeSpan.FromSeconds(0.5));
        Assert.True(buckets.TryTake("e", Budget, out _));
        Assert.Equal(1, buckets.Count);
    }

    /// <summary>A table of two places, both taken: clients a and b spent one request each.</summary>
    private static ClientBuckets TableOfTwoHeldByAAndB(SteppedClock clock)
    {
        var buckets = new ClientBuckets(clock, maxClients: 2);
        Assert.True(buckets.TryTake("a", Budget, out _));
        Assert.True(buckets.TryTake("b", Budget, out _));
        return buckets;
    }

    private sealed class SteppedClock : TimeProvider
    {
        private long ticks = 1_000_000;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => ticks;

        public void Advance(TimeSpan by) => ticks += by.Ticks;
    }
}
