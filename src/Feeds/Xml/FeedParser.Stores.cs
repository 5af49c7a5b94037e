using Gogobe.Feeds.Model;
using Gogobe.Feeds.Values;

namespace Gogobe.Feeds.Xml;

internal sealed partial class FeedParser
{
    private StoreRecord? BuildStore(string?[] f)
    {
        var storeId = FeedIds.NormalizeStoreId(f[(int)FeedField.StoreId]);
        if (storeId is null)
        {
            Tally.Reject(RejectReason.MissingStoreId);
            return null;
        }

        var chain = Clean(f[(int)FeedField.ChainId]);
        return new StoreRecord(
            chain is not null && FeedIds.IsFullChainId(chain) ? chain : ChainId,
            Clean(f[(int)FeedField.ChainName]) ?? Clean(headerSlots[(int)FeedField.ChainName]),
            Clean(f[(int)FeedField.SubChainId]) ?? Clean(currentSubChainId) ?? Header?.SubChainId,
            Clean(f[(int)FeedField.SubChainName]) ?? Clean(currentSubChainName),
            storeId,
            Clean(f[(int)FeedField.BikoretNo]),
            FeedNumber.ParseInt(f[(int)FeedField.StoreType]),
            Clean(f[(int)FeedField.StoreName]),
            Clean(f[(int)FeedField.Address]),
            Clean(f[(int)FeedField.City]),
            Clean(f[(int)FeedField.ZipCode]),
            FeedNumber.ParseDouble(f[(int)FeedField.Latitude]),
            FeedNumber.ParseDouble(f[(int)FeedField.Longitude]));
    }
}
