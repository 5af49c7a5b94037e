using Gogobe.Matching.Codes;
using Gogobe.Matching.Sizes;

namespace Gogobe.Matching.Catalogue;

/// <summary>What one chain says about one product: the facts a match is decided on.</summary>
/// <param name="Key">The product key (a GTIN's digits, or <c>chainId:code</c>).</param>
/// <param name="Description">The chain's longer description (<c>ManufacturerItemDescription</c>), when the feed gives one.</param>
/// <param name="Size">The size the feed's quantity and unit fields give; unknown when they give none.</param>
public sealed record Offer(
    string ChainId,
    string Key,
    CodeKind Kind,
    string Name,
    string? Manufacturer,
    Size Size,
    bool IsWeighted,
    decimal Price,
    string? Description = null);
