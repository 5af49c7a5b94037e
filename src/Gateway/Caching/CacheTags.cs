namespace Gogobe.Gateway.Caching;

/// <summary>The tags cached answers carry, so that a price or promotion change removes exactly what it touched.</summary>
public static class CacheTags
{
    /// <summary>Every answer about one product (facts, prices across stores).</summary>
    public static string Product(string productKey) => $"product:{productKey}";

    /// <summary>Every answer about one store.</summary>
    public static string Store(string chainId, string storeId) => $"store:{chainId}:{storeId}";

    /// <summary>Product search answers.</summary>
    public const string Search = "search";
}
