using Gogobe.Storage.Watches;

namespace Gogobe.Gateway.Watches;

/// <summary>
/// A new watch. <c>condition</c>: <c>below</c> (with <c>price</c>), <c>drop</c> (with <c>percent</c>) or <c>promotion</c>;
/// the scope: optional <c>chains</c>, <c>stores</c> (<c>chainId:storeId</c>) and <c>near</c> (<c>lat,lon</c>) with
/// <c>radiusKm</c>; delivery: <c>webhookUrl</c> and/or <c>email</c>.
/// </summary>
public sealed record WatchRequest(
    string? ProductKey, string? Condition, decimal? Price, decimal? Percent, IReadOnlyList<string>? Chains, IReadOnlyList<string>? Stores,
    string? Near, double? RadiusKm, string? WebhookUrl, string? Email);

/// <summary>A watch as its owner sees it; <c>referencePrice</c> is the cheapest price in scope when armed or last notified.</summary>
public sealed record WatchResponse(
    long Id, string ProductKey, string Condition, decimal? Price, decimal? Percent, IReadOnlyList<string> Chains, IReadOnlyList<string> Stores,
    double? Latitude, double? Longitude, double? RadiusKm, string? WebhookUrl, string? Email, decimal? ReferencePrice,
    DateTimeOffset CreatedAt, DateTimeOffset? ArmedAt, DateTimeOffset? NotifiedAt)
{
    public static WatchResponse Of(WatchRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var d = row.Definition;
        return new WatchResponse(
            row.WatchId, d.ProductKey, d.Condition.ToString().ToLowerInvariant(), d.Condition == WatchCondition.Below ? d.Threshold : null,
            d.Condition == WatchCondition.Drop ? d.Threshold : null, d.Chains, d.Stores, d.Latitude, d.Longitude, d.RadiusKm, d.WebhookUrl, d.Email,
            row.ReferencePrice, row.CreatedAt, row.ArmedAt, row.NotifiedAt);
    }
}

/// <summary>A new watch and the owner's webhook secret (the key of the <c>Gogobe-Signature</c> header of every webhook).</summary>
public sealed record WatchCreated(WatchResponse Watch, string WebhookSecret);
