namespace Gogobe.Storage;

/// <summary>Where Gogobe keeps its data and its cluster membership. Section <c>Postgres</c>.</summary>
public sealed class PostgresOptions
{
    public const string Section = "Postgres";

    /// <summary>Npgsql connection string, e.g. <c>Host=127.0.0.1;Port=55432;Database=gogobe;Username=gogobe;Password=gogobe</c>.</summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>Apply schema migrations at start-up (the default). Turn off where a deployment job applies them.</summary>
    public bool MigrateOnStart { get; set; } = true;
}
