using System.Diagnostics;
using Gogobe.Contracts.Matching;
using Gogobe.Matching.Learning;
using Gogobe.Storage.Matching;
using Microsoft.Extensions.Logging;

namespace Gogobe.Grains.Matching;

/// <summary>
/// The master products of the catalogue (<see cref="IMasterProductsGrain"/>): on activation it loads every offer, the
/// stored masters and the newest trained matcher (none: codes only), then matches what imports add. A catalogue run
/// works off the grain's scheduler on a fresh copy of the catalogue; new products wait for it (their requests come back).
/// </summary>
public sealed partial class MasterProductsGrain(MasterProductStore store, ILogger<MasterProductsGrain> logger) : Grain, IMasterProductsGrain
{
    private MasterCatalogue catalogue = new();
    private (MatchModel Pairs, ConfidenceModel Confidence)? model;
    private long modelId;
    private Task? run;
    private double? lastRunMs;
    private DateTimeOffset? lastRunAt;
    private string? lastError;
    private double loadMs;

    private bool Running => run is { IsCompleted: false };

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (await store.LoadModelAsync(cancellationToken) is { } stored)
        {
            if (MatcherFile.TryRead(stored.Model, out var pairs, out var confidence, out var problem))
            {
                model = (pairs!, confidence!);
                modelId = stored.ModelId;
            }
            else
            {
                LogModelUnreadable(stored.ModelId, problem!);
            }
        }

        var clock = Stopwatch.StartNew();
        catalogue = await LoadAsync(cancellationToken);
        loadMs = clock.Elapsed.TotalMilliseconds;
        LogLoaded(catalogue.Products, catalogue.Offers, modelId);
    }

    public async Task<bool> MatchNew(IReadOnlyList<string> productKeys)
    {
        if (Running)
        {
            return false;
        }

        var started = Stopwatch.GetTimestamp();
        var unknown = productKeys.Where(k => !catalogue.Knows(k)).Distinct(StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
        {
            catalogue.Add(await store.LoadOffersAsync(unknown));
        }

        var loaded = Stopwatch.GetTimestamp();
        var matched = productKeys.Where(k => catalogue.Knows(k) && !catalogue.IsMatched(k)).Distinct(StringComparer.Ordinal).Select(catalogue.MatchNew).ToList();
        var matching = Stopwatch.GetElapsedTime(loaded);
        await store.AssignAsync(matched);
        LogMatchedNew(matched.Count, matching.TotalMilliseconds, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return true;
    }

    public Task<MatchingStatus> Rerun()
    {
        if (!Running)
        {
            var clock = Stopwatch.StartNew();
            run = Task.Run(async () =>
            {
                try
                {
                    var fresh = await LoadAsync(CancellationToken.None);
                    var results = fresh.MatchAll();
                    await store.ClearUndecidedAsync();
                    await store.AssignAsync(results);
                    catalogue = fresh;
                    lastError = null;
                }
                catch (Exception ex)
                {
                    lastError = ex.Message;
                    LogRunFailed(ex);
                }

                lastRunMs = clock.Elapsed.TotalMilliseconds;
                lastRunAt = DateTimeOffset.UtcNow;
            });
        }

        return GetStatus();
    }

    public Task<MatchingStatus> GetStatus()
    {
        var assignments = Running ? [] : catalogue.Assignments.ToList();
        int Count(string by) => assignments.Count(a => a.MatchedBy == by && (by != MatchedBy.Code || a.MasterId != a.ProductKey));
        return Task.FromResult(new MatchingStatus(
            Running, catalogue.Products, catalogue.Offers, modelId, assignments.Count, Count(MatchedBy.Code), Count(MatchedBy.Learned),
            Count(MatchedBy.Manual), assignments.Count(a => a.MasterId == a.ProductKey && a.MatchedBy != MatchedBy.Manual),
            assignments.Select(a => a.MasterId).Distinct(StringComparer.Ordinal).Count(), lastRunMs, lastRunAt, lastError, loadMs));
    }

    public Task<MasterDecision?> Confirm(string productKey, string? decidedBy) => DecideAsync(productKey, "confirm", decidedBy);

    public Task<MasterDecision?> Split(string productKey, string? decidedBy) => DecideAsync(productKey, "split", decidedBy);

    public async Task<ModelInstalled> InstallModel(byte[] blob, string? description, string? uploadedBy)
    {
        if (!MatcherFile.TryRead(blob, out var pairs, out var confidence, out var problem))
        {
            return new ModelInstalled(null, problem);
        }

        if (Running)
        {
            return new ModelInstalled(null, "a catalogue run is under way: upload the model when it has finished");
        }

        modelId = await store.SaveModelAsync(blob, description, uploadedBy);
        model = (pairs!, confidence!);
        catalogue.Use(pairs!, confidence!);
        LogModelInstalled(modelId, blob.Length);
        return new ModelInstalled(modelId, null);
    }

    public async Task<ModelInstalled> WithdrawModel(string? withdrawnBy)
    {
        if (Running)
        {
            return new ModelInstalled(null, "a catalogue run is under way: withdraw the model when it has finished");
        }

        await store.DeleteModelsAsync();
        LogModelWithdrawn(modelId, withdrawnBy);
        model = null;
        modelId = 0;
        catalogue.UseNoModel();
        return new ModelInstalled(0, null);
    }

    private async Task<MasterDecision?> DecideAsync(string productKey, string decision, string? decidedBy)
    {
        if (Running)
        {
            throw new InvalidOperationException("a catalogue run is under way: decide when it has finished");
        }

        var master = decision == "split" ? productKey : catalogue.MasterOf(productKey);
        if (!await store.DecideAsync(productKey, decision, master, decidedBy))
        {
            return null;
        }

        catalogue.Decide(productKey, decision, master);
        return new MasterDecision(productKey, master, decision);
    }

    private async Task<MasterCatalogue> LoadAsync(CancellationToken cancellationToken)
    {
        var loaded = new MasterCatalogue();
        if (model is { } m)
        {
            loaded.Use(m.Pairs, m.Confidence);
        }

        loaded.Add(await store.LoadCatalogueAsync(cancellationToken));
        loaded.Load(await store.LoadAssignmentsAsync(cancellationToken));
        return loaded;
    }

    [LoggerMessage(EventId = 2601, Level = LogLevel.Information, Message = "Master products loaded: {Products} products, {Offers} offers, model {ModelId}")]
    private partial void LogLoaded(int products, int offers, long modelId);

    [LoggerMessage(EventId = 2602, Level = LogLevel.Warning, Message = "Stored matcher {ModelId} cannot be read ({Problem}); matching by code only")]
    private partial void LogModelUnreadable(long modelId, string problem);

    [LoggerMessage(EventId = 2606, Level = LogLevel.Information, Message = "Matcher {ModelId} withdrawn by {WithdrawnBy}: matching by code only")]
    private partial void LogModelWithdrawn(long modelId, string? withdrawnBy);

    [LoggerMessage(EventId = 2605, Level = LogLevel.Information, Message = "Matched {Products} new products: {MatchMilliseconds:F2} ms matching, {TotalMilliseconds:F1} ms with reading their offers and writing the matches")]
    private partial void LogMatchedNew(int products, double matchMilliseconds, double totalMilliseconds);

    [LoggerMessage(EventId = 2603, Level = LogLevel.Information, Message = "Matcher {ModelId} installed ({Bytes} bytes)")]
    private partial void LogModelInstalled(long modelId, int bytes);

    [LoggerMessage(EventId = 2604, Level = LogLevel.Error, Message = "Matching the catalogue failed")]
    private partial void LogRunFailed(Exception exception);
}
