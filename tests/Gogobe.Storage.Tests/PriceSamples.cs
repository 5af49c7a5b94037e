using Gogobe.Storage.Prices;

namespace Gogobe.Storage.Tests;

internal static class PriceSamples
{
    public static readonly DateTimeOffset Day1 = new(2026, 3, 1, 4, 0, 0, TimeSpan.Zero);

    public static PriceChangeRow Row(string key, decimal price, string name = "חלב 3%", DateTimeOffset? updatedAt = null) =>
        new(key, key, IsInternalCode: false, price, UnitPrice: price * 10, updatedAt, name,
            Manufacturer: "תנובה", Country: "ישראל", Description: null, Quantity: 1m, Unit: "Litre", UnitText: "ליטר", IsWeighted: false);

    public static PriceListChange Full(string chain, string store, string importId, DateTimeOffset fileAt, params PriceChangeRow[] rows) =>
        new(chain, store, PriceFileKind.PriceFull, importId, fileAt, rows, []);

    public static PriceListChange Delta(string chain, string store, string importId, DateTimeOffset fileAt, params PriceChangeRow[] rows) =>
        new(chain, store, PriceFileKind.Price, importId, fileAt, rows, []);

    public static IReadOnlyList<PriceChangeRow> Many(int count, string prefix) =>
        [.. Enumerable.Range(0, count).Select(i => new PriceChangeRow(
            $"{prefix}{i:D8}", $"{prefix}{i:D8}", IsInternalCode: i % 10 == 0,
            Price: 1m + (i % 5000) / 100m, UnitPrice: i % 3 == 0 ? null : 10m + (i % 700) / 10m,
            PriceUpdatedAt: Day1.AddHours(-(i % 48)), Name: $"מוצר לדוגמה מספר {i} בטעם וניל",
            Manufacturer: $"יצרן {i % 300}", Country: "ישראל", Description: i % 4 == 0 ? null : "תיאור",
            Quantity: 100m + i % 900, Unit: "Gram", UnitText: "100 גרם", IsWeighted: i % 17 == 0))];
}
