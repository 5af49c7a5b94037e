using System.Collections.Concurrent;
using Gogobe.Grains.Placement;
using Gogobe.Grains.Tests.Cluster;
using Gogobe.Silo.Streams;
using Orleans.TestingHost;

namespace Gogobe.Grains.Tests.Streams;

/// <summary>
/// The grains' services as in <see cref="GrainSiloConfigurator"/>, plus the change streams as the silo host registers them.
/// Every silo holds both roles, but with <see cref="ImportOnlySecondary"/> the second silo of a cluster (the test cluster
/// builds the primary first; clusters are told apart by their stream prefix) imports only.
/// </summary>
public sealed class StreamSiloConfigurator : ISiloConfigurator
{
    public const string ImportOnlySecondary = "Test:ImportOnlySecondary";
    private static readonly ConcurrentDictionary<string, int> Built = new(StringComparer.Ordinal);

    public void Configure(ISiloBuilder siloBuilder)
    {
        var configuration = siloBuilder.Configuration;
        var nth = Built.AddOrUpdate(configuration["Ingest:Streams:SubjectPrefix"] ?? string.Empty, 1, (_, n) => n + 1);
        var importOnly = configuration[ImportOnlySecondary] == "true" && nth == 2;
        IReadOnlyList<string> roles = importOnly ? [SiloRole.Import] : SiloRole.Known;
        GrainSiloConfigurator.Configure(siloBuilder, roles);
        siloBuilder.AddChangeStreams(roles);
    }
}
