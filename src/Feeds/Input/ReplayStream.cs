namespace Gogobe.Feeds.Input;

/// <summary>Reads bytes already taken from a stream (to sniff them) and then the rest of that stream.</summary>
internal sealed class ReplayStream(byte[] prefix, int offset, int count, Stream rest) : ForwardOnlyStream
{
    private int position = offset;
    private readonly int end = offset + count;

    public override int Read(Span<byte> buffer)
    {
        if (position < end)
        {
            var n = Math.Min(buffer.Length, end - position);
            prefix.AsSpan(position, n).CopyTo(buffer);
            position += n;
            return n;
        }

        return rest.Read(buffer);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            rest.Dispose();
        }

        base.Dispose(disposing);
    }
}
