using Gogobe.Grains.Watches;

namespace Gogobe.Grains.Tests.Watches;

public sealed class SharedRoundTripsTests
{
    [Fact]
    public async Task A_failed_round_trip_fails_only_its_own_requests_and_the_next_round_trip_goes_on()
    {
        // The first round trip is held until the rest are asked, and then fails: the requests that waited go in the next.
        var entered = new TaskCompletionSource();
        var release = new TaskCompletionSource();
        var trips = 0;
        var shared = new SharedRoundTrips<int, int>(
            async requests =>
            {
                if (Interlocked.Increment(ref trips) == 1)
                {
                    entered.SetResult();
                    await release.Task;
                    throw new InvalidOperationException("the database went away");
                }

                return [.. requests.Select(r => r * 10)];
            },
            inFlight: 1,
            mostPerRoundTrip: 100);

        var first = shared.RunAsync(1);
        await entered.Task;
        var waiting = Enumerable.Range(2, 5).Select(shared.RunAsync).ToList();
        release.SetResult();

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => first);
        Assert.Equal("the database went away", failure.Message);
        var results = await Task.WhenAll(waiting);
        Assert.Equal([20, 30, 40, 50, 60], results);
        Assert.Equal((6L, 2L), (shared.Requests, shared.RoundTrips));
    }
}
