using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;
using System.Text;
using Gogobe.Feeds.Input;
using Gogobe.Feeds.Model;
using Gogobe.Synthetic;
using Gogobe.Testing;

namespace Gogobe.Feeds.Tests;

public sealed class FingerprintTests : IDisposable
{
    private const string RamiLevyPriceFull = "ShakedZrihen__data-pipeline-2025/PriceFull7290058140886-006-202508130010.gz";
    private const string GoodPharmZipUnderGz = "ShakedZrihen__data-pipeline-2025/PriceFull7290058197699-752-202508131024.gz";
    private const string TruncatedSample = "OpenIsraeliSupermarkets__israeli-supermarket-scarpers/PriceFull7290876100000-003-202410070010.gz";
    private const string PlainWithBom = "OlivierH__israel-prices/PriceFull7290055700007-0037-202211020510";

    private readonly string folder = Path.Combine(Path.GetTempPath(), "gogobe-feeds-tests", Guid.NewGuid().ToString("N"));

    public FingerprintTests() => Directory.CreateDirectory(folder);

    [Fact]
    public void Gzip_file_and_its_decompressed_copy_have_the_same_fingerprint()
    {
        var gz = SharedFeeds.File(RamiLevyPriceFull);
        var xml = Gunzip(File.ReadAllBytes(gz));
        var copy = Path.Combine(folder, "PriceFull7290058140886-006-202508130010.xml");
        File.WriteAllBytes(copy, xml);

        var compressed = Fingerprint(gz);
        var plain = Fingerprint(copy);

        Assert.Equal(8_447_651, xml.Length);
        Assert.Matches("^[0-9a-f]{32}$", compressed);
        Assert.Equal(Expected(xml), compressed);
        Assert.Equal(compressed, plain);
    }

    [Fact]
    public void Zip_file_and_its_member_have_the_same_fingerprint()
    {
        var zip = SharedFeeds.File(GoodPharmZipUnderGz);
        byte[] xml;
        using (var archive = ZipFile.OpenRead(zip))
        using (var member = archive.Entries.Single().Open())
        using (var buffer = new MemoryStream())
        {
            member.CopyTo(buffer);
            xml = buffer.ToArray();
        }

        var copy = Path.Combine(folder, "PriceFull7290058197699-752-202508131024.xml");
        File.WriteAllBytes(copy, xml);

        Assert.Equal(Expected(xml), Fingerprint(zip));
        Assert.Equal(Expected(xml), Fingerprint(copy));
    }

    [Theory]
    [InlineData(RamiLevyPriceFull, 9988)]
    [InlineData(GoodPharmZipUnderGz, 3954)]
    [InlineData(PlainWithBom, 3805)]
    public void A_fingerprinting_read_gives_the_value_of_TryFingerprint(string file, int items)
    {
        var path = SharedFeeds.File(file);

        var result = Read(path, new FeedReaderOptions { FingerprintContent = true });

        Assert.True(result.Ok, result.Error);
        Assert.Equal(items, result.Items);
        Assert.NotNull(result.ContentFingerprint);
        Assert.Equal(Fingerprint(path), result.ContentFingerprint);
    }

    [Fact]
    public void A_fingerprinting_read_covers_what_follows_the_root_element()
    {
        const string body = "<Root><ChainId>7290058140886</ChainId><StoreId>1</StoreId><Items><Item><ItemCode>7290000000001</ItemCode>" +
            "<ItemName>חלב</ItemName><ItemPrice>6.90</ItemPrice></Item></Items></Root>";
        var bare = Encoding.UTF8.GetBytes(body);
        var trailed = Encoding.UTF8.GetBytes(body + "\n<!-- generated 2025-08-13 -->\n");
        var options = new FeedReaderOptions { FingerprintContent = true };

        var bareResult = Read(new MemoryStream(bare), "PriceFull7290058140886-001-202508130010.xml", options);
        var trailedResult = Read(new MemoryStream(trailed), "PriceFull7290058140886-001-202508130010.xml", options);

        Assert.True(trailedResult.Ok, trailedResult.Error);
        Assert.Equal(1, trailedResult.Items);
        Assert.Equal(Expected(bare), bareResult.ContentFingerprint);
        Assert.Equal(Expected(trailed), trailedResult.ContentFingerprint);
        Assert.NotEqual(bareResult.ContentFingerprint, trailedResult.ContentFingerprint);
    }

