using Gogobe.Contracts.Events;
using Orleans.Runtime;
using Orleans.Streams;

namespace Gogobe.Silo.Streams;

/// <summary>
/// Consecutive events of one product's stream delivered to a subscriber at once: the events its cursor found waiting
/// in the queue's cache when it moved on (the changes of one product in many stores that one pull brought, or that came
/// while the subscriber handled the previous run). A batch observer sees them as one list; an item observer one by one.
/// Its sequence token is its last event's, so a subscriber that resumes from it is handed that event again at most.
/// </summary>
[GenerateSerializer]
public sealed class OfferChangedRun : IBatchContainer
{
    public OfferChangedRun(StreamId streamId, OfferChangedBatch[] events)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (events.Length == 0)
        {
            throw new ArgumentException("A run holds at least one event.", nameof(events));
        }

        StreamId = streamId;
        Events = events;
    }

    [Id(0)]
    public StreamId StreamId { get; }

    /// <summary>The events in the order of the cache; the broker messages they came from stay on the pulling silo.</summary>
    [Id(1)]
    public OfferChangedBatch[] Events { get; }

    public StreamSequenceToken SequenceToken => Events[^1].Token;

    /// <summary>Position of the run's first event in the pulling queue's cache.</summary>
    internal long FirstSequence => Events[0].Sequence;

    public IEnumerable<Tuple<T, StreamSequenceToken>> GetEvents<T>() => Events.SelectMany(e => e.GetEvents<T>());

    public bool ImportRequestContext() => false;
}
