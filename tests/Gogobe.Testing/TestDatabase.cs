using Npgsql;

namespace Gogobe.Testing;

/// <summary>A fresh PostgreSQL database for one test class, dropped afterwards.</summary>
public sealed class TestDatabase : IAsyncLifetime
{
    public string Name { get; } = $"gogobe_test_{Guid.NewGuid():N}"[..28];

    public string ConnectionString => new NpgsqlConnectionStringBuilder(Servers.Postgres) { Database = Name }.ConnectionString;

    public async Task InitializeAsync()
    {
        await using var admin = await OpenAdminAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE {Name}", admin);
        await create.ExecuteNonQueryAsync();
    }

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var admin = await OpenAdminAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }

    public NpgsqlDataSource CreateDataSource() => NpgsqlDataSource.Create(ConnectionString);

    private static async Task<NpgsqlConnection> OpenAdminAsync()
    {
        var connection = new NpgsqlConnection(Servers.Postgres);
        try
        {
            await connection.OpenAsync();
        }
        catch (Exception ex) when (ex is NpgsqlException or System.Net.Sockets.SocketException)
        {
            await connection.DisposeAsync();
            throw new InvalidOperationException(
                $"These tests need the PostgreSQL server of deploy/local/infra.sh (Postgres__ConnectionString = {Servers.Postgres}): {ex.Message}", ex);
        }

        return connection;
    }
}
