using System.Collections.Concurrent;
using System.Globalization;
using Gogobe.Security;

namespace Gogobe.Gateway.Hosting;

/// <summary>
/// Per-client token buckets (<see cref="RateLimitOptions"/>) that need no timer: a bucket is refilled when its client
/// asks, by the time since it last asked. ASP.NET Core's rate limiter ticks a timer ten times a second for each of its
/// two partitioned limiters whether requests come or not, the largest share of an idle gateway's wake-ups. A bucket that
/// would be full again is forgotten (a client that comes back starts full, as it would); buckets are swept when
/// <see cref="SweepEvery"/> passed at a request, or when <see cref="MaxClients"/> are held and <see cref="FullSweepEvery"/>
/// passed (a flood of new clients does not walk the table at every request), and while that many are still held a client
/// without a bucket is refused: memory stays bounded.
/// </summary>
public sealed class ClientBuckets(TimeProvider clock, int maxClients = ClientBuckets.MaxClients)
{
    public const int MaxClients = 100_000;
    public static readonly TimeSpan SweepEvery = TimeSpan.FromSeconds(30);

    /// <summary>How often buckets are swept at most while <see cref="MaxClients"/> are held.</summary>
    public static readonly TimeSpan FullSweepEvery = TimeSpan.FromSeconds(1);

    private readonly ConcurrentDictionary<string, Bucket> buckets = new(StringComparer.Ordinal);
    private readonly Lock sweeping = new();
    private long lastSweep = clock.GetTimestamp();

    /// <summary>Clients holding a bucket now.</summary>
    public int Count => buckets.Count;

    /// <summary>Takes one request from <paramref name="client"/>'s bucket; when it is empty, says how long until one is back.</summary>
    public bool TryTake(string client, RequestBudget budget, out TimeSpan retryAfter)
    {
        var now = clock.GetTimestamp();
        var sinceSweep = clock.GetElapsedTime(Volatile.Read(ref lastSweep), now);
        if (sinceSweep >= SweepEvery || (sinceSweep >= FullSweepEvery && buckets.Count >= maxClients))
        {
            Sweep(now);
        }

        if (!buckets.TryGetValue(client, out var bucket))
        {
            if (buckets.Count >= maxClients)
            {
                retryAfter = SweepEvery;
                return false;
            }

            bucket = buckets.GetOrAdd(client, static (_, state) => new Bucket(state.Burst, state.now), (budget.Burst, now));
        }

        lock (bucket)
        {
            bucket.Refill(clock, now, budget);
            if (bucket.Tokens >= 1)
            {
                bucket.Tokens -= 1;
                retryAfter = TimeSpan.Zero;
                return true;
            }

            retryAfter = TimeSpan.FromSeconds((1 - bucket.Tokens) / Math.Max(1, budget.PerSecond));
            return false;
        }
    }

    /// <summary>Forgets the buckets that are full again by now.</summary>
    public void Sweep(long now)
    {
        if (!sweeping.TryEnter())
        {
            return;
        }

        try
        {
            Volatile.Write(ref lastSweep, now);
            foreach (var (client, bucket) in buckets)
            {
                bool full;
                lock (bucket)
                {
                    full = bucket.Tokens + clock.GetElapsedTime(bucket.Stamp, now).TotalSeconds * bucket.PerSecond >= bucket.Burst;
                }

                if (full)
                {
                    buckets.TryRemove(new KeyValuePair<string, Bucket>(client, bucket));
                }
            }
        }
        finally
        {
            sweeping.Exit();
        }
    }

    private sealed class Bucket(int burst, long stamp)
    {
        public double Tokens = burst;
        public long Stamp = stamp;
        public int Burst = burst;
        public int PerSecond;

        public void Refill(TimeProvider clock, long now, RequestBudget budget)
        {
            Burst = budget.Burst;
            PerSecond = budget.PerSecond;
            Tokens = Math.Min(budget.Burst, Tokens + (clock.GetElapsedTime(Stamp, now).TotalSeconds * budget.PerSecond));
            Stamp = now;
        }
    }
}

public static class ClientRateLimit
{
    /// <summary>
    /// Limits each client's requests under <c>/api</c> to its budget: an authenticated importer its own larger one. A
    /// client over it gets 429 with Retry-After and a problem response. Place after authentication.
    /// </summary>
    public static WebApplication UseClientRateLimit(this WebApplication app)
    {
        var limits = app.Configuration.GetSection(RateLimitOptions.Section).Get<RateLimitOptions>() ?? new RateLimitOptions();
        var buckets = new ClientBuckets(app.Services.GetRequiredService<TimeProvider>());
        app.Use(async (context, next) =>
        {
            if (!context.Request.Path.StartsWithSegments("/api"))
            {
                await next(context);
                return;
            }

            // A chain's importer sends a whole day of files (about 2,000) at once: it has a budget of its own.
            var importer = context.User.IsInRole(AuthOptions.ImporterRole);
            var budget = importer ? limits.Importer : limits;
            if (buckets.TryTake((importer ? "importer:" : "client:") + ClientKey(context), budget, out var retryAfter))
            {
                await next(context);
                return;
            }

            context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            await Results.Problem("Too many requests from this client; retry after the time in Retry-After.", statusCode: StatusCodes.Status429TooManyRequests, title: "Rate limit exceeded")
                .ExecuteAsync(context);
        });
        return app;
    }

    /// <summary>The authenticated subject when there is one, else the remote address.</summary>
    private static string ClientKey(HttpContext context) =>
        context.User.FindFirst("sub")?.Value ?? context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}
