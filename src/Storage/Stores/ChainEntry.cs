namespace Gogobe.Storage.Stores;

/// <summary>A chain with its number of stores and how many of them have a location.</summary>
public sealed record ChainEntry(string ChainId, string? Name, int Stores, int LocatedStores);
