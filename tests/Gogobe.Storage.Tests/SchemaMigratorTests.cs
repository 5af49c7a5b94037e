using Gogobe.Storage.Schema;
using Gogobe.Testing;

namespace Gogobe.Storage.Tests;

public sealed class SchemaMigratorTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private const string Fingerprint = """
        SELECT md5(string_agg(table_name || '.' || column_name || ':' || data_type || ':' || is_nullable, ',' ORDER BY table_name, column_name))
        FROM information_schema.columns WHERE table_schema = 'public'
        """;

    private const string Indexes = "SELECT md5(string_agg(indexdef, ',' ORDER BY indexname)) FROM pg_indexes WHERE schemaname = 'public'";

    [Fact]
    public async Task Migrating_again_changes_nothing()
    {
        var columns = await database.ScalarAsync<string>(Fingerprint);
        var indexes = await database.ScalarAsync<string>(Indexes);
        var applied = await database.ScalarAsync<long>("SELECT count(*) FROM schema_migrations");

        var second = await SchemaMigrator.MigrateAsync(database.DataSource);

        Assert.Empty(second);
        Assert.Equal(SchemaMigrator.Scripts().Count(), applied);
        Assert.Equal(columns, await database.ScalarAsync<string>(Fingerprint));
        Assert.Equal(indexes, await database.ScalarAsync<string>(Indexes));
        Assert.Equal(applied, await database.ScalarAsync<long>("SELECT count(*) FROM schema_migrations"));
    }

    [Fact]
    public async Task Concurrent_migrations_apply_each_script_once()
    {
        var runs = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => SchemaMigrator.MigrateAsync(database.DataSource)));

        Assert.All(runs, Assert.Empty);
        Assert.Equal(SchemaMigrator.Scripts().Count(), await database.ScalarAsync<long>("SELECT count(*) FROM schema_migrations"));
    }
}
