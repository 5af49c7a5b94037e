namespace Gogobe.Matching.Codes;

/// <summary>
/// An item code read: what kind it is, and for a GTIN its normalised key (digits without leading zeros).
/// GTINs identify a product across chains. A barcode-length code with a wrong check digit is kept as written and still
/// shared (chains do print such codes on the same supplier's deli items), but never normalised. Every other kind is
/// keyed by chain.
/// </summary>
public readonly record struct ItemCode(CodeKind Kind, string Code)
{
    /// <summary>True when two chains writing this code mean the same product, so it is keyed without its chain.</summary>
    public bool IsShared => Kind is CodeKind.Gtin or CodeKind.InvalidCheckDigit;

    /// <summary>
    /// Reads a code as a file writes it. <paramref name="itemType"/> is the file's <c>ItemType</c> (0: the chain's own
    /// code); any other value or none leaves the decision to the digits.
    /// </summary>
    public static ItemCode Read(string code, string? itemType)
    {
        ArgumentNullException.ThrowIfNull(code);
        var trimmed = code.AsSpan().Trim();
        var text = trimmed.Length == code.Length ? code : trimmed.ToString();
        var type = itemType.AsSpan().Trim();
        if (type.Length == 1 && type[0] == '0')
        {
            return new(CodeKind.DeclaredInternal, text);
        }

        if (trimmed.Length is < 8 or > Gtin.MaxLength || !AllDigits(trimmed))
        {
            return new(CodeKind.ShortOrText, text);
        }

        if (!Gtin.HasValidCheckDigit(trimmed))
        {
            return new(CodeKind.InvalidCheckDigit, text);
        }

        var key = trimmed.TrimStart('0');
        var normalised = key.Length == text.Length ? text : key.ToString();
        return Gtin.IsRestrictedCirculation(key) ? new(CodeKind.RestrictedCirculation, text) : new(CodeKind.Gtin, normalised);
    }

    private static bool AllDigits(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
