namespace Gogobe.Places;

/// <summary>The localities each chain has stores in, with how many, most first.</summary>
public sealed class ChainLocalities
{
    private readonly Dictionary<string, Dictionary<int, int>> counts = new(StringComparer.Ordinal);

    public void Add(string chainId, int localityCode, int stores = 1)
    {
        if (!counts.TryGetValue(chainId, out var chain))
        {
            counts[chainId] = chain = [];
        }

        chain[localityCode] = chain.GetValueOrDefault(localityCode) + stores;
    }

    public IEnumerable<int> Of(string chainId) =>
        counts.TryGetValue(chainId, out var chain) ? chain.OrderByDescending(c => c.Value).ThenBy(c => c.Key).Select(c => c.Key) : [];
}
