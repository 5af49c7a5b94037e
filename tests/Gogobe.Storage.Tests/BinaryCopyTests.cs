using Gogobe.Storage.Sql;
using Gogobe.Testing;
using Npgsql;

namespace Gogobe.Storage.Tests;

/// <summary>
/// The binary COPY encoder against PostgreSQL itself: every value written comes back equal, and a load that fails
/// part-way leaves nothing behind.
/// </summary>
public sealed class BinaryCopyTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private sealed record Sample(string? Text, decimal? Number, bool Flag, int? Small, long? Big, DateTimeOffset? At, string[] List);

    private static readonly decimal[] Numbers =
    [
        0m, 0.00m, -0.00m, 1m, -1m, 12.34m, -12.34m, 0.0273m, 0.908333333333333m, 5m, 50_000m, 10_000m, 9_999.9999m,
        100_000_000.01m, 0.0001m, 0.00001m, 1.5m, 123_456_789.123456789m, 1e-28m, decimal.MaxValue, decimal.MinValue,
        79_228_162_514_264_337_593_543.9503m, 0.1000m, 4.90m, 1_000_000_000_000m,
    ];

    private static readonly string?[] Texts =
    [
        null, "", "a", "7290000000012", "חלב תנובה 3% 1 ליטר", "מחיר ״מיוחד״ – 2 ב־10₪", "emoji 🛒 and more", new string('x', 100_000),
    ];

    [Fact]
    public async Task Every_value_comes_back_as_written()
    {
        var samples = new List<Sample>();
        for (var i = 0; i < Math.Max(Numbers.Length, Texts.Length) * 400; i++)
        {
            samples.Add(new Sample(
                Texts[i % Texts.Length],
                i % 7 == 0 ? null : Numbers[i % Numbers.Length],
                i % 2 == 0,
                i % 5 == 0 ? null : i - 5_000,
                i % 3 == 0 ? null : (long)i * 1_000_000_007L * (i % 2 == 0 ? 1 : -1),
                i % 4 == 0 ? null : new DateTimeOffset(2026, 1, 1, 6, 0, 0, TimeSpan.FromHours(2)).AddTicks(i * 1_234_567L * 10),
                i % 6 == 0 ? [] : [$"club-{i}", "מועדון", ""]));
        }

        await using var connection = await database.DataSource.OpenConnectionAsync();
        await Execute(connection, "CREATE TEMP TABLE copied (seq serial, t text, n numeric, f boolean, s integer, b bigint, at timestamptz, l text[])");
        await BinaryCopy.LoadAsync(connection, "COPY copied (t, n, f, s, b, at, l) FROM STDIN (FORMAT BINARY)", samples, static (row, s) =>
        {
            row.WriteText(s.Text);
            row.WriteNumeric(s.Number);
            row.WriteBoolean(s.Flag);
            row.WriteInteger(s.Small);
            row.WriteBigInt(s.Big);
            row.WriteInstant(s.At);
            row.WriteTextArray(s.List);
        }, CancellationToken.None);

        await using var read = new NpgsqlCommand("SELECT t, n, f, s, b, at, l, n::text FROM copied ORDER BY seq", connection);
        await using var reader = await read.ExecuteReaderAsync();
        var index = 0;
        while (await reader.ReadAsync())
        {
            var expected = samples[index++];
            Assert.Equal(expected.Text, reader.IsDBNull(0) ? null : reader.GetString(0));
            Assert.Equal(expected.Number, reader.IsDBNull(1) ? null : reader.GetDecimal(1));
            if (expected.Number is { } number)
            {
                // The scale travels too: 4.90 stays 4.90 and 0.00 stays 0.00 (zero has no sign in PostgreSQL).
                var text = number.ToString(System.Globalization.CultureInfo.InvariantCulture);
                Assert.Equal(number == 0 ? text.TrimStart('-') : text, reader.GetString(7));
            }

            Assert.Equal(expected.Flag, reader.GetBoolean(2));
            Assert.Equal(expected.Small, reader.IsDBNull(3) ? null : reader.GetInt32(3));
            Assert.Equal(expected.Big, reader.IsDBNull(4) ? null : reader.GetInt64(4));
            Assert.Equal(expected.At, reader.IsDBNull(5) ? null : new DateTimeOffset(reader.GetDateTime(5)));
            Assert.Equal(expected.List, reader.GetFieldValue<string[]>(6));
        }

        Assert.Equal(samples.Count, index);
    }

    [Fact]
    public async Task A_load_that_fails_part_way_keeps_no_row_and_leaves_the_connection_usable()
    {
        await using var connection = await database.DataSource.OpenConnectionAsync();
        await Execute(connection, "CREATE TEMP TABLE partial (n integer NOT NULL)");
        var rows = Enumerable.Range(0, 100_000).Select(i => i < 90_000 ? i : throw new InvalidDataException($"row {i} cannot be read"));

        var failure = await Assert.ThrowsAsync<InvalidDataException>(() =>
            BinaryCopy.LoadAsync(connection, "COPY partial (n) FROM STDIN (FORMAT BINARY)", rows, static (row, n) => row.WriteInteger(n), CancellationToken.None));

        Assert.Equal("row 90000 cannot be read", failure.Message);
        await using var count = new NpgsqlCommand("SELECT count(*) FROM partial", connection);
        Assert.Equal(0L, await count.ExecuteScalarAsync());
    }

    private static async Task Execute(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
