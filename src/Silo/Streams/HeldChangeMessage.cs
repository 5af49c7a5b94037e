using NATS.Client.JetStream;

namespace Gogobe.Silo.Streams;

/// <summary>
/// A broker message a queue holds until every event made from it was delivered to every subscriber: then it is
/// acknowledged, or handed back when a delivery failed.
/// </summary>
internal sealed class HeldChangeMessage(INatsJSMsg<byte[]> message, int events)
{
    private int remaining = events;
    private int failed;

    public INatsJSMsg<byte[]> Message { get; } = message;

    public int Deliveries => (int)(Message.Metadata?.NumDelivered ?? 1);

    public ulong StreamSequence => Message.Metadata?.Sequence.Stream ?? 0;

    /// <summary>A subscriber gave up on one of its events: the message goes back to the broker instead of being acknowledged.</summary>
    public bool Failed => Volatile.Read(ref failed) == 1;

    public void MarkFailed() => Volatile.Write(ref failed, 1);

    /// <summary>One event left the cache; true for the last, when the message can be settled.</summary>
    public bool Release() => Interlocked.Decrement(ref remaining) == 0;
}
