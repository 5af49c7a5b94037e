namespace Gogobe.Matching.Codes;

/// <summary>
/// Global trade item numbers as the feeds write them: EAN-8, UPC-A (sometimes without its leading zero), EAN-13 and
/// GTIN-14, with or without leading zeros. Every length is the same number padded to 14 digits, so the key of a GTIN
/// is its digits without leading zeros: <c>0025675120020</c>, <c>025675120020</c> and <c>25675120020</c> are one key.
/// </summary>
public static class Gtin
{
    public const int MaxLength = 14;

    /// <summary>True when the last digit is the GS1 check digit of the others (weights 3, 1, 3, … from the right).</summary>
    public static bool HasValidCheckDigit(ReadOnlySpan<char> digits)
    {
        if (digits.Length < 2)
        {
            return false;
        }

        var sum = 0;
        var weight = 3;
        for (var i = digits.Length - 2; i >= 0; i--)
        {
            if (!char.IsAsciiDigit(digits[i]))
            {
                return false;
            }

            sum += (digits[i] - '0') * weight;
            weight = 4 - weight;
        }

        var last = digits[^1];
        return char.IsAsciiDigit(last) && (10 - (sum % 10)) % 10 == last - '0';
    }

    /// <summary>The check digit that completes <paramref name="body"/> (the digits before it).</summary>
    public static char CheckDigitOf(ReadOnlySpan<char> body)
    {
        var sum = 0;
        var weight = 3;
        for (var i = body.Length - 1; i >= 0; i--)
        {
            sum += (body[i] - '0') * weight;
            weight = 4 - weight;
        }

        return (char)('0' + ((10 - (sum % 10)) % 10));
    }

    /// <summary>
    /// True for numbers GS1 leaves to each company or store (so a chain's weighed cheese and another chain's weighed
    /// fish may carry the same digits): in the 13-digit form prefixes 02, 04, 05 (UPC number systems 2, 4, 5), 20–29,
    /// 98–99, and EAN-8 numbers starting with 0 or 2. <paramref name="key"/> is a normalised key (no leading zeros).
    /// </summary>
    public static bool IsRestrictedCirculation(ReadOnlySpan<char> key)
    {
        // The 13 digits after a GTIN-14's packaging indicator decide, read without their leading zeros.
        var number = (key.Length == MaxLength ? key[1..] : key).TrimStart('0');
        return (13 - number.Length) switch
        {
            0 => number[0] == '2' || (number[0] == '9' && number[1] is '8' or '9'),
            1 => number[0] is '2' or '4' or '5',
            5 => number[0] == '2',
            _ => number.Length < 8,
        };
    }
}