    [Fact]
    public void A_read_without_the_option_has_no_fingerprint()
    {
        var result = Read(SharedFeeds.File(RamiLevyPriceFull), new FeedReaderOptions());

        Assert.True(result.Ok, result.Error);
        Assert.Equal(9988, result.Items);
        Assert.Null(result.ContentFingerprint);
    }

    [Fact]
    public void A_read_stopped_before_the_end_has_no_fingerprint()
    {
        using var file = FeedFile.Open(SharedFeeds.File(RamiLevyPriceFull), new FeedReaderOptions { FingerprintContent = true });

        Assert.IsType<PriceItem>(file.ReadRecords().First());
        Assert.False(file.Result.Ok);
        Assert.Null(file.Result.ContentFingerprint);
    }

    [Fact]
    public void Different_files_have_different_fingerprints()
    {
        var rami = Fingerprint(SharedFeeds.File(RamiLevyPriceFull));
        var goodPharm = Fingerprint(SharedFeeds.File(GoodPharmZipUnderGz));
        var xml = Gunzip(File.ReadAllBytes(SharedFeeds.File(RamiLevyPriceFull)));
        var priceAt = IndexOf(xml, "<ItemPrice>"u8) + "<ItemPrice>".Length;
        xml[priceAt] = xml[priceAt] == (byte)'1' ? (byte)'2' : (byte)'1';

        var oneDigitChanged = TryFingerprint(new MemoryStream(xml));

        Assert.NotNull(rami);
        Assert.NotNull(goodPharm);
        Assert.NotEqual(rami, goodPharm);
        Assert.NotNull(oneDigitChanged);
        Assert.NotEqual(rami, oneDigitChanged);
    }

    [Theory]
    [InlineData('A')]
    [InlineData('C')]
    [InlineData('E')]
    public void Generated_full_lists_of_two_stores_differ_and_match_their_reads(char layout)
    {
        var options = new SyntheticFeedOptions { Chains = 1, Stores = 2, Items = 200, Layout = layout, Seed = 11, Deltas = false, Promotions = false };
        var fulls = FeedGenerator.Generate(options, folder).Where(f => f.Kind == FeedKind.PriceFull).ToList();

        var fingerprints = fulls.Select(f => Fingerprint(Path.Combine(folder, f.FileName))).ToList();
        var reads = fulls.Select(f => Read(Path.Combine(folder, f.FileName), new FeedReaderOptions { FingerprintContent = true })).ToList();

        Assert.Equal(2, fulls.Count);
        Assert.All(reads, r => Assert.True(r.Ok, r.Error));
        Assert.Equal(fingerprints, reads.Select(r => r.ContentFingerprint));
        Assert.NotEqual(fingerprints[0], fingerprints[1]);
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(0.99)]
    public void A_gzip_cut_short_has_no_fingerprint(double kept)
    {
        var whole = File.ReadAllBytes(SharedFeeds.File(RamiLevyPriceFull));
        var cut = whole[..(int)(whole.Length * kept)];

        var read = Read(new MemoryStream(cut), "PriceFull7290058140886-006-202508130010.gz", new FeedReaderOptions { FingerprintContent = true });

        Assert.Null(TryFingerprint(new MemoryStream(cut)));
        Assert.False(read.Ok);
        Assert.Null(read.ContentFingerprint);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(8)]
    public void A_gzip_missing_the_end_of_its_trailer_has_no_fingerprint(int missing)
    {
        var whole = File.ReadAllBytes(SharedFeeds.File(RamiLevyPriceFull));

        Assert.NotNull(TryFingerprint(new MemoryStream(whole)));
        Assert.Null(TryFingerprint(new MemoryStream(whole[..^missing])));
    }

    [Fact]
    public void The_truncated_sample_has_no_fingerprint()
    {
        Assert.Null(Fingerprint(SharedFeeds.File(TruncatedSample)));
    }

    [Fact]
    public void An_empty_file_has_no_fingerprint()
    {
        Assert.Null(TryFingerprint(new MemoryStream([])));
    }

