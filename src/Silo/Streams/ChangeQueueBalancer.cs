using Gogobe.Grains.Placement;
using Microsoft.Extensions.Logging;
using Orleans.Runtime.MembershipService.SiloMetadata;
using Orleans.Streams;

namespace Gogobe.Silo.Streams;

/// <summary>
/// Spreads the change streams' queues over the query silos only (ADR 0013, ADR 0018): the pulling agents, and with them
/// the watch grains placed beside them, stay off import-only silos, whose CPU the bulk import fills. The active silos
/// whose roles (silo metadata) hold <see cref="SiloRole.Query"/> are ordered by address and take the queues in turn. A
/// silo whose metadata is not known yet does not count (a query silo always counts itself), so no queue is left to a
/// silo that may not pull it; at worst a query silo the others do not know yet has its queues pulled twice. While one
/// is unknown the silo looks again, after 1 s, then twice as long each time up to a minute. Every queue pulls from the
/// same broker consumer, so two silos holding one queue only pull it more often; no event is lost.
/// </summary>
internal sealed partial class ChangeQueueBalancer : QueueBalancerBase
{
    private static readonly TimeSpan FirstRecheck = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LastRecheck = TimeSpan.FromMinutes(1);
    private readonly bool pulls;
    private readonly ISiloMetadataCache? metadata;
    private IReadOnlyList<QueueId> queues = [];
    private IReadOnlyList<QueueId> mine = [];
    private HashSet<SiloAddress> active = [];
    private readonly Lock gate = new();
    private int rechecking;

    public ChangeQueueBalancer(IServiceProvider services, ILogger<ChangeQueueBalancer> logger, IReadOnlyCollection<string> roles)
        : base(services, logger)
    {
        pulls = roles.Contains(SiloRole.Query, StringComparer.Ordinal);
        metadata = services.GetService(typeof(ISiloMetadataCache)) as ISiloMetadataCache;
    }

    /// <summary>The queues this silo pulls now.</summary>
    public override IEnumerable<QueueId> GetMyQueues() => mine;

    public override Task Initialize(IStreamQueueMapper queueMapper)
    {
        ArgumentNullException.ThrowIfNull(queueMapper);
        queues = [.. queueMapper.GetAllQueues()];
        Recompute();
        return base.Initialize(queueMapper);
    }

    protected override void OnClusterMembershipChange(HashSet<SiloAddress> activeSilos)
    {
        active = activeSilos;
        if (Recompute() && Interlocked.Exchange(ref rechecking, 1) == 0)
        {
            RecheckAsync().Ignore();
        }

        NotifyListeners().Ignore();
    }

    /// <summary>
    /// The queues <paramref name="me"/> pulls: the queues in order, given in turn to the <paramref name="querySilos"/>
    /// ordered by address (<paramref name="me"/> counts among them even before it is seen active).
    /// </summary>
    public static IReadOnlyList<QueueId> Assign(IReadOnlyList<QueueId> queues, IEnumerable<SiloAddress> querySilos, SiloAddress me)
    {
        var silos = querySilos.Append(me).Distinct().OrderBy(s => s.ToParsableString(), StringComparer.Ordinal).ToList();
        var position = silos.IndexOf(me);
        var ordered = queues.OrderBy(q => q.GetNumericId()).ThenBy(q => q.ToString(), StringComparer.Ordinal).ToList();
        return [.. ordered.Where((_, i) => i % silos.Count == position)];
    }

    /// <summary>Recomputes this silo's queues; returns whether an active silo's roles are not known yet.</summary>
    private bool Recompute()
    {
        if (!pulls)
        {
            return false;
        }

        lock (gate)
        {
            return RecomputeLocked();
        }
    }

    private bool RecomputeLocked()
    {
        var unknown = false;
        var querySilos = new List<SiloAddress>();
        foreach (var silo in active)
        {
            var roles = metadata?.GetSiloMetadata(silo).Metadata.GetValueOrDefault(SiloRole.MetadataKey);
            unknown |= metadata is not null && roles is null && !silo.Equals(SiloAddress);
            if (metadata is null || SiloRole.Holds(roles, SiloRole.Query))
            {
                querySilos.Add(silo);
            }
        }

        var next = Assign(queues, querySilos, SiloAddress);
        if (!next.SequenceEqual(mine))
        {
            LogQueues(Logger, next.Count, queues.Count, querySilos.Count(s => !s.Equals(SiloAddress)) + 1);
        }

        mine = next;
        return unknown;
    }

    private async Task RecheckAsync()
    {
        for (var wait = FirstRecheck; !Cancellation.IsCancellationRequested; wait = TimeSpan.FromTicks(Math.Min(wait.Ticks * 2, LastRecheck.Ticks)))
        {
            await Task.Delay(wait, Cancellation).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            var before = mine;
            var unknown = Recompute();
            if (!before.SequenceEqual(mine))
            {
                await NotifyListeners();
            }

            if (!unknown)
            {
                break;
            }
        }

        Volatile.Write(ref rechecking, 0);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Change streams: this silo pulls {Mine} of {Queues} queues, spread over {QuerySilos} query silos")]
    private static partial void LogQueues(ILogger logger, int mine, int queues, int querySilos);
}
