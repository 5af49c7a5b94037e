using Gogobe.Contracts.Events;
using Gogobe.Silo.Streams;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Providers.Streams.Common;
using Orleans.Runtime;
using Orleans.Streams;

namespace Gogobe.Grains.Tests.Streams;

/// <summary>The queue cache lets an event go (and its broker message be settled) only when no subscriber still needs it.</summary>
public sealed class ChangeQueueCacheTests
{
    private long sequence;

    [Fact]
    public void An_event_of_a_stream_without_cursors_has_no_subscriber_and_goes_at_once()
    {
        var cache = new ChangeQueueCache(100, 256);
        cache.AddToCache([Event("a"), Event("b")]);

        Assert.True(cache.TryPurgeFromCache(out var purged));
        Assert.Equal(2, purged.Count);
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public void An_event_stays_until_every_cursor_of_its_stream_moved_past_it()
    {
        var cache = new ChangeQueueCache(100, 256);
        var first = Event("a");
        cache.AddToCache([first, Event("b")]);
        using var one = cache.GetCacheCursor(first.StreamId, first.SequenceToken);
        using var two = cache.GetCacheCursor(first.StreamId, first.SequenceToken);

        Assert.True(Moves(one));
        Assert.Same(first, one.GetCurrent(out _));
        Assert.False(Moves(one));
        Assert.True(cache.TryPurgeFromCache(out var purged));
        Assert.DoesNotContain(first, purged);

        Assert.True(Moves(two));
        Assert.False(cache.TryPurgeFromCache(out _));
        Assert.False(Moves(two));
        Assert.True(cache.TryPurgeFromCache(out purged));
        Assert.Same(first, Assert.Single(purged));
    }

    [Fact]
    public void A_cursor_that_reached_the_end_keeps_the_events_added_after_it()
    {
        var cache = new ChangeQueueCache(100, 256);
        var first = Event("a");
        cache.AddToCache([first]);
        using var cursor = cache.GetCacheCursor(first.StreamId, first.SequenceToken);
        Assert.True(Moves(cursor));
        Assert.False(Moves(cursor));

        var second = Event("a");
        cache.AddToCache([second]);
        Assert.True(cache.TryPurgeFromCache(out var purged));
        Assert.Same(first, Assert.Single(purged));
        Assert.Equal(1, cache.Count);

        Assert.True(Moves(cursor));
        Assert.Same(second, cursor.GetCurrent(out _));
    }

    [Fact]
    public void A_disposed_cursor_holds_nothing_back_and_a_full_cache_stops_the_pulls()
    {
        var cache = new ChangeQueueCache(2, 256);
        var first = Event("a");
        cache.AddToCache([first, Event("a")]);
        var cursor = cache.GetCacheCursor(first.StreamId, null);
        Assert.True(cache.IsUnderPressure());
        Assert.Equal(0, cache.GetMaxAddCount());
        Assert.False(cache.TryPurgeFromCache(out _));

        cursor.Dispose();

        Assert.True(cache.TryPurgeFromCache(out var purged));
        Assert.Equal(2, purged.Count);
        Assert.False(cache.IsUnderPressure());
    }

    [Fact]
    public void Events_of_a_stream_that_waited_while_its_subscriber_was_busy_go_as_one_run_kept_until_the_cursor_moves_past_it()
    {
        var cache = new ChangeQueueCache(100, 256);
        var first = Event("a");
        cache.AddToCache([first]);
        using var cursor = cache.GetCacheCursor(first.StreamId, first.SequenceToken);
        Assert.True(Moves(cursor));
        Assert.Same(first, cursor.GetCurrent(out _));

        OfferChangedBatch[] burst = [Event("a"), Event("a"), Event("a")];
        cache.AddToCache([burst[0], Event("b"), burst[1], burst[2]]);
        Assert.True(Moves(cursor));
        var run = Assert.IsType<OfferChangedRun>(cursor.GetCurrent(out _));
        Assert.Equal(burst.Select(b => b.Change), run.GetEvents<OfferChanged>().Select(e => e.Item1));
        Assert.Equal(burst[^1].SequenceToken, run.SequenceToken);

        Assert.True(cache.TryPurgeFromCache(out var purged));
        Assert.Equal(2, purged.Count);
        Assert.Contains(first, purged);
        Assert.Equal(3, cache.Count);

        Assert.False(Moves(cursor));
        Assert.True(cache.TryPurgeFromCache(out purged));
        Assert.Equal(burst, purged.Cast<OfferChangedBatch>());
    }

    [Fact]
    public void A_run_is_at_most_the_run_length_and_the_rest_follows()
    {
        var cache = new ChangeQueueCache(100, 2);
        OfferChangedBatch[] events = [Event("a"), Event("a"), Event("a")];
        cache.AddToCache(events);
        using var cursor = cache.GetCacheCursor(events[0].StreamId, events[0].SequenceToken);

        Assert.True(Moves(cursor));
        Assert.Equal(events[..2].Select(e => e.Change), cursor.GetCurrent(out _)!.GetEvents<OfferChanged>().Select(e => e.Item1));
        Assert.True(Moves(cursor));
        Assert.Same(events[2], cursor.GetCurrent(out _));
        Assert.False(Moves(cursor));
    }

    [Fact]
    public void A_run_crosses_silos_whole()
    {
        using var services = new ServiceCollection().AddSerializer().BuildServiceProvider();
        var serializer = services.GetRequiredService<Serializer>();
        OfferChangedBatch[] events = [Event("a"), Event("a")];
        var run = new OfferChangedRun(events[0].StreamId, events);

        var copy = Assert.IsType<OfferChangedRun>(serializer.Deserialize<OfferChangedRun>(serializer.SerializeToArray(run)));

        Assert.Equal(run.StreamId, copy.StreamId);
        Assert.Equal(run.SequenceToken, copy.SequenceToken);
        Assert.Equal(events.Select(e => (e.Change, e.SequenceToken)), copy.GetEvents<OfferChanged>().Select(e => (e.Item1, e.Item2)));
    }

    private static bool Moves(IQueueCacheCursor cursor) => cursor.MoveNextWithResult().Kind == QueueCacheCursorMoveResultKind.Success;

    private OfferChangedBatch Event(string product)
    {
        var change = new OfferChanged($"p:i:c:s:{product}:{sequence}", OfferChangeKind.Prices, product, "c", "s", "i", DateTimeOffset.UnixEpoch);
        return new OfferChangedBatch(StreamId.Create(ChangeStreams.Products, product), change, new EventSequenceTokenV2(++sequence));
    }
}
