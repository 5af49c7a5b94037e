namespace Gogobe.Gateway.Queries;

/// <summary>
/// A product key as the API takes it: a barcode (digits), or <c>chainId:code</c> for a chain's internal item code
/// (the colon may come URL-encoded as <c>%3A</c>).
/// </summary>
public static class ProductKeyInput
{
    public const int MaxLength = 100;

    public static bool IsValid(string? key)
    {
        if (string.IsNullOrEmpty(key) || key.Length > MaxLength)
        {
            return false;
        }

        var colon = key.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            return key.Length <= 20 && key.All(char.IsAsciiDigit);
        }

        var chain = key.AsSpan(0, colon);
        var code = key.AsSpan(colon + 1);
        return chain.Length > 0 && !chain.ContainsAnyExcept("0123456789") && code.Length > 0
               && !code.ContainsAny(":/\\?#%") && !code.Contains(' ') && code.Trim().Length == code.Length && TextInput.IsClean(code);
    }

    public const string Expected = "A product key is a barcode (digits, e.g. 7290000000001) or 'chainId:code' for a chain's own item code (e.g. 7290058140886:1025).";
}
