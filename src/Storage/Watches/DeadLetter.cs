namespace Gogobe.Storage.Watches;

/// <summary>A delivery that failed every attempt: where it went, what it said (JSON), how often it was tried and why it failed last.</summary>
public sealed record DeadLetter(
    long DeliveryId, string Channel, string Target, Guid IdempotencyKey, string Body, int Attempts, string? LastError,
    DateTimeOffset CreatedAt, DateTimeOffset? GaveUpAt);
