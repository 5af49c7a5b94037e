namespace Gogobe.Grains;

/// <summary>The key of the per-store grains: <c>chainId:storeId</c>.</summary>
public readonly record struct StoreKey(string ChainId, string StoreId)
{
    public static StoreKey Parse(string key)
    {
        var colon = key.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 && colon < key.Length - 1
            ? new StoreKey(key[..colon], key[(colon + 1)..])
            : throw new ArgumentException($"A store key is 'chainId:storeId', not '{key}'.", nameof(key));
    }

    public override string ToString() => $"{ChainId}:{StoreId}";
}
