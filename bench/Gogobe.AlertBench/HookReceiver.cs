using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Runtime.InteropServices;
using System.Text.Json;
using Gogobe.Silo.Alerts;
using Npgsql;

namespace Gogobe.AlertBench;

/// <summary>
/// The webhook endpoints of every user (<c>http://127.0.0.1:port/hooks/&lt;user&gt;</c>), as a receiver would write them:
/// each request's signature is checked with its user's secret (read from PostgreSQL once per user) and answered 200.
/// Writes one line per digest item: arrival time (Unix ms, taken when the request's headers were read), user,
/// idempotency key, signature valid (1/0), the item's key (<c>watchId:changeId</c>) and when its notice was written.
/// Runs until SIGTERM or Ctrl+C.
/// </summary>
internal static class HookReceiver
{
    public static async Task<int> RunAsync(int port, string path)
    {
        await using var database = NpgsqlDataSource.Create(Environment.GetEnvironmentVariable("Postgres__ConnectionString")
            ?? throw new InvalidOperationException("Postgres__ConnectionString is not set"));
        using var stop = new CancellationTokenSource();
        using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => { context.Cancel = true; stop.Cancel(); });
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => { context.Cancel = true; stop.Cancel(); });
        using var listener = new HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/hooks/");
        listener.Start();
        await using var output = new StreamWriter(path, append: false);
        var secrets = new ConcurrentDictionary<string, Lazy<Task<string>>>(StringComparer.Ordinal);
        var writing = new SemaphoreSlim(1);
        using var flusher = new Timer(_ => Flush(output, writing), null, 1000, 1000);
        await WarmAsync(database, port);
        Console.WriteLine($"receiving webhooks on http://127.0.0.1:{port}/hooks/<user>");
        var handlers = new List<Task>();
        while (!stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync().WaitAsync(stop.Token);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            var arrived = DateTimeOffset.UtcNow;
            handlers.RemoveAll(t => t.IsCompleted);
            handlers.Add(Task.Run(() => HandleAsync(context, arrived, database, secrets, output, writing)));
        }

        await Task.WhenAll(handlers);
        Flush(output, writing);
        return 0;
    }

    /// <summary>
    /// A user's server is warm when a watch fires; this process starts cold, and its first requests (a connection pool
    /// to fill, code to compile, threads to add) took seconds on a loaded machine, holding every send slot of the silos:
    /// so it opens its connections and answers a few requests of its own before the benchmark begins.
    /// </summary>
    private static async Task WarmAsync(NpgsqlDataSource database, int port)
    {
        ThreadPool.GetMinThreads(out var workers, out var io);
        ThreadPool.SetMinThreads(Math.Max(workers, 32), Math.Max(io, 32));
        using var client = new HttpClient();
        await Task.WhenAll(Enumerable.Range(0, 16).Select(async i =>
        {
            await SecretOfAsync(database, $"warm-{i}");
            using var content = new StringContent("{}");
            var warm = client.PostAsync(new Uri($"http://127.0.0.1:{port}/warm/{i}"), content);
            await Task.WhenAny(warm, Task.Delay(TimeSpan.FromSeconds(5)));
        }));
    }

    private static async Task HandleAsync(
        HttpListenerContext context, DateTimeOffset arrived, NpgsqlDataSource database, ConcurrentDictionary<string, Lazy<Task<string>>> secrets,
        StreamWriter output, SemaphoreSlim writing)
    {
        using var body = new MemoryStream();
        await context.Request.InputStream.CopyToAsync(body);
        var user = context.Request.Url!.Segments[^1].TrimEnd('/');
        string secret;
        try
        {
            secret = await secrets.GetOrAdd(user, u => new Lazy<Task<string>>(() => SecretOfAsync(database, u))).Value;
        }
        catch (NpgsqlException)
        {
            // The user's secret could not be read (PostgreSQL busy): forget the failure and let the sender retry.
            secrets.TryRemove(user, out _);
            context.Response.StatusCode = 503;
            context.Response.Close();
            return;
        }

        var valid = WebhookSignature.Verify(
            secret, context.Request.Headers[WebhookSignature.TimestampHeader], context.Request.Headers[WebhookSignature.SignatureHeader],
            body.ToArray(), DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5));
        context.Response.StatusCode = 200;
        context.Response.Close();
        var digest = JsonSerializer.Deserialize<DigestBody>(body.ToArray(), DigestComposer.Json)!;
        var key = context.Request.Headers[WebhookSignature.IdempotencyHeader];
        var lines = digest.Notifications.Select(n => string.Join('\t',
            (arrived.ToUnixTimeMilliseconds() + (arrived.Ticks % TimeSpan.TicksPerMillisecond / 10_000d)).ToString("F2", CultureInfo.InvariantCulture),
            user, key, valid ? "1" : "0", n.Key, n.At.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)));
        await writing.WaitAsync();
        try
        {
            foreach (var line in lines)
            {
                await output.WriteLineAsync(line);
            }
        }
        finally
        {
            writing.Release();
        }
    }

    private static async Task<string> SecretOfAsync(NpgsqlDataSource database, string user)
    {
        await using var command = database.CreateCommand("SELECT webhook_secret FROM watch_users WHERE user_id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = user });
        return (string?)await command.ExecuteScalarAsync() ?? "";
    }

    private static void Flush(StreamWriter output, SemaphoreSlim writing)
    {
        writing.Wait();
        try
        {
            output.Flush();
        }
        finally
        {
            writing.Release();
        }
    }
}
