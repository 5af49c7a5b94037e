using Gogobe.Feeds.Model;

namespace Gogobe.Feeds.Xml;

/// <summary>Counts of what one file yielded and what it left out, by reason.</summary>
internal sealed class FeedTally(int maxRows)
{
    private readonly Dictionary<string, int> rejected = new(StringComparer.Ordinal);

    public int Stores { get; private set; }

    public int Items { get; private set; }

    public int Promotions { get; private set; }

    public int PromotionItems { get; private set; }

    public int Rejected { get; private set; }

    public IReadOnlyDictionary<string, int> RejectedByReason => rejected;

    public FeedRecord Count(FeedRecord record)
    {
        switch (record)
        {
            case PriceItem:
                Items++;
                break;
            case Promotion promotion:
                Promotions++;
                PromotionItems += promotion.Items.Count;
                break;
            case StoreRecord:
                Stores++;
                break;
        }

        if ((long)Stores + Items + Promotions + PromotionItems > maxRows)
        {
            throw FeedLimit.Exceeded("the number of rows (stores, items, promotions and their items)", nameof(FeedReaderOptions.MaxRows), maxRows, "rows",
                $"at {Stores + Items + Promotions:N0} records");
        }

        return record;
    }

    public void Reject(string reason)
    {
        Rejected++;
        rejected[reason] = rejected.GetValueOrDefault(reason) + 1;
    }
}
