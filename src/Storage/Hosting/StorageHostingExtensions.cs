using Gogobe.Storage.Schema;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Gogobe.Storage.Hosting;

/// <summary>PostgreSQL for a host: its settings, the shared data source, its readiness check and the schema migrations.</summary>
public static class StorageHostingExtensions
{
    /// <summary>
    /// Binds <see cref="PostgresOptions"/> (section <c>Postgres</c>), registers one <see cref="NpgsqlDataSource"/> named
    /// <paramref name="applicationName"/> and the <c>postgres</c> health check.
    /// </summary>
    public static IHostApplicationBuilder AddGogobeStorage(this IHostApplicationBuilder builder, string applicationName)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<PostgresOptions>().BindConfiguration(PostgresOptions.Section);
        builder.Services.AddSingleton(sp => BuildDataSource(sp.GetRequiredService<IOptions<PostgresOptions>>().Value.ConnectionString, applicationName));
        builder.Services.AddHealthChecks().AddCheck<PostgresHealthCheck>("postgres");
        return builder;
    }

    /// <summary>A pool of connections to the database, named <paramref name="name"/>, of at most <paramref name="maxPoolSize"/> connections (else the connection string's).</summary>
    public static NpgsqlDataSource BuildDataSource(string connectionString, string name, int? maxPoolSize = null)
    {
        var source = new NpgsqlDataSourceBuilder(connectionString) { Name = name };

        // A connection back in the pool is not reset (four statements the server parses at its next use, ADR 0018):
        // nothing here leaves session state behind (temporary tables drop at commit, advisory locks are unlocked or
        // transaction-scoped, listeners unlisten before they give their connection back).
        source.ConnectionStringBuilder.NoResetOnClose = true;
        if (maxPoolSize is { } most)
        {
            source.ConnectionStringBuilder.MaxPoolSize = most;
        }

        return source.Build();
    }

    /// <summary>Applies the schema migrations before the host starts, unless <c>Postgres:MigrateOnStart</c> is false.</summary>
    public static async Task MigrateDatabaseAsync(this IHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        if (host.Services.GetRequiredService<IOptions<PostgresOptions>>().Value.MigrateOnStart)
        {
            await SchemaMigrator.MigrateAsync(host.Services.GetRequiredService<NpgsqlDataSource>());
        }
    }
}
