namespace Gogobe.Contracts.Products;

/// <summary>One product, keyed by its product key (barcode, or <c>chainId:code</c>): facts merged from every chain.</summary>
public interface IProductGrain : IGrainWithStringKey
{
    Task<ProductFacts?> Get();

    /// <summary>Forgets cached facts so the next call reads them again (after an import touched the product).</summary>
    Task Invalidate();
}

[GenerateSerializer, Immutable]
public sealed record ProductFacts(
    [property: Id(0)] string ProductKey,
    [property: Id(1)] string Name,
    [property: Id(2)] string? Manufacturer,
    [property: Id(3)] string? Country,
    [property: Id(4)] decimal? Quantity,
    [property: Id(5)] string? Unit,
    [property: Id(6)] bool IsWeighted,
    [property: Id(7)] IReadOnlyList<string> Chains,
    [property: Id(8)] IReadOnlyList<string> OtherNames);
