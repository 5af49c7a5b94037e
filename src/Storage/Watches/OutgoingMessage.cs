namespace Gogobe.Storage.Watches;

/// <summary>A message to one target: <paramref name="Channel"/> is <c>webhook</c> (a URL) or <c>email</c> (an address); <paramref name="Body"/> is JSON.</summary>
public sealed record OutgoingMessage(string UserId, string Channel, string Target, Guid IdempotencyKey, string Body);
