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
        var buckets = new ClientBuckets(clock, maxClients: 2);
        Assert.True(buckets.TryTake("a", Budget, out _));
        Assert.True(buckets.TryTake("b", Budget, out _));

        Assert.False(buckets.TryTake("c", Budget, out var retryAfter));
        Assert.Equal(ClientBuckets.SweepEvery, retryAfter);
        Assert.True(buckets.TryTake("a", Budget, out _), "a client with a bucket keeps its budget");

        // Half a second refills b's one token; a is still short of its burst.
        clock.Advance(TimeSpan.FromSeconds(0.5));
        Assert.True(buckets.TryTake("c", Budget, out _));
        Assert.Equal(2, buckets.Count);

        clock.Advance(ClientBuckets.SweepEvery);
        buckets.Sweep(clock.GetTimestamp());
        Assert.Equal(0, buckets.Count);
    }

    private sealed class SteppedClock : TimeProvider
    {
        private long ticks = 1_000_000;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => ticks;

        public void Advance(TimeSpan by) => ticks += by.Ticks;
    }
}
