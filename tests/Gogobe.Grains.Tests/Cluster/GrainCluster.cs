using Gogobe.Ingest.Files;
using Gogobe.Ingest.JetStream;
using Gogobe.Ingest.Messages;
using Gogobe.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NATS.Client.Core;
using Orleans.TestingHost;

namespace Gogobe.Grains.Tests.Cluster;

/// <summary>
/// One Orleans silo in this test process, hosting Gogobe's grains over a fresh database on the local PostgreSQL, the
/// local NATS (streams of its own) and a file store in a temporary folder: a grain change is checked in seconds.
/// Shared by the tests of <see cref="GrainClusterCollection"/>; each test uses store keys and import ids of its own.
/// </summary>
public sealed class GrainCluster : IAsyncLifetime
{
    private readonly string prefix = $"g{Guid.NewGuid():N}"[..12];
    private NatsConnection? nats;

    public TestDatabase Database { get; } = new();

    public TemporaryFolder Files { get; } = TemporaryFolder.Create("gogobe-grain-files-");

    public TestCluster Silo { get; private set; } = null!;

    public IGrainFactory Grains => Silo.GrainFactory;

    public FileStore FileStore => new(Files.Path);

    public async Task InitializeAsync()
    {
        await Database.InitializeAsync();
        Silo = Builder(Database, Files, prefix).Build();
        await Silo.DeployAsync();
        nats = new NatsConnection(new NatsOpts { Url = Servers.Nats, Name = "grain-tests" });
    }

    /// <summary>One in-process silo with the grains' services over <paramref name="database"/>, <paramref name="files"/> and streams named by <paramref name="prefix"/>.</summary>
    public static TestClusterBuilder Builder(TestDatabase database, TemporaryFolder files, string prefix)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(files);
        var builder = new TestClusterBuilder(1);
        builder.Options.ConfigureFileLogging = false;
        builder.Properties["Postgres:ConnectionString"] = database.ConnectionString;
        builder.Properties["Nats:Url"] = Servers.Nats;
        builder.Properties["FileStore:Root"] = files.Path;
        builder.Properties["Ingest:Streams:SubjectPrefix"] = prefix;
        builder.Properties["Ingest:Streams:StreamPrefix"] = prefix.ToUpperInvariant() + "_";
        builder.AddSiloBuilderConfigurator<GrainSiloConfigurator>();
        return builder;
    }

    /// <summary>Starts following the change events from now on; dispose it to stop.</summary>
    public async Task<ChangeLog> FollowChangesAsync()
    {
        var options = Options.Create(new IngestStreamOptions { SubjectPrefix = prefix, StreamPrefix = prefix.ToUpperInvariant() + "_" });
        var subscriber = new OfferChangeSubscriber(nats!, options, NullLogger<OfferChangeSubscriber>.Instance);
        return await ChangeLog.StartAsync(subscriber);
    }

    /// <summary>Collects every activation that has been idle, so that the next call activates the grain again.</summary>
    public Task CollectIdleActivationsAsync() =>
        Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);

    public async Task DisposeAsync()
    {
        await Silo.StopAllSilosAsync();
        await Silo.DisposeAsync();
        if (nats is not null)
        {
            await nats.DisposeAsync();
        }

        await Database.DisposeAsync();
        Files.Dispose();
    }
}

/// <summary>The tests that share one <see cref="GrainCluster"/>.</summary>
[CollectionDefinition(Name)]
public sealed class GrainClusterCollection : ICollectionFixture<GrainCluster>
{
    public const string Name = "grain cluster";
}
