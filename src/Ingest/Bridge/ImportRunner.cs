using System.Diagnostics;
using Gogobe.Ingest.JetStream;
using Gogobe.Ingest.Messages;
using Microsoft.Extensions.Logging;
using NATS.Client.Core;
using NATS.Client.JetStream;

namespace Gogobe.Ingest.Bridge;

/// <summary>
/// Runs one delivered upload through the <see cref="IFileImportHandler"/> and settles it with the broker: ack once the
/// handler completed, nak with a delay when it threw or asked for a retry, dead letter plus terminate when it can never
/// succeed. An upload given up after its last delivery is first recorded as a failed import by the handler, so that no
/// import stays running once the broker forgets it.
/// </summary>
internal sealed partial class ImportRunner(
    IFileImportHandler handler,
    JetStreamWriter writer,
    IngestSubjects subjects,
    BridgeOptions options,
    IngestMetrics metrics,
    ILogger logger)
{
    private static readonly TimeSpan SettleTimeout = TimeSpan.FromSeconds(10);
    private readonly TimeSpan progressInterval = options.AckWait / 3;

    public async Task RunAsync(INatsJSMsg<byte[]> message, CancellationToken handlerToken)
    {
        var deliveries = (int)(message.Metadata?.NumDelivered ?? 1);
        metrics.FilesReceived.Add(1);
        if (deliveries > 1)
        {
            metrics.FilesRedelivered.Add(1);
        }

        metrics.ImportsInFlight.Add(1);
        try
        {
            await RunDecodedAsync(message, deliveries, handlerToken);
        }
        catch (Exception ex)
        {
            // The broker still holds the message and redelivers it after the ack wait.
            LogSettleFailed(logger, Sequence(message), deliveries, ex.Message);
        }
        finally
        {
            metrics.ImportsInFlight.Add(-1);
        }
    }

    private async Task RunDecodedAsync(INatsJSMsg<byte[]> message, int deliveries, CancellationToken handlerToken)
    {
        if (!MessageCodec.TryDecode(message.Data ?? [], out FileUploaded? file, out var problem))
        {
            await DeadLetterAsync(message, null, $"undecodable upload message: {problem}", deliveries);
            return;
        }

        if (deliveries > options.MaxDeliveries)
        {
            await DeadLetterAsync(
                message,
                file,
                $"import of {file.FileName} did not finish in {options.MaxDeliveries} deliveries: it never returned (silo stopped, or no progress within {BridgeOptions.Section}:AckWait)",
                deliveries);
            return;
        }

        FileImportOutcome? outcome = null;
        Exception? failure = null;
        var started = Stopwatch.GetTimestamp();
        await using (AckProgressSignal.Start(message, progressInterval, logger))
        {
            try
            {
                outcome = await handler.HandleAsync(file, handlerToken);
            }
            catch (Exception ex)
            {
                failure = ex;
            }
        }

        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        using var settle = new CancellationTokenSource(SettleTimeout);
        if (failure is OperationCanceledException && handlerToken.IsCancellationRequested)
        {
            LogAbandoned(logger, file.ImportId, file.FileName);
            await message.NakAsync(cancellationToken: settle.Token);
            return;
        }

        if (failure is not null || outcome is null or { Transient: true })
        {
            var error = failure is not null ? $"{failure.GetType().Name}: {failure.Message}" : outcome?.Error ?? "the handler returned no outcome";
            metrics.FilesFailed.Add(1);
            metrics.HandlerDuration.Record(seconds, new KeyValuePair<string, object?>("outcome", "failed"));
            if (deliveries >= options.MaxDeliveries)
            {
                await DeadLetterAsync(message, file, $"import of {file.FileName} failed {deliveries} times; last error: {error}", deliveries);
                return;
            }

            LogImportRetry(logger, file.ImportId, file.FileName, deliveries, options.MaxDeliveries, error);
            await message.NakAsync(new AckOpts { NakDelay = options.RedeliveryDelay }, settle.Token);
            return;
        }

        var tag = new KeyValuePair<string, object?>("outcome", outcome.Imported ? "imported" : "rejected");
        metrics.HandlerDuration.Record(seconds, tag);
        await message.AckAsync(new AckOpts { DoubleAck = true }, settle.Token);
        if (outcome.Repeated)
        {
            // A redelivery of an upload imported before: its file and rows were counted when it was imported.
            return;
        }

        metrics.FilesCompleted.Add(1, tag);
        metrics.Rows.Add(outcome.RowsRead, new KeyValuePair<string, object?>("result", "read"));
        metrics.Rows.Add(outcome.RowsChanged, new KeyValuePair<string, object?>("result", "changed"));
        metrics.Rows.Add(outcome.RowsRejected, new KeyValuePair<string, object?>("result", "rejected"));
        if (!outcome.Imported)
        {
            LogImportRejected(logger, file.ImportId, file.FileName, outcome.Error ?? "no reason given");
        }
    }

    private async Task DeadLetterAsync(INatsJSMsg<byte[]> message, FileUploaded? file, string reason, int deliveries)
    {
        if (file is not null)
        {
            using var record = new CancellationTokenSource(SettleTimeout);
            await handler.GiveUpAsync(file, reason, record.Token);
        }

        var headers = new NatsHeaders
        {
            [DeadLetterHeaders.Reason] = reason,
            [DeadLetterHeaders.Deliveries] = deliveries.ToString(System.Globalization.CultureInfo.InvariantCulture),
            [DeadLetterHeaders.OriginalSubject] = message.Subject,
        };
        var messageId = $"deadletter:{message.Metadata?.Stream}:{Sequence(message)}";
        await writer.PublishAsync(subjects.DeadLetterFiles, message.Data ?? [], messageId, headers, CancellationToken.None);

        using var settle = new CancellationTokenSource(SettleTimeout);
        await message.AckTerminateAsync(new AckOpts { DoubleAck = true }, settle.Token);
        metrics.FilesDeadLettered.Add(1);
        LogDeadLettered(logger, Sequence(message), deliveries, reason);
    }

    private static ulong Sequence(INatsJSMsg<byte[]> message) => message.Metadata?.Sequence.Stream ?? 0;

    #region Logging

    [LoggerMessage(EventId = 1301, Level = LogLevel.Warning, Message = "Import {ImportId} ({FileName}) failed on delivery {Delivery} of {MaxDeliveries}: {Error}; it will be retried")]
    private static partial void LogImportRetry(ILogger logger, string importId, string fileName, int delivery, int maxDeliveries, string error);

    [LoggerMessage(EventId = 1302, Level = LogLevel.Warning, Message = "Import {ImportId} ({FileName}) rejected the file: {Error}")]
    private static partial void LogImportRejected(ILogger logger, string importId, string fileName, string error);

    [LoggerMessage(EventId = 1303, Level = LogLevel.Error, Message = "Upload message {Sequence} moved to the dead-letter stream after {Deliveries} deliveries: {Reason}")]
    private static partial void LogDeadLettered(ILogger logger, ulong sequence, int deliveries, string reason);

    [LoggerMessage(EventId = 1304, Level = LogLevel.Warning, Message = "Could not settle upload message {Sequence} (delivery {Delivery}) with the broker: {Error}; it will be redelivered")]
    private static partial void LogSettleFailed(ILogger logger, ulong sequence, int delivery, string error);

    [LoggerMessage(EventId = 1305, Level = LogLevel.Information, Message = "Import {ImportId} ({FileName}) stopped by shutdown; handed back to the queue")]
    private static partial void LogAbandoned(ILogger logger, string importId, string fileName);

    #endregion
}
