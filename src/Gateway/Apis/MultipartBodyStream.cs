namespace Gogobe.Gateway.Apis;

/// <summary>
/// The file part of an upload as the file store reads it: a body that ends before its closing boundary is the client's
/// mistake, told apart from a failure of the file store by becoming <see cref="InvalidDataException"/>. A body over its
/// limit stays a <see cref="BadHttpRequestException"/> (413).
/// </summary>
internal sealed class MultipartBodyStream(Stream body) : Stream
{
    public const string EndedEarly = "the body ended before its closing boundary, or its parts are malformed.";

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        try
        {
            return await body.ReadAsync(buffer, cancellationToken);
        }
        catch (IOException ex) when (ex is not BadHttpRequestException)
        {
            throw new InvalidDataException(EndedEarly, ex);
        }
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
