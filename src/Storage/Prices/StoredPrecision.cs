namespace Gogobe.Storage.Prices;

/// <summary>
/// The scales PostgreSQL keeps: prices and amounts <c>numeric(12,2)</c>, unit prices <c>numeric(14,4)</c>, quantities
/// <c>numeric(14,3)</c>, discount rates <c>numeric(8,3)</c>. A file's values are rounded to them the way PostgreSQL
/// rounds (half away from zero) before they are compared with stored values: a list restored from the database then
/// equals the file it was written from, and reading it again finds no change.
/// </summary>
public static class StoredPrecision
{
    public static decimal Price(decimal value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);

    public static decimal? Price(decimal? value) => Round(value, 2);

    public static decimal? UnitPrice(decimal? value) => Round(value, 4);

    public static decimal? Quantity(decimal? value) => Round(value, 3);

    public static decimal? Rate(decimal? value) => Round(value, 3);

    private static decimal? Round(decimal? value, int decimals) =>
        value is { } v ? Math.Round(v, decimals, MidpointRounding.AwayFromZero) : null;
}
