using System.Collections.Concurrent;
using Gogobe.Ingest.JetStream;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NATS.Client.Core;
using NATS.Client.JetStream;

namespace Gogobe.Ingest.Bridge;

/// <summary>
/// Takes uploads off the durable <c>importers</c> consumer, which every silo shares: each pull asks for no more messages
/// than the silo has free import slots, so the backlog spreads over the silos and a new silo takes its share at once.
/// Survives NATS restarts by backing off and pulling again; unsettled messages come back after the ack wait.
/// </summary>
public sealed partial class FileImportBridge : BackgroundService
{
    private static readonly TimeSpan AbandonGrace = TimeSpan.FromSeconds(5);
    private readonly INatsConnection connection;
    private readonly BridgeOptions options;
    private readonly IngestStreamOptions streams;
    private readonly ImportRunner runner;
    private readonly ILogger logger;
    private readonly SemaphoreSlim slots;
    private readonly ConcurrentDictionary<long, Task> running = new();
    private long nextRun;

    public FileImportBridge(
        INatsConnection connection,
        IFileImportHandler handler,
        IOptions<BridgeOptions> options,
        IOptions<IngestStreamOptions> streams,
        IngestMetrics metrics,
        ILogger<FileImportBridge> logger)
    {
        this.connection = connection;
        this.options = options.Value;
        this.streams = streams.Value;
        this.logger = logger;
        slots = new SemaphoreSlim(this.options.MaxConcurrentImports, this.options.MaxConcurrentImports);
        var writer = new JetStreamWriter(connection, this.streams, logger);
        runner = new ImportRunner(handler, writer, this.streams.Subjects, this.options, metrics, logger);
    }

    /// <summary>Messages this bridge holds right now.</summary>
    public int InFlight => running.Count;

    /// <summary>Why this bridge cannot take work now (not started, stopping, consumer unreachable); null when it can.</summary>
    public string? NotPulling { get; private set; } = "not started yet";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        using var handlerStop = new CancellationTokenSource();
        LogStarted(logger, streams.FilesStream, streams.ImportersConsumer, options.MaxConcurrentImports);
        await PullAsync(stoppingToken, handlerStop.Token);
        NotPulling = "stopping";
        await DrainAsync(handlerStop);
    }

    private async Task PullAsync(CancellationToken stoppingToken, CancellationToken handlerToken)
    {
        var js = new NatsJSContext(connection);
        INatsJSConsumer? consumer = null;
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            var granted = 0;
            var received = 0;
            try
            {
                consumer ??= await js.GetConsumerAsync(streams.FilesStream, streams.ImportersConsumer, stoppingToken);
                NotPulling = null;
                await slots.WaitAsync(stoppingToken);
                granted = 1;
                while (granted < options.FetchBatch && slots.Wait(0))
                {
                    granted++;
                }

                var fetch = new NatsJSFetchOpts { MaxMsgs = granted, Expires = options.FetchExpiry };
                await foreach (var message in consumer.FetchAsync(fetch, NatsRawSerializer<byte[]>.Default, stoppingToken))
                {
                    received++;
                    Dispatch(message, handlerToken);
                }

                if (failures > 0)
                {
                    LogResumed(logger, failures);
                    failures = 0;
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                failures++;
                consumer = null;
                NotPulling = $"pulls from {streams.FilesStream}/{streams.ImportersConsumer} fail: {ex.Message}";
                var delay = RetryBackoff.After(failures);
                if (ex is NatsJSApiException { Error.Code: 404 })
                {
                    LogConsumerMissing(logger, streams.ImportersConsumer, streams.FilesStream, ex.Message);
                }
                else
                {
                    LogPullFailed(logger, failures, delay.TotalMilliseconds, ex.Message);
                }

                try
                {
                    await Task.Delay(delay, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
            finally
            {
                if (granted > received)
                {
                    slots.Release(granted - received);
                }
            }
        }
    }

    private void Dispatch(INatsJSMsg<byte[]> message, CancellationToken handlerToken)
    {
        var id = Interlocked.Increment(ref nextRun);
        var run = Task.Run(async () =>
        {
            try
            {
                await runner.RunAsync(message, handlerToken);
            }
            finally
            {
                slots.Release();
            }
        });
        running[id] = run;
        _ = run.ContinueWith(_ => running.TryRemove(id, out Task? _), TaskScheduler.Default);
    }

    private async Task DrainAsync(CancellationTokenSource handlerStop)
    {
        var inFlight = running.Values.ToArray();
        if (inFlight.Length == 0)
        {
            LogStopped(logger, 0);
            return;
        }

        LogDraining(logger, inFlight.Length, options.ShutdownTimeout.TotalSeconds);
        var all = Task.WhenAll(inFlight);
        if (await Task.WhenAny(all, Task.Delay(options.ShutdownTimeout)) != all)
        {
            LogShutdownTimedOut(logger, running.Count);
            await handlerStop.CancelAsync();
            await Task.WhenAny(all, Task.Delay(AbandonGrace));
        }

        LogStopped(logger, inFlight.Count(run => !run.IsCompleted));
    }

    #region Logging

    [LoggerMessage(EventId = 1401, Level = LogLevel.Information, Message = "Import bridge pulling from {Stream}/{Consumer}, {MaxConcurrent} imports at a time")]
    private static partial void LogStarted(ILogger logger, string stream, string consumer, int maxConcurrent);

    [LoggerMessage(EventId = 1402, Level = LogLevel.Warning, Message = "Pull from the importers consumer failed ({Failures} in a row): {Error}; retrying in {DelayMs} ms")]
    private static partial void LogPullFailed(ILogger logger, int failures, double delayMs, string error);

    [LoggerMessage(EventId = 1403, Level = LogLevel.Error, Message = "Consumer {Consumer} on stream {Stream} does not exist ({Error}): run JetStreamTopology.EnsureAsync (AddGogobeIngest does it at start)")]
    private static partial void LogConsumerMissing(ILogger logger, string consumer, string stream, string error);

    [LoggerMessage(EventId = 1404, Level = LogLevel.Information, Message = "Import bridge pulling again after {Failures} failed pulls")]
    private static partial void LogResumed(ILogger logger, int failures);

    [LoggerMessage(EventId = 1405, Level = LogLevel.Information, Message = "Import bridge stopping: waiting up to {TimeoutSeconds} s for {InFlight} running imports")]
    private static partial void LogDraining(ILogger logger, int inFlight, double timeoutSeconds);

    [LoggerMessage(EventId = 1406, Level = LogLevel.Warning, Message = "Shutdown timeout reached with {InFlight} imports running: cancelling them, their messages go back to the queue")]
    private static partial void LogShutdownTimedOut(ILogger logger, int inFlight);

    [LoggerMessage(EventId = 1407, Level = LogLevel.Information, Message = "Import bridge stopped ({Unsettled} imports left unsettled)")]
    private static partial void LogStopped(ILogger logger, int unsettled);

    #endregion
}
