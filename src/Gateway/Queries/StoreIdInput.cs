namespace Gogobe.Gateway.Queries;

/// <summary>Store ids as the feeds normalise them: <c>1</c>, <c>001</c> and <c>0001</c> are the same store.</summary>
public static class StoreIdInput
{
    public static string? Normalise(string? storeId)
    {
        var trimmed = storeId?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return null;
        }

        if (!trimmed.All(char.IsAsciiDigit))
        {
            return trimmed;
        }

        var digits = trimmed.TrimStart('0');
        return digits.Length == 0 ? "0" : digits;
    }

    public static bool IsValidChain(string? chainId) => !string.IsNullOrEmpty(chainId) && chainId.Length <= 20 && chainId.All(char.IsAsciiDigit);
}
