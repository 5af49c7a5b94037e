namespace Gogobe.Storage.Watches;

/// <summary>A notice waiting in the outbox, with its watch's condition and delivery targets and the product's name.</summary>
public sealed record WaitingNotice(
    long NotificationId, long WatchId, string ChangeId, string UserId, string ImportId, string ProductKey, string? ProductName,
    WatchCondition Condition, decimal? Threshold, string? ChainId, string? StoreId, decimal? Price, decimal? ReferencePrice,
    IReadOnlyList<string> Promotions, string? WebhookUrl, string? Email, DateTimeOffset CreatedAt);
