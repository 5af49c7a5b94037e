using Gogobe.Matching.Codes;

namespace Gogobe.Matching.Tests.Codes;

public sealed class ItemCodeTests
{
    [Theory]
    [InlineData("7290004131074", "7290004131074")] // EAN-13
    [InlineData("07290004131074", "7290004131074")] // the same as GTIN-14
    [InlineData(" 7290004131074 ", "7290004131074")] // trailing spaces of Bina portals
    [InlineData("0007290004131074", null)] // 16 digits: not a GTIN
    [InlineData("17290004131071", "17290004131071")] // GTIN-14 of a case: another product
    [InlineData("0025675120020", "25675120020")] // UPC-A written as EAN-13
    [InlineData("025675120020", "25675120020")] // UPC-A
    [InlineData("25675120020", "25675120020")] // UPC-A without its leading zero (real feeds)
    [InlineData("00025675120020", "25675120020")] // UPC-A as GTIN-14
    [InlineData("59039549", "59039549")] // EAN-8
    [InlineData("00000059039549", "59039549")] // EAN-8 as GTIN-14
    [InlineData("0000059039549", "59039549")] // EAN-8 as EAN-13
    [InlineData("12345670", "12345670")]
    [InlineData("9783161487415", "9783161487415")] // ISBN (Bookland 978): a real GTIN
    [InlineData("8719326034096", "8719326034096")]
    [InlineData("40123456780", "40123456780")] // UPC-A number system 0, leading zero dropped
    [InlineData("012345678905", "12345678905")] // UPC-A number system 0
    public void Gtins_written_any_way_are_one_key(string code, string? key)
    {
        var read = ItemCode.Read(code, "1");
        Assert.Equal(key is not null, read.Kind == CodeKind.Gtin);
        Assert.Equal(key is not null, read.IsShared);
        if (key is not null)
        {
            Assert.Equal(key, read.Code);
        }
    }

    [Theory]
    [InlineData("7290004131075")] // EAN-13, last digit off by one
    [InlineData("7290004131047")] // two digits swapped
    [InlineData("7290000002021")] // real feed code posing as a barcode
    [InlineData("12227776")] // real 8-digit code with ItemType 1
    [InlineData("17290004131074")] // GTIN-14 with the EAN-13's check digit
    [InlineData("025675120021")]
    public void A_wrong_check_digit_is_not_a_gtin_and_is_kept_as_written(string code)
    {
        var read = ItemCode.Read(code, "1");
        Assert.Equal(CodeKind.InvalidCheckDigit, read.Kind);
        Assert.Equal(code, read.Code);
        Assert.True(read.IsShared);
        Assert.NotEqual(read.Code, ItemCode.Read("0" + code, "1").Code);
    }

    [Theory]
    [InlineData("2000123000008")] // EAN-13 prefix 20: in-store code
    [InlineData("2901234001239")] // prefix 29: weighed item with the price inside
    [InlineData("2345678901234")]
    [InlineData("02000123000008")] // the same as GTIN-14
    [InlineData("212345678909")] // UPC-A number system 2: random weight
    [InlineData("0212345678909")] // the same as EAN-13
    [InlineData("412345678903")] // UPC-A number system 4: in-store
    [InlineData("512345678900")] // UPC-A number system 5: coupon
    [InlineData("9812345678902")] // coupon / refund receipt
    [InlineData("27123454")] // EAN-8 starting with 2
    [InlineData("03444009")] // EAN-8 starting with 0 (real feed code)
    [InlineData("00000000")] // zeros have a valid check digit and mean nothing
    public void Restricted_circulation_numbers_stay_in_their_chain(string code)
    {
        var read = ItemCode.Read(code, "1");
        Assert.Equal(CodeKind.RestrictedCirculation, read.Kind);
        Assert.False(read.IsShared);
        Assert.Equal(code, read.Code);
    }

    [Theory]
    [InlineData("1025", null, CodeKind.ShortOrText)]
    [InlineData("138", "1", CodeKind.ShortOrText)]
    [InlineData("1230234", "1", CodeKind.ShortOrText)]
    [InlineData("ABC12345678", "1", CodeKind.ShortOrText)]
    [InlineData("729000413107-4", "1", CodeKind.ShortOrText)]
    [InlineData("729000413107400", "1", CodeKind.ShortOrText)]
    [InlineData("", "1", CodeKind.ShortOrText)]
    [InlineData("7290004131074", "0", CodeKind.DeclaredInternal)]
    [InlineData("7290004131074", " 0 ", CodeKind.DeclaredInternal)]
    [InlineData("1025", "0", CodeKind.DeclaredInternal)]
    public void Short_text_and_declared_internal_codes_are_the_chains_own(string code, string? itemType, CodeKind kind)
    {
        var read = ItemCode.Read(code, itemType);
        Assert.Equal(kind, read.Kind);
        Assert.False(read.IsShared);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("1")]
    [InlineData("2")]
    public void Any_item_type_but_zero_leaves_it_to_the_digits(string? itemType) =>
        Assert.True(ItemCode.Read("7290004131074", itemType).IsShared);

    [Theory]
    [InlineData("729000413107", '4')]
    [InlineData("1729000413107", '1')]
    [InlineData("2000123", '0')]
    [InlineData("00000000123", '6')]
    public void Check_digit_completes_a_body(string body, char check)
    {
        Assert.Equal(check, Gtin.CheckDigitOf(body));
        Assert.True(Gtin.HasValidCheckDigit(body + check));
    }
}
