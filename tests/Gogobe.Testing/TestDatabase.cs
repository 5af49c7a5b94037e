using Gogobe.Storage.Schema;
using Npgsql;

namespace Gogobe.Testing;

/// <summary>
/// A fresh PostgreSQL database on the server of <c>deploy/local/infra.sh</c>, with Gogobe's schema, for one test class
/// or collection; dropped afterwards. <see cref="CreateEmptyAsync"/> makes one without the schema, for migration tests.
/// </summary>
public sealed class TestDatabase : IAsyncLifetime, IAsyncDisposable
{
    private readonly bool migrate;
    private NpgsqlDataSource? dataSource;

    public TestDatabase()
        : this(migrate: true)
    {
    }

    private TestDatabase(bool migrate) => this.migrate = migrate;

    public string Name { get; } = $"gogobe_test_{Guid.NewGuid():N}"[..28];

    public string ConnectionString => new NpgsqlConnectionStringBuilder(Servers.Postgres) { Database = Name }.ConnectionString;

    /// <summary>One pool for the test's own queries, closed before the database is dropped.</summary>
    public NpgsqlDataSource DataSource => dataSource ??= NpgsqlDataSource.Create(ConnectionString);

    /// <summary>A created database without any migration applied; dispose it with <c>await using</c>.</summary>
    public static async Task<TestDatabase> CreateEmptyAsync()
    {
        var database = new TestDatabase(migrate: false);
        await database.InitializeAsync();
        return database;
    }

    public async Task InitializeAsync()
    {
        await using var admin = await OpenAdminAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE {Name}", admin);
        await create.ExecuteNonQueryAsync();
        if (migrate)
        {
            await SchemaMigrator.MigrateAsync(DataSource);
        }
    }

    /// <summary>
    /// Drops the database. Backends of killed hosts can take longer than PostgreSQL's 5 s grace to go on a
    /// loaded machine ("being accessed by other users"), and a server restart by another test can cut the
    /// admin connection: both are retried for up to a minute before the failure is reported.
    /// </summary>
    public async Task DisposeAsync()
    {
        if (dataSource is not null)
        {
            await dataSource.DisposeAsync();
        }

        NpgsqlConnection.ClearAllPools();
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(1);
        while (true)
        {
            try
            {
                await using var admin = await OpenAdminAsync();
                await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)", admin);
                await drop.ExecuteNonQueryAsync();
                return;
            }
            catch (Exception ex) when (IsTransient(ex) && DateTime.UtcNow < deadline)
            {
                Console.Error.WriteLine($"dropping test database {Name}: {ex.Message}; retrying");
                await Task.Delay(TimeSpan.FromSeconds(2));
            }
        }
    }

    private static bool IsTransient(Exception ex) => ex switch
    {
        PostgresException pg => pg.SqlState is PostgresErrorCodes.ObjectInUse or PostgresErrorCodes.CannotConnectNow
            or PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.LockNotAvailable,
        NpgsqlException or InvalidOperationException => true,
        _ => false,
    };

    async ValueTask IAsyncDisposable.DisposeAsync() => await DisposeAsync();

    public async Task<T> ScalarAsync<T>(string sql, params object[] parameters)
    {
        await using var command = DataSource.CreateCommand(sql);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(parameter as NpgsqlParameter ?? new NpgsqlParameter { Value = parameter });
        }

        return (T)(await command.ExecuteScalarAsync())!;
    }

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
