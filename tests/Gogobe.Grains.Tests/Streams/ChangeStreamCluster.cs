using Gogobe.Contracts.Events;
using Gogobe.Ingest.Messages;
using Gogobe.Testing;
using NATS.Client.Core;
using NATS.Client.JetStream;
using Orleans.TestingHost;

namespace Gogobe.Grains.Tests.Streams;

/// <summary>
/// Two in-process silos running the change streams over a nats-server of their own (so a test may restart it), a fresh
/// database and <see cref="ChangeRecorderGrain"/> as the products' follower (of every product unless <see cref="OnlyWatchedProducts"/>). Timings are short so faults heal in seconds.
/// </summary>
public sealed class ChangeStreamCluster : IAsyncLifetime, IAsyncDisposable
{
    public const int MaxDeliveries = 3;

    /// <summary>How long an idle queue's look waits for the pull left on the broker (the production default).</summary>
    public static readonly TimeSpan IdleWait = TimeSpan.FromSeconds(2);
    private readonly string prefix = $"s{Guid.NewGuid():N}"[..12];
    private readonly TemporaryFolder files = TemporaryFolder.Create("gogobe-stream-files-");
    private NatsConnection? nats;

    public TestDatabase Database { get; } = new();

    /// <summary>The streams carry only the changes of watched products, as in production; off by default, so the recorder follows every product.</summary>
    public bool OnlyWatchedProducts { get; init; }

    /// <summary>The second silo imports only (the first holds both roles); off by default: both hold both roles.</summary>
    public bool ImportOnlySecondary { get; init; }

    public PrivateNatsServer Nats { get; private set; } = null!;

    public TestCluster Silos { get; private set; } = null!;

    public IngestSubjects Subjects => new(prefix);

    public string EventsStream => prefix.ToUpperInvariant() + "_EVENTS";

    public async Task InitializeAsync()
    {
        await Database.InitializeAsync();
        await using (var schema = Database.DataSource.CreateCommand(ChangeRecorderGrain.Schema))
        {
            await schema.ExecuteNonQueryAsync();
        }

        Nats = await PrivateNatsServer.StartAsync();
        var builder = new TestClusterBuilder(2);
        builder.Options.ConfigureFileLogging = false;
        builder.Properties["Postgres:ConnectionString"] = Database.ConnectionString;
        builder.Properties["Nats:Url"] = Nats.Url;
        builder.Properties["FileStore:Root"] = files.Path;
        builder.Properties["Ingest:Streams:SubjectPrefix"] = prefix;
        builder.Properties["Ingest:Streams:StreamPrefix"] = prefix.ToUpperInvariant() + "_";
        builder.Properties["ChangeStreams:AckWait"] = "00:00:03";
        builder.Properties["ChangeStreams:MaxDeliveryTime"] = "00:00:01";
        builder.Properties["ChangeStreams:RedeliveryDelay"] = "00:00:00.200";
        builder.Properties["ChangeStreams:PollInterval"] = "00:00:00.050";
        builder.Properties["ChangeStreams:IdleWait"] = IdleWait.ToString();
        builder.Properties["ChangeStreams:OnlyWatchedProducts"] = OnlyWatchedProducts ? "true" : "false";
        builder.Properties["ChangeStreams:MaxDeliveries"] = MaxDeliveries.ToString(System.Globalization.CultureInfo.InvariantCulture);
        builder.Properties[StreamSiloConfigurator.ImportOnlySecondary] = ImportOnlySecondary ? "true" : "false";
        builder.AddSiloBuilderConfigurator<StreamSiloConfigurator>();
        Silos = builder.Build();
        await Silos.DeployAsync();
        nats = new NatsConnection(new NatsOpts { Url = Nats.Url, Name = "stream-tests", ConnectTimeout = TimeSpan.FromSeconds(30) });

        // The consumer starts at the end of the stream: wait until a queue created it before anything is published.
        var js = new NatsJSContext(nats);
        await Eventually.TrueAsync(async () => await ConsumerExistsAsync(js), TimeSpan.FromSeconds(60), () => "no silo created the change-streams consumer");
    }

