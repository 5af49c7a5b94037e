using System.Diagnostics;
using Gogobe.Contracts.Geo;
using Gogobe.Contracts.Imports;
using Gogobe.Contracts.Prices;
using Gogobe.Contracts.Promotions;
using Gogobe.Contracts.Stores;
using Gogobe.Feeds;
using Gogobe.Feeds.Model;
using Gogobe.Storage.Imports;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Placement;
using Orleans.Runtime;
using Gogobe.Grains.Placement;

namespace Gogobe.Grains.Imports;

/// <summary>
/// One import per file content (key: SHA-256). Reads the file with the feed reader off the grain's scheduler, checking its
/// bytes against the key in the same pass, hands the rows to the store's grains and records the outcome; a completed
/// import is never run again, and a file whose bytes are not its key's fails. Placed on the silo that received the file
/// so that the parsing spreads with the NATS consumers.
/// </summary>
[PreferLocalPlacement]
[SiloRolePlacement(SiloRole.Import)]
public sealed partial class ImportGrain(
    IUploadedFiles files, ImportLog log, ILocalSiloDetails silo, IOptions<FeedReaderOptions> reader, ImportMetrics metrics, ILogger<ImportGrain> logger)
    : Grain, IImportGrain
{
    private const int StoreFanOut = 32;
    private ImportEntry? entry;

    public async Task<ImportStatus> Run(ImportRequest request)
    {
        var begin = await log.TryBeginAsync(request.ImportId, request.FileName, request.Size, request.SubmittedAt, silo.SiloAddress.ToParsableString());
        entry = begin.Entry;
        if (!begin.Started)
        {
            return ToStatus(entry) with { Repeated = true };
        }

        try
        {
            return await ImportAsync(request);
        }
        catch (Exception ex)
        {
            return await EndAttemptAsync(request, ImportFailure.Of(ex));
        }
    }

    /// <summary>
    /// A permanent failure ends the import as Failed at once; any other keeps it Running with the error noted and returns
    /// it so, for the bridge to deliver the upload again (and to end it as Failed once the deliveries are spent).
    /// </summary>
    private async Task<ImportStatus> EndAttemptAsync(ImportRequest request, ImportFailure failure)
    {
        if (failure.Permanent)
        {
            await log.FailAsync(request.ImportId, failure.Reason);
            LogFileRejected(request.FileName, request.ImportId, failure.Reason);
        }
        else
        {
            await log.NoteRetryAsync(request.ImportId, failure.Reason);
            LogAttemptFailed(request.FileName, request.ImportId, entry?.Attempts ?? 0, failure.Reason);
        }

        return await RefreshAsync(request.ImportId);
    }

    private async Task<ImportStatus> ImportAsync(ImportRequest request)
    {
        var parseClock = Stopwatch.StartNew();
        if (await TryUnchangedPriceListAsync(request, parseClock) is { } unchanged)
        {
            return unchanged;
        }

        var parsed = await Task.Run(() =>
        {
            using var file = files.OpenRead(request.StoragePath);
            var content = new HashingReadStream(file);
            var read = ParsedFeed.Read(content, request.FileName, reader.Value with { ReceivedAt = request.ModifiedAt });
            content.Verify(request.ImportId);
            return read;
        });
        var parseMs = (int)parseClock.ElapsedMilliseconds;
        var result = parsed.Result;
        var header = result.Header;
        if (!result.Ok || header is null)
        {
            var error = result.Error ?? "the file's identity could not be read";
            await log.FailAsync(request.ImportId, error, Outcome(parsed, header, 0, parseMs, null));
            LogFileRejected(request.FileName, request.ImportId, error);
            FailedReadMemory.Release();
            return await RefreshAsync(request.ImportId);
        }

        NoteDisagreements(header);
        var applyClock = Stopwatch.StartNew();
        int changed;
        try
        {
            changed = await ApplyAsync(request.ImportId, header, parsed);
        }
        catch (FeedIdentityException ex)
        {
            await log.FailAsync(request.ImportId, ex.Message, Outcome(parsed, header, 0, parseMs, null));
            return await RefreshAsync(request.ImportId);
        }

        await log.CompleteAsync(request.ImportId, Outcome(parsed, header, changed, parseMs, (int)applyClock.ElapsedMilliseconds));
        LogImported(request.FileName, header.Kind.ToString(), parsed.Rows, changed, parseMs, (int)applyClock.ElapsedMilliseconds);
        return await RefreshAsync(request.ImportId);
    }

    private async Task<int> ApplyAsync(string importId, FeedHeader header, ParsedFeed parsed)
    {
        switch (header.Kind)
        {
            case FeedKind.Stores:
                return await ApplyStoresAsync(importId, header, parsed.Stores);
            case FeedKind.PriceFull or FeedKind.Price:
                var prices = GrainFactory.GetGrain<IPriceListGrain>(StoreGrainKey(header));
                var batch = new PriceBatch(importId, header.Timestamp, parsed.Prices, parsed.PriceListFingerprint) { KeysShared = true };
                var priced = header.Kind == FeedKind.PriceFull ? await prices.ApplyFull(batch) : await prices.ApplyDelta(batch);
                return priced.Changed + priced.Removed;
            default:
                var promotions = GrainFactory.GetGrain<IPromotionsGrain>(StoreGrainKey(header));
                var offers = new PromotionBatch(importId, header.Timestamp, parsed.Promotions);
                var promoted = header.Kind == FeedKind.PromoFull ? await promotions.ApplyFull(offers) : await promotions.ApplyDelta(offers);
                return promoted.Changed;
        }
    }

    /// <summary>
    /// Chains republish unchanged full price lists under new names and times. When the file is a full list and its
    /// content fingerprint (decompression and a hash, about a fifth of the cost of reading it) equals the list the store
    /// holds, only the store's watermark moves and the file is complete. Null when that does not apply: read it in full.
    /// </summary>
    private async Task<ImportStatus?> TryUnchangedPriceListAsync(ImportRequest request, Stopwatch clock)
    {
        var header = await Task.Run(() =>
        {
            using var content = files.OpenRead(request.StoragePath);
            return ParsedFeed.ReadHeader(content, request.FileName, reader.Value);
        });

        // A list dated only by what is inside is dated once it has been read whole.
        if (header is not { Kind: FeedKind.PriceFull, StoreId: { Length: > 0 } storeId } || header.TimeSource == FeedTimeSource.Undecided)
        {
            return null;
        }

        var prices = GrainFactory.GetGrain<IPriceListGrain>(new StoreKey(header.ChainId, storeId).ToString());
        if (await prices.GetFullListFingerprint() is not { } applied)
        {
            return null;
        }

        var fingerprint = await Task.Run(() =>
        {
            using var file = files.OpenRead(request.StoragePath);
            var content = new HashingReadStream(file);
            var read = FeedFile.TryFingerprint(content, reader.Value);
            content.Verify(request.ImportId);
            return read;
        });
        if (fingerprint != applied || await prices.ApplyUnchangedFull(request.ImportId, header.Timestamp, fingerprint) is not { } result)
        {
            return null;
        }

        NoteDisagreements(header);
        var parseMs = (int)clock.ElapsedMilliseconds;
        var outcome = new ImportOutcome(header.Kind.ToString(), header.ChainId, storeId, header.Timestamp, result.Rows, 0, 0,
            new Dictionary<string, int>(), parseMs, 0) { FileAtSource = TimeSourceName(header.TimeSource) };
        LogUnchanged(request.FileName, result.Rows, result.SkippedReason ?? "same content as the applied list", parseMs);
        await log.CompleteAsync(request.ImportId, outcome);
        return await RefreshAsync(request.ImportId);
    }

    private async Task<int> ApplyStoresAsync(string importId, FeedHeader header, IReadOnlyList<StoreFacts> stores)
    {
        var changed = 0;
        foreach (var chunk in stores.Chunk(StoreFanOut))
        {
            var results = await Task.WhenAll(chunk.Select(s =>
                GrainFactory.GetGrain<IStoreGrain>(new StoreKey(s.ChainId, s.StoreId).ToString()).Apply(s, header.Timestamp, importId)));
            changed += results.Count(r => r);
        }

        if (changed > 0)
        {
            await GrainFactory.GetGrain<IStoreLocatorGrain>(0).Locate();
        }

        return changed;
    }

    /// <summary>Counts and logs where the file's header and name give different ids (the valid one was used).</summary>
    private void NoteDisagreements(FeedHeader header)
    {
        foreach (var disagreement in header.Disagreements)
        {
            metrics.Disagreed(disagreement);
            LogIdentityDisagreement(header.FileName, disagreement.Field, disagreement.InHeader, disagreement.InName, disagreement.Used);
        }
    }

    private static string StoreGrainKey(FeedHeader header) =>
        string.IsNullOrEmpty(header.StoreId)
            ? throw new FeedIdentityException($"{header.FileName}: a {header.Kind} file must name its store (in its header or file name)")
            : new StoreKey(header.ChainId, header.StoreId).ToString();

    private static ImportOutcome Outcome(ParsedFeed parsed, FeedHeader? header, int changed, int parseMs, int? applyMs) => new(
        header?.Kind.ToString(), header?.ChainId, header?.StoreId, header?.Timestamp, parsed.Rows + parsed.Rejected, changed,
        parsed.Rejected, parsed.RejectedByReason, parseMs, applyMs)
    {
        FileAtSource = header is null ? null : TimeSourceName(header.TimeSource),
    };

    private static string? TimeSourceName(FeedTimeSource source) =>
        source == FeedTimeSource.Undecided ? null : source.ToString().ToLowerInvariant();

    private async Task<ImportStatus> RefreshAsync(string importId)
    {
        entry = await log.GetAsync(importId) ?? throw new InvalidOperationException($"Import {importId} vanished from the import log.");
        return ToStatus(entry);
    }

    internal static ImportStatus ToStatus(ImportEntry e) => new(
        e.ImportId, e.FileName, (ImportState)(int)e.Status, e.Kind, e.ChainId, e.StoreId, e.FileAt, e.RowsRead, e.RowsChanged,
        e.RowsRejected, e.Rejections, e.Error, e.Attempts, e.SubmittedAt, e.StartedAt, e.FinishedAt, e.ParseMilliseconds, e.ApplyMilliseconds);

    [LoggerMessage(EventId = 2201, Level = LogLevel.Information, Message = "Imported {FileName} ({Kind}): {Rows} rows, {Changed} changed; parse {ParseMs} ms, apply {ApplyMs} ms")]
    private partial void LogImported(string fileName, string kind, int rows, int changed, int parseMs, int applyMs);

    [LoggerMessage(EventId = 2203, Level = LogLevel.Information, Message = "Imported {FileName} (PriceFull): {Rows} rows, none changed ({Reason}); fingerprint {ElapsedMs} ms")]
    private partial void LogUnchanged(string fileName, int rows, string reason, int elapsedMs);

    [LoggerMessage(EventId = 2202, Level = LogLevel.Warning, Message = "File {FileName} ({ImportId}) rejected: {Reason}")]
    private partial void LogFileRejected(string fileName, string importId, string reason);

    [LoggerMessage(EventId = 2205, Level = LogLevel.Warning, Message = "File {FileName}: its header says {Field} {InHeader}, its name {InName}; {Used} is used")]
    private partial void LogIdentityDisagreement(string fileName, string field, string inHeader, string inName, string used);

    [LoggerMessage(EventId = 2204, Level = LogLevel.Warning, Message = "Import of {FileName} ({ImportId}) failed on attempt {Attempt}: {Reason}; it will be tried again")]
    private partial void LogAttemptFailed(string fileName, string importId, int attempt, string reason);
}

/// <summary>A file that parsed but does not say which store it belongs to.</summary>
internal sealed class FeedIdentityException(string message) : Exception(message);
