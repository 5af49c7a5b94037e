using NATS.Client.JetStream;

namespace Gogobe.Ingest.Tests.Infrastructure;

/// <summary>A message read back from the dead-letter stream.</summary>
internal sealed record DeadLetter(string Subject, byte[] Data, IReadOnlyDictionary<string, string> Headers)
{
    public string? Header(string name) => Headers.GetValueOrDefault(name);

    public static DeadLetter From(INatsJSMsg<byte[]> message)
    {
        var headers = (message as NatsJSMsg<byte[]>?)?.Headers;
        return new DeadLetter(
            message.Subject,
            message.Data ?? [],
            headers?.ToDictionary(h => h.Key, h => h.Value.ToString()) ?? []);
    }
}
