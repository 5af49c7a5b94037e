using System.Collections.Concurrent;
using System.Threading.Channels;
using Gogobe.Contracts.Events;
using Gogobe.Ingest.Messages;
using Microsoft.Extensions.Options;

namespace Gogobe.Gateway.Web;

/// <summary>
/// Open product pages of this gateway, by product: each gets the changes of its product's prices and promotions once
/// the gateway's cached answers were refreshed. Each stream holds a few pending changes at most (older ones are dropped:
/// the page reloads the product anyway); the number of streams is bounded by <see cref="WebAppOptions.MaxLiveStreams"/>.
/// </summary>
public sealed class LiveProductFeed(IOptions<WebAppOptions> options)
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<Channel<ProductChanged>, byte>> watchers = new(StringComparer.Ordinal);
    private int streams;

    public bool HasWatchers => Volatile.Read(ref streams) > 0;

    public bool IsWatched(string productKey) => watchers.TryGetValue(productKey, out var set) && !set.IsEmpty;

    /// <summary>A stream of the product's changes, or null when this gateway already serves as many as it may.</summary>
    public LiveStream? Watch(string productKey)
    {
        if (Interlocked.Increment(ref streams) > options.Value.MaxLiveStreams)
        {
            Interlocked.Decrement(ref streams);
            return null;
        }

        var channel = Channel.CreateBounded<ProductChanged>(new BoundedChannelOptions(4) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        watchers.GetOrAdd(productKey, _ => new ConcurrentDictionary<Channel<ProductChanged>, byte>())[channel] = 0;
        return new LiveStream(channel.Reader, () =>
        {
            if (watchers.TryGetValue(productKey, out var set))
            {
                set.TryRemove(channel, out _);
            }

            Interlocked.Decrement(ref streams);
        });
    }

    /// <summary>Tells the pages of these products that the change was applied and answered from now on.</summary>
    public void Publish(IEnumerable<string> productKeys, OfferChange change)
    {
        var kind = change.Kind == OfferChangeKind.Prices ? "prices" : "promotions";
        foreach (var key in productKeys)
        {
            if (watchers.TryGetValue(key, out var set))
            {
                var changed = new ProductChanged(key, kind, change.ChainId, change.StoreId);
                foreach (var channel in set.Keys)
                {
                    channel.Writer.TryWrite(changed);
                }
            }
        }
    }
}
