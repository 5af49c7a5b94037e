using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Gogobe.Contracts.Events;
using Gogobe.Ingest.JetStream;
using Gogobe.Ingest.Messages;
using Gogobe.Silo.Streams;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;
using Npgsql;

namespace Gogobe.StreamBench;

/// <summary>
/// One in-process silo with the change streams over the NATS of <c>Nats__Url</c> (streams of its own). Publishes
/// <c>messages</c> price changes of <c>keys</c> products each (drawn from <c>pool</c> products), then measures, one after
/// the other on the same messages: the change streams to an implicitly subscribed grain; a plain durable JetStream
/// consumer that calls the same grain per product and acknowledges after the calls (the upload bridge's way); and a
/// plain consumer that only decodes and acknowledges. Prints events/s (first to last event) and events per CPU second.
///   dotnet run -c Release --project bench/Gogobe.StreamBench -- [messages] [keys] [pool]
/// </summary>
internal static class StreamRun
{
    private const int FetchBatch = 64;

    public static async Task<int> RunAsync(string[] args)
    {
        var messages = Arg(args, 0, 2000);
        var keysPerMessage = Arg(args, 1, 10);
        var pool = Arg(args, 2, 2000);
        var natsUrl = Environment.GetEnvironmentVariable("Nats__Url") ?? "nats://127.0.0.1:54222";
        var postgres = Environment.GetEnvironmentVariable("Postgres__ConnectionString") ?? "Host=127.0.0.1;Port=55432;Database=gogobe;Username=gogobe;Password=gogobe";
        var prefix = $"bench{Guid.NewGuid():N}"[..13];
        var stream = prefix.ToUpperInvariant() + "_EVENTS";
        var subjects = new IngestSubjects(prefix);
        var expected = (long)messages * keysPerMessage;

        await using var nats = new NatsConnection(new NatsOpts { Url = natsUrl, Name = "stream-bench" });
        var js = new NatsJSContext(nats);
        await js.CreateStreamAsync(new StreamConfig(stream, [subjects.PricesChanged, subjects.PromotionsChanged, subjects.StoresChanged]) { Storage = StreamConfigStorage.File });
        try
        {
            using var host = BuildSilo(natsUrl, postgres, prefix);
            await host.StartAsync();
            await WaitForConsumerAsync(js, stream);
            var grains = host.Services.GetRequiredService<IGrainFactory>();
            var queues = host.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<ChangeStreamOptions>>().Value.Queues;
            Console.WriteLine($"{messages} price changes of {keysPerMessage} products each ({expected} events, {pool} products), {queues} queues, NATS {natsUrl}");

            var published = Stopwatch.StartNew();
            await PublishAsync(nats, js, stream, subjects, messages, keysPerMessage, pool);
            Console.WriteLine($"{"published",-40} {messages / published.Elapsed.TotalSeconds,12:N0} messages/s");

            Report("change streams, products' streams new", await MeasureAsync(expected, () => Task.CompletedTask));

            // The same products again: their streams are registered in the pulling agents, as in a running cluster.
            await PublishAsync(nats, js, stream, subjects, messages, keysPerMessage, pool, offset: messages);
            Report("change streams, products' streams known", await MeasureAsync(expected, () => Task.CompletedTask));
            Report("plain consumer, grain call per product", await MeasureAsync(expected, () => BridgeAsync(js, stream, "bench-bridge", subjects, grains, expected)));
            Report("plain consumer, decode and ack only", await MeasureAsync(expected, () => BridgeAsync(js, stream, "bench-read", subjects, null, expected)));
            await host.StopAsync();
        }
        finally
        {
            await js.DeleteStreamAsync(stream);
        }

        return 0;
    }

