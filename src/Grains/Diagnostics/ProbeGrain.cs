using Gogobe.Contracts.Diagnostics;
using Orleans.Runtime;
using Gogobe.Grains.Placement;

namespace Gogobe.Grains.Diagnostics;

[SiloRolePlacement(SiloRole.Query)]
public sealed class ProbeGrain(ILocalSiloDetails silo) : Grain, IProbeGrain
{
    private readonly DateTimeOffset activatedAt = DateTimeOffset.UtcNow;
    private long calls;

    public Task<ProbeReply> Ping() =>
        Task.FromResult(new ProbeReply(this.GetPrimaryKeyString(), silo.SiloAddress.ToParsableString(), activatedAt, ++calls));
}
