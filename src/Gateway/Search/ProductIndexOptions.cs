namespace Gogobe.Gateway.Search;

/// <summary>The gateway's in-memory product search index. Section <c>ProductIndex</c>.</summary>
public sealed class ProductIndexOptions
{
    public const string Section = "ProductIndex";

    /// <summary>Answer search from memory (true, the default) or always from PostgreSQL.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Largest catalogue kept in memory: with more products the index is dropped and search is answered by PostgreSQL
    /// (about 500 bytes per product: 500,000 products take some 250 MB).
    /// </summary>
    public int MaxProducts { get; set; } = 2_000_000;

    /// <summary>How often changed products are read when no price change arrives to prompt it.</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Least time between two reads of changed products (price changes of many stores at once prompt one read); at least
    /// four times the last build's duration, so that rebuilding during a long import takes at most a fifth of a core.
    /// </summary>
    public TimeSpan MinRefreshInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How far before its last read a read of changed products starts: a product's time is its import transaction's
    /// start, and a transaction still running at the last read commits later.
    /// </summary>
    public TimeSpan Overlap { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How often the whole catalogue is read again (catches what the overlap missed, and removed products).</summary>
    public TimeSpan FullReloadInterval { get; set; } = TimeSpan.FromMinutes(30);
}
