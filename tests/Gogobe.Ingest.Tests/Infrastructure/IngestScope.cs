using System.Diagnostics.Metrics;
using Gogobe.Ingest.Bridge;
using Gogobe.Ingest.JetStream;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;

namespace Gogobe.Ingest.Tests.Infrastructure;

/// <summary>
/// One test's private ingest topology on the real NATS server: its own subject prefix and stream names, created on
/// entry and deleted on exit, so tests run side by side and again without seeing each other's messages.
/// </summary>
internal sealed class IngestScope : IAsyncDisposable
{
    private readonly IngestMetrics metrics;
    private readonly List<NatsConnection> connections = [];
    private readonly List<FileImportBridge> bridges = [];

    private IngestScope(string run, NatsConnection connection, string url, IngestStreamOptions streams, BridgeOptions bridge, ILoggerFactory loggers)
    {
        Run = run;
        Connection = connection;
        Url = url;
        Streams = streams;
        Bridge = bridge;
        Loggers = loggers;
        connections.Add(connection);
        Js = new NatsJSContext(connection);
        MeterFactory = new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>();
        metrics = new IngestMetrics(MeterFactory);
    }

    /// <summary>The factory of this scope's bridges' meters: a listener can tell their figures from other tests'.</summary>
    public IMeterFactory MeterFactory { get; }

    public NatsConnection Connection { get; }

    public string Url { get; }

    public NatsJSContext Js { get; }

    public IngestStreamOptions Streams { get; }

    public BridgeOptions Bridge { get; }

    public ILoggerFactory Loggers { get; }

    public string Run { get; }

    public static async Task<IngestScope> CreateAsync(ITestOutputHelper output, Action<BridgeOptions>? configure = null, string? url = null)
    {
        var run = Guid.NewGuid().ToString("N")[..10];
        var streams = new IngestStreamOptions
        {
            SubjectPrefix = $"test.{run}",
            StreamPrefix = $"T{run}_",
            DuplicateWindow = TimeSpan.FromMinutes(5),
            EventsMaxAge = TimeSpan.FromHours(1),
            DeadLetterMaxAge = TimeSpan.FromHours(1),
            PublishTimeout = TimeSpan.FromSeconds(30),
        };
        var bridge = new BridgeOptions
        {
            AckWait = TimeSpan.FromSeconds(3),
            RedeliveryDelay = TimeSpan.FromMilliseconds(100),
            FetchExpiry = TimeSpan.FromSeconds(1),
            MaxDeliveries = 3,
            ShutdownTimeout = TimeSpan.FromSeconds(5),
        };
        configure?.Invoke(bridge);
        var loggers = TestOutputLoggerProvider.CreateFactory(output);
        var connection = await TestNats.ConnectAsync(url);
        var scope = new IngestScope(run, connection, url ?? TestNats.Url, streams, bridge, loggers);
        await scope.Topology().EnsureAsync(CancellationToken.None);
        return scope;
    }

    public JetStreamTopology Topology(INatsConnection? connection = null) =>
        new(connection ?? Connection, Options.Create(Streams), Options.Create(Bridge), Loggers.CreateLogger<JetStreamTopology>());

    public FilePublisher Files(INatsConnection? connection = null) =>
        new(connection ?? Connection, Options.Create(Streams), Loggers.CreateLogger<FilePublisher>());

    public EventPublisher Events() => new(Connection, Options.Create(Streams), Loggers.CreateLogger<EventPublisher>());

    public OfferChangeSubscriber OfferChanges() => new(Connection, Options.Create(Streams), Loggers.CreateLogger<OfferChangeSubscriber>());

    /// <summary>A second client, as another silo would have; closed with the scope.</summary>
    public async Task<NatsConnection> ConnectAsync(string name)
    {
        var connection = await TestNats.ConnectAsync(Url, name);
        connections.Add(connection);
        return connection;
    }

    /// <summary>Starts a bridge; it is stopped with the scope unless the test stops it first.</summary>
    public async Task<FileImportBridge> StartBridgeAsync(IFileImportHandler handler, INatsConnection? connection = null)
    {
        var bridge = new FileImportBridge(
            connection ?? Connection,
            handler,
            Options.Create(Bridge),
            Options.Create(Streams),
            metrics,
            Loggers.CreateLogger<FileImportBridge>());
        bridges.Add(bridge);
        await bridge.StartAsync(CancellationToken.None);
        return bridge;
    }

    public async Task<ConsumerInfo> ImportersAsync()
    {
        var consumer = await Js.GetConsumerAsync(Streams.FilesStream, Streams.ImportersConsumer);
        return consumer.Info;
    }

    public async Task<StreamState> FilesStateAsync() => (await Js.GetStreamAsync(Streams.FilesStream)).Info.State;

    /// <summary>Reads the dead letters from the start of the dead-letter stream.</summary>
    public async Task<List<DeadLetter>> DeadLettersAsync(int expected, TimeSpan timeout)
    {
        var consumer = await Js.CreateOrderedConsumerAsync(Streams.DeadLetterStream);
        var letters = new List<DeadLetter>();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await foreach (var letter in consumer.ConsumeAsync(NatsRawSerializer<byte[]>.Default, cancellationToken: cancel.Token))
            {
                letters.Add(DeadLetter.From(letter));
                if (letters.Count >= expected)
                {
                    break;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Fewer than expected: the caller asserts.
        }

        return letters;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var bridge in bridges)
        {
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await bridge.StopAsync(stop.Token);
            bridge.Dispose();
        }

        foreach (var stream in new[] { Streams.FilesStream, Streams.EventsStream, Streams.DeadLetterStream })
        {
            try
            {
                await Js.DeleteStreamAsync(stream);
            }
            catch (NatsException)
            {
                // Already gone, or the server is gone (restart tests clean their own store).
            }
        }

        foreach (var connection in connections)
        {
            await connection.DisposeAsync();
        }

        Loggers.Dispose();
    }
}
