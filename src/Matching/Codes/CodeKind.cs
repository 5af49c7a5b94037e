namespace Gogobe.Matching.Codes;

/// <summary>What an item code is, which decides whether two chains can share it.</summary>
public enum CodeKind
{
    /// <summary>A GTIN (EAN-8, UPC-A, EAN-13, GTIN-14) with a valid check digit: the same product in every chain.</summary>
    Gtin,

    /// <summary>
    /// A restricted-circulation number: EAN-13 prefixes 20–29 (in-store codes, weighed items with the price or weight
    /// inside), UPC number systems 2 and 4, EAN-8 starting with 0 or 2, coupons. Each chain gives them its own meaning.
    /// </summary>
    RestrictedCirculation,

    /// <summary>
    /// 8–14 digits whose check digit is wrong: not a GTIN, so never normalised nor taken as proof that two offers are one
    /// product, but kept as written: in the sample feeds 62 such codes appear in two or more chains, nearly all on the same
    /// supplier's deli item.
    /// </summary>
    InvalidCheckDigit,

    /// <summary>The file says the code is the chain's own (<c>ItemType</c> 0).</summary>
    DeclaredInternal,

    /// <summary>Fewer than 8 digits, more than 14, or not only digits: a chain's internal code.</summary>
    ShortOrText,
}
