using System.Globalization;
using System.Text;
using Gogobe.Feeds.Model;

namespace Gogobe.Synthetic;

/// <summary>Writes one chain's files in its layout (A–F), with the names, encodings and quirks of the real portals.</summary>
internal sealed partial class LayoutWriter(SyntheticChain chain, ulong seed, SyntheticFeedOptions options)
{
    private static readonly Encoding Utf8Bom = new UTF8Encoding(true);
    private static readonly Encoding Utf8Plain = new UTF8Encoding(false);

    private char Layout => chain.Layout;

    /// <summary>The file's text encoding: a UTF-8 BOM for the Cerberus layouts, UTF-16LE for layout A's Stores files, else plain UTF-8.</summary>
    public Encoding EncodingOf(FeedKind kind) => Layout switch
    {
        'A' when kind == FeedKind.Stores => new UnicodeEncoding(bigEndian: false, byteOrderMark: true),
        'A' or 'B' => Utf8Bom,
        _ => Utf8Plain,
    };

    /// <summary>Layout C's big files come as ZIP archives under a .gz name, as some Bina portals serve them.</summary>
    public bool ZipUnderGz(FeedKind kind) => Layout == 'C' && kind is FeedKind.PriceFull or FeedKind.PromoFull;

    public string FileName(FeedKind kind, SyntheticStore? store, DateTime stamp)
    {
        var c = chain.ChainId;
        var ts = stamp.ToString("yyyyMMddHHmm", CultureInfo.InvariantCulture);
        var storeId = store?.Id ?? 0;
        var prefix = kind switch
        {
            FeedKind.Stores => Layout is 'C' or 'D' or 'E' ? "StoresFull" : "Stores",
            _ => kind.ToString(),
        };
        return Layout switch
        {
            'A' => $"{prefix}{c}-{storeId:D4}-{ts}.gz",
            'D' => $"{prefix}{c}-{storeId:D3}-{ts}-001.gz",
            'E' when kind == FeedKind.Stores => $"{prefix}{c}--{ts}.gz",
            'F' => $"{prefix}{c}-{store?.SubChain ?? 0:D3}-{storeId:D3}-{stamp.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}.gz",
            _ => $"{prefix}{c}-{storeId:D3}-{ts}.gz",
        };
    }

    private void Prolog(FeedXmlWriter xml)
    {
        switch (Layout)
        {
            case 'D':
                xml.Declaration("utf-8");
                break;
            case 'E':
                xml.Declaration("ISO-8859-8");
                break;
            case 'F':
                xml.Declaration("UTF-8");
                break;
        }
    }

    /// <summary>Opens the root and writes the chain/store header of a price or promotion file.</summary>
    private void StoreHeader(FeedXmlWriter xml, SyntheticStore store, bool promotions)
    {
        Prolog(xml);
        var storeId = store.Id.ToString(Layout == 'A' ? "D4" : "D3", CultureInfo.InvariantCulture);
        switch (Layout)
        {
            case 'D':
                xml.Open(promotions ? "Promos" : "Prices");
                xml.Leaf("ChainID", chain.ChainId[..5]);
                xml.Leaf("SubChainID", "001");
                xml.Leaf("StoreID", storeId);
                xml.Leaf("BikoretNo", "000");
                break;
            case 'E' when !promotions:
                xml.Open("OrderXml", "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"");
                xml.Open("Envelope");
                xml.Leaf("ChainId", chain.ChainId);
                xml.Leaf("SubChainId", "100");
                xml.Leaf("StoreId", store.Id);
                xml.Leaf("BikoretNo", "100");
                xml.Open("Header");
                break;
            case 'F':
                xml.Open("Root");
                xml.Leaf("ChainID", chain.ChainId);
                xml.Leaf("SubChainID", store.SubChain.ToString("D3", CultureInfo.InvariantCulture));
                xml.Leaf("StoreID", storeId);
                xml.Leaf("BikoretNo", "7");
                break;
            default:
                xml.Open(Layout == 'B' ? "root" : "Root");
                if (Layout == 'A')
                {
                    xml.Leaf("XmlDocVersion", "19");
                }

                xml.Leaf("ChainId", chain.ChainId);
                xml.Leaf("SubChainId", store.SubChain);
                xml.Leaf("StoreId", storeId);
                xml.Leaf("BikoretNo", 4);
                if (Layout is 'A' or 'B')
                {
                    xml.Leaf("DllVerNo", "9.4.0.50");
                }

                break;
        }
    }

    private string RootName(bool promotions) => Layout switch
    {
        'D' => promotions ? "Promos" : "Prices",
        'E' when !promotions => "OrderXml",
        'B' => "root",
        _ => "Root",
    };

    private string Pad(string value) => Layout == 'C' ? value + "   " : value;

    private static string Date(DateTime value, char layout) => value.ToString(DateFormat(layout), CultureInfo.InvariantCulture);

    private static string DateFormat(char layout) => layout switch
    {
        'D' => "yyyy/MM/dd HH:mm",
        'E' => "yyyy-MM-dd",
        'F' => "yyyy-MM-dd'T'HH:mm:ss.fff",
        _ => "yyyy-MM-dd HH:mm:ss",
    };

    private ulong Draw(ulong stream, ulong a, ulong b) => SyntheticRandom.Next(seed, stream, (ulong)chain.Index, a, b);

    private DateTime Day(int day) => options.FirstDay.AddDays(day).ToDateTime(TimeOnly.MinValue);
}
