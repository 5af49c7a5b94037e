using Gogobe.Matching.Codes;
using Gogobe.Matching.Sizes;
using Gogobe.Matching.Text;

namespace Gogobe.Matching.Catalogue;

/// <summary>An offer read once for comparing: folded name, its words and trigrams, the size and the maker.</summary>
public sealed class OfferProfile
{
    private static readonly string[] UnknownMakers = ["לא ידוע", "unknown", "כללי", "0"];

    public OfferProfile(Offer offer)
    {
        ArgumentNullException.ThrowIfNull(offer);
        Offer = offer;
        Folded = NameText.Fold(offer.Name);
        var words = NameText.Words(Folded);
        Words = words.Where(w => !IsNumber(w)).ToArray();
        Forms = Words.Concat(Words.Select(NameText.WithoutPrefix).OfType<string>()).ToHashSet(StringComparer.Ordinal);
        Numbers = words.Where(IsNumber).ToArray();
        Trigrams = Text.Trigrams.Of(Folded);
        Grams = Text.Trigrams.OfWords(Words);
        var name = offer.Name.Trim();
        NameLength = name.Length;
        StartTrigrams = name.Length <= StartLength ? Trigrams : Text.Trigrams.Of(NameText.Fold(name[..StartLength]));
        var maker = NameText.Fold(offer.Manufacturer);
        MakerTrigrams = maker.Length == 0 || UnknownMakers.Contains(maker, StringComparer.Ordinal) ? [] : Text.Trigrams.Of(maker);
        Barcode = BarcodeOf(offer);
        var named = NameSize.Read(offer.Name, Folded);
        Size = named.IsKnown ? named : NameSize.IsPack(offer.Name, Folded) ? Size.Unknown : offer.Size;
        Pack = NamePack.Read(offer.Name, Folded);
    }

    /// <summary>The length many chains cut names at.</summary>
    public const int StartLength = 20;

    public Offer Offer { get; }

    /// <summary>Characters in the name as the feed gives it (trimmed): at <see cref="StartLength"/> it may be cut.</summary>
    public int NameLength { get; }

    /// <summary>Trigrams of the name's first <see cref="StartLength"/> characters, to compare a cut name with the start of a full one.</summary>
    public long[] StartTrigrams { get; }

    /// <summary>
    /// The GTIN the offer is sold under: its key, or the code of a chain that calls a real barcode its own
    /// (<c>ItemType</c> 0); null for every other code. Two offers with one barcode are one product.
    /// </summary>
    public string? Barcode { get; }

    public string Folded { get; }

    /// <summary>The distinct words that are not numbers.</summary>
    public string[] Words { get; }

    /// <summary>The words, and each also without a one-letter Hebrew prefix.</summary>
    public HashSet<string> Forms { get; }

    /// <summary>True when <paramref name="word"/>, or it without its prefix, is one of this name's <see cref="Forms"/>.</summary>
    public bool Has(string word) => Forms.Contains(word) || (NameText.WithoutPrefix(word) is { } bare && Forms.Contains(bare));

    public string[] Numbers { get; }

    /// <summary>True when both names fold to the same words and numbers, in any order (spacing, punctuation and case aside).</summary>
    public bool SameName(OfferProfile other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Words.Length == other.Words.Length && Numbers.Length == other.Numbers.Length
            && Words.All(other.Words.Contains) && Numbers.All(other.Numbers.Contains);
    }

    public long[] Trigrams { get; }

    /// <summary>Trigrams of each word (<see cref="Text.Trigrams.OfWords"/>): what <see cref="WordIndex"/> also looks offers up by.</summary>
    public long[] Grams { get; }

    /// <summary>Trigrams of the manufacturer's name; empty when the feed gives none or "unknown".</summary>
    public long[] MakerTrigrams { get; }

    /// <summary>The size the name states, else the one the quantity fields give; unknown for a pack of several.</summary>
    public Size Size { get; }

    /// <summary>The pack the name states (<see cref="NamePack"/>): a single item, or several with each one's size.</summary>
    public Pack Pack { get; }

    public bool IsWeighted => Offer.IsWeighted;

    private static string? BarcodeOf(Offer offer)
    {
        if (offer.Kind == CodeKind.Gtin)
        {
            return offer.Key;
        }

        var code = offer.Key.AsSpan(offer.Key.IndexOf(':', StringComparison.Ordinal) + 1).ToString();
        return offer.Kind == CodeKind.DeclaredInternal && ItemCode.Read(code, null) is { Kind: CodeKind.Gtin } read ? read.Code : null;
    }

    private static bool IsNumber(string word) => char.IsAsciiDigit(word[0]);
}
