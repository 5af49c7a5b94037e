using Gogobe.Matching.Catalogue;
using Gogobe.Matching.Codes;
using Gogobe.Matching.Sizes;

namespace Gogobe.Matching.Tests.Catalogue;

/// <summary>Barcodes one chain sells under one identical full name, size and maker are one master product.</summary>
public sealed class BarcodeGroupsTests
{
    private static readonly Size Litre = Size.Of(1, "l");

    [Fact]
    public void Barcodes_one_chain_sells_under_one_full_name_join_and_chains_link_them()
    {
        var groups = BarcodeGroups.Of(
        [
            .. Filler("A"), .. Filler("B"), .. Filler("C"),
            Offer("A", "7290000000011", "milk tnuva 3 percent carton 1 l"),
            Offer("A", "7290000000028", "milk tnuva 3 percent carton 1 l"),
            Offer("B", "7290000000028", "tnuva milk 3% 1 litre"),
            Offer("B", "7290000000035", "tnuva milk 3% 1 litre"),
            Offer("C", "7290000000042", "tnuva milk 3% 1 litre"),
        ]);

        Assert.Equal("7290000000011", groups["7290000000028"]);
        Assert.Equal("7290000000011", groups["7290000000035"]);
        Assert.False(groups.ContainsKey("7290000000042"));
    }

    [Fact]
    public void Names_a_chain_cuts_other_makers_and_unknown_sizes_never_join()
    {
        // A chain whose names stop at 19 characters: two 19-character names may be two flavours cut alike.
        var cut = Enumerable.Range(0, 10).Select(i => Offer("A", $"A:{i}", $"other product {i:D5}"));
        Assert.Empty(BarcodeGroups.Of([.. cut, Offer("A", "7290000001002", "oat drink alpro 1 l"), Offer("A", "7290000001019", "oat drink alpro 1 l")]));

        Assert.Empty(BarcodeGroups.Of([.. Filler("A"), Offer("A", "7290000001002", "cola 1 l", maker: "one"), Offer("A", "7290000001019", "cola 1 l", maker: "two")]));
        Assert.Empty(BarcodeGroups.Of([.. Filler("A"), Offer("A", "7290000001002", "cola", size: default(Size)), Offer("A", "7290000001019", "cola", size: default(Size))]));
    }

    /// <summary>Other items of a chain that cuts no names: all of different lengths.</summary>
    private static IEnumerable<OfferProfile> Filler(string chain) =>
        Enumerable.Range(0, 30).Select(i => Offer(chain, $"{chain}:{i}", "filler " + new string('x', 40 + i)));

    private static OfferProfile Offer(string chain, string barcode, string name, string maker = "tnuva", Size? size = null) =>
        new(new Offer(chain, barcode, barcode.Contains(':', StringComparison.Ordinal) ? CodeKind.ShortOrText : CodeKind.Gtin, name, maker, size ?? Litre, false, 5m));
}
