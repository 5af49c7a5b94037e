namespace Gogobe.Gateway.Web;

/// <summary>What a product page is told: which of the product's offers changed, and in which store.</summary>
public sealed record ProductChanged(string Key, string Kind, string ChainId, string StoreId);
