using Gogobe.Grains.Placement;
using Orleans.Placement;
using Orleans.Runtime.MembershipService.SiloMetadata;
using Orleans.Runtime.Placement;

namespace Gogobe.Silo.Hosting;

/// <summary>Keeps the candidate silos whose metadata lists the role a <see cref="SiloRoleFilter"/> asks for.</summary>
internal sealed class SiloRoleFilterDirector(ISiloMetadataCache metadata) : IPlacementFilterDirector
{
    public IEnumerable<SiloAddress> Filter(PlacementFilterStrategy filterStrategy, PlacementTarget target, IEnumerable<SiloAddress> silos)
    {
        var role = (filterStrategy as SiloRoleFilter)?.Role ?? SiloRole.Query;
        return silos.Where(silo => SiloRole.Holds(metadata.GetSiloMetadata(silo).Metadata.GetValueOrDefault(SiloRole.MetadataKey), role));
    }
}
