using System.Globalization;
using Gogobe.Contracts.Events;
using Gogobe.Ingest.Messages;
using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;
using Npgsql;

namespace Gogobe.AlertBench;

/// <summary>
/// Latency of price alerts from the arrivals <see cref="HookReceiver"/> wrote. A change's commit time is taken as the
/// broker's timestamp of its change event (<c>gogobe.prices.changed</c> / <c>gogobe.promotions.changed</c> on
/// <c>GOGOBE_EVENTS</c>): the price list grain publishes it right after its transaction committed, so it follows the
/// commit by one publish round trip. Each digest item names its change (<c>p:import:chain:store:product</c>); its latency
/// is its arrival at the receiver less that timestamp, and its notice's write time splits it into the part before the
/// outbox (broker, change stream, watch grain) and the part after (digest window, delivery). The notice's own times split
/// the part before: when a change stream queue took the change from the broker (<c>change_taken_at</c>) and when the
/// watch grain began the run that wrote it (<c>run_started_at</c>). The outbox's times split the part after further: the notice taken into a message (<c>watch_notifications.digested_at</c>, the digest
/// transaction's start), the message leased for its last attempt (<c>watch_deliveries.next_attempt_at</c> less the lease,
/// <c>Alerts__Lease</c> or one minute), and its arrival.
/// </summary>
internal static class LatencyReport
{
    private const string EventsStream = "GOGOBE_EVENTS";

    private static string NatsUrl => Environment.GetEnvironmentVariable("Nats__Url") ?? "nats://127.0.0.1:54222";

    public static async Task<int> RunAsync(string path)
    {
        var changes = new List<(double At, string ChainId, string StoreId, IReadOnlyList<string> ProductKeys)>();
        var events = await EventTimesAsync(changes);
        var items = File.ReadLines(path).Select(l => l.Split('\t')).Where(f => f.Length == 6).ToList();
        var outbox = await OutboxTimesAsync();
        var stages = new List<double[]>();
        var latest = new Dictionary<string, double>(StringComparer.Ordinal);
        var toWebhook = new List<double>();
        var toNotice = new List<double>();
        var (repeated, unsigned, unmatched) = (0, 0, 0);
        foreach (var fields in items)
        {
            var arrived = double.Parse(fields[0], CultureInfo.InvariantCulture);
            unsigned += fields[3] == "1" ? 0 : 1;
            if (!latest.TryAdd(fields[4], arrived))
            {
                repeated++;
                continue;
            }

            var changeId = fields[4][(fields[4].IndexOf(':', StringComparison.Ordinal) + 1)..];
            var parts = changeId.Split(':', 5);
            if (parts.Length < 5 || !events.TryGetValue(string.Join(':', parts[..4]), out var committed))
            {
                unmatched++;
                continue;
            }

            var written = double.Parse(fields[5], CultureInfo.InvariantCulture);
            toWebhook.Add(arrived - committed);
            toNotice.Add(written - committed);
            if (outbox.Digested.TryGetValue(fields[4], out var digested) && outbox.Leased.TryGetValue(fields[2], out var leased)
                && outbox.Started.TryGetValue(fields[4], out var started))
            {
                stages.Add([
                    started.Taken - committed, started.Run - started.Taken, written - started.Run,
                    digested - written, leased - digested, arrived - leased, arrived - committed]);
            }
        }

        Console.WriteLine(
            $"webhook items {items.Count:N0} in {items.Select(f => f[2]).Distinct().Count():N0} requests: {latest.Count:N0} distinct (watch, change), " +
            $"{repeated} repeated, {unsigned} with a bad signature, {unmatched} without their change event; change events read {events.Count:N0}");
        Console.WriteLine(Line("change event -> webhook received", toWebhook));
        Console.WriteLine(Line("change event -> notice written   ", toNotice));
        Stages(stages);
        await ScopeAsync(changes);
        return 0;
    }

