using System.IO.Hashing;

namespace Gogobe.Feeds.Input;

/// <summary>
/// The decompressed bytes of a file, counted against the size limit; for gzip, checks at the end that the
/// stream really ended (the trailer's length matches), since a cut-off gzip otherwise just reads as a short file.
/// </summary>
internal sealed class DecompressedStream(Stream inner, long limit, TailTrackingStream? gzipSource) : ForwardOnlyStream
{
    private XxHash128? fingerprint;
    private long produced;
    private bool verified;
    public override long Position { get => produced; set => throw new NotSupportedException(); }

    public override int Read(Span<byte> buffer)
    {
        var n = inner.Read(buffer);
        produced += n;
        fingerprint?.Append(buffer[..n]);
        if (produced > limit)
        {
            throw FeedLimit.Exceeded("the decompressed size", nameof(FeedReaderOptions.MaxDecompressedBytes), limit, "bytes", $"at decompressed byte {produced:N0}");
        }

        if (n == 0 && buffer.Length > 0 && !verified)
        {
            verified = true;
            VerifyEnd();
        }

        return n;
    }

    /// <summary>Hashes every decompressed byte from here on; call before the first read.</summary>
    public void StartFingerprint()
    {
        if (produced > 0)
        {
            throw new InvalidOperationException("The fingerprint must cover the content from its first byte.");
        }

        fingerprint = ContentFingerprint.Start();
    }

    /// <summary>Reads what the consumer left unread (the XML reader stops at the root's end) and returns the fingerprint of the whole content.</summary>
    public string FinishFingerprint()
    {
        var hash = fingerprint ?? throw new InvalidOperationException("No fingerprint was started.");
        Span<byte> rest = stackalloc byte[4096];
        while (Read(rest) > 0)
        {
        }

        return ContentFingerprint.Format(hash);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
            gzipSource?.Dispose();
        }

        base.Dispose(disposing);
    }

    private void VerifyEnd()
    {
        if (gzipSource is null)
        {
            return;
        }

        gzipSource.Drain();
        if (gzipSource.TrailerSize != (uint)produced)
        {
            throw new FeedFormatException(
                $"truncated gzip stream: it ends after {gzipSource.TotalBytes:N0} compressed bytes without a valid trailer ({produced:N0} bytes decompressed)");
        }
    }
}
