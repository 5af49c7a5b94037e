namespace Gogobe.Storage.Matching;

/// <summary>What one chain says about a product, for the matcher; <c>Price</c> is its lowest current price in the chain (0 when none).</summary>
/// <param name="IsInternal">The key is the chain's own code (<c>chainId:code</c>).</param>
public sealed record CatalogueOffer(
    string ProductKey, string ChainId, string ItemCode, bool IsInternal, string Name, string? Manufacturer,
    decimal? Quantity, string? Unit, bool IsWeighted, decimal Price);

/// <summary>How a product is matched (<c>code</c>, <c>learned</c>, <c>manual</c>).</summary>
public static class MatchedBy
{
    public const string Code = "code";
    public const string Learned = "learned";
    public const string Manual = "manual";
}

/// <summary>A product's master and how it joined; <c>Decision</c> is the operator's (<c>confirm</c>, <c>split</c>) or null.</summary>
public sealed record MasterAssignment(string ProductKey, string MasterId, string MatchedBy, float Confidence, string? Decision = null);

/// <summary>A member of a master product as the API shows it; <c>ChainId</c> is the chain of a chain's own code.</summary>
public sealed record MasterMember(string ProductKey, string? ChainId, string Name, string MatchedBy, float Confidence);

/// <summary>A stored matcher blob.</summary>
public sealed record StoredModel(long ModelId, byte[] Model, string? Description, DateTimeOffset UploadedAt);
