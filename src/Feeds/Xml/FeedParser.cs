using System.Xml;
using Gogobe.Feeds.Model;
using Gogobe.Feeds.Naming;

namespace Gogobe.Feeds.Xml;

/// <summary>
/// Streams records out of one feed's XML, whatever its layout: it walks the tree once, collects the header
/// fields that come before the first record, and reads each record element (Item, Product, Line, Promotion,
/// Sale, Store, STORE, Branch) into a slot per field before mapping it to the model.
/// </summary>
internal sealed partial class FeedParser : IDisposable
{
    private readonly FeedXml reader;
    private readonly FieldNames names = new();
    private readonly string?[] slots = new string?[FieldNames.SlotCount];
    private readonly string?[] itemSlots = new string?[FieldNames.SlotCount];
    private readonly string?[] headerSlots = new string?[FieldNames.SlotCount];
    private readonly FeedFileName fileName;
    private readonly Func<DateTimeOffset?> fileTime;
    private readonly Queue<FeedRecord> pending = new();
    private string? rootName;
    private string? chainElementName;
    private string? currentSubChainId;
    private string? currentSubChainName;
    private bool finished;

    public FeedParser(FeedXml reader, FeedFileName fileName, Func<DateTimeOffset?> fileTime, int maxRows)
    {
        Tally = new FeedTally(maxRows);
        this.reader = reader;
        this.fileName = fileName;
        this.fileTime = fileTime;
    }

    public FeedHeader? Header { get; private set; }

    public FeedTally Tally { get; }

    /// <summary>The next record, or null at the end of the document. Bad input throws; the caller turns it into an error.</summary>
    public FeedRecord? Next()
    {
        while (true)
        {
            if (pending.TryDequeue(out var queued))
            {
                return Tally.Count(NoteTime(queued));
            }

            if (finished)
            {
                SettleTime();
                return null;
            }

            var record = ReadNext();
            if (record is not null)
            {
                return Tally.Count(NoteTime(record));
            }
        }
    }

    public void Dispose() => reader.Dispose();

    private FeedRecord? ReadNext()
    {
        while (reader.Read())
        {
            if (reader.NodeType != XmlNodeType.Element)
            {
                continue;
            }

            if (rootName is null)
            {
                OnRoot();
                continue;
            }

            var field = reader.FieldOf(names);
            switch (field)
            {
                case FeedField.Item or FeedField.Product:
                    EnsureHeader(RecordShape.Price);
                    ReadFields(slots, promotion: false);
                    return BuildPrice(slots);
                case FeedField.Line:
                    ReadFields(slots, promotion: false);
                    var isStore = slots[(int)FeedField.ItemCode] is null && slots[(int)FeedField.ItemPrice] is null
                        && (slots[(int)FeedField.StoreName] is not null || slots[(int)FeedField.StoreType] is not null);
                    EnsureHeader(isStore ? RecordShape.Store : RecordShape.Price);
                    return isStore ? BuildStore(slots) : BuildPrice(slots);
                case FeedField.Promotion:
                    EnsureHeader(RecordShape.Promotion);
                    return ReadPromotion();
                case FeedField.Sale:
                    EnsureHeader(RecordShape.Promotion);
                    ReadSale();
                    continue;
                case FeedField.Store or FeedField.Branch:
                    EnsureHeader(RecordShape.Store);
                    ReadFields(slots, promotion: false);
                    return BuildStore(slots);
                case > FeedField.None and < FeedField.PriceUpdateDate:
                    OnHeaderField(field);
                    continue;
                default:
                    containerKind ??= KindFromContainer(reader.LocalName);
                    continue;
            }
        }

        finished = true;
        if (rootName is null)
        {
            throw new FeedFormatException("no XML elements in the file");
        }

        FlushSales();
        EnsureHeader(null);
        return null;
    }

    private void OnRoot()
    {
        rootName = reader.LocalName;
        if (reader.MoveToAttribute("Date"))
        {
            headerSlots[(int)FeedField.LastUpdateDate] = reader.Value;
        }

        if (reader.MoveToAttribute("Time"))
        {
            headerSlots[(int)FeedField.LastUpdateTime] = reader.Value;
        }

        reader.MoveToElement();
    }

    private void OnHeaderField(FeedField field)
    {
        if (field == FeedField.ChainId && chainElementName is null)
        {
            chainElementName = reader.LocalName;
        }

        var value = ReadText();
        ref var slot = ref headerSlots[(int)field];
        slot ??= value;
        if (field == FeedField.SubChainId)
        {
            currentSubChainId = value;
            currentSubChainName = null;
        }
        else if (field == FeedField.SubChainName)
        {
            currentSubChainName = value;
        }
    }
}
