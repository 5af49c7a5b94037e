using Gogobe.Contracts.Diagnostics;
using Orleans.Runtime;

namespace Gogobe.Grains.Diagnostics;

public sealed class ProbeGrain(ILocalSiloDetails silo) : Grain, IProbeGrain
{
    private readonly DateTimeOffset activatedAt = DateTimeOffset.UtcNow;
    private long calls;

    public Task<ProbeReply> Ping() =>
        Task.FromResult(new ProbeReply(this.GetPrimaryKeyString(), silo.SiloAddress.ToParsableString(), activatedAt, ++calls));
}