    private static IHost BuildSilo(string natsUrl, string postgres, string prefix)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"{IngestStreamOptions.Section}:SubjectPrefix"] = prefix,
            [$"{IngestStreamOptions.Section}:StreamPrefix"] = prefix.ToUpperInvariant() + "_",
        });
        builder.Services.AddOptions<IngestStreamOptions>().BindConfiguration(IngestStreamOptions.Section);
        builder.Services.AddSingleton<INatsConnection>(_ => new NatsConnection(new NatsOpts { Url = natsUrl, Name = "stream-bench-silo" }));
        builder.Services.AddSingleton(_ => NpgsqlDataSource.Create(postgres));
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(FreePort(), FreePort(), serviceId: prefix, clusterId: prefix);
            silo.AddChangeStreams();
        });
        return builder.Build();
    }

    /// <summary>Core NATS publishes (no ack per message, so publishing does not hold up the run), then waits until the stream holds them all.</summary>
    private static async Task PublishAsync(NatsConnection nats, NatsJSContext js, string stream, IngestSubjects subjects, int messages, int keysPerMessage, int pool, int offset = 0)
    {
        var random = new Random(7 + offset);
        for (var m = offset; m < offset + messages; m++)
        {
            var keys = Enumerable.Range(0, keysPerMessage).Select(_ => $"72900{random.Next(pool):D8}").Distinct().ToList();
            while (keys.Count < keysPerMessage)
            {
                keys.Add($"72901{keys.Count:D8}{m:D6}");
            }

            var change = new PricesChanged("7290000000001", $"{m % 100}", $"{m:D64}", DateTimeOffset.UtcNow, keys.Count, 0, keys, false);
            await nats.PublishAsync(subjects.PricesChanged, MessageCodec.Encode(change));
        }

        while ((await js.GetStreamAsync(stream)).Info.State.Messages < offset + messages)
        {
            await Task.Delay(10);
        }
    }

    /// <summary>Runs <paramref name="deliver"/> (the streams deliver on their own) until every event was handled.</summary>
    private static async Task<(long Events, double Seconds, double CpuSeconds)> MeasureAsync(long expected, Func<Task> deliver)
    {
        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var work = deliver();
        var timeout = Stopwatch.StartNew();
        while (Deliveries.Count < expected && timeout.Elapsed < TimeSpan.FromMinutes(5))
        {
            await Task.Delay(20);
        }

        await work;
        process.Refresh();
        var result = (Deliveries.Count, Deliveries.Span, (process.TotalProcessorTime - cpu).TotalSeconds);
        if (Deliveries.Count < expected)
        {
            throw new InvalidOperationException($"only {Deliveries.Count} of {expected} events arrived within 5 minutes");
        }

        Deliveries.Reset();
        return result;
    }

    /// <summary>A durable pull consumer from the start of the stream: each message's products to the grains (or only counted), then ack.</summary>
    private static async Task BridgeAsync(NatsJSContext js, string stream, string name, IngestSubjects subjects, IGrainFactory? grains, long expected)
    {
        var consumer = await js.CreateOrUpdateConsumerAsync(stream, new ConsumerConfig(name) { AckPolicy = ConsumerConfigAckPolicy.Explicit, DeliverPolicy = ConsumerConfigDeliverPolicy.All, MaxAckPending = 1000 });
        while (Deliveries.Count < expected)
        {
            var batch = new List<Task>();
            await foreach (var message in consumer.FetchAsync(new NatsJSFetchOpts { MaxMsgs = FetchBatch, Expires = TimeSpan.FromSeconds(1) }, NatsRawSerializer<byte[]>.Default))
            {
                batch.Add(HandleAsync(message, subjects, grains));
            }

            await Task.WhenAll(batch);
        }
    }

    private static async Task HandleAsync(INatsJSMsg<byte[]> message, IngestSubjects subjects, IGrainFactory? grains)
    {
        if (ChangeMessage.TryDecode(message.Subject, message.Data ?? [], subjects, out var change, out _))
        {
            var events = change.Events(change.ProductKeys);
            if (grains is null)
            {
                foreach (var _ in events)
                {
                    Deliveries.Record();
                }
            }
            else
            {
                await Task.WhenAll(events.Select(e => grains.GetGrain<IBenchFollowerGrain>(e.ProductKey).Handle(e)));
            }
        }

        await message.AckAsync();
    }

    private static void Report(string what, (long Events, double Seconds, double CpuSeconds) run) =>
        Console.WriteLine($"{what,-40} {run.Events / run.Seconds,12:N0} events/s {run.Events / run.CpuSeconds,12:N0} events per CPU second (bench process)");

    private static async Task WaitForConsumerAsync(NatsJSContext js, string stream)
    {
        for (var i = 0; i < 600; i++)
        {
            try
            {
                await js.GetConsumerAsync(stream, new ChangeStreamOptions().Consumer);
                return;
            }
            catch (NatsJSApiException)
            {
                await Task.Delay(100);
            }
        }

        throw new InvalidOperationException("the change streams did not create their consumer within a minute");
    }

    private static int Arg(string[] args, int index, int fallback) =>
        args.Length > index ? int.Parse(args[index], CultureInfo.InvariantCulture) : fallback;

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
