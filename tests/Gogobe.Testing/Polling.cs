namespace Gogobe.Testing;

/// <summary>Waits for a condition on real servers and processes, which reach it in their own time.</summary>
public static class Polling
{
    /// <summary>True as soon as <paramref name="condition"/> holds, false when it did not within <paramref name="timeout"/>.</summary>
    public static async Task<bool> UntilAsync(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (await condition())
            {
                return true;
            }

            await Task.Delay(500);
        }

        return false;
    }
}
