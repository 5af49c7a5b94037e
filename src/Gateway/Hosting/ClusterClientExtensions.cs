using Gogobe.Gateway.Caching;
using Gogobe.Ingest.Hosting;
using Gogobe.Security;
using Gogobe.ServiceDefaults.Configuration;
using Gogobe.Storage;
using Gogobe.Storage.Hosting;
using Orleans.Configuration;

namespace Gogobe.Gateway.Hosting;

public static class ClusterClientExtensions
{
    /// <summary>An Orleans client that finds the silos through the same PostgreSQL membership table.</summary>
    public static WebApplicationBuilder AddGogobeClusterClient(this WebApplicationBuilder builder)
    {
        var identity = builder.Configuration.GetSection(ClusterIdentityOptions.Section).Get<ClusterIdentityOptions>() ?? new ClusterIdentityOptions();
        var postgres = builder.Configuration.GetSection(PostgresOptions.Section).Get<PostgresOptions>() ?? new PostgresOptions();
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = identity.ClusterId;
                o.ServiceId = identity.ServiceId;
            });
            client.UseAdoNetClustering(o =>
            {
                o.Invariant = "Npgsql";
                o.ConnectionString = postgres.ConnectionString;
            });
            client.Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = TimeSpan.FromSeconds(10));
            client.UseConnectionRetryFilter<SiloWaitRetryFilter>();
            client.AddActivityPropagation();
        });
        builder.Services.AddHealthChecks().AddCheck<ClusterReachableHealthCheck>("cluster-membership");
        return builder;
    }

    /// <summary>Checks the settings the gateway cannot start without; writes one line per problem.</summary>
    public static async Task<bool> CheckGatewaySettingsAsync(this WebApplicationBuilder builder, TextWriter error)
    {
        var ok = true;
        var auth = builder.Configuration.GetSection(AuthOptions.Section).Get<AuthOptions>() ?? new AuthOptions();
        foreach (var problem in auth.Validate())
        {
            await error.WriteLineAsync($"gogobe-gateway: {problem}");
            ok = false;
        }

        var dependencies = new StartupCheck(builder.Configuration, "gogobe-gateway")
            .RequireSetting("FileStore:Root", "the folder that keeps uploaded files")
            .RequireServer(PostgresServer.Name, PostgresServer.Setting, PostgresServer.Endpoint, PostgresServer.ProbeAsync)
            .RequireServer(NatsServer.Name, NatsServer.Setting, NatsServer.Endpoint, NatsServer.ProbeAsync)
            .RequireServer(RedisServer.Name, RedisServer.Setting, RedisServer.Endpoint, RedisServer.ProbeAsync);
        return await dependencies.RunAsync(error) && ok;
    }
}
