namespace Gogobe.Feeds.Input;

/// <summary>Passes a compressed stream through while remembering its last eight bytes (the gzip trailer).</summary>
internal sealed class TailTrackingStream(Stream inner) : ForwardOnlyStream
{
    private readonly byte[] tail = new byte[8];
    private long total;

    public long TotalBytes => total;

    /// <summary>ISIZE from the gzip trailer: the uncompressed length modulo 2^32.</summary>
    public uint TrailerSize => total < 8 ? uint.MaxValue : BitConverter.ToUInt32(Ordered(), 4);

    public override int Read(Span<byte> buffer)
    {
        var n = inner.Read(buffer);
        Remember(buffer[..n]);
        return n;
    }

    /// <summary>Reads whatever the decompressor left unread so the tail is the file's real end.</summary>
    public void Drain()
    {
        Span<byte> scratch = stackalloc byte[4096];
        while (Read(scratch) > 0)
        {
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private void Remember(ReadOnlySpan<byte> read)
    {
        if (read.Length > 8)
        {
            total += read.Length - 8;
            read = read[^8..];
        }

        foreach (var b in read)
        {
            tail[(int)(total++ % 8)] = b;
        }
    }

    private byte[] Ordered()
    {
        var ordered = new byte[8];
        for (var i = 0; i < 8; i++)
        {
            ordered[i] = tail[(int)((total + i) % 8)];
        }

        return ordered;
    }
}
