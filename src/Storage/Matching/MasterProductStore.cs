using System.Globalization;
using Gogobe.Storage.Sql;
using Npgsql;

namespace Gogobe.Storage.Matching;

/// <summary>
/// Master products (<c>product_masters</c>), operators' decisions (<c>master_decisions</c>) and trained matchers
/// (<c>match_models</c>). A product without a row is its own master. Writes never move a product an operator decided.
/// </summary>
public sealed class MasterProductStore(NpgsqlDataSource dataSource)
{
    /// <summary>Offers with the chain's lowest price, aggregated once ({0}: a filter of the products, or none).</summary>
    private const string OffersSql = """
        SELECT ps.product_key, ps.chain_id, p.item_code, p.chain_id IS NOT NULL, ps.name, ps.manufacturer, ps.quantity, ps.unit,
               ps.is_weighted, COALESCE(lowest.price, 0)
        FROM product_sources ps JOIN products p ON p.product_key = ps.product_key
        LEFT JOIN (SELECT sp.product_key, sp.chain_id, min(sp.price) AS price FROM store_prices sp {0} GROUP BY 1, 2) lowest
            ON lowest.product_key = ps.product_key AND lowest.chain_id = ps.chain_id
        """;

    private const string AssignSql = """
        INSERT INTO product_masters AS pm (product_key, master_id, matched_by, confidence, matched_at)
        SELECT a.key, a.master, a.by, a.confidence, now()
        FROM unnest(@keys, @masters, @by, @confidence) AS a(key, master, by, confidence)
        WHERE NOT EXISTS (SELECT 1 FROM master_decisions d WHERE d.product_key = a.key)
        ON CONFLICT (product_key) DO UPDATE SET
            master_id = excluded.master_id, matched_by = excluded.matched_by, confidence = excluded.confidence, matched_at = now()
        WHERE (pm.master_id, pm.matched_by, pm.confidence) IS DISTINCT FROM (excluded.master_id, excluded.matched_by, excluded.confidence)
        """;

    /// <summary>Records the decision and puts the product in its master; a split product's former members are renamed after one of them.</summary>
    private const string DecideSql = """
        WITH product AS (SELECT product_key FROM products WHERE product_key = @key),
        renamed AS (
            UPDATE product_masters pm SET master_id = (
                SELECT min(o.product_key) FROM product_masters o WHERE o.master_id = @key AND o.product_key <> @key)
            WHERE @decision = 'split' AND pm.master_id = @key AND pm.product_key <> @key AND EXISTS (SELECT 1 FROM product)
            RETURNING pm.product_key, pm.master_id),
        redecided AS (
            UPDATE master_decisions d SET master_id = r.master_id FROM renamed r WHERE d.product_key = r.product_key),
        decided AS (
            INSERT INTO master_decisions (product_key, decision, master_id, decided_by)
            SELECT product_key, @decision, @master, @by FROM product
            ON CONFLICT (product_key) DO UPDATE SET decision = excluded.decision, master_id = excluded.master_id,
                decided_by = excluded.decided_by, decided_at = now())
        INSERT INTO product_masters (product_key, master_id, matched_by, confidence)
        SELECT product_key, @master, 'manual', 1 FROM product
        ON CONFLICT (product_key) DO UPDATE SET master_id = excluded.master_id, matched_by = 'manual', confidence = 1, matched_at = now()
        RETURNING product_key
        """;

    /// <summary>What the matcher reads about every product: one offer per (product, chain).</summary>
    public Task<List<CatalogueOffer>> LoadCatalogueAsync(CancellationToken cancellationToken = default) =>
        ReadOffersAsync(string.Format(CultureInfo.InvariantCulture, OffersSql, "") + " ORDER BY ps.product_key, ps.chain_id", null, cancellationToken);

    /// <summary>The offers of some products.</summary>
    public Task<List<CatalogueOffer>> LoadOffersAsync(IReadOnlyCollection<string> productKeys, CancellationToken cancellationToken = default) =>
        ReadOffersAsync(
            string.Format(CultureInfo.InvariantCulture, OffersSql, "WHERE sp.product_key = ANY(@keys)") + " WHERE ps.product_key = ANY(@keys) ORDER BY ps.product_key, ps.chain_id",
            productKeys,
            cancellationToken);

