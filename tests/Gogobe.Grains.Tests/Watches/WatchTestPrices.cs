using Gogobe.Contracts.Prices;

namespace Gogobe.Grains.Tests.Watches;

/// <summary>The chain whose stores the watch tests price products in, their first day, and a product's price row.</summary>
internal static class WatchTestPrices
{
    public const string Chain = "7290000000003";

    public static readonly DateTimeOffset Day1 = new(DateTime.UtcNow.Date.AddDays(-1), TimeSpan.Zero);

    /// <summary>The shelf price of the chain's product <paramref name="key"/> (<c>chain:item</c>), updated at <paramref name="at"/>.</summary>
    public static PriceRow Row(string key, decimal price, DateTimeOffset at) =>
        new(key, key[(Chain.Length + 1)..], true, price, null, at, $"item {key}", null, null, null, null, null, null, false);
}
