using System.IO.Compression;

namespace Gogobe.Feeds.Input;

/// <summary>Turns a file as published (gzip, ZIP under any name, or plain XML) into its decompressed bytes.</summary>
internal static class FeedInput
{
    public static DecompressedStream Decompress(Stream raw, FeedReaderOptions options)
    {
        var magic = new byte[4];
        var read = ReadFully(raw, magic);
        if (read == 0)
        {
            throw new FeedFormatException("empty file (0 bytes)");
        }

        Stream source;
        if (raw.CanSeek)
        {
            raw.Seek(-read, SeekOrigin.Current);
            source = raw;
        }
        else
        {
            source = new ReplayStream(magic, 0, read, raw);
        }

        if (read >= 2 && magic[0] == 0x1f && magic[1] == 0x8b)
        {
            var tracked = new TailTrackingStream(source);
            return new DecompressedStream(new GZipStream(tracked, CompressionMode.Decompress), options.MaxDecompressedBytes, tracked);
        }

        if (read >= 4 && magic[0] == 0x50 && magic[1] == 0x4b && magic[2] is 3 or 5 or 7)
        {
            return OpenZipMember(source, options);
        }

        return new DecompressedStream(source, options.MaxDecompressedBytes, null);
    }

    public static int ReadFully(Stream stream, Span<byte> buffer)
    {
        var total = 0;
        while (total < buffer.Length)
        {
            var n = stream.Read(buffer[total..]);
            if (n == 0)
            {
                break;
            }

            total += n;
        }

        return total;
    }

    private static DecompressedStream OpenZipMember(Stream source, FeedReaderOptions options)
    {
        if (!source.CanSeek)
        {
            source = ZipDirectory.Buffer(source, options);
        }

        // The archive's directory is read whole when it is opened: its size is checked first.
        var entries = ZipDirectory.CountEntries(source);
        if (entries > options.MaxZipEntries)
        {
            source.Dispose();
            throw FeedLimit.Exceeded($"the number of ZIP entries ({entries:N0})", nameof(FeedReaderOptions.MaxZipEntries), options.MaxZipEntries, "entries",
                "in its central directory");
        }

        var archive = new ZipArchive(source, ZipArchiveMode.Read, leaveOpen: false);
        var entry = archive.Entries.FirstOrDefault(e => e.FullName.EndsWith(".xml", StringComparison.OrdinalIgnoreCase))
            ?? archive.Entries.FirstOrDefault(e => e.Length > 0)
            ?? throw new FeedFormatException("ZIP archive holds no file");
        if (entry.Length > options.MaxDecompressedBytes)
        {
            archive.Dispose();
            throw FeedLimit.Exceeded("the decompressed size", nameof(FeedReaderOptions.MaxDecompressedBytes), options.MaxDecompressedBytes, "bytes",
                $"(ZIP member {entry.FullName} is {entry.Length:N0} bytes)");
        }

        return new DecompressedStream(new ArchiveMemberStream(archive, entry.Open()), options.MaxDecompressedBytes, null);
    }

    /// <summary>A ZIP member's stream that closes its archive with it.</summary>
    private sealed class ArchiveMemberStream(ZipArchive archive, Stream member) : ForwardOnlyStream
    {
        public override int Read(Span<byte> buffer) => member.Read(buffer);

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                member.Dispose();
                archive.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
