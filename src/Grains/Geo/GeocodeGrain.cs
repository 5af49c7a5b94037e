using Gogobe.Contracts.Geo;
using Gogobe.Grains.Placement;

namespace Gogobe.Grains.Geo;

/// <summary>A city resolved once per activation from the silo's <see cref="LocalityDirectory"/>.</summary>
[SiloRolePlacement(SiloRole.Query)]
public sealed class GeocodeGrain(LocalityDirectory localities) : Grain, IGeocodeGrain
{
    private Locality? locality;
    private bool resolved;

    public Task<Locality?> Resolve()
    {
        if (!resolved)
        {
            locality = localities.Find(this.GetPrimaryKeyString());
            resolved = true;
        }

        return Task.FromResult(locality);
    }
}