    /// <summary>Every stored assignment with the operator's decision on it.</summary>
    public async Task<List<MasterAssignment>> LoadAssignmentsAsync(CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT pm.product_key, pm.master_id, pm.matched_by, pm.confidence, d.decision
            FROM product_masters pm LEFT JOIN master_decisions d ON d.product_key = pm.product_key
            """);
        var rows = new List<MasterAssignment>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new MasterAssignment(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetFloat(3), reader.GetStringOrNull(4)));
        }

        return rows;
    }

    /// <summary>Writes matches; products an operator decided are left as they are.</summary>
    public async Task AssignAsync(IReadOnlyList<MasterAssignment> assignments, CancellationToken cancellationToken = default)
    {
        foreach (var part in assignments.Chunk(20_000))
        {
            await using var command = dataSource.CreateCommand(AssignSql);
            command.Parameters.Add(Parameters.TextArray("keys", part.Select(a => a.ProductKey).ToArray()));
            command.Parameters.Add(Parameters.TextArray("masters", part.Select(a => a.MasterId).ToArray()));
            command.Parameters.Add(Parameters.TextArray("by", part.Select(a => a.MatchedBy).ToArray()));
            command.Parameters.Add(Parameters.RealArray("confidence", part.Select(a => a.Confidence).ToArray()));
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>Forgets every match no operator decided (before matching the catalogue again).</summary>
    public async Task<int> ClearUndecidedAsync(CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            "DELETE FROM product_masters pm WHERE NOT EXISTS (SELECT 1 FROM master_decisions d WHERE d.product_key = pm.product_key)");
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Records an operator's decision: <c>confirm</c> keeps the product in <paramref name="masterId"/>, <c>split</c> makes
    /// it its own master (pass its key). False when no product has the key.
    /// </summary>
    public async Task<bool> DecideAsync(string productKey, string decision, string masterId, string? decidedBy, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(DecideSql);
        command.Parameters.Add(Parameters.Text("key", productKey));
        command.Parameters.Add(Parameters.Text("decision", decision));
        command.Parameters.Add(Parameters.Text("master", masterId));
        command.Parameters.Add(Parameters.Text("by", decidedBy));
        return await command.ExecuteScalarAsync(cancellationToken) is not null;
    }

    /// <summary>The master of each key that has a stored one (a key left out is its own master, or unknown).</summary>
    public async Task<Dictionary<string, string>> MastersOfAsync(IReadOnlyCollection<string> productKeys, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("SELECT product_key, master_id FROM product_masters WHERE product_key = ANY(@keys)");
        command.Parameters.Add(Parameters.TextArray("keys", productKeys));
        var masters = new Dictionary<string, string>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            masters[reader.GetString(0)] = reader.GetString(1);
        }

        return masters;
    }

    /// <summary>
    /// For each key, the master it belongs to and that master's members (a key without a stored master is alone, and
    /// is listed as its own only member when it is a product).
    /// </summary>
    public async Task<Dictionary<string, (string MasterId, List<MasterMember> Members)>> MembersOfAsync(
        IReadOnlyCollection<string> productKeys, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT q.key, COALESCE(pm.master_id, q.key), m.product_key, p.chain_id, p.name,
                   COALESCE(mm.matched_by, 'code'), COALESCE(mm.confidence, 1)
            FROM unnest(@keys) AS q(key)
            LEFT JOIN product_masters pm ON pm.product_key = q.key
            CROSS JOIN LATERAL (
                SELECT o.product_key FROM product_masters o WHERE pm.master_id IS NOT NULL AND o.master_id = pm.master_id
                UNION SELECT q.key) m
            JOIN products p ON p.product_key = m.product_key
            LEFT JOIN product_masters mm ON mm.product_key = m.product_key
            ORDER BY q.key, m.product_key <> COALESCE(pm.master_id, q.key), m.product_key
            """);
        command.Parameters.Add(Parameters.TextArray("keys", productKeys));
        var found = new Dictionary<string, (string, List<MasterMember>)>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var key = reader.GetString(0);
            if (!found.TryGetValue(key, out var entry))
            {
                found[key] = entry = (reader.GetString(1), []);
            }

            entry.Item2.Add(new MasterMember(reader.GetString(2), reader.GetStringOrNull(3), reader.GetString(4), reader.GetString(5), reader.GetFloat(6)));
        }

        return found;
    }

    public async Task<long> SaveModelAsync(byte[] model, string? description, string? uploadedBy, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            INSERT INTO match_models (model, description, size_bytes, uploaded_by) VALUES (@model, @description, @size, @by) RETURNING model_id
            """);
        command.Parameters.Add(new NpgsqlParameter("model", NpgsqlTypes.NpgsqlDbType.Bytea) { Value = model });
        command.Parameters.Add(Parameters.Text("description", description));
        command.Parameters.Add(Parameters.Integer("size", model.Length));
        command.Parameters.Add(Parameters.Text("by", uploadedBy));
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>Forgets every stored matcher (an operator withdrew it): matching is by code only until the next upload.</summary>
    public async Task<int> DeleteModelsAsync(CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("DELETE FROM match_models");
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The newest stored matcher, or null when none was ever stored.</summary>
    public async Task<StoredModel?> LoadModelAsync(CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT model_id, model, description, uploaded_at FROM match_models ORDER BY model_id DESC LIMIT 1");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new StoredModel(reader.GetInt64(0), (byte[])reader.GetValue(1), reader.GetStringOrNull(2), reader.GetInstant(3))
            : null;
    }

    private async Task<List<CatalogueOffer>> ReadOffersAsync(string sql, IReadOnlyCollection<string>? keys, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(sql);
        if (keys is not null)
        {
            command.Parameters.Add(Parameters.TextArray("keys", keys));
        }

        var offers = new List<CatalogueOffer>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            offers.Add(new CatalogueOffer(
                reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetBoolean(3), reader.GetString(4),
                reader.GetStringOrNull(5), reader.GetDecimalOrNull(6), reader.GetStringOrNull(7), reader.GetBoolean(8), reader.GetDecimal(9)));
        }

        return offers;
    }
}
