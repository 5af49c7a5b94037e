namespace Gogobe.Storage.Products;

/// <summary>What one chain calls a product.</summary>
public sealed record StoredProductSource(
    string ChainId,
    string Name,
    string? Manufacturer,
    string? Country,
    string? Description,
    decimal? Quantity,
    string? Unit,
    string? UnitText,
    bool IsWeighted,
    DateTimeOffset UpdatedAt);

/// <summary>A product's canonical facts with what every chain that sells it calls it.</summary>
/// <param name="Barcode">The barcode, or null for a chain-internal code.</param>
/// <param name="ChainId">The chain a chain-internal code belongs to; null for a barcode.</param>
public sealed record StoredProduct(
    string ProductKey,
    string? Barcode,
    string? ChainId,
    string ItemCode,
    string Name,
    string? Manufacturer,
    string? Country,
    string? Description,
    decimal? Quantity,
    string? Unit,
    string? UnitText,
    bool IsWeighted,
    DateTimeOffset UpdatedAt,
    IReadOnlyList<StoredProductSource> Sources);
