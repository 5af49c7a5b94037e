using System.IO.Compression;
using System.Text;
using Gogobe.Feeds;

namespace Gogobe.Synthetic;

/// <summary>One hostile file: where it is and the <see cref="FeedReaderOptions"/> limit that must stop it.</summary>
public sealed record HostileFile(string Path, string Limit, string What);

/// <summary>
/// Files made to exhaust a reader: each goes just past one limit of <see cref="FeedReaderOptions"/> (long tokens of every
/// kind, deep nesting, many attributes or names, gzip and ZIP bombs, archives of many entries, files of endless rows),
/// under a feed name that is valid, so that nothing but the limit refuses it. Small on disk, large once read.
/// </summary>
public static class HostileFiles
{
    private const string Head = "<?xml version=\"1.0\" encoding=\"utf-8\"?><Root><ChainId>7290000000001</ChainId><SubChainId>001</SubChainId>"
        + "<StoreId>{0}</StoreId><BikoretNo>1</BikoretNo><DllVerNo>8.0.1.3</DllVerNo><Items Count=\"1\">";

    private const string Item = "<Item><PriceUpdateDate>2025-01-01 00:00:00</PriceUpdateDate><ItemCode>7290000000017</ItemCode><ItemType>1</ItemType>"
        + "<ItemName>Milk</ItemName><ItemPrice>5.90</ItemPrice></Item>";

    private const string Tail = "</Items></Root>";

    public static IReadOnlyList<HostileFile> Write(string folder, FeedReaderOptions limits)
    {
        var token = limits.MaxTokenBytes + 1024;
        var files = new List<HostileFile>();
        var store = 100;

        HostileFile Add(string limit, string what, Action<Stream> body, string container = "gz")
        {
            var path = Path.Combine(folder, $"PriceFull7290000000001-{++store:D3}-202501010000.{(container == "xml" ? "xml" : "gz")}");
            using (var file = File.Create(path))
            {
                Write(file, container, Path.GetFileNameWithoutExtension(path) + ".xml", body);
            }

            var hostile = new HostileFile(path, limit, what);
            files.Add(hostile);
            return hostile;
        }

        Add("MaxTokenBytes", "a text", s => Run(s, store, Head + Item + "<Item><ItemName>", "x", token, "</ItemName></Item>" + Tail));
        Add("MaxTokenBytes", "a whitespace run", s => Run(s, store, Head, " ", 64L * token, Tail));
        Add("MaxTokenBytes", "a comment", s => Run(s, store, Head + "<!--", "c", token, "-->" + Tail));
        Add("MaxTokenBytes", "a tag", s => Run(s, store, Head + "<Item Note=\"", "a", token, "\"/>" + Tail));
        Add("MaxTokenBytes", "a CDATA section", s => Run(s, store, Head + "<Item><ItemName><![CDATA[", "d", token, "]]></ItemName></Item>" + Tail), "xml");
        Add("MaxAttributes", "attributes", s => Parts(s, store, Head + "<Item", limits.MaxAttributes * 4, i => $" a{i}=\"\"", "/>" + Tail));
        Add("MaxDepth", "nesting", s => Parts(s, store, Head, limits.MaxDepth * 4, _ => "<Item>", Tail));
        Add("MaxNames", "names", s => Parts(s, store, Head, limits.MaxNames * 2, i => $"<N{i}/>", Tail));
        Add("MaxRows", "rows", s => Parts(s, store, Head, limits.MaxRows + 10, _ => Item, Tail));
        Add("MaxDecompressedBytes", "a gzip bomb", s => Run(s, store, Head, "<Filler/>", limits.MaxDecompressedBytes, Tail));
        Add("MaxDecompressedBytes", "a ZIP bomb", s => Run(s, store, Head, "<Filler/>", limits.MaxDecompressedBytes, Tail), "zip");
        Add("MaxZipEntries", "ZIP entries", s => Parts(s, store, Head, 1, _ => Item, Tail), $"zip:{limits.MaxZipEntries * 4}");
        return files;
    }

    private static void Write(Stream file, string container, string memberName, Action<Stream> body)
    {
        if (container == "xml")
        {
            body(file);
            return;
        }

        if (container == "gz")
        {
            using var gzip = new GZipStream(file, CompressionLevel.Optimal);
            body(gzip);
            return;
        }

        using var zip = new ZipArchive(file, ZipArchiveMode.Create);
        var entries = container.StartsWith("zip:", StringComparison.Ordinal) ? int.Parse(container[4..], System.Globalization.CultureInfo.InvariantCulture) : 1;
        for (var i = 0; i < entries; i++)
        {
            using var member = zip.CreateEntry(i == 0 ? memberName : $"extra{i}.txt", CompressionLevel.Optimal).Open();
            if (i == 0)
            {
                body(member);
            }
        }
    }

    /// <summary>The head, <paramref name="bytes"/> bytes of <paramref name="pattern"/> repeated (written in blocks), the tail.</summary>
    private static void Run(Stream output, int store, string head, string pattern, long bytes, string tail)
    {
        var block = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat(pattern, 64 * 1024 / pattern.Length)));
        output.Write(Encoding.UTF8.GetBytes(string.Format(System.Globalization.CultureInfo.InvariantCulture, head, store)));
        for (var left = bytes; left > 0; left -= block.Length)
        {
            output.Write(block, 0, (int)Math.Min(left, block.Length));
        }

        output.Write(Encoding.UTF8.GetBytes(tail));
    }

    /// <summary>The head, <paramref name="count"/> parts, the tail.</summary>
    private static void Parts(Stream output, int store, string head, int count, Func<int, string> part, string tail)
    {
        using var writer = new StreamWriter(output, new UTF8Encoding(false), 1 << 16, leaveOpen: true);
        writer.Write(string.Format(System.Globalization.CultureInfo.InvariantCulture, head, store));
        for (var i = 0; i < count; i++)
        {
            writer.Write(part(i));
        }

        writer.Write(tail);
    }
}
