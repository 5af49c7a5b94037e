namespace Gogobe.Ingest.Messages;

/// <summary>Keeps a change message small: at most a given number of product keys, and whether more were left out.</summary>
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
            keys.RemoveAt(keys.Count - 1);
        }

        return keys;
    }
}
