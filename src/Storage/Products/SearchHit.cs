namespace Gogobe.Storage.Products;

/// <summary>
/// A product found by search, with its score (higher is better). <paramref name="Master"/> is the key of the master
/// product (ADR 0019) the line stands for and <paramref name="Members"/> how many products it groups; both are null when
/// the answer came from the database, which does not group.
/// </summary>
public sealed record SearchHit(
    string Key, string Name, string? Manufacturer, string? Barcode, string? ChainId, double Score,
    string? Master = null, string? MasterName = null, int? Members = null);