    [Fact]
    public void Recompressing_under_another_name_and_time_keeps_the_fingerprint()
    {
        var original = File.ReadAllBytes(SharedFeeds.File(RamiLevyPriceFull));
        var xml = Gunzip(original);
        var renamed = Gzip(xml, "PriceFull7290058140886-006-202508140010.xml", new DateTimeOffset(2025, 8, 13, 21, 10, 0, TimeSpan.Zero), CompressionLevel.Fastest);
        var anonymous = GzipWithoutHeaderFields(xml);
        var renamedPath = Path.Combine(folder, "PriceFull7290058140886-006-202508140010.gz");
        File.WriteAllBytes(renamedPath, renamed);

        var renamedRead = Read(renamedPath, new FeedReaderOptions { FingerprintContent = true });

        Assert.NotEqual(original.AsSpan(4, 4).ToArray(), renamed.AsSpan(4, 4).ToArray());
        Assert.NotEqual(original.Length, renamed.Length);
        Assert.True(renamedRead.Ok, renamedRead.Error);
        Assert.Equal(9988, renamedRead.Items);
        var expected = TryFingerprint(new MemoryStream(original));
        Assert.Equal(Expected(xml), expected);
        Assert.Equal(expected, renamedRead.ContentFingerprint);
        Assert.Equal(expected, TryFingerprint(new MemoryStream(renamed)));
        Assert.Equal(expected, TryFingerprint(new MemoryStream(anonymous)));
    }

    [Fact]
    public void An_unseekable_stream_gives_the_same_fingerprint()
    {
        var bytes = File.ReadAllBytes(SharedFeeds.File(RamiLevyPriceFull));

        var unseekable = TryFingerprint(new UnseekableStream(bytes));

        Assert.NotNull(unseekable);
        Assert.Equal(TryFingerprint(new MemoryStream(bytes)), unseekable);
    }

    public void Dispose()
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static string? Fingerprint(string path)
    {
        using var stream = File.OpenRead(path);
        return FeedFile.TryFingerprint(stream);
    }

    private static string? TryFingerprint(Stream stream)
    {
        using (stream)
        {
            return FeedFile.TryFingerprint(stream);
        }
    }

    private static FeedReadResult Read(string path, FeedReaderOptions options)
    {
        using var file = FeedFile.Open(path, options);
        foreach (var _ in file.ReadRecords())
        {
        }

        return file.Result;
    }

    private static FeedReadResult Read(Stream stream, string name, FeedReaderOptions options)
    {
        using var file = FeedFile.Open(stream, name, options);
        foreach (var _ in file.ReadRecords())
        {
        }

        return file.Result;
    }

    private static string Expected(byte[] content) => Convert.ToHexStringLower(XxHash128.Hash(content, ContentFingerprint.ReaderVersion));

    private static byte[] Gunzip(byte[] gz)
    {
        using var gzip = new GZipStream(new MemoryStream(gz), CompressionMode.Decompress);
        using var buffer = new MemoryStream();
        gzip.CopyTo(buffer);
        return buffer.ToArray();
    }

    /// <summary>A gzip member with the FNAME and MTIME header fields set, as a portal's gzip tool writes them.</summary>
    private static byte[] Gzip(byte[] content, string name, DateTimeOffset modified, CompressionLevel level)
    {
        using var output = new MemoryStream();
        output.Write([0x1f, 0x8b, 8, 0x08]);
        var header = new byte[6];
        BinaryPrimitives.WriteUInt32LittleEndian(header, (uint)modified.ToUnixTimeSeconds());
        header[5] = 3;
        output.Write(header);
        output.Write(Encoding.Latin1.GetBytes(name));
        output.WriteByte(0);
        using (var deflate = new DeflateStream(output, level, leaveOpen: true))
        {
            deflate.Write(content);
        }

        var trailer = new byte[8];
        BinaryPrimitives.WriteUInt32LittleEndian(trailer, Crc32.HashToUInt32(content));
        BinaryPrimitives.WriteUInt32LittleEndian(trailer.AsSpan(4), (uint)content.Length);
        output.Write(trailer);
        return output.ToArray();
    }

    private static byte[] GzipWithoutHeaderFields(byte[] content)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            gzip.Write(content);
        }

        return output.ToArray();
    }

    private static int IndexOf(byte[] haystack, ReadOnlySpan<byte> needle)
    {
        var at = haystack.AsSpan().IndexOf(needle);
        return at >= 0 ? at : throw new InvalidOperationException("marker not found");
    }

    private sealed class UnseekableStream(byte[] bytes) : Stream
    {
        private readonly MemoryStream inner = new(bytes);

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, Math.Min(count, 1000));

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
