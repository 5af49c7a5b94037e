using System.Collections.Concurrent;

namespace Gogobe.Gateway.Caching;

/// <summary>
/// The products this gateway answered about recently: only their grains and cached answers need invalidating when a
/// price or promotion changes. Entries older than <see cref="Horizon"/> are forgotten (by then cached answers and grain copies have expired).
/// </summary>
public sealed class TouchedProducts(TimeProvider clock)
{
    public static readonly TimeSpan Horizon = TimeSpan.FromMinutes(15);
    private const int PruneAbove = 200_000;
    private readonly ConcurrentDictionary<string, long> seen = new(StringComparer.Ordinal);

    public int Count => seen.Count;

    public void Touch(string productKey)
    {
        var now = clock.GetUtcNow().UtcTicks;
        if (!seen.TryGetValue(productKey, out var last) || now - last > TimeSpan.TicksPerSecond)
        {
            seen[productKey] = now;
            if (seen.Count > PruneAbove)
            {
                Prune();
            }
        }
    }

    public bool Contains(string productKey) =>
        seen.TryGetValue(productKey, out var last) && clock.GetUtcNow().UtcTicks - last <= Horizon.Ticks;

    private void Prune()
    {
        var cutoff = clock.GetUtcNow().UtcTicks - Horizon.Ticks;
        foreach (var (key, last) in seen)
        {
            if (last < cutoff)
            {
                seen.TryRemove(key, out _);
            }
        }
    }
}
