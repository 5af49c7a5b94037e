namespace Gogobe.Ingest.Tests.Infrastructure;

internal static class Eventually
{
    public static async Task TrueAsync(Func<bool> condition, TimeSpan timeout, Func<string> describe)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Not reached within {timeout.TotalSeconds:0.#} s: {describe()}");
            }

            await Task.Delay(20);
        }
    }
}
