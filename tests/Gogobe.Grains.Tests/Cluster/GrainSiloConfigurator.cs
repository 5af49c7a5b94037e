using Gogobe.Contracts.Events;
using Gogobe.Contracts.Imports;
using Gogobe.Grains.Placement;
using Gogobe.Ingest.Files;
using Gogobe.Ingest.Hosting;
using Gogobe.Ingest.JetStream;
using Gogobe.Silo.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NATS.Client.Core;
using Npgsql;
using Orleans.TestingHost;

namespace Gogobe.Grains.Tests.Cluster;

/// <summary>
/// The grains' services as the silo host registers them (one silo holding every role), with the servers named in the
/// test cluster's properties.
/// </summary>
public sealed class GrainSiloConfigurator : ISiloConfigurator
{
    public void Configure(ISiloBuilder siloBuilder) => Configure(siloBuilder, SiloRole.Known);

    /// <summary>The same for a silo holding <paramref name="roles"/>.</summary>
    public static void Configure(ISiloBuilder siloBuilder, IReadOnlyList<string> roles)
    {
        var configuration = siloBuilder.Configuration;
        var services = siloBuilder.Services;
        siloBuilder.AddSiloRolePlacement(roles);
        services.AddSingleton(_ => NpgsqlDataSource.Create(configuration["Postgres:ConnectionString"]!));
        services.AddSingleton<INatsConnection>(_ => new NatsConnection(new NatsOpts { Url = configuration[$"{NatsOptions.Section}:Url"]!, Name = "grain-test-silo" }));
        services.AddGogobeGrainServices();
        services.AddGogobeQueryGrains(configuration);
        services.AddGogobeIngest(configuration);
        services.AddSingleton<IChangeEvents>(sp => sp.GetRequiredService<EventPublisher>());
        services.AddSingleton<IUploadedFiles>(sp => sp.GetRequiredService<IFileStore>());
    }
}
