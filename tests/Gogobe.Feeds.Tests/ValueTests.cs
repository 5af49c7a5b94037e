using System.Globalization;
using Gogobe.Feeds.Model;
using Gogobe.Feeds.Values;
using Gogobe.Feeds.Xml;

namespace Gogobe.Feeds.Tests;

public sealed class ValueTests
{
    [Theory]
    [InlineData("100 גרם", "100", MeasureUnit.Gram)]
    [InlineData("גרם", null, MeasureUnit.Gram)]
    [InlineData("גרמים", null, MeasureUnit.Gram)]
    [InlineData("80ג'", "80", MeasureUnit.Gram)]
    [InlineData("250 גר", "250", MeasureUnit.Gram)]
    [InlineData("ק\"ג", null, MeasureUnit.Kilogram)]
    [InlineData("1 קג", "1", MeasureUnit.Kilogram)]
    [InlineData("קילו", null, MeasureUnit.Kilogram)]
    [InlineData("ק״ג", null, MeasureUnit.Kilogram)]
    [InlineData("100 מ\"ל", "100", MeasureUnit.Millilitre)]
    [InlineData("מל", null, MeasureUnit.Millilitre)]
    [InlineData("מיליליטר", null, MeasureUnit.Millilitre)]
    [InlineData("1.5 ליטר", "1.5", MeasureUnit.Litre)]
    [InlineData("ל'", null, MeasureUnit.Litre)]
    [InlineData("יחידה   ", null, MeasureUnit.Unit)]
    [InlineData("1 יח'", "1", MeasureUnit.Unit)]
    [InlineData("י\"ח", null, MeasureUnit.Unit)]
    [InlineData("Unknown", null, MeasureUnit.Unknown)]
    [InlineData("לא ידוע", null, MeasureUnit.Unknown)]
    [InlineData("00000", null, MeasureUnit.Unknown)]
    [InlineData("0000000000", null, MeasureUnit.Unknown)]
    [InlineData("100.00", "100", MeasureUnit.Unknown)]
    [InlineData("מטרים", null, MeasureUnit.Unknown)]
    [InlineData("", null, MeasureUnit.Unknown)]
    public void Unit_and_quantity_are_read_from_free_text(string text, string? quantity, MeasureUnit unit)
    {
        var parsed = MeasureText.Parse(text);
        Assert.Equal(unit, parsed.Unit);
        Assert.Equal(quantity is null ? null : decimal.Parse(quantity, CultureInfo.InvariantCulture), parsed.Quantity);
    }

    [Theory]
    [InlineData("2025-07-09 15:45:28", null, "2025-07-09T12:45:28Z")]
    [InlineData("2025-12-28 00:00", null, "2025-12-27T22:00:00Z")]
    [InlineData("2022/08/29 10:42", null, "2022-08-29T07:42:00Z")]
    [InlineData("2022/08/29 10:42:05", null, "2022-08-29T07:42:05Z")]
    [InlineData("27/07/2022 10:03:26", null, "2022-07-27T07:03:26Z")]
    [InlineData("2026-08-23T06:56:41.000", null, "2026-08-23T03:56:41Z")]
    [InlineData("2025-12-28T14:15:00", null, "2025-12-28T12:15:00Z")]
    [InlineData("2024-03-03", null, "2024-03-02T22:00:00Z")]
    [InlineData("2024-11-14", "00:00:00", "2024-11-13T22:00:00Z")]
    [InlineData("2025-08-21", "05:05:00.077", "2025-08-21T02:05:00.077Z")]
    [InlineData("02/11/22", "06:00:01", "2022-11-02T04:00:01Z")]
    [InlineData("2026-03-27 02:30", null, "2026-03-27T00:30:00Z")]
    public void Israel_local_times_become_utc(string date, string? time, string expected)
    {
        var parsed = IsraelTime.Parse(date, time);
        Assert.Equal(DateTimeOffset.Parse(expected, CultureInfo.InvariantCulture), parsed);
        Assert.Equal(TimeSpan.Zero, parsed!.Value.Offset);
    }

    [Theory]
    [InlineData("1899-12-30 00:00")]
    [InlineData("01/01/0001 00:00:00")]
    [InlineData("")]
    [InlineData("not a date")]
    [InlineData("2025-13-01")]
    public void Placeholder_and_invalid_dates_read_as_missing(string text) => Assert.Null(IsraelTime.Parse(text));

    [Theory]
    [InlineData("1", "1")]
    [InlineData("001", "1")]
    [InlineData("0001", "1")]
    [InlineData(" 037 ", "37")]
    [InlineData("000", "0")]
    [InlineData("", null)]
    [InlineData("A12", "A12")]
    public void Store_ids_are_normalised(string text, string? expected) => Assert.Equal(expected, FeedIds.NormalizeStoreId(text));

    [Theory]
    [InlineData("7290058140886", "1", false)]
    [InlineData("7290058140886", "0", true)]
    [InlineData("11073", "1", true)]
    [InlineData("1025", null, true)]
    [InlineData("8719326034096", null, false)]
    public void Internal_codes_are_keyed_by_chain(string code, string? itemType, bool isInternal)
    {
        var key = FeedIds.KeyOf("7290785400000", code, itemType, out var keyedInternal);
        Assert.Equal(isInternal, keyedInternal);
        Assert.Equal(isInternal ? $"7290785400000:{code}" : code, key.Value);
        Assert.Equal(isInternal, key.IsInternal);
    }

    [Theory]
    [InlineData("0025675120020", "25675120020")]
    [InlineData("025675120020", "25675120020")]
    [InlineData("07290004131074", "7290004131074")]
    [InlineData("2000123000008", "7290785400000:2000123000008")]
    [InlineData("0212345678909", "7290785400000:0212345678909")]
    public void Barcodes_are_keyed_by_their_gtin_and_weighed_codes_by_chain(string code, string key) =>
        Assert.Equal(key, FeedIds.KeyOf("7290785400000", code, "1", out _).Value);

    [Theory]
    [InlineData("0", true)]
    [InlineData("", true)]
    [InlineData("0 - כלל הלקוחות", true)]
    [InlineData("0=אין", true)]
    [InlineData("3", false)]
    [InlineData("2 - מועדון", false)]
    [InlineData("חברי מועדון", false)]
    public void General_club_is_told_from_club_only(string club, bool general) => Assert.Equal(general, FeedParser.IsGeneralClub(club));

    [Theory]
    [InlineData("89.90", "89.90")]
    [InlineData(" 2.5 ", "2.5")]
    [InlineData("0.1995", "0.1995")]
    [InlineData("-1.00", "-1.00")]
    [InlineData("1E2", "100")]
    public void Decimals_are_invariant(string text, string expected)
    {
        Assert.True(FeedNumber.TryParseDecimal(text, out var value));
        Assert.Equal(decimal.Parse(expected, NumberStyles.Float, CultureInfo.InvariantCulture), value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("89,90")]
    [InlineData("abc")]
    public void Unreadable_decimals_are_refused(string text) => Assert.False(FeedNumber.TryParseDecimal(text, out _));
}
