namespace Gogobe.Contracts.Events;

/// <summary>
/// Keeps a change message small: every product key when there are at most a given number of them; otherwise none, and
/// the message says it is truncated. A truncated message stands for every product of the store, so a part of the keys
/// would tell a consumer nothing it could act on, while a store's first list would carry thousands of them.
/// </summary>
internal static class ProductKeyCap
{
    public static List<string> Take(IEnumerable<string> productKeys, int maxKeys, out bool truncated)
    {
        ArgumentNullException.ThrowIfNull(productKeys);
        ArgumentOutOfRangeException.ThrowIfNegative(maxKeys);
        var keys = productKeys.Take(maxKeys + 1).ToList();
        truncated = keys.Count > maxKeys;
        if (truncated)
        {
            keys.Clear();
        }

        return keys;
    }
}
