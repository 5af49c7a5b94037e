using Orleans.Placement;

namespace Gogobe.Grains.Placement;

/// <summary>Places the grain only on silos that hold <paramref name="role"/> (see <see cref="SiloRole"/>).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class SiloRolePlacementAttribute(string role) : PlacementFilterAttribute(new SiloRoleFilter(role))
{
    public string Role { get; } = role;
}
