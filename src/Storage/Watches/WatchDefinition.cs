namespace Gogobe.Storage.Watches;

/// <summary>
/// What a user asks to be told about: a product, where (every store when <paramref name="Chains"/>,
/// <paramref name="Stores"/> and the place are all empty; a store is <c>chainId:storeId</c>), the condition and its
/// threshold (a price for <see cref="WatchCondition.Below"/>, a percentage for <see cref="WatchCondition.Drop"/>, none
/// for <see cref="WatchCondition.Promotion"/>), and where to deliver (a webhook URL, an email address, or both).
/// </summary>
public sealed record WatchDefinition(
    string ProductKey,
    IReadOnlyList<string> Chains,
    IReadOnlyList<string> Stores,
    double? Latitude,
    double? Longitude,
    double? RadiusKm,
    WatchCondition Condition,
    decimal? Threshold,
    string? WebhookUrl,
    string? Email);
