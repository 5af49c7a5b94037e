using NATS.Client.Core;

namespace Gogobe.Ingest.Hosting;

/// <summary>What a host's start-up check needs to know about NATS: the setting, how to name it, how to reach it.</summary>
public static class NatsServer
{
    public const string Name = "NATS";
    public const string Setting = NatsOptions.Section + ":Url";

    public static string Endpoint(string url) => url;

    /// <summary>Connects and pings once; throws when NATS does not answer.</summary>
    public static async Task ProbeAsync(string url, CancellationToken cancellationToken)
    {
        await using var connection = new NatsConnection(new NatsOpts { Url = url, ConnectTimeout = TimeSpan.FromSeconds(3), Name = "startup-check" });
        await connection.ConnectAsync();
        await connection.PingAsync(cancellationToken);
    }
}
