using System.Diagnostics;
using Gogobe.Storage.Prices;
using Npgsql;
using NpgsqlTypes;
using Xunit.Abstractions;
using static Gogobe.Storage.Tests.PriceSamples;

namespace Gogobe.Storage.Tests;

public sealed class ScratchProfile(PostgresDatabase database, ITestOutputHelper output) : IClassFixture<PostgresDatabase>
{
    [Fact]
    public async Task Profile()
    {
        for (var round = 0; round < 2; round++)
        {
            var rows = Many(16000, $"r{round}");
            await using var connection = await database.DataSource.OpenConnectionAsync();
            await using var tx = await connection.BeginTransactionAsync();
            var clock = Stopwatch.StartNew();
            await PriceStaging.StageAsync(connection, tx, rows, default);
            output.WriteLine($"stage {clock.ElapsedMilliseconds}");
            foreach (var (name, sql) in new[] { ("products", PriceListSql.UpsertProducts), ("sources", PriceListSql.UpsertSources), ("changes", PriceListSql.RecordChanges), ("prices", PriceListSql.UpsertPrices) })
            {
                clock.Restart();
                await using var command = new NpgsqlCommand(sql, connection, tx);
                command.Parameters.Add(new NpgsqlParameter("chain", NpgsqlDbType.Text) { Value = "c" + round });
                command.Parameters.Add(new NpgsqlParameter("store", NpgsqlDbType.Text) { Value = "s" });
                command.Parameters.Add(new NpgsqlParameter("import", NpgsqlDbType.Text) { Value = "i" });
                command.Parameters.Add(new NpgsqlParameter("file_at", NpgsqlDbType.TimestampTz) { Value = Day1 });
                var n = await command.ExecuteNonQueryAsync();
                output.WriteLine($"{name} {n} {clock.ElapsedMilliseconds}");
            }

            clock.Restart();
            await tx.CommitAsync();
            output.WriteLine($"commit {clock.ElapsedMilliseconds}");
        }
    }
}
