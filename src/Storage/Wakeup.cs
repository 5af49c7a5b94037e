namespace Gogobe.Storage;

/// <summary>
/// Wakes one loop that waits for work (a queue in PostgreSQL it would otherwise look at on a timer): raised any number
/// of times before the loop waits, it wakes it once; raised while the loop works, its next wait returns at once.
/// </summary>
public sealed class Wakeup : IDisposable
{
    private readonly SemaphoreSlim raised = new(0, 1);

    public void Raise()
    {
        try
        {
            raised.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already raised: the loop has not looked yet.
        }
        catch (ObjectDisposedException)
        {
            // The loop has stopped.
        }
    }

    /// <summary>True when raised within <paramref name="timeout"/>.</summary>
    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => raised.WaitAsync(timeout, cancellationToken);

    public void Dispose() => raised.Dispose();
}
