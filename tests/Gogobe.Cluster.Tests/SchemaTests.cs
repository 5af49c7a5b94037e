using Gogobe.Testing;
using Gogobe.Storage.Schema;

namespace Gogobe.Cluster.Tests;

public sealed class SchemaTests
{
    [Fact]
    public async Task Migrating_twice_changes_nothing()
    {
        await using var database = await TestDatabase.CreateEmptyAsync();
        var dataSource = database.DataSource;
        var first = await SchemaMigrator.MigrateAsync(dataSource);
        var afterFirst = await DescribeAsync(dataSource);
        var second = await SchemaMigrator.MigrateAsync(dataSource);
        var afterSecond = await DescribeAsync(dataSource);

        Assert.Equal(SchemaMigrator.Scripts().Select(s => s.Id), first);
        Assert.Empty(second);
        Assert.Equal(afterFirst, afterSecond);
        Assert.Contains("orleansquery.querytext", afterFirst, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Concurrent_migrations_apply_each_script_once()
    {
        await using var database = await TestDatabase.CreateEmptyAsync();
        var dataSource = database.DataSource;
        var runs = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => SchemaMigrator.MigrateAsync(dataSource)));
        var applied = runs.SelectMany(r => r).ToList();
        Assert.Equal(applied.Distinct().Count(), applied.Count);
        await using var count = dataSource.CreateCommand("SELECT count(*) FROM schema_migrations");
        Assert.Equal((long)SchemaMigrator.Scripts().Count(), (long)(await count.ExecuteScalarAsync())!);
    }

    /// <summary>Every column of every table plus the stored Orleans queries, as one comparable text.</summary>
    private static async Task<string> DescribeAsync(Npgsql.NpgsqlDataSource dataSource)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT string_agg(line, E'\n' ORDER BY line) FROM (
                SELECT table_name || '.' || column_name || ' ' || data_type AS line
                FROM information_schema.columns WHERE table_schema = 'public'
                UNION ALL SELECT 'query ' || querykey || ' ' || md5(querytext) FROM orleansquery
                UNION ALL SELECT 'index ' || indexname || ' ' || md5(indexdef) FROM pg_indexes WHERE schemaname = 'public'
            ) AS schema_lines
            """);
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
