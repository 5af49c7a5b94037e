using Gogobe.Ingest.Bridge;
using Gogobe.Ingest.JetStream;
using Gogobe.Ingest.Tests.Infrastructure;
using Gogobe.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NATS.Client.Core;
using NATS.Client.JetStream;

namespace Gogobe.Ingest.Tests;

/// <summary>
/// The NATS configuration of the deployments (deploy/k8s/base/nats.conf, used by Kubernetes and docker-compose) on a
/// private server: the gateway's user publishes uploads and cannot take them off the queue, the silos' user takes and
/// acknowledges them and cannot publish uploads, and a wrong password is refused.
/// </summary>
public sealed class NatsPermissionTests
{
    private static readonly Dictionary<string, string> Passwords = new()
    {
        ["NATS_GATEWAY_PASSWORD"] = "gateway-secret-for-tests",
        ["NATS_SILO_PASSWORD"] = "silo-secret-for-tests",
    };

    [Fact]
    public async Task The_gateway_publishes_uploads_and_only_silos_take_them()
    {
        await using var server = await PrivateNatsServer.StartAsync(Path.Combine(Repository.Root, "deploy", "k8s", "base", "nats.conf"), Passwords);
        var streams = Options.Create(new IngestStreamOptions());
        await using var gateway = await ConnectAsync(server.UrlAs("gateway", Passwords["NATS_GATEWAY_PASSWORD"]));
        await using var silo = await ConnectAsync(server.UrlAs("silo", Passwords["NATS_SILO_PASSWORD"]));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        // Both roles set up the streams and the consumer at start.
        await new JetStreamTopology(gateway, streams, Options.Create(new BridgeOptions()), NullLogger<JetStreamTopology>.Instance).EnsureAsync(timeout.Token);
        await new JetStreamTopology(silo, streams, Options.Create(new BridgeOptions()), NullLogger<JetStreamTopology>.Instance).EnsureAsync(timeout.Token);

        var upload = TestFiles.Make("permissions", 1);
        var outcome = await new FilePublisher(gateway, streams, NullLogger<FilePublisher>.Instance).PublishAsync(upload, DateTimeOffset.UtcNow, timeout.Token);
        Assert.Equal(PublishOutcome.Stored, outcome);

        // A silo may not publish uploads: the broker refuses, nothing reaches the stream.
        var siloJs = new NatsJSContext(silo);
        await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            using var publishTimeout = new CancellationTokenSource(TimeSpan.FromSeconds(3));
            await siloJs.PublishAsync(streams.Value.Subjects.Files, "forged"u8.ToArray(), cancellationToken: publishTimeout.Token);
        });
        Assert.Equal(1L, (long)(await siloJs.GetStreamAsync(streams.Value.FilesStream, cancellationToken: timeout.Token)).Info.State.Messages);

        // The gateway may not take uploads off the queue; a silo takes the one waiting and acknowledges it.
        var gatewayConsumer = await new NatsJSContext(gateway).GetConsumerAsync(streams.Value.FilesStream, streams.Value.ImportersConsumer, timeout.Token);
        Assert.Empty(await FetchAsync(gatewayConsumer, acknowledge: false));
        var siloConsumer = await siloJs.GetConsumerAsync(streams.Value.FilesStream, streams.Value.ImportersConsumer, timeout.Token);
        Assert.Single(await FetchAsync(siloConsumer, acknowledge: true));
        await Eventually.TrueAsync(async () => (await siloJs.GetStreamAsync(streams.Value.FilesStream, cancellationToken: timeout.Token)).Info.State.Messages == 0, TimeSpan.FromSeconds(10), () => "the acknowledged upload stayed in the work queue", TimeSpan.FromMilliseconds(500));

        await Assert.ThrowsAnyAsync<Exception>(async () => await ConnectAsync(server.UrlAs("silo", "not-the-password")));
    }

    private static async Task<NatsConnection> ConnectAsync(string url)
    {
        var connection = new NatsConnection(new NatsOpts { Url = url, MaxReconnectRetry = 0, ConnectTimeout = TimeSpan.FromSeconds(30) });
        try
        {
            await connection.ConnectAsync();
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private static async Task<List<string>> FetchAsync(INatsJSConsumer consumer, bool acknowledge)
    {
        var received = new List<string>();
        try
        {
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await foreach (var message in consumer.FetchAsync<byte[]>(new NatsJSFetchOpts { MaxMsgs = 1, Expires = TimeSpan.FromSeconds(2) }, cancellationToken: wait.Token))
            {
                received.Add(message.Subject);
                if (acknowledge)
                {
                    await message.AckAsync(new AckOpts { DoubleAck = true });
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The broker refused the pull: nothing was delivered.
        }

        return received;
    }
}
