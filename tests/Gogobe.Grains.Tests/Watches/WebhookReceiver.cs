using System.Collections.Concurrent;
using System.Net;
using Gogobe.Silo.Alerts;
using Gogobe.Testing;

namespace Gogobe.Grains.Tests.Watches;

/// <summary>
/// A webhook endpoint of a user, on a loopback port: it checks each request's signature with the user's secret and keeps
/// what it received; it answers <see cref="Answer"/> (200 unless told otherwise). Until <see cref="Start"/> nothing listens.
/// </summary>
public sealed class WebhookReceiver : IDisposable
{
    private readonly HttpListener listener = new();
    private readonly int port = Servers.FreePort();

    public string Url => $"http://127.0.0.1:{port}/hooks/gogobe/";

    public string Secret { get; set; } = "";

    public Func<HttpStatusCode> Answer { get; set; } = () => HttpStatusCode.OK;

    public ConcurrentQueue<Received> Requests { get; } = new();

    public sealed record Received(string IdempotencyKey, bool SignatureValid, string Body, HttpStatusCode Answered);

    public WebhookReceiver Start()
    {
        listener.Prefixes.Add(Url);
        listener.Start();
        _ = Task.Run(ServeAsync);
        return this;
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
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            var valid = WebhookSignature.Verify(
                Secret, context.Request.Headers[WebhookSignature.TimestampHeader], context.Request.Headers[WebhookSignature.SignatureHeader],
                body.ToArray(), DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5));
            var answer = Answer();
            Requests.Enqueue(new Received(context.Request.Headers[WebhookSignature.IdempotencyHeader] ?? "", valid, System.Text.Encoding.UTF8.GetString(body.ToArray()), answer));
            context.Response.StatusCode = (int)answer;
            context.Response.Close();
        }
    }

    public void Dispose() => listener.Close();
}