    /// <summary>
    /// How many (product, store) change events since the first watch was made concern a watched product, and how many of
    /// those are in a store one of the product's watches can see (what the change streams put on the products' streams).
    /// </summary>
    private static async Task ScopeAsync(List<(double At, string ChainId, string StoreId, IReadOnlyList<string> ProductKeys)> changes)
    {
        if (Environment.GetEnvironmentVariable("Postgres__ConnectionString") is not { Length: > 0 } connection)
        {
            return;
        }

        await using var database = NpgsqlDataSource.Create(connection);
        var scopes = new Dictionary<string, (bool Anywhere, HashSet<string> Chains, HashSet<string> Stores)>(StringComparer.Ordinal);
        double since;
        await using (var first = database.CreateCommand("SELECT COALESCE(extract(epoch FROM min(created_at)) * 1000, 0) FROM watches"))
        {
            since = Convert.ToDouble(await first.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
        }

        await using (var watches = database.CreateCommand("SELECT product_key, chains, stores FROM watches"))
        await using (var reader = await watches.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                var (chains, stores) = (reader.GetFieldValue<string[]>(1), reader.GetFieldValue<string[]>(2));
                var key = reader.GetString(0);
                var scope = scopes.TryGetValue(key, out var known) ? known : (false, new HashSet<string>(StringComparer.Ordinal), new HashSet<string>(StringComparer.Ordinal));
                if (stores.Length > 0)
                {
                    scope.Item3.UnionWith(stores);
                }
                else if (chains.Length > 0)
                {
                    scope.Item2.UnionWith(chains);
                }
                else
                {
                    scope.Item1 = true;
                }

                scopes[key] = scope;
            }
        }

        var (watched, seen) = (0, 0);
        foreach (var change in changes.Where(c => c.At >= since))
        {
            foreach (var key in change.ProductKeys)
            {
                if (scopes.TryGetValue(key, out var scope))
                {
                    watched++;
                    seen += scope.Anywhere || scope.Chains.Contains(change.ChainId) || scope.Stores.Contains($"{change.ChainId}:{change.StoreId}") ? 1 : 0;
                }
            }
        }

        Console.WriteLine($"change events (product, store) of watched products since the watches were made: {watched:N0}, in a store one of the product's watches sees: {seen:N0}");
    }

    private static readonly string[] StageNames =
    [
        "change event -> queue took it  ", "queue took it -> run started   ", "run started -> notice written  ",
        "notice written -> digested     ", "digested -> leased for sending ", "leased -> webhook received     ",
    ];

    /// <summary>Each stage's own percentiles, and what the stages took for the items at the middle and in the slowest 1% end to end.</summary>
    private static void Stages(List<double[]> stages)
    {
        Console.WriteLine($"stages of the {stages.Count:N0} items found in the outbox:");
        for (var i = 0; i < StageNames.Length; i++)
        {
            Console.WriteLine(Line("  " + StageNames[i], [.. stages.Select(s => s[i])]));
        }

        if (stages.Count == 0)
        {
            return;
        }

        var ordered = stages.OrderBy(s => s[^1]).ToList();
        var middle = ordered.Skip(ordered.Count * 45 / 100).Take(Math.Max(1, ordered.Count / 10)).ToList();
        var slowest = ordered.Skip(ordered.Count * 99 / 100).ToList();
        Console.WriteLine(Shares("  items p45-p55 end to end, mean of each stage", middle));
        Console.WriteLine(Shares("  items above p99 end to end, mean of each stage", slowest));
    }

    private static string Shares(string label, List<double[]> rows) => string.Create(
        CultureInfo.InvariantCulture,
        $"{label} ({rows.Count}): {string.Join(", ", Enumerable.Range(0, StageNames.Length).Select(i => $"{rows.Average(r => r[i]):F0}"))} ms (total {rows.Average(r => r[^1]):F0} ms)");

    /// <summary>
    /// When each notice (<c>watchId:changeId</c>) was taken into a message, and when each message (by idempotency key) was
    /// leased for its last attempt, in Unix ms; empty when PostgreSQL is not configured.
    /// </summary>
    private static async Task<(Dictionary<string, double> Digested, Dictionary<string, double> Leased, Dictionary<string, (double Taken, double Run)> Started)> OutboxTimesAsync()
    {
        var digested = new Dictionary<string, double>(StringComparer.Ordinal);
        var leased = new Dictionary<string, double>(StringComparer.Ordinal);
        var started = new Dictionary<string, (double Taken, double Run)>(StringComparer.Ordinal);
        if (Environment.GetEnvironmentVariable("Postgres__ConnectionString") is not { Length: > 0 } connection)
        {
            return (digested, leased, started);
        }

        var lease = TimeSpan.TryParse(Environment.GetEnvironmentVariable("Alerts__Lease"), CultureInfo.InvariantCulture, out var l) ? l : TimeSpan.FromMinutes(1);
        await using var database = NpgsqlDataSource.Create(connection);
        await using (var notices = database.CreateCommand(
            "SELECT watch_id || ':' || change_id, extract(epoch FROM digested_at) * 1000 FROM watch_notifications WHERE digested_at IS NOT NULL"))
        await using (var reader = await notices.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                digested[reader.GetString(0)] = Convert.ToDouble(reader.GetValue(1), CultureInfo.InvariantCulture);
            }
        }

