namespace Gogobe.Storage.Watches;

/// <summary>A watch's new state after a change, and its notice when it fired.</summary>
public sealed record WatchUpdate(long WatchId, decimal? ReferencePrice, IReadOnlyList<string> KnownPromotions, WatchNotice? Notice);
