using Npgsql;

namespace Gogobe.Testing;

/// <summary>Silos and a gateway as real processes sharing one fresh database and cluster id.</summary>
public sealed class LocalCluster(TestDatabase database) : IAsyncDisposable
{
    private readonly List<HostProcess> hosts = [];

    public TestDatabase Database => database;

    public string ClusterId { get; } = $"test-{Guid.NewGuid():N}"[..16];

    public Dictionary<string, string> Environment => new()
    {
        ["Postgres__ConnectionString"] = database.ConnectionString,
        ["Nats__Url"] = Servers.Nats,
        ["Redis__Configuration"] = Servers.Redis,
        ["Cluster__ClusterId"] = ClusterId,
        ["Silo__ProbeTimeout"] = "00:00:02",
        ["Startup__DependencyTimeoutSeconds"] = "10",
        ["Logging__LogLevel__Default"] = "Warning",
        ["FileStore__Root"] = FileRoot,
        ["Auth__SigningKey"] = SigningKey,
        ["Ingest__Streams__SubjectPrefix"] = SubjectPrefix,
        ["Ingest__Streams__StreamPrefix"] = StreamPrefix,
    };

    /// <summary>Signing key of this cluster's gateway, for minting test tokens.</summary>
    public string SigningKey { get; } = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(36));

    public string FileRoot { get; } = Directory.CreateTempSubdirectory("gogobe-files-").FullName;

    /// <summary>NATS subjects and streams of this cluster only, so that test clusters never share work.</summary>
    public string SubjectPrefix => $"t{ClusterId[5..]}";

    public string StreamPrefix => $"T{ClusterId[5..]}_";

    /// <summary>Starts a silo with this cluster's settings, less Redis: silos do not use it.</summary>
    public HostProcess StartSilo(string name, int siloPort, int gatewayPort, IReadOnlyDictionary<string, string>? extra = null)
    {
        var env = Environment;
        env.Remove("Redis__Configuration");
        env["Silo__SiloPort"] = siloPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        env["Silo__GatewayPort"] = gatewayPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        foreach (var (key, value) in extra ?? new Dictionary<string, string>())
        {
            env[key] = value;
        }

        return Track(HostProcess.Start(name, Repository.HostAssembly("Silo", "Gogobe.Silo.dll"), env, Servers.FreePort()));
    }

    public HostProcess StartGateway(IReadOnlyDictionary<string, string>? extra = null)
    {
        var env = Environment;
        foreach (var (key, value) in extra ?? new Dictionary<string, string>())
        {
            env[key] = value;
        }

        return Track(HostProcess.Start("gateway", Repository.HostAssembly("Gateway", "Gogobe.Gateway.dll"), env, Servers.FreePort()));
    }

    /// <summary>The membership rows of this cluster: (port, generation, status).</summary>
    public async Task<IReadOnlyList<(int Port, int Generation, int Status)>> MembershipAsync()
    {
        var dataSource = database.DataSource;
        await using var command = dataSource.CreateCommand("SELECT port, generation, status FROM orleans_membership WHERE deployment_id = $1 ORDER BY port, generation");
        command.Parameters.AddWithValue(ClusterId);
        var rows = new List<(int, int, int)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetInt32(0), reader.GetInt32(1), reader.GetInt32(2)));
        }

        return rows;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var host in hosts)
        {
            await host.DisposeAsync();
        }

        Directory.Delete(FileRoot, recursive: true);
    }

    private HostProcess Track(HostProcess host)
    {
        hosts.Add(host);
        return host;
    }
}

/// <summary>Orleans silo status codes as stored in the membership table.</summary>
public static class SiloStatusCode
{
    public const int Active = 3;
    public const int Dead = 6;
}