    /// <summary>Publishes a price change naming <paramref name="keys"/> (none and truncated when null); returns its event ids.</summary>
    public async Task<IReadOnlyList<string>> PublishPricesAsync(string chainId, string storeId, IReadOnlyList<string>? keys, IReadOnlyList<string>? truncatedStoreKeys = null)
    {
        var importId = Guid.NewGuid().ToString("N") + Guid.NewGuid().ToString("N");
        var message = new PricesChanged(chainId, storeId, importId, DateTimeOffset.UtcNow, keys?.Count ?? 0, 0, keys ?? [], keys is null);
        await PublishAsync(Subjects.PricesChanged, MessageCodec.Encode(message));
        return (keys ?? truncatedStoreKeys ?? []).Select(k => OfferChanged.IdOf(OfferChangeKind.Prices, importId, chainId, storeId, k)).ToList();
    }

    /// <summary>Publishes a promotion change naming <paramref name="keys"/>; returns its event ids.</summary>
    public async Task<IReadOnlyList<string>> PublishPromotionsAsync(string chainId, string storeId, IReadOnlyList<string> keys)
    {
        var importId = Guid.NewGuid().ToString("N") + Guid.NewGuid().ToString("N");
        var message = new PromotionsChanged(chainId, storeId, importId, DateTimeOffset.UtcNow, keys.Count, 0, keys, false);
        await PublishAsync(Subjects.PromotionsChanged, MessageCodec.Encode(message));
        return keys.Select(k => OfferChanged.IdOf(OfferChangeKind.Promotions, importId, chainId, storeId, k)).ToList();
    }

    public async Task PublishAsync(string subject, byte[] payload)
    {
        var ack = await new NatsJSContext(nats!).PublishAsync(subject, payload);
        ack.EnsureSuccess();
    }

    /// <summary>Deliveries recorded per event id.</summary>
    public async Task<Dictionary<string, int>> DeliveriesAsync()
    {
        await using var command = Database.DataSource.CreateCommand("SELECT event_id, deliveries FROM stream_deliveries");
        await using var reader = await command.ExecuteReaderAsync();
        var deliveries = new Dictionary<string, int>(StringComparer.Ordinal);
        while (await reader.ReadAsync())
        {
            deliveries[reader.GetString(0)] = reader.GetInt32(1);
        }

        return deliveries;
    }

    /// <summary>Effects applied per product key: one per distinct event id when the follower drops repeats.</summary>
    public async Task<int> EffectsAsync(string productKey) =>
        await Database.ScalarAsync<int?>("SELECT applied FROM stream_effects WHERE product_key = $1", productKey) ?? 0;

    /// <summary>Waits until every one of <paramref name="eventIds"/> was delivered at least once.</summary>
    public async Task AllDeliveredAsync(IReadOnlyCollection<string> eventIds, TimeSpan timeout)
    {
        Dictionary<string, int> seen = [];
        await Eventually.TrueAsync(
            async () => eventIds.All((seen = await DeliveriesAsync()).ContainsKey),
            timeout,
            () => $"{eventIds.Count(seen.ContainsKey)} of {eventIds.Count} events delivered; missing e.g. {eventIds.FirstOrDefault(id => !seen.ContainsKey(id))}",
            TimeSpan.FromMilliseconds(200));
    }

    /// <summary>Messages the consumer handed out and has not had settled yet.</summary>
    public async Task<long> AckPendingAsync()
    {
        var consumer = await new NatsJSContext(nats!).GetConsumerAsync(EventsStream, "change-streams");
        return consumer.Info.NumAckPending + (long)consumer.Info.NumPending;
    }

    /// <summary>Pull requests the silos' queues left waiting on the broker's change-streams consumer.</summary>
    public async Task<int> WaitingPullsAsync()
    {
        var consumer = await new NatsJSContext(nats!).GetConsumerAsync(EventsStream, "change-streams");
        return consumer.Info.NumWaiting;
    }

    public async Task DisposeAsync()
    {
        await Silos.StopAllSilosAsync();
        await Silos.DisposeAsync();
        if (nats is not null)
        {
            await nats.DisposeAsync();
        }

        await Nats.DisposeAsync();
        await Database.DisposeAsync();
        files.Dispose();
    }

    ValueTask IAsyncDisposable.DisposeAsync() => new(DisposeAsync());

    private async Task<bool> ConsumerExistsAsync(NatsJSContext js)
    {
        try
        {
            await js.GetConsumerAsync(EventsStream, "change-streams");
            return true;
        }
        catch (NatsJSApiException)
        {
            return false;
        }
    }
}

/// <summary>The stream tests that share one <see cref="ChangeStreamCluster"/>.</summary>
[CollectionDefinition(Name)]
public sealed class ChangeStreamCollection : ICollectionFixture<ChangeStreamCluster>
{
    public const string Name = "change streams";
}
