using Gogobe.Storage;

namespace Gogobe.Grains.Geo;

/// <summary>
/// Wakes this silo's <see cref="GeocodingDrain"/> as soon as the store locator queued new addresses here, instead of at
/// its next look at the queue; other silos still find them at theirs.
/// </summary>
public sealed class GeocodingQueueSignal : IDisposable
{
    private readonly Wakeup queued = new();

    public void Raise() => queued.Raise();

    /// <summary>True when raised within <paramref name="timeout"/>.</summary>
    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => queued.WaitAsync(timeout, cancellationToken);

    public void Dispose() => queued.Dispose();
}
