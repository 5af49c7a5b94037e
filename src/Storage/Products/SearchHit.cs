namespace Gogobe.Storage.Products;

/// <summary>A product found by search, with its score (higher is better).</summary>
public sealed record SearchHit(string Key, string Name, string? Manufacturer, string? Barcode, string? ChainId, double Score);
