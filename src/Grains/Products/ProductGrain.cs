using Gogobe.Contracts.Products;
using Gogobe.Storage.Products;
using Gogobe.Grains.Placement;

namespace Gogobe.Grains.Products;

/// <summary>
/// One product, keyed by its product key. Merges what every chain says of it: the canonical name is the one most
/// chains use (ties: the canonical row's), other names are kept for search and display.
/// </summary>
[SiloRolePlacement(SiloRole.Query)]
public sealed class ProductGrain(ProductCatalog catalog) : Grain, IProductGrain
{
    private ProductFacts? facts;
    private bool loaded;

    public async Task<ProductFacts?> Get()
    {
        if (!loaded)
        {
            var stored = await catalog.GetAsync(this.GetPrimaryKeyString());
            facts = stored is null ? null : Merge(stored);
            loaded = true;
        }

        return facts;
    }

    public Task Invalidate()
    {
        loaded = false;
        facts = null;
        return Task.CompletedTask;
    }

    internal static ProductFacts Merge(StoredProduct product)
    {
        var names = product.Sources
            .Where(s => !string.IsNullOrWhiteSpace(s.Name))
            .GroupBy(s => s.Name.Trim(), StringComparer.Ordinal)
            .OrderByDescending(g => g.Count())
            .ThenBy(g => string.Equals(g.Key, product.Name, StringComparison.Ordinal) ? 0 : 1)
            .ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => g.Key)
            .ToList();
        var name = names.FirstOrDefault() ?? product.Name;
        string? Most(Func<StoredProductSource, string?> field, string? fallback) => product.Sources
            .Select(field).Where(v => !string.IsNullOrWhiteSpace(v))
            .GroupBy(v => v!, StringComparer.Ordinal).OrderByDescending(g => g.Count()).Select(g => g.Key).FirstOrDefault() ?? fallback;

        return new ProductFacts(
            product.ProductKey,
            name,
            Most(s => s.Manufacturer, product.Manufacturer),
            Most(s => s.Country, product.Country),
            product.Quantity ?? product.Sources.Select(s => s.Quantity).FirstOrDefault(q => q is not null),
            Most(s => s.Unit, product.Unit),
            product.IsWeighted,
            product.Sources.Select(s => s.ChainId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList(),
            names.Where(n => !string.Equals(n, name, StringComparison.Ordinal)).ToList());
    }
}
