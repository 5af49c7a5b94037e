using System.Threading.Channels;

namespace Gogobe.Gateway.Web;

/// <summary>One page's stream of changes; disposing it stops watching.</summary>
public sealed class LiveStream(ChannelReader<ProductChanged> reader, Action stop) : IDisposable
{
    private int stopped;

    public ChannelReader<ProductChanged> Reader => reader;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref stopped, 1) == 0)
        {
            stop();
        }
    }
}
