namespace Gogobe.Gateway.Apis;

/// <summary>A store without a location: what its newest Stores file says, and why that places it nowhere.</summary>
public sealed record UnplacedEntry(string ChainId, string StoreId, string? Name, string? Address, string? City, string? Reason);
