using Gogobe.Contracts.Events;
using Npgsql;
using Orleans.Streams;
using Orleans.Streams.Core;

namespace Gogobe.Grains.Tests.Streams;

public interface IChangeRecorderGrain : IGrainWithStringKey;

/// <summary>
/// A follower of the products' change streams, as a watcher grain would be: it counts every delivery of an event id and
/// applies its effect once per id (a repeat is dropped), in PostgreSQL. Products whose key starts with
/// <see cref="Poison"/> fail every time; with <see cref="Slow"/> the handler takes a while, so a fault can strike mid-delivery.
/// </summary>
[ImplicitStreamSubscription(ChangeStreams.Products)]
public sealed class ChangeRecorderGrain(NpgsqlDataSource database) : Grain, IChangeRecorderGrain, IStreamSubscriptionObserver, IAsyncObserver<OfferChanged>
{
    public const string Poison = "poison-";
    public const string Slow = "slow-";

    public const string Schema = """
        CREATE TABLE IF NOT EXISTS stream_deliveries (event_id text PRIMARY KEY, product_key text NOT NULL, deliveries int NOT NULL);
        CREATE TABLE IF NOT EXISTS stream_effects (product_key text PRIMARY KEY, applied int NOT NULL);
        """;

    private const string RecordSql = """
        WITH delivery AS (
            INSERT INTO stream_deliveries AS d (event_id, product_key, deliveries) VALUES (@id, @key, 1)
            ON CONFLICT (event_id) DO UPDATE SET deliveries = d.deliveries + 1
            RETURNING d.deliveries)
        INSERT INTO stream_effects AS e (product_key, applied)
        SELECT @key, 1 FROM delivery WHERE deliveries = 1
        ON CONFLICT (product_key) DO UPDATE SET applied = e.applied + 1
        """;

    public async Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory) =>
        await handleFactory.Create<OfferChanged>().ResumeAsync(this);

    public async Task OnNextAsync(OfferChanged item, StreamSequenceToken? token = null)
    {
        if (item.ProductKey.StartsWith(Slow, StringComparison.Ordinal))
        {
            await Task.Delay(300);
        }

        await using var command = database.CreateCommand(RecordSql);
        command.Parameters.AddWithValue("id", item.EventId);
        command.Parameters.AddWithValue("key", item.ProductKey);
        await command.ExecuteNonQueryAsync();
        if (item.ProductKey.StartsWith(Poison, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"{item.ProductKey} always fails");
        }
    }

    public Task OnCompletedAsync() => Task.CompletedTask;

    public Task OnErrorAsync(Exception ex) => Task.CompletedTask;
}
