using Gogobe.Storage.Sql;
using Npgsql;

namespace Gogobe.Storage.Products;

/// <summary>Products (<c>products</c>) and their per-chain sources (<c>product_sources</c>), written by price imports.</summary>
public sealed class ProductCatalog(NpgsqlDataSource dataSource)
{
    private const string ProductSql = """
        SELECT product_key, barcode, chain_id, item_code, name, manufacturer, country, description, quantity, unit, unit_text,
               is_weighted, updated_at
        FROM products WHERE product_key = @key
        """;

    private const string SourcesSql = """
        SELECT chain_id, name, manufacturer, country, description, quantity, unit, unit_text, is_weighted, updated_at
        FROM product_sources WHERE product_key = @key ORDER BY chain_id
        """;

    /// <summary>The product's canonical facts and its sources ordered by chain, or null when it is unknown.</summary>
    public async Task<StoredProduct?> GetAsync(string productKey, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand(ProductSql) { Parameters = { Parameters.Text("key", productKey) } },
                new NpgsqlBatchCommand(SourcesSql) { Parameters = { Parameters.Text("key", productKey) } },
            },
        };
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        var product = new StoredProduct(
            ProductKey: reader.GetString(0),
            Barcode: reader.GetStringOrNull(1),
            ChainId: reader.GetStringOrNull(2),
            ItemCode: reader.GetString(3),
            Name: reader.GetString(4),
            Manufacturer: reader.GetStringOrNull(5),
            Country: reader.GetStringOrNull(6),
            Description: reader.GetStringOrNull(7),
            Quantity: reader.GetDecimalOrNull(8),
            Unit: reader.GetStringOrNull(9),
            UnitText: reader.GetStringOrNull(10),
            IsWeighted: reader.GetBoolean(11),
            UpdatedAt: reader.GetInstant(12),
            Sources: []);

        await reader.NextResultAsync(cancellationToken);
        var sources = new List<StoredProductSource>();
        while (await reader.ReadAsync(cancellationToken))
        {
            sources.Add(new StoredProductSource(
                ChainId: reader.GetString(0),
                Name: reader.GetString(1),
                Manufacturer: reader.GetStringOrNull(2),
                Country: reader.GetStringOrNull(3),
                Description: reader.GetStringOrNull(4),
                Quantity: reader.GetDecimalOrNull(5),
                Unit: reader.GetStringOrNull(6),
                UnitText: reader.GetStringOrNull(7),
                IsWeighted: reader.GetBoolean(8),
                UpdatedAt: reader.GetInstant(9)));
        }

        return product with { Sources = sources };
    }
}
