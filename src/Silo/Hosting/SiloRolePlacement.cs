using Gogobe.Grains.Placement;
using Orleans.Placement;
using Orleans.Runtime.MembershipService.SiloMetadata;

namespace Gogobe.Silo.Hosting;

public static class SiloRolePlacement
{
    /// <summary>Publishes the silo's roles in its metadata and places role-filtered grains on silos that hold the role.</summary>
    public static ISiloBuilder AddSiloRolePlacement(this ISiloBuilder orleans, IEnumerable<string> roles)
    {
        orleans.UseSiloMetadata(new Dictionary<string, string> { [SiloRole.MetadataKey] = string.Join(',', roles) });
        orleans.Services.AddPlacementFilter<SiloRoleFilter, SiloRoleFilterDirector>(ServiceLifetime.Transient);
        return orleans;
    }
}
