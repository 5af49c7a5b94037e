using Gogobe.Contracts.Events;
using Orleans.Streams;
using Orleans.Streams.Core;

namespace Gogobe.StreamBench;

public interface IBenchFollowerGrain : IGrainWithStringKey
{
    /// <summary>The same change as a direct call, the way a plain JetStream consumer would deliver it.</summary>
    Task Handle(OfferChanged change);
}

/// <summary>A product's follower that only counts: what is measured is the way there, not the handler.</summary>
[ImplicitStreamSubscription(ChangeStreams.Products)]
public sealed class BenchFollowerGrain : Grain, IBenchFollowerGrain, IStreamSubscriptionObserver, IAsyncObserver<OfferChanged>
{
    public async Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory) =>
        await handleFactory.Create<OfferChanged>().ResumeAsync(this);

    public Task OnNextAsync(OfferChanged item, StreamSequenceToken? token = null)
    {
        Deliveries.Record();
        return Task.CompletedTask;
    }

    public Task Handle(OfferChanged change)
    {
        Deliveries.Record();
        return Task.CompletedTask;
    }

    public Task OnCompletedAsync() => Task.CompletedTask;

    public Task OnErrorAsync(Exception ex) => Task.CompletedTask;
}
