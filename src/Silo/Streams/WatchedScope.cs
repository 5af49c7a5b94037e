using System.Collections.Frozen;

namespace Gogobe.Silo.Streams;

/// <summary>
/// The stores the watches of one product can see (immutable): every store, or the union of the chains and the stores
/// (<c>chain:store</c>) they name. A watch naming stores is counted by its stores (a store names its chain), one naming
/// chains only by its chains, and one naming neither, or only a place, as every store.
/// </summary>
public sealed record WatchedScope(bool Anywhere, FrozenSet<string> Chains, FrozenSet<string> Stores)
{
    public static readonly WatchedScope Everywhere = new(true, FrozenSet<string>.Empty, FrozenSet<string>.Empty);

    public bool Sees(string chainId, string storeId) =>
        Anywhere || Chains.Contains(chainId) || (Stores.Count > 0 && Stores.Contains($"{chainId}:{storeId}"));

    /// <summary>The scope that sees what either sees.</summary>
    public WatchedScope With(WatchedScope other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (Anywhere || other.Anywhere)
        {
            return Everywhere;
        }

        return new WatchedScope(false, Union(Chains, other.Chains), Union(Stores, other.Stores));
    }

    /// <summary>
    /// A notification of <c>gogobe_watched_products</c>: the product on the first line, then <c>s&lt;TAB&gt;chain:store</c>
    /// or <c>c&lt;TAB&gt;chain</c> lines; none (or a line it cannot read) means every store.
    /// </summary>
    public static (string ProductKey, WatchedScope Scope) Parse(string payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        var lines = payload.Split('\n');
        var chains = new List<string>();
        var stores = new List<string>();
        foreach (var line in lines.Skip(1))
        {
            switch (line.Split('\t', 2))
            {
                case ["c", var chain]:
                    chains.Add(chain);
                    break;
                case ["s", var store]:
                    stores.Add(store);
                    break;
                default:
                    return (lines[0], Everywhere);
            }
        }

        return chains.Count == 0 && stores.Count == 0
            ? (lines[0], Everywhere)
            : (lines[0], new WatchedScope(false, chains.ToFrozenSet(StringComparer.Ordinal), stores.ToFrozenSet(StringComparer.Ordinal)));
    }

    private static FrozenSet<string> Union(FrozenSet<string> a, FrozenSet<string> b) =>
        b.Count == 0 ? a : a.Count == 0 ? b : a.Union(b).ToFrozenSet(StringComparer.Ordinal);
}
