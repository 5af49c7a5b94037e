using Gogobe.Feeds.Model;
using Gogobe.Feeds.Values;

namespace Gogobe.Feeds.Xml;

/// <summary>
/// The publication time, best source first: the XML header, the file's name, the newest update time of the items or
/// promotions inside (known only at the end of the file), the time given with the file (its modification time).
/// </summary>
internal sealed partial class FeedParser
{
    private DateTimeOffset? newestContentTime;

    private FeedHeader PublicationTime(FeedHeader header)
    {
        if (IsraelTime.Parse(headerSlots[(int)FeedField.LastUpdateDate], headerSlots[(int)FeedField.LastUpdateTime]) is { } written)
        {
            return header with { Timestamp = written, TimeSource = FeedTimeSource.Header };
        }

        return fileName.Timestamp is { } named
            ? header with { Timestamp = named, TimeSource = FeedTimeSource.Name }
            : header with { Timestamp = fileTime() ?? DateTimeOffset.UnixEpoch, TimeSource = FeedTimeSource.Undecided };
    }

    private FeedRecord NoteTime(FeedRecord record)
    {
        if (Header is { TimeSource: FeedTimeSource.Undecided })
        {
            var updated = record switch
            {
                PriceItem item => item.PriceUpdatedAt,
                Promotion promotion => promotion.UpdatedAt,
                _ => null,
            };
            if (updated > newestContentTime || (newestContentTime is null && updated is not null))
            {
                newestContentTime = updated;
            }
        }

        return record;
    }

    /// <summary>At the end of the file: a time still undecided becomes the newest inside, else the one given, else an error.</summary>
    private void SettleTime()
    {
        if (Header is not { TimeSource: FeedTimeSource.Undecided } header)
        {
            return;
        }

        Header = newestContentTime is { } inside
            ? header with { Timestamp = inside, TimeSource = FeedTimeSource.Content }
            : fileTime() is { } given
                ? header with { Timestamp = given, TimeSource = FeedTimeSource.Supplied }
                : throw new FeedFormatException("no publication time: none in the XML header, the name or the records, and none was given with the file");
    }
}
