using Gogobe.Contracts.Events;
using Orleans.Providers.Streams.Common;
using Orleans.Runtime;
using Orleans.Streams;

namespace Gogobe.Silo.Streams;

/// <summary>
/// One <see cref="OfferChanged"/> on the stream of its product, as the pulling agent caches and delivers it. The broker
/// message it came from stays with the silo that pulled it (<see cref="Source"/> is not serialized).
/// </summary>
[GenerateSerializer]
public sealed class OfferChangedBatch : IBatchContainer
{
    /// <summary>The broker message this event is part of; null once the batch left the silo that pulled it.</summary>
    [NonSerialized]
    internal readonly HeldChangeMessage? Source;

    public OfferChangedBatch(StreamId streamId, OfferChanged change, EventSequenceTokenV2 token)
        : this(streamId, change, token, null)
    {
    }

    internal OfferChangedBatch(StreamId streamId, OfferChanged change, EventSequenceTokenV2 token, HeldChangeMessage? source)
    {
        StreamId = streamId;
        Change = change;
        Token = token;
        Source = source;
    }

    [Id(0)]
    public StreamId StreamId { get; }

    [Id(1)]
    public OfferChanged Change { get; }

    [Id(2)]
    public EventSequenceTokenV2 Token { get; }

    public StreamSequenceToken SequenceToken => Token;

    /// <summary>Position in the pulling queue's cache.</summary>
    internal long Sequence => Token.SequenceNumber;

    public IEnumerable<Tuple<T, StreamSequenceToken>> GetEvents<T>() =>
        Change is T item ? [Tuple.Create(item, (StreamSequenceToken)Token)] : [];

    public bool ImportRequestContext() => false;
}
