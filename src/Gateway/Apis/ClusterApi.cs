using Gogobe.Contracts.Diagnostics;
using Gogobe.Gateway.Queries;
using Gogobe.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Gogobe.Gateway.Apis;

/// <summary>
/// Operator endpoints: which silos form the cluster and where a call lands. Local clients and operator tokens only:
/// a probe creates a grain, which no anonymous client may do.
/// </summary>
public static class ClusterApi
{
    public static RouteGroupBuilder MapClusterApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/cluster").WithTags("Cluster").RequireAuthorization(OperatorAccess.Policy);
        api.MapGet("/", GetSilos).WithName("GetClusterSilos").WithSummary("Active silos with their activation counts.");
        api.MapGet("/grains", GetGrainActivations).WithName("GetGrainActivations").WithSummary("Activations per grain type and silo.");
        api.MapGet("/probe/{key}", Probe).WithName("ProbeCluster").WithSummary("Calls a probe grain and says which silo answered.");
        return api;
    }

    public sealed record SiloInfo(string Address, string Status, int? Activations);

    private static async Task<Ok<SiloInfo[]>> GetSilos(IClusterClient client)
    {
        var management = client.GetGrain<IManagementGrain>(0);
        var hosts = await management.GetHosts(onlyActive: true);
        var silos = hosts.Keys.ToArray();
        var statistics = silos.Length == 0 ? [] : await management.GetRuntimeStatistics(silos);
        var result = silos
            .Select((silo, i) => new SiloInfo(silo.ToParsableString(), hosts[silo].ToString(), i < statistics.Length ? statistics[i].ActivationCount : null))
            .OrderBy(s => s.Address, StringComparer.Ordinal)
            .ToArray();
        return TypedResults.Ok(result);
    }

    public sealed record GrainActivations(string GrainType, string Silo, int Activations);

    private static async Task<Ok<GrainActivations[]>> GetGrainActivations(IClusterClient client)
    {
        var statistics = await client.GetGrain<IManagementGrain>(0).GetSimpleGrainStatistics();
        var result = statistics
            .Select(s => new GrainActivations(s.GrainType, s.SiloAddress.ToParsableString(), s.ActivationCount))
            .OrderBy(s => s.GrainType, StringComparer.Ordinal).ThenBy(s => s.Silo, StringComparer.Ordinal)
            .ToArray();
        return TypedResults.Ok(result);
    }

    private static async Task<Results<Ok<ProbeReply>, ProblemHttpResult>> Probe(string key, IClusterClient client) =>
        string.IsNullOrWhiteSpace(key) || key.Length > 100
            ? QueryInput.Invalid("key", "key names the probe grain: 1 to 100 characters, not only spaces.")
            : TypedResults.Ok(await client.GetGrain<IProbeGrain>(key).Ping());
}
