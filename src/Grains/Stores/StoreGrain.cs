using Gogobe.Contracts.Events;
using Gogobe.Contracts.Stores;
using Gogobe.Storage.Stores;
using Microsoft.Extensions.Logging;
using Gogobe.Grains.Placement;

namespace Gogobe.Grains.Stores;

/// <summary>One store, keyed <c>chainId:storeId</c>: its facts as of the newest Stores file; announces new and moved stores.</summary>
[SiloRolePlacement(SiloRole.Import)]
public sealed partial class StoreGrain(StoreDirectory directory, IChangeEvents events, ILogger<StoreGrain> logger) : Grain, IStoreGrain
{
    private StoredStore? current;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var key = StoreKey.Parse(this.GetPrimaryKeyString());
        current = await directory.GetAsync(key.ChainId, key.StoreId, cancellationToken);
    }

    public async Task<bool> Apply(StoreFacts facts, DateTimeOffset fileTimestamp, string importId)
    {
        if (current is not null && current.FileAt > fileTimestamp)
        {
            return false;
        }

        var row = ToRow(facts);
        var outcome = await directory.UpsertAsync(row, fileTimestamp, importId);
        if (outcome is StoreUpsertOutcome.Stale)
        {
            return false;
        }

        current = new StoredStore(row, fileTimestamp, importId, DateTimeOffset.UtcNow);
        if (outcome is StoreUpsertOutcome.Created or StoreUpsertOutcome.Moved)
        {
            var reason = outcome is StoreUpsertOutcome.Created ? StoreChangeReason.New : StoreChangeReason.Address;
            try
            {
                await events.AnnounceAsync(new StoreChanged(facts.ChainId, facts.StoreId, facts.Name ?? "", facts.Address, facts.City, reason), CancellationToken.None);
            }
            catch (ChangeNotAnnouncedException ex)
            {
                LogAnnounceFailed(ex, this.GetPrimaryKeyString());
            }
        }

        return outcome is not StoreUpsertOutcome.Unchanged;
    }

    private static StoreRow ToRow(StoreFacts f) =>
        new(f.ChainId, f.StoreId, f.ChainName, f.SubChainId, f.SubChainName, f.Name, f.Address, f.City, f.ZipCode, f.StoreType, f.Latitude, f.Longitude);

    [LoggerMessage(EventId = 2101, Level = LogLevel.Warning, Message = "Store {Store} changed but the change could not be announced")]
    private partial void LogAnnounceFailed(Exception exception, string store);
}
