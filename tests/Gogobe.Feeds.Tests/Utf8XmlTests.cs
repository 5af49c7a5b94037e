using System.Text;
using System.Text.Json;
using Gogobe.Synthetic;
using Gogobe.Feeds.Xml;
using Gogobe.Testing;

namespace Gogobe.Feeds.Tests;

/// <summary>
/// The UTF-8 reader against the framework's XML reader: the same records and outcome for every real sample and every
/// synthetic layout, whatever sizes the input arrives in; the XML it must resolve; and the malformed documents it must
/// refuse, with a line and position.
/// </summary>
public sealed class Utf8XmlTests
{
    private const string PriceName = "PriceFull7290000000001-001-202601010000.xml";

    private static readonly FeedReaderOptions Framework = new() { FrameworkXmlReader = true, FingerprintContent = true };
    private static readonly FeedReaderOptions Bytes = new() { FingerprintContent = true };

    /// <summary>Probes only the first kilobyte for the encoding, so that the rest reaches the reader in the trickle's sizes.</summary>
    private static readonly FeedReaderOptions ShortProbe = new() { FingerprintContent = true, EncodingProbeBytes = 1 };

    public static TheoryData<string> RealFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in SharedFeeds.AllFiles())
        {
            data.Add(Path.GetRelativePath(SharedFeeds.Root, file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(RealFiles))]
    public void Every_real_sample_reads_as_the_framework_reader_reads_it(string file)
    {
        var bytes = File.ReadAllBytes(SharedFeeds.File(file));
        var expected = Read(bytes, Path.GetFileName(file), Framework);
        var actual = Read(bytes, Path.GetFileName(file), Bytes);

        AssertSame(expected, actual);
    }

    [Theory]
    [InlineData('A')]
    [InlineData('B')]
    [InlineData('C')]
    [InlineData('D')]
    [InlineData('E')]
    [InlineData('F')]
    public void Synthetic_files_read_the_same_in_any_chunk_sizes(char layout)
    {
        var folder = Directory.CreateTempSubdirectory("gogobe-utf8-").FullName;
        try
        {
            var options = new SyntheticFeedOptions { Chains = 1, Stores = 2, Items = 300, Layout = layout, Seed = 11 };
            foreach (var feed in FeedGenerator.Generate(options, folder))
            {
                var bytes = File.ReadAllBytes(Path.Combine(folder, feed.FileName));
                var expected = Read(bytes, feed.FileName, Framework);
                Assert.True(expected.Ok, expected.Error);
                AssertSame(expected, Read(bytes, feed.FileName, Bytes));
                AssertSame(expected, Read(bytes, feed.FileName, ShortProbe, trickle: 7));
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void References_CDATA_comments_and_line_ends_resolve_as_in_XML()
    {
        var xml = "\uFEFF<?xml version=\"1.0\" encoding=\"utf-8\"?>\r\n<!-- published -->\r\n<Root Date=\"2026-01-01\">" +
                  "<ChainId>7290000000001</ChainId><StoreId>1</StoreId><Items Count=\"3\">\r\n" +
                  "<Item><ItemCode>1</ItemCode><ItemName>Tom &amp; Jerry &#x5D7;&#1500;&#x1F600; &lt;1&gt; &quot;x&apos;</ItemName><ItemPrice>1.50</ItemPrice></Item>\r\n" +
                  "<Item><ItemCode>2</ItemCode><ItemName><![CDATA[a <b> & c]]></ItemName><ItemPrice>2</ItemPrice><ManufacturerName/></Item>\r\n" +
                  "<Item><ItemCode>3</ItemCode><ItemName>two\r\nlines\rhere<!-- note -->, חלב</ItemName><ItemPrice>3</ItemPrice></Item>\r\n" +
                  "</Items></Root>\r\n<!-- end -->\r\n";
        var bytes = Encoding.UTF8.GetBytes(xml);

        var expected = Read(bytes, PriceName, Framework);
        Assert.True(expected.Ok, expected.Error);
        var names = expected.Records.Select(r => ((Model.PriceItem)r).Name).ToList();
        Assert.Equal(["Tom & Jerry חל😀 <1> \"x'", "a <b> & c", "two\nlines\nhere, חלב"], names);

        AssertSame(expected, Read(bytes, PriceName, Bytes));
        var text = xml.TrimStart('\uFEFF');
        Assert.Equal(Nodes(FeedXml.Over(new StringReader(text))), Nodes(new Utf8FeedXml(new TrickleStream(Encoding.UTF8.GetBytes(text), 3))));
    }

    /// <summary>Every node a source yields, with what the parser reads of it.</summary>
    private static List<string> Nodes(FeedXml xml)
    {
        using (xml)
        {
            var nodes = new List<string>();
            while (xml.Read())
            {
                if (xml.NodeType is not (System.Xml.XmlNodeType.Element or System.Xml.XmlNodeType.EndElement or System.Xml.XmlNodeType.Text or System.Xml.XmlNodeType.CDATA))
                {
                    continue;
                }

                var attribute = xml.NodeType == System.Xml.XmlNodeType.Element && xml.MoveToAttribute("Date") ? xml.Value : null;
                xml.MoveToElement();
                nodes.Add(xml.NodeType switch
                {
                    System.Xml.XmlNodeType.Element => $"<{xml.LocalName} depth={xml.Depth} empty={xml.IsEmptyElement} date={attribute}>",
                    System.Xml.XmlNodeType.EndElement => $"</{xml.LocalName} depth={xml.Depth}>",
                    System.Xml.XmlNodeType.Text or System.Xml.XmlNodeType.CDATA => $"text depth={xml.Depth}: {xml.Value}",
                    var other => other.ToString(),
                });
            }

            return nodes;
        }
    }

    [Fact]
    public void Prefixed_envelopes_read_by_local_name()
    {
        var xml = "<asx:abap xmlns:asx=\"http://www.sap.com/abapxml\" version=\"1.0\"><asx:values><CHAINID>7290027600007</CHAINID>" +
                  "<STORES><STORE><STOREID>1</STOREID><STORENAME>One</STORENAME><CITY>Haifa</CITY></STORE></STORES></asx:values></asx:abap>";
        var bytes = Encoding.UTF8.GetBytes(xml);
        var expected = Read(bytes, "Stores7290027600007-000-202601010000.xml", Framework);
        Assert.True(expected.Ok, expected.Error);
        Assert.Single(expected.Records);
        AssertSame(expected, Read(bytes, "Stores7290027600007-000-202601010000.xml", Bytes));
    }

    [Theory]
    [InlineData("<Root><Items><Item><ItemCode>1</ItemCode></Itemm></Items></Root>", "does not match")]
    [InlineData("<Root><Items><Item a=1><ItemCode>1</ItemCode></Item></Items></Root>", "not quoted")]
    [InlineData("<Root><Items><Item><ItemCode>1 & 2</ItemCode></Item></Items></Root>", "&amp;")]
    [InlineData("<Root><Items><Item><ItemCode>&nbsp;1</ItemCode></Item></Items></Root>", "undeclared entity")]
    [InlineData("<Root><Items><Item><ItemCode>1\u0001</ItemCode></Item></Items></Root>", "invalid character")]
    [InlineData("<Root><Items><Item><ItemCode>&#0;</ItemCode></Item></Items></Root>", "not an XML character")]
    [InlineData("<Root><Items><Item><ItemCode>a]]>b</ItemCode></Item></Items></Root>", "]]>")]
    [InlineData("<Root><Items></Items></Root>trailing", "root level")]
    [InlineData("<Root></Root><Root></Root>", "multiple root")]
    [InlineData("<!DOCTYPE Root [<!ENTITY x \"y\">]><Root></Root>", "DTD is prohibited")]
    [InlineData("<Root><p:Items></p:Items></Root>", "undeclared prefix")]
    [InlineData("<?xml version=\"2.0\"?><Root></Root>", "declaration")]
    [InlineData("<Root><!-- a -- b --><Items/></Root>", "comment")]
    [InlineData("<Root><Items><Item><ItemCode>1</ItemCode>", "not closed")]
    [InlineData("<Root><Items><Item a=\"1\" a=\"2\"/></Items></Root>", "duplicate attribute")]
    [InlineData("<Root><1Items/></Root>", "Name cannot begin")]
    public void Malformed_documents_fail_with_their_line_and_position(string body, string reason)
    {
        var bytes = Encoding.UTF8.GetBytes("\n" + body);
        var framework = Read(bytes, PriceName, Framework);
        Assert.False(framework.Ok, "the framework reader accepted the sample, so it tests nothing");

        var result = Read(bytes, PriceName, Bytes);
        Assert.False(result.Ok);
        Assert.Matches(@"malformed XML at line 2, position \d+", result.Error);
        Assert.Contains(reason, result.Error, StringComparison.OrdinalIgnoreCase);
        Assert.StartsWith(PriceName, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_UTF8_after_the_probe_fails_the_file()
    {
        var builder = new StringBuilder("\uFEFF<Root><ChainId>7290000000001</ChainId><StoreId>1</StoreId><Items>");
        for (var i = 0; builder.Length < 200_000; i++)
        {
            builder.Append($"<Item><ItemCode>{i}</ItemCode><ItemName>מוצר {i}</ItemName><ItemPrice>1</ItemPrice></Item>");
        }

        builder.Append("</Items></Root>");
        var bytes = Encoding.UTF8.GetBytes(builder.ToString());
        var at = bytes.Length - 5_000;
        while (bytes[at] < 0x80)
        {
            at++;
        }

        bytes[at] = 0xFF;

        Assert.False(Read(bytes, PriceName, Framework).Ok);
        var result = Read(bytes, PriceName, Bytes);
        Assert.False(result.Ok);
        Assert.Contains("not valid in its encoding", result.Error, StringComparison.Ordinal);
    }

    private static void AssertSame(Outcome expected, Outcome actual)
    {
        Assert.Equal(expected.Ok, actual.Ok);
        if (!expected.Ok)
        {
            Assert.Contains(expected.FileName, actual.Error, StringComparison.Ordinal);
            return;
        }

        Assert.Equal(expected.Summary, actual.Summary);
        Assert.Equal(expected.Records.Count, actual.Records.Count);
        for (var i = 0; i < expected.Records.Count; i++)
        {
            Assert.Equal(Json(expected.Records[i]), Json(actual.Records[i]));
        }
    }

    private static string Json(Model.FeedRecord record) => JsonSerializer.Serialize(record, record.GetType());

    private static Outcome Read(byte[] bytes, string name, FeedReaderOptions options, int trickle = 0)
    {
        Stream stream = trickle > 0 ? new TrickleStream(bytes, trickle) : new MemoryStream(bytes);
        using var file = FeedFile.Open(stream, name, options);
        var records = file.ReadRecords().ToList();
        var result = file.Result;
        var summary = result.Ok ? JsonSerializer.Serialize(result with { Error = null }) : string.Empty;
        return new Outcome(name, result.Ok, result.Error, summary, records);
    }

    private sealed record Outcome(string FileName, bool Ok, string? Error, string Summary, List<Model.FeedRecord> Records);

    /// <summary>Hands out at most <c>step</c> bytes per read, cycling through smaller sizes, so that every token straddles reads somewhere.</summary>
    private sealed class TrickleStream(byte[] bytes, int step) : Stream
    {
        private int position;
        private int round;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var n = Math.Min(Math.Min(buffer.Length, 1 + (round++ % step)), bytes.Length - position);
            bytes.AsSpan(position, n).CopyTo(buffer);
            position += n;
            return n;
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
