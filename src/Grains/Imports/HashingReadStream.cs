using System.Security.Cryptography;
using Gogobe.Contracts.Imports;

namespace Gogobe.Grains.Imports;

/// <summary>
/// A read-only view of a stored file that hashes its bytes as the feed reader takes them, so that the file is checked
/// against its import id in the pass that reads it. Bytes are hashed while they are read in order from the start; a
/// reader that seeks (a ZIP archive) or stops before the end leaves the rest to <see cref="Verify"/>, which reads only
/// what was not hashed yet. The file stays open for its owner: a reader disposing this view does not close it.
/// </summary>
internal sealed class HashingReadStream(Stream file) : Stream
{
    private const int BufferBytes = 64 * 1024;
    private readonly IncrementalHash hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private long position;
    private long hashed;

    public override bool CanRead => true;
    public override bool CanSeek => file.CanSeek;
    public override bool CanWrite => false;
    public override long Length => file.Length;

    public override long Position
    {
        get => position;
        set => Seek(value, SeekOrigin.Begin);
    }

    /// <summary>Hashes what the reader left unread and throws when the file's SHA-256 is not <paramref name="importId"/>.</summary>
    /// <exception cref="StoredContentMismatchException">The bytes belong to another import id.</exception>
    public void Verify(string importId)
    {
        if (hashed != position)
        {
            file.Seek(hashed, SeekOrigin.Begin);
        }

        var buffer = new byte[BufferBytes];
        int read;
        while ((read = file.Read(buffer)) > 0)
        {
            hash.AppendData(buffer.AsSpan(0, read));
        }

        var actual = Convert.ToHexStringLower(hash.GetHashAndReset());
        hash.Dispose();
        if (!string.Equals(actual, importId, StringComparison.Ordinal))
        {
            throw new StoredContentMismatchException($"the stored file's content does not match import id {importId}: its SHA-256 is {actual}");
        }
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var read = file.Read(buffer);
        Note(buffer[..read]);
        return read;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await file.ReadAsync(buffer, cancellationToken);
        Note(buffer.Span[..read]);
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override long Seek(long offset, SeekOrigin origin) => position = file.Seek(offset, origin);

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    /// <summary>
    /// Bytes that reach past the hashed prefix without a gap extend it (a reader that peeks at the first bytes and seeks
    /// back to the start costs nothing); bytes read anywhere else are left for <see cref="Verify"/>.
    /// </summary>
    private void Note(ReadOnlySpan<byte> bytes)
    {
        var end = position + bytes.Length;
        if (position <= hashed && end > hashed)
        {
            hash.AppendData(bytes[(int)(hashed - position)..]);
            hashed = end;
        }

        position = end;
    }
}
