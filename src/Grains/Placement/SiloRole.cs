namespace Gogobe.Grains.Placement;

/// <summary>
/// The work a silo takes (<c>Silo:Roles</c>): <see cref="Query"/> silos host the grains the gateway asks, <see cref="Import"/>
/// silos run the JetStream consumer and host the grains that import files. Each silo publishes its roles in its Orleans
/// silo metadata under <see cref="MetadataKey"/>; <see cref="SiloRolePlacementAttribute"/> places a grain on silos with a role.
/// </summary>
public static class SiloRole
{
    public const string Query = "query";

    public const string Import = "import";

    /// <summary>Silo metadata key whose value lists the silo's roles, comma-separated.</summary>
    public const string MetadataKey = "gogobe.roles";

    public static IReadOnlyList<string> Known { get; } = [Query, Import];

    /// <summary>The roles named in a comma-separated list, lower-cased, without blanks or repeats.</summary>
    public static IReadOnlyList<string> Parse(string? roles) =>
        (roles ?? string.Empty).Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(r => r.ToLowerInvariant())
            .Distinct(StringComparer.Ordinal)
            .ToArray();

    /// <summary>Whether a comma-separated role list (a silo's metadata value) holds <paramref name="role"/>.</summary>
    public static bool Holds(string? roles, string role) => Parse(roles).Contains(role, StringComparer.Ordinal);
}
