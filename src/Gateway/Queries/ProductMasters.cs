using Gogobe.Storage.Matching;

namespace Gogobe.Gateway.Queries;

/// <summary>
/// The master products of keys, straight from <c>product_masters</c> (one indexed query per request, not cached: an
/// operator's decision shows at once). A key without a stored master is its own.
/// </summary>
public sealed class ProductMasters(MasterProductStore store)
{
    /// <summary>Each key's master id and members (the master's own key first); unknown keys are left out.</summary>
    public Task<Dictionary<string, (string MasterId, List<MasterMember> Members)>> MembersOfAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken) =>
        store.MembersOfAsync(keys, cancellationToken);

    /// <summary>The master id of each key (the key itself when it has no stored master): cheap, for grouping search hits.</summary>
    public async Task<IReadOnlyDictionary<string, string>> MasterIdsAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken)
    {
        var stored = await store.MastersOfAsync(keys, cancellationToken);
        return keys.Distinct(StringComparer.Ordinal).ToDictionary(k => k, k => stored.GetValueOrDefault(k, k), StringComparer.Ordinal);
    }
}
