namespace Gogobe.Feeds.Input;

/// <summary>
/// The decompressed bytes of a file, counted against the size limit; for gzip, checks at the end that the
/// stream really ended (the trailer's length matches), since a cut-off gzip otherwise just reads as a short file.
/// </summary>
internal sealed class DecompressedStream(Stream inner, long limit, TailTrackingStream? gzipSource) : ForwardOnlyStream
{
    private long produced;
    private bool verified;
    public override long Position { get => produced; set => throw new NotSupportedException(); }

    public override int Read(Span<byte> buffer)
    {
        var n = inner.Read(buffer);
        produced += n;
        if (produced > limit)
        {
            throw new FeedFormatException($"decompressed size is over the limit of {limit:N0} bytes");
        }

        if (n == 0 && buffer.Length > 0 && !verified)
        {
            verified = true;
            VerifyEnd();
        }

        return n;
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
