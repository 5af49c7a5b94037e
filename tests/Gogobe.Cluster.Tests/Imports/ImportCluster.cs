using Gogobe.Security;
using Gogobe.Testing;
using Npgsql;

namespace Gogobe.Cluster.Tests.Imports;

/// <summary>Two silos and a gateway on a fresh database, with an importer's client; torn down afterwards.</summary>
public sealed class ImportCluster : IAsyncDisposable
{
    private readonly TestDatabase database = new();

    private ImportCluster()
    {
        Cluster = new LocalCluster(database);
    }

    public LocalCluster Cluster { get; }

    public HostProcess Silo1 { get; private set; } = null!;

    public HostProcess Silo2 { get; private set; } = null!;

    public HostProcess Gateway { get; private set; } = null!;

    public ImportClient Client { get; private set; } = null!;

    /// <summary>A bearer token with the importer role for this cluster's gateway.</summary>
    public string Token { get; private set; } = null!;

    /// <summary>Settings for quick recovery in tests: short ack wait and redelivery, room for many attempts.</summary>
    public static Dictionary<string, string> FastRecovery => new()
    {
        ["Ingest__AckWait"] = "00:00:10",
        ["Ingest__RedeliveryDelay"] = "00:00:01",
        ["Ingest__MaxDeliveries"] = "30",
        ["Ingest__MaxConcurrentImports"] = "4",
    };

    public static async Task<ImportCluster> StartAsync(IReadOnlyDictionary<string, string>? siloSettings = null)
    {
        var cluster = new ImportCluster();
        await cluster.database.InitializeAsync();
        var settings = FastRecovery;
        foreach (var (key, value) in siloSettings ?? new Dictionary<string, string>())
        {
            settings[key] = value;
        }

        settings["Logging__LogLevel__Gogobe.Grains"] = "Information";
        cluster.Silo1 = cluster.Cluster.StartSilo("silo1", Servers.FreePort(), Servers.FreePort(), settings);
        cluster.Silo2 = cluster.Cluster.StartSilo("silo2", Servers.FreePort(), Servers.FreePort(), settings);
        await Task.WhenAll(cluster.Silo1.WaitReadyAsync(TimeSpan.FromSeconds(90)), cluster.Silo2.WaitReadyAsync(TimeSpan.FromSeconds(90)));
        cluster.Gateway = cluster.Cluster.StartGateway(settings);
        await cluster.Gateway.WaitReadyAsync(TimeSpan.FromSeconds(90));
        var token = TokenIssuer.Issue(new AuthOptions { SigningKey = cluster.Cluster.SigningKey }, "tests", [AuthOptions.ImporterRole], TimeSpan.FromHours(2), DateTimeOffset.UtcNow);
        cluster.Token = token;
        cluster.Client = new ImportClient(cluster.Gateway.BaseAddress, token);
        return cluster;
    }

    public async Task<long> CountAsync(string sql, params object[] args)
    {
        var dataSource = database.DataSource;
        // A PostgreSQL restart ends the pooled connections this test holds; drop them before reading.
        dataSource.Clear();
        await using var command = dataSource.CreateCommand(sql);
        foreach (var arg in args)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = arg });
        }

        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Current available prices of a store: product key → price.</summary>
    public Task<Dictionary<string, decimal>> PricesAsync(string chainId, string storeId) =>
        AvailableAsync(chainId, storeId, "price", r => r.GetDecimal(1));

    /// <summary>Current unit prices of a store's available items: product key → unit price.</summary>
    public Task<Dictionary<string, decimal?>> UnitPricesAsync(string chainId, string storeId) =>
        AvailableAsync<decimal?>(chainId, storeId, "unit_price", r => r.IsDBNull(1) ? null : r.GetDecimal(1));

    /// <summary>One column of a store's available items, by product key.</summary>
    private async Task<Dictionary<string, T>> AvailableAsync<T>(string chainId, string storeId, string column, Func<NpgsqlDataReader, T> read)
    {
        var dataSource = database.DataSource;
        // A PostgreSQL restart ends the pooled connections this test holds; drop them before reading.
        dataSource.Clear();
        await using var command = dataSource.CreateCommand($"SELECT product_key, {column} FROM store_prices WHERE chain_id = $1 AND store_id = $2 AND available");
        command.Parameters.Add(new NpgsqlParameter { Value = chainId });
        command.Parameters.Add(new NpgsqlParameter { Value = storeId });
        var values = new Dictionary<string, T>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            values[reader.GetString(0)] = read(reader);
        }

        return values;
    }

    public async ValueTask DisposeAsync()
    {
        Client?.Dispose();
        await Cluster.DisposeAsync();
        await database.DisposeAsync();
    }
}
