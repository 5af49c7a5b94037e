using Gogobe.Contracts.Events;
using Gogobe.Contracts.Imports;
using Gogobe.Feeds;
using Gogobe.Grains;
using Gogobe.Grains.Imports;
using Gogobe.Grains.Placement;
using Gogobe.Ingest.Bridge;
using Gogobe.Ingest.Files;
using Gogobe.Ingest.Hosting;
using Gogobe.Ingest.JetStream;
using Gogobe.ServiceDefaults.Configuration;
using Gogobe.Silo.Alerts;
using Gogobe.Silo.Imports;
using Gogobe.Silo.Matching;
using Gogobe.Silo.Streams;
using Gogobe.Storage;
using Gogobe.Storage.Hosting;
using Orleans.Configuration;
using Orleans.Dashboard;
using Orleans.Placement;
using Orleans.Runtime.MembershipService.SiloMetadata;

namespace Gogobe.Silo.Hosting;

public static class SiloHostingExtensions
{
    /// <summary>Joins the Orleans cluster through the PostgreSQL membership table, with the dashboard and telemetry.</summary>
    public static WebApplicationBuilder AddGogobeSilo(this WebApplicationBuilder builder)
    {
        var silo = builder.Configuration.GetSection(SiloOptions.Section).Get<SiloOptions>() ?? new SiloOptions();
        var identity = builder.Configuration.GetSection(ClusterIdentityOptions.Section).Get<ClusterIdentityOptions>() ?? new ClusterIdentityOptions();
        var postgres = builder.Configuration.GetSection(PostgresOptions.Section).Get<PostgresOptions>() ?? new PostgresOptions();
        builder.Services.AddOptions<SiloOptions>().BindConfiguration(SiloOptions.Section);
        builder.Services.AddOptions<FeedReaderOptions>().BindConfiguration(FeedReaderOptions.Section);
        builder.Services.AddHostedService<SiloRoleMetrics>();

        builder.UseOrleans(orleans =>
        {
            orleans.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = identity.ClusterId;
                o.ServiceId = identity.ServiceId;
            });
            orleans.UseAdoNetClustering(o =>
            {
                o.Invariant = "Npgsql";
                o.ConnectionString = postgres.ConnectionString;
            });
            orleans.ConfigureEndpoints(silo.ResolveAdvertisedIp(), silo.SiloPort, silo.GatewayPort, silo.ListenOnAnyInterface);
            if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("KUBERNETES_SERVICE_HOST")))
            {
                orleans.UseKubernetesHosting();
            }

            orleans.Configure<GrainCollectionOptions>(o =>
            {
                o.CollectionAge = silo.IdleAfter;
                o.CollectionQuantum = silo.CollectionQuantum;
            });
            orleans.Configure<GrainDirectoryOptions>(o => o.CacheSize = silo.DirectoryCacheSize);
            orleans.Configure<ClusterMembershipOptions>(o =>
            {
                o.ProbeTimeout = silo.ProbeTimeout;
                o.DefunctSiloCleanupPeriod = TimeSpan.FromHours(1);
                o.DefunctSiloExpiration = TimeSpan.FromHours(6);
            });
            var roles = SiloRole.Parse(silo.Roles);
            orleans.AddSiloRolePlacement(roles);
            orleans.AddActivityPropagation();
            orleans.AddIncomingGrainCallFilter<ImportStepFailureFilter>();
            orleans.AddChangeStreams(roles);
            if (silo.Dashboard)
            {
                orleans.AddDashboard(o => o.CounterUpdateIntervalMs = (int)Math.Max(1000, silo.DashboardSampleInterval.TotalMilliseconds));
                orleans.Services.SetDashboardReading(silo.DashboardSampleInterval);
            }
        });

        builder.Services.AddGogobeGrainServices();
        builder.Services.AddGogobeQueryGrains(builder.Configuration);
        var ingest = builder.Services.AddGogobeIngest(builder.Configuration);
        ingest.AddMatchingBridge<GrainMatchingHandler>();
        if (silo.Holds(SiloRole.Import))
        {
            ingest.AddFileImportBridge<GrainImportHandler>();
            builder.Services.AddHealthChecks().AddCheck<ImportBridgeHealthCheck>("import-bridge");

            // Stopping, the bridge lets running imports finish for Ingest:ShutdownTimeout, then hands the rest back; Orleans
            // then leaves the cluster. The host waits for both (Kubernetes: keep terminationGracePeriodSeconds above it).
            var bridge = builder.Configuration.GetSection(BridgeOptions.Section).Get<BridgeOptions>() ?? new BridgeOptions();
            builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = bridge.ShutdownTimeout + TimeSpan.FromSeconds(30));
        }

        if (silo.Holds(SiloRole.Query))
        {
            builder.Services.AddStoreLocationSweep();
        }

        // Digests and webhooks are the interactive path: they run where the watch grains run, off import-only silos.
        if (silo.Holds(SiloRole.Query) && builder.Configuration.GetSection(AlertsOptions.Section).Get<AlertsOptions>() is not { Deliver: false })
        {
            builder.Services.AddWatchDelivery();
        }

        // The grains' ports, implemented by the ingest side: change events onto JetStream, uploads from the file store.
        builder.Services.AddSingleton<IChangeEvents>(sp => sp.GetRequiredService<EventPublisher>());
        builder.Services.AddSingleton<IUploadedFiles>(sp => sp.GetRequiredService<IFileStore>());
        builder.Services.AddHealthChecks().AddCheck<SiloMembershipHealthCheck>("cluster-membership");
        return builder;
    }

    /// <summary>Checks the settings the silo cannot start without; writes one line per problem.</summary>
    public static async Task<bool> CheckSiloSettingsAsync(this WebApplicationBuilder builder, TextWriter error)
    {
        var silo = builder.Configuration.GetSection(SiloOptions.Section).Get<SiloOptions>() ?? new SiloOptions();
        var ok = true;
        var reader = builder.Configuration.GetSection(FeedReaderOptions.Section).Get<FeedReaderOptions>() ?? new FeedReaderOptions();
        var alerts = builder.Configuration.GetSection(AlertsOptions.Section).Get<AlertsOptions>() ?? new AlertsOptions();
        foreach (var problem in silo.Validate().Concat(reader.Validate()).Concat(alerts.Validate()))
        {
            await error.WriteLineAsync($"gogobe-silo: {problem}");
            ok = false;
        }

        var dependencies = new StartupCheck(builder.Configuration, "gogobe-silo")
            .RequireSetting("FileStore:Root", "the folder that keeps uploaded files")
            .RequireServer(PostgresServer.Name, PostgresServer.Setting, PostgresServer.Endpoint, PostgresServer.ProbeAsync)
            .RequireServer(NatsServer.Name, NatsServer.Setting, NatsServer.Endpoint, NatsServer.ProbeAsync);
        return await dependencies.RunAsync(error) && ok;
    }
}