        await using (var stages = database.CreateCommand(
            "SELECT watch_id || ':' || change_id, extract(epoch FROM change_taken_at) * 1000, extract(epoch FROM run_started_at) * 1000 " +
            "FROM watch_notifications WHERE change_taken_at IS NOT NULL AND run_started_at IS NOT NULL"))
        await using (var reader = await stages.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                started[reader.GetString(0)] = (Convert.ToDouble(reader.GetValue(1), CultureInfo.InvariantCulture), Convert.ToDouble(reader.GetValue(2), CultureInfo.InvariantCulture));
            }
        }

        await using (var deliveries = database.CreateCommand(
            "SELECT idempotency_key::text, extract(epoch FROM next_attempt_at) * 1000 - $1 FROM watch_deliveries WHERE status = 'sent'"))
        {
            deliveries.Parameters.Add(new NpgsqlParameter { Value = lease.TotalMilliseconds });
            await using var reader = await deliveries.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                leased[reader.GetString(0)] = Convert.ToDouble(reader.GetValue(1), CultureInfo.InvariantCulture);
            }
        }

        return (digested, leased, started);
    }

    /// <summary>
    /// Purges the change events stream: a fresh database's first price lists name every product of every store (their
    /// changes are truncated), which a running system followed long before the day measured.
    /// </summary>
    public static async Task<int> ForgetChangesAsync()
    {
        await using var nats = new NatsConnection(new NatsOpts { Url = NatsUrl, Name = "alert-bench" });
        var purged = await new NatsJSContext(nats).PurgeStreamAsync(EventsStream, new StreamPurgeRequest());
        Console.WriteLine($"{purged.Purged} change events forgotten");
        return 0;
    }

    private static string Line(string label, List<double> values)
    {
        if (values.Count == 0)
        {
            return $"{label}: no items";
        }

        values.Sort();
        double At(double q) => values[Math.Min(values.Count - 1, (int)Math.Ceiling(q * values.Count) - 1)];
        return string.Create(CultureInfo.InvariantCulture, $"{label}: p50 {At(0.50):F0} ms, p95 {At(0.95):F0} ms, p99 {At(0.99):F0} ms, max {values[^1]:F0} ms");
    }

    /// <summary>The broker's timestamp (Unix ms) of every price and promotion change event, keyed <c>kind:import:chain:store</c>.</summary>
    private static async Task<Dictionary<string, double>> EventTimesAsync(List<(double At, string ChainId, string StoreId, IReadOnlyList<string> ProductKeys)> changes)
    {
        await using var nats = new NatsConnection(new NatsOpts { Url = NatsUrl, Name = "alert-bench" });
        var js = new NatsJSContext(nats);
        var subjects = IngestSubjects.Default;
        var times = new Dictionary<string, double>(StringComparer.Ordinal);
        var consumer = await js.CreateOrderedConsumerAsync(
            EventsStream, new NatsJSOrderedConsumerOpts { DeliverPolicy = ConsumerConfigDeliverPolicy.All, FilterSubjects = [subjects.PricesChanged, subjects.PromotionsChanged] });
        using var idle = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await foreach (var message in consumer.ConsumeAsync(NatsRawSerializer<byte[]>.Default, cancellationToken: idle.Token))
        {
            var at = (message.Metadata!.Value.Timestamp - DateTimeOffset.UnixEpoch).TotalMilliseconds;
            if (message.Subject == subjects.PricesChanged && MessageCodec.TryDecode(message.Data, out PricesChanged? prices, out _))
            {
                times[$"p:{prices.ImportId}:{prices.ChainId}:{prices.StoreId}"] = at;
                changes.Add((at, prices.ChainId, prices.StoreId, prices.ProductKeys));
            }
            else if (MessageCodec.TryDecode(message.Data, out PromotionsChanged? promotions, out _))
            {
                times[$"q:{promotions.ImportId}:{promotions.ChainId}:{promotions.StoreId}"] = at;
                changes.Add((at, promotions.ChainId, promotions.StoreId, promotions.ProductKeys));
            }

            if (message.Metadata.Value.NumPending == 0)
            {
                break;
            }
        }

        return times;
    }
}
