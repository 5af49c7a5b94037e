namespace Gogobe.Feeds.Model;

/// <summary>
/// Identity of a product: its barcode for <c>ItemType</c> 1 items, <c>chainId:code</c> for chain-internal codes,
/// which are unique only within their chain.
/// </summary>
public readonly record struct ProductKey(string Value)
{
    public bool IsInternal => Value.Contains(':', StringComparison.Ordinal);

    public static ProductKey Barcode(string barcode) => new(barcode);

    public static ProductKey Internal(string chainId, string code) => new($"{chainId}:{code}");

    public override string ToString() => Value;
}
