using NATS.Client.Core;

namespace Gogobe.Ingest.Tests.Infrastructure;

/// <summary>The NATS server the tests run against: setting <c>Nats__Url</c>, default the one of deploy/local/infra.sh.</summary>
internal static class TestNats
{
    public static string Url { get; } = Environment.GetEnvironmentVariable("Nats__Url") is { Length: > 0 } url ? url : "nats://127.0.0.1:54222";

    public static async Task<NatsConnection> ConnectAsync(string? url = null, string name = "gogobe-ingest-tests")
    {
        url ??= Url;
        var connection = new NatsConnection(new NatsOpts
        {
            Url = url,
            Name = name,
            ConnectTimeout = TimeSpan.FromSeconds(3),
            ReconnectWaitMin = TimeSpan.FromMilliseconds(100),
            ReconnectWaitMax = TimeSpan.FromSeconds(1),
        });
        try
        {
            await connection.ConnectAsync();
            return connection;
        }
        catch (Exception ex)
        {
            await connection.DisposeAsync();
            throw new InvalidOperationException(
                $"NATS with JetStream is not reachable at {url} ({ex.Message}). These tests need the real server: " +
                "run deploy/local/infra.sh up, or point the environment variable Nats__Url at one.",
                ex);
        }
    }
}
