using Gogobe.Feeds.Model;
using Gogobe.Feeds.Values;

namespace Gogobe.Feeds.Xml;

/// <summary>What kind of record the content holds, to check it against the file's name.</summary>
internal enum RecordShape
{
    Price,
    Promotion,
    Store,
}

internal sealed partial class FeedParser
{
    private FeedKind? containerKind;

    private string ChainId => Header?.ChainId ?? string.Empty;

    /// <summary>Fixes the file's identity when its first record arrives (or at the end for a file without records).</summary>
    private void EnsureHeader(RecordShape? shape)
    {
        if (Header is not null)
        {
            return;
        }

        var kind = fileName.Kind ?? shape switch
        {
            RecordShape.Price => FeedKind.Price,
            RecordShape.Promotion => FeedKind.Promo,
            RecordShape.Store => FeedKind.Stores,
            _ => KindFromRoot() ?? containerKind,
        } ?? throw new FeedFormatException(
            $"unrecognised file: neither its name nor its content (root <{rootName}>, no records) says what it holds");

        if (shape is { } s && !Fits(kind, s))
        {
            throw new FeedFormatException($"the name says {kind} but the file holds {s.ToString().ToLowerInvariant()} records");
        }

        var disagreements = new List<IdentityDisagreement>(0);
        Header = new FeedHeader(
            fileName.FileName,
            kind,
            Layout(),
            ChooseChain(disagreements),
            Clean(headerSlots[(int)FeedField.SubChainId]) ?? fileName.SubChainId,
            kind == FeedKind.Stores ? null : ChooseStore(disagreements),
            DateTimeOffset.UnixEpoch) { Disagreements = disagreements.Count == 0 ? [] : disagreements.ToArray() };
        Header = PublicationTime(Header);
    }

    private static bool Fits(FeedKind kind, RecordShape shape) => shape switch
    {
        RecordShape.Price => kind is FeedKind.Price or FeedKind.PriceFull,
        RecordShape.Promotion => kind is FeedKind.Promo or FeedKind.PromoFull,
        _ => kind == FeedKind.Stores,
    };

    /// <summary>What an empty list's container says it would hold (<c>&lt;Items Count="0"/&gt;</c>): a change file, never a full one.</summary>
    private static FeedKind? KindFromContainer(string name) => name switch
    {
        "Items" or "Products" => FeedKind.Price,
        "Promotions" or "Sales" => FeedKind.Promo,
        "Stores" or "SubChains" or "Branches" => FeedKind.Stores,
        _ => null,
    };

    private FeedKind? KindFromRoot() => rootName?.ToLowerInvariant() switch
    {
        "prices" => FeedKind.Price,
        "promos" => FeedKind.Promo,
        "store" or "chain" or "abap" => FeedKind.Stores,
        _ => null,
    };

    private string ChooseChain(List<IdentityDisagreement> disagreements)
    {
        var fromXml = Clean(headerSlots[(int)FeedField.ChainId]);
        var fromName = fileName.ChainId;
        var chosen = Choose(fromXml, fromName, id => FeedIds.IsFullChainId(id))
            ?? throw new FeedFormatException("no chain id in the name or the XML header");
        Note(disagreements, "chain", fromXml, fromName, chosen);
        return chosen;
    }

    private string? ChooseStore(List<IdentityDisagreement> disagreements)
    {
        var fromXml = FeedIds.NormalizeStoreId(headerSlots[(int)FeedField.StoreId]);
        var fromName = fileName.StoreId;
        var chosen = Choose(fromXml, fromName, id => id.All(char.IsAsciiDigit) && id.Any(c => c != '0'));
        Note(disagreements, "store", fromXml, fromName, chosen);
        return chosen;
    }

    /// <summary>The header's id when valid, else the name's when valid, else whichever is given (the header's first).</summary>
    private static string? Choose(string? fromXml, string? fromName, Func<string, bool> valid) =>
        fromXml is not null && valid(fromXml) ? fromXml
        : fromName is not null && valid(fromName) ? fromName
        : fromXml ?? fromName;

    private static void Note(List<IdentityDisagreement> disagreements, string field, string? fromXml, string? fromName, string? chosen)
    {
        if (fromXml is not null && fromName is not null && chosen is not null && !string.Equals(fromXml, fromName, StringComparison.Ordinal))
        {
            disagreements.Add(new IdentityDisagreement(field, fromXml, fromName, chosen));
        }
    }

    private char Layout()
    {
        switch (rootName?.ToLowerInvariant())
        {
            case "prices" or "promos" or "store":
                return 'D';
            case "orderxml":
                return 'E';
            case "abap":
                return 'B';
            case "chain":
                return 'F';
        }

        if (rootName == "root")
        {
            return 'B';
        }

        if (chainElementName == "ChainID")
        {
            return 'F';
        }

        return headerSlots[(int)FeedField.XmlDocVersion] is null ? 'C' : 'A';
    }

    private static string? Clean(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var trimmed = text.Trim();
        return trimmed.Length == 0 ? null : trimmed;
    }
}
