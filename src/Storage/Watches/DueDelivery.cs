namespace Gogobe.Storage.Watches;

/// <summary>A delivery taken for an attempt (<paramref name="Attempts"/> counts this one), with its owner's webhook secret.</summary>
public sealed record DueDelivery(OutgoingMessage Message, long DeliveryId, int Attempts, string WebhookSecret);
