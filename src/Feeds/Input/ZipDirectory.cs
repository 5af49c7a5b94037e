using System.Buffers.Binary;

namespace Gogobe.Feeds.Input;

/// <summary>What a ZIP archive's end record says, read before the archive is opened.</summary>
internal static class ZipDirectory
{
    private const uint EndSignature = 0x06054b50;
    private const int EndRecordSize = 22;
    private const int MaxCommentSize = ushort.MaxValue;

    /// <summary>
    /// The number of entries the archive's end-of-central-directory record announces (65,535 when it defers to a ZIP64
    /// record: at least that many); 0 when there is no such record (the archive then fails to open). Leaves the stream at its start.
    /// </summary>
    public static int CountEntries(Stream archive)
    {
        var length = archive.Length;
        var tailLength = (int)Math.Min(length, EndRecordSize + MaxCommentSize);
        var tail = new byte[tailLength];
        archive.Seek(length - tailLength, SeekOrigin.Begin);
        FeedInput.ReadFully(archive, tail);
        archive.Seek(0, SeekOrigin.Begin);
        for (var at = tailLength - EndRecordSize; at >= 0; at--)
        {
            if (BinaryPrimitives.ReadUInt32LittleEndian(tail.AsSpan(at)) == EndSignature)
            {
                return BinaryPrimitives.ReadUInt16LittleEndian(tail.AsSpan(at + 10));
            }
        }

        return 0;
    }

    /// <summary>An unseekable archive in memory (as the framework's reader would copy it), up to the decompressed-size limit.</summary>
    public static MemoryStream Buffer(Stream source, FeedReaderOptions options)
    {
        var copy = new MemoryStream();
        var chunk = new byte[81920];
        int n;
        while ((n = source.Read(chunk)) > 0)
        {
            if (copy.Length + n > options.MaxDecompressedBytes)
            {
                source.Dispose();
                throw FeedLimit.Exceeded("the ZIP archive", nameof(FeedReaderOptions.MaxDecompressedBytes), options.MaxDecompressedBytes, "bytes",
                    $"after {copy.Length:N0} compressed bytes");
            }

            copy.Write(chunk, 0, n);
        }

        source.Dispose();
        copy.Position = 0;
        return copy;
    }
}
