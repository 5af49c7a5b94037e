namespace Gogobe.Gateway.Caching;

/// <summary>The Redis query cache. Section <c>Redis</c>.</summary>
public sealed class RedisOptions
{
    public const string Section = "Redis";

    /// <summary>StackExchange.Redis configuration string, e.g. <c>127.0.0.1:56379</c>.</summary>
    public string Configuration { get; set; } = "";
}
