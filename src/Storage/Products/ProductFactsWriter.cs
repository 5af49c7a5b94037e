using System.Collections.Concurrent;
using System.IO.Hashing;
using System.Runtime.InteropServices;
using Gogobe.Storage.FeedState;
using Gogobe.Storage.Prices;
using Gogobe.Storage.Sql;
using Npgsql;

namespace Gogobe.Storage.Products;

/// <summary>
/// Writes the product facts a price file gives (<c>products</c>, <c>product_sources</c>, <c>chains</c>) in a short
/// transaction of their own, before the store's prices. The stores of a chain share its catalogue: this process
/// remembers which (chain, product) facts it has written, so the second and later stores of a chain send only what is
/// new or different. A fact write is idempotent, so a file retried after a crash writes the same facts again harmlessly.
/// </summary>
internal sealed class ProductFactsWriter(NpgsqlDataSource dataSource)
{
    /// <summary>Above this many remembered facts the memory is cleared (a national day has about a million).</summary>
    private const int MaxRemembered = 2_000_000;

    /// <summary>Per chain: the digest of the facts written for each product key.</summary>
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, ulong>> written = new(StringComparer.Ordinal);

    /// <summary>Product keys remembered over all chains (the nested dictionaries' counts would take every lock).</summary>
    private int remembered;

    private readonly ConcurrentDictionary<string, SemaphoreSlim> chainGates = new(StringComparer.Ordinal);

    /// <summary>
    /// Writes what this process has not yet written of the rows' facts. Writers of one chain take turns, so that
    /// stores of a chain arriving together write its catalogue once instead of queueing on each other's row locks.
    /// </summary>
    /// <returns>The keys this write added to the catalogue (products no file had given before), in key order.</returns>
    public async Task<IReadOnlyList<string>> WriteAsync(string chainId, IReadOnlyCollection<PriceChangeRow> rows, CancellationToken cancellationToken)
    {
        var hash = new XxHash3();
        var unwritten = new List<(PriceChangeRow Row, ulong Facts)>();
        var known = Known(chainId);
        foreach (var row in rows)
        {
            var facts = FactsOf(hash, row);
            if (!IsWritten(known, row, facts))
            {
                unwritten.Add((row, facts));
            }
        }

        if (unwritten.Count == 0)
        {
            return [];
        }

        var gate = chainGates.GetOrAdd(chainId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            // Another writer of the chain may have written these while this one waited.
            var current = Known(chainId);
            return await WriteUnwrittenAsync(chainId, unwritten.Where(f => !IsWritten(current, f.Row, f.Facts)).ToList(), cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    private ConcurrentDictionary<string, ulong> Known(string chainId) =>
        written.GetOrAdd(chainId, static _ => new ConcurrentDictionary<string, ulong>(StringComparer.Ordinal));

    private static bool IsWritten(ConcurrentDictionary<string, ulong> known, PriceChangeRow row, ulong facts) =>
        known.TryGetValue(row.ProductKey, out var digest) && digest == facts;

    private async Task<IReadOnlyList<string>> WriteUnwrittenAsync(string chainId, List<(PriceChangeRow Row, ulong Facts)> fresh, CancellationToken cancellationToken)
    {
        if (fresh.Count == 0)
        {
            return [];
        }

        var inserted = await Transactions.RunAsync(dataSource, async (connection, transaction, ct) =>
        {
            await StageAsync(connection, transaction, fresh.Select(f => f.Row), ct);
            await using var batch = new NpgsqlBatch(connection, transaction)
            {
                BatchCommands =
                {
                    new NpgsqlBatchCommand(ProductFactsSql.UpsertProducts) { Parameters = { Parameters.Text("chain", chainId) } },
                    FeedWatermarks.RecordChain(chainId),
                    new NpgsqlBatchCommand(ProductFactsSql.UpsertSources) { Parameters = { Parameters.Text("chain", chainId) } },
                },
            };
            var keys = new List<string>();
            await using (var reader = await batch.ExecuteReaderAsync(ct))
            {
                while (await reader.ReadAsync(ct))
                {
                    if (reader.GetBoolean(1))
                    {
                        keys.Add(reader.GetString(0));
                    }
                }
            }

            return keys;
        }, cancellationToken);

        if (Volatile.Read(ref remembered) + fresh.Count > MaxRemembered)
        {
            written.Clear();
            Volatile.Write(ref remembered, 0);
        }

        var known = Known(chainId);
        var added = 0;
        foreach (var (row, facts) in fresh)
        {
            if (known.TryAdd(row.ProductKey, facts))
            {
                added++;
            }
            else
            {
                known[row.ProductKey] = facts;
            }
        }

        Interlocked.Add(ref remembered, added);
        return inserted;
    }

    private static async Task StageAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IEnumerable<PriceChangeRow> rows, CancellationToken cancellationToken)
    {
        await BinaryCopy.CreateStageAsync(connection, transaction, ProductFactsSql.CreateStage, cancellationToken);
        await BinaryCopy.LoadAsync(connection, ProductFactsSql.CopyStage, rows, static (importer, row) =>
        {
            importer.WriteText(row.ProductKey);
            importer.WriteText(row.ItemCode);
            importer.WriteBoolean(row.IsInternalCode);
            importer.WriteText(row.Name);
            importer.WriteText(row.Manufacturer);
            importer.WriteText(row.Country);
            importer.WriteText(row.Description);
            importer.WriteNumeric(row.Quantity);
            importer.WriteText(row.Unit);
            importer.WriteText(row.UnitText);
            importer.WriteBoolean(row.IsWeighted);
        }, cancellationToken);
    }

    /// <summary>A 64-bit digest of every fact the row gives; equal digests mean the same facts were already written.</summary>
    private static ulong FactsOf(XxHash3 hash, PriceChangeRow r)
    {
        hash.Reset();
        Append(hash, r.ItemCode);
        Append(hash, r.Name);
        Append(hash, r.Manufacturer);
        Append(hash, r.Country);
        Append(hash, r.Description);
        Append(hash, r.Unit);
        Append(hash, r.UnitText);
        Span<int> scalars = stackalloc int[7];
        if (r.Quantity is { } quantity)
        {
            decimal.GetBits(quantity, scalars[..4]);
        }

        scalars[4] = r.Quantity is null ? 0 : 1;
        scalars[5] = r.IsInternalCode ? 1 : 0;
        scalars[6] = r.IsWeighted ? 1 : 0;
        hash.Append(MemoryMarshal.AsBytes(scalars));
        return hash.GetCurrentHashAsUInt64();
    }

    /// <summary>A text and its length (-1 for null), so that adjacent texts cannot run into each other.</summary>
    private static void Append(XxHash3 hash, string? text)
    {
        Span<int> length = [text?.Length ?? -1];
        hash.Append(MemoryMarshal.AsBytes(length));
        if (text is not null)
        {
            hash.Append(MemoryMarshal.AsBytes(text.AsSpan()));
        }
    }
}
