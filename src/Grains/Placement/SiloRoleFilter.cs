using Orleans.Metadata;
using Orleans.Placement;
using Orleans.Runtime;

namespace Gogobe.Grains.Placement;

/// <summary>
/// Orleans placement filter: candidate silos are those whose metadata lists <see cref="Role"/>. Orleans creates one per
/// grain type and initialises it from the grain type's properties, which <see cref="SiloRolePlacementAttribute"/> fills.
/// </summary>
public sealed class SiloRoleFilter : PlacementFilterStrategy
{
    private const string RoleProperty = "role";

    public SiloRoleFilter()
        : base(0)
    {
    }

    internal SiloRoleFilter(string role)
        : base(0)
    {
        Role = role;
    }

    /// <summary>The role a silo needs to host the grain.</summary>
    public string Role { get; private set; } = SiloRole.Query;

    public override void AdditionalInitialize(GrainProperties properties)
    {
        Role = GetPlacementFilterGrainProperty(RoleProperty, properties) ?? Role;
    }

    protected override IEnumerable<KeyValuePair<string, string>> GetAdditionalGrainProperties(
        IServiceProvider services, Type grainClass, GrainType grainType, IReadOnlyDictionary<string, string> existingProperties)
    {
        yield return new KeyValuePair<string, string>(RoleProperty, Role);
    }
}
