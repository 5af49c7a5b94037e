namespace Gogobe.Storage.Prices;

/// <summary>
/// The scales PostgreSQL keeps: prices and amounts <c>numeric(12,2)</c>, unit prices <c>numeric(14,4)</c>, quantities
/// <c>numeric(14,3)</c>, discount rates <c>numeric(8,3)</c>. A file's values are rounded to them the way PostgreSQL
/// rounds (half away from zero) before they are compared with stored values: a list restored from the database then
/// equals the file it was written from, and reading it again finds no change. The <c>Fits</c> checks say whether a
/// value, once rounded, fits its column at all (a price below 10^10, a quantity below 10^11, a rate below 10^5): a row with a
/// value beyond is rejected as out of range instead of failing its file in the database.
/// </summary>
public static class StoredPrecision
{
    public static decimal Price(decimal value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);

    public static decimal? Price(decimal? value) => Round(value, 2);

    public static decimal? UnitPrice(decimal? value) => Round(value, 4);

    public static decimal? Quantity(decimal? value) => Round(value, 3);

    public static decimal? Rate(decimal? value) => Round(value, 3);

    public static bool FitsPrice(decimal? value) => value is not { } v || Math.Abs(v) < 9_999_999_999.995m;

    public static bool FitsUnitPrice(decimal? value) => value is not { } v || Math.Abs(v) < 9_999_999_999.99995m;

    public static bool FitsQuantity(decimal? value) => value is not { } v || Math.Abs(v) < 99_999_999_999.9995m;

    public static bool FitsRate(decimal? value) => value is not { } v || Math.Abs(v) < 99_999.9995m;

    private static decimal? Round(decimal? value, int decimals) =>
        value is { } v ? Math.Round(v, decimals, MidpointRounding.AwayFromZero) : null;
}
