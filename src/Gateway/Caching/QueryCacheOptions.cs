namespace Gogobe.Gateway.Caching;

/// <summary>How long answers stay cached. Section <c>QueryCache</c>. Price and promotion changes remove answers before they expire.</summary>
public sealed class QueryCacheOptions
{
    public const string Section = "QueryCache";

    /// <summary>Lifetime of a cached answer in Redis and in this process.</summary>
    public TimeSpan Expiration { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Lifetime of a cached search answer, while search asks PostgreSQL (before the gateway's search index is loaded, or without it).</summary>
    public TimeSpan SearchExpiration { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Largest answer kept in the cache.</summary>
    public int MaximumPayloadBytes { get; set; } = 16 * 1024 * 1024;
}
