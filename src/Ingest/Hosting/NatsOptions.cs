namespace Gogobe.Ingest.Hosting;

/// <summary>The NATS JetStream broker. Section <c>Nats</c>.</summary>
public sealed class NatsOptions
{
    public const string Section = "Nats";

    /// <summary>Server URL, e.g. <c>nats://127.0.0.1:54222</c>.</summary>
    public string Url { get; set; } = "";
}
