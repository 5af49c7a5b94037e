using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Gogobe.Grains.Tests.Geo;

/// <summary>
/// A local HTTP server speaking Nominatim's search API (<c>/search?…&amp;format=jsonv2</c>): each request gets what
/// <see cref="Answer"/> says (status, JSON body, delay, Retry-After); every request is recorded with its arrival time.
/// </summary>
public sealed class FakeNominatim : IAsyncDisposable
{
    private readonly HttpListener listener = new();
    private readonly Task serving;

    public FakeNominatim()
    {
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            Url = new Uri($"http://127.0.0.1:{((IPEndPoint)probe.LocalEndpoint).Port}/");
            probe.Stop();
        }

        listener.Prefixes.Add(Url.ToString());
        listener.Start();
        serving = Task.Run(ServeAsync);
    }

    public Uri Url { get; }

    public ConcurrentQueue<(DateTimeOffset At, string Street, string City, string? UserAgent)> Requests { get; } = new();

    /// <summary>What to answer a request (street, city): status, body, delay, Retry-After seconds.</summary>
    public Func<string, string, (int Status, string Body, TimeSpan Delay, int? RetryAfter)> Answer { get; set; } = (street, city) => (200, House(street, city), TimeSpan.Zero, null);

    /// <summary>A house at a point made from the query's text, so distinct addresses get distinct points.</summary>
    public static string House(string street, string city)
    {
        var hash = (uint)StableHash(street + "|" + city);
        var lat = (31.0 + (hash % 10_000 / 10_000.0)).ToString("0.000000", System.Globalization.CultureInfo.InvariantCulture);
        var lon = (34.5 + (hash / 10_000 % 10_000 / 10_000.0)).ToString("0.000000", System.Globalization.CultureInfo.InvariantCulture);
        return $$"""[{"lat":"{{lat}}","lon":"{{lon}}","category":"building","type":"yes","addresstype":"building","display_name":{{System.Text.Json.JsonSerializer.Serialize(street + ", " + city)}}}]""";
    }

    public async ValueTask DisposeAsync()
    {
        listener.Stop();
        listener.Close();
        await serving.ContinueWith(_ => { }, TaskScheduler.Default);
    }

    private async Task ServeAsync()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(() => RespondAsync(context));
        }
    }

    private async Task RespondAsync(HttpListenerContext context)
    {
        var street = context.Request.QueryString["street"] ?? "";
        var city = context.Request.QueryString["city"] ?? "";
        Requests.Enqueue((DateTimeOffset.UtcNow, street, city, context.Request.UserAgent));
        var (status, body, delay, retryAfter) = Answer(street, city);
        try
        {
            await Task.Delay(delay);
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json";
            if (retryAfter is { } seconds)
            {
                context.Response.Headers["Retry-After"] = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            var bytes = Encoding.UTF8.GetBytes(body);
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
        catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException)
        {
        }
    }

    private static int StableHash(string text)
    {
        var hash = 17;
        foreach (var c in text)
        {
            hash = unchecked((hash * 31) + c);
        }

        return hash;
    }
}
