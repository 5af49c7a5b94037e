using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace Gogobe.Storage.Sql;

/// <summary>
/// Writes rows in PostgreSQL's binary COPY format into a pooled buffer, for <see cref="BinaryCopy"/> to send in large
/// chunks. Each value is encoded here directly (text as UTF-8, numeric as base-10000 digits, timestamptz as microseconds
/// since 2000-01-01 UTC), which costs a fraction of binding every value through the driver's type resolution: at import
/// rates that binding was a tenth of a silo's work. The binary format carries no types: each write must match the
/// type of its column in the COPY statement (the column lists and their writers sit side by side in the callers).
/// </summary>
internal sealed class CopyColumns : IDisposable
{
    private const int TextOid = 25;
    private const short NumericPositive = 0x0000;
    private const short NumericNegative = 0x4000;
    private const long PostgresEpochTicks = 630_822_816_000_000_000; // 2000-01-01T00:00:00Z

    /// <summary>The 11-byte signature that opens a binary COPY stream: "PGCOPY", newline, 0xFF, CR, LF, NUL.</summary>
    private static readonly byte[] Signature = [(byte)'P', (byte)'G', (byte)'C', (byte)'O', (byte)'P', (byte)'Y', 0x0A, 0xFF, 0x0D, 0x0A, 0x00];

    private byte[] buffer = ArrayPool<byte>.Shared.Rent(1 << 16);
    private int length;
    private int rowStart = -1;
    private short fields;

    /// <summary>Bytes written and not yet taken by <see cref="Clear"/>.</summary>
    public ReadOnlyMemory<byte> Written => buffer.AsMemory(0, length);

    public int Length => length;

    public void Clear() => length = 0;

    public void WriteHeader()
    {
        Reserve(Signature.Length + 8);
        Signature.CopyTo(buffer, length);
        length += Signature.Length;
        Int32(0); // flags: no OIDs
        Int32(0); // header extension length
    }

    public void WriteTrailer() => Int16(-1);

    public void StartRow()
    {
        Reserve(2);
        rowStart = length;
        length += 2;
        fields = 0;
    }

    public void EndRow()
    {
        BinaryPrimitives.WriteInt16BigEndian(buffer.AsSpan(rowStart), fields);
        rowStart = -1;
    }

    public void WriteNull()
    {
        Int32(-1);
        fields++;
    }

    public void WriteText(string? value)
    {
        if (value is null)
        {
            WriteNull();
            return;
        }

        Utf8(value);
        fields++;
    }

    public void WriteBoolean(bool value)
    {
        Int32(1);
        Reserve(1);
        buffer[length++] = value ? (byte)1 : (byte)0;
        fields++;
    }

    public void WriteInteger(int? value)
    {
        if (value is not { } number)
        {
            WriteNull();
            return;
        }

        Int32(4);
        Int32(number);
        fields++;
    }

    public void WriteBigInt(long? value)
    {
        if (value is not { } number)
        {
            WriteNull();
            return;
        }

        Int32(8);
        Int64(number);
        fields++;
    }

    public void WriteInstant(DateTimeOffset? value)
    {
        if (value is not { } instant)
        {
            WriteNull();
            return;
        }

        Int32(8);
        Int64((instant.UtcTicks - PostgresEpochTicks) / TimeSpan.TicksPerMicrosecond);
        fields++;
    }

    /// <summary>
    /// A numeric: sign, scale and the value's base-10000 digits, the most significant first, with the weight (power of
    /// 10000) of the first. The fraction is padded to whole groups of four decimal digits, so that the groups fall on the
    /// decimal point; the display scale stays the value's own.
    /// </summary>
    public void WriteNumeric(decimal? value)
    {
        if (value is not { } number)
        {
            WriteNull();
            return;
        }

        Span<int> bits = stackalloc int[4];
        decimal.GetBits(number, bits);
        var scale = (bits[3] >> 16) & 0xFF;
        var negative = bits[3] < 0;
        var mantissa = new UInt128((uint)bits[2], ((ulong)(uint)bits[1] << 32) | (uint)bits[0]);
        var pad = (4 - scale % 4) % 4;
        for (var i = 0; i < pad; i++)
        {
            mantissa *= 10;
        }

        // At most 10 groups: a decimal's 96-bit mantissa times 1,000 has 32 decimal digits.
        Span<short> groups = stackalloc short[10];
        var count = 0;
        while (mantissa > ulong.MaxValue)
        {
            (mantissa, var group) = UInt128.DivRem(mantissa, 10_000);
            groups[count++] = (short)group;
        }

        for (var small = (ulong)mantissa; small != 0; small /= 10_000)
        {
            groups[count++] = (short)(small % 10_000);
        }

        var lowZeros = 0;
        while (lowZeros < count && groups[lowZeros] == 0)
        {
            lowZeros++;
        }

        var digits = count - lowZeros;
        var weight = digits == 0 ? 0 : count - 1 - (scale + pad) / 4;
        Int32(8 + 2 * digits);
        Int16((short)digits);
        Int16((short)weight);
        Int16(negative && digits > 0 ? NumericNegative : NumericPositive);
        Int16((short)scale);
        for (var i = count - 1; i >= lowZeros; i--)
        {
            Int16(groups[i]);
        }

        fields++;
    }

    /// <summary>A one-dimensional text[] without nulls (empty: no dimensions).</summary>
    public void WriteTextArray(IReadOnlyList<string> values)
    {
        Reserve(4);
        var start = length;
        length += 4;
        Int32(values.Count == 0 ? 0 : 1);
        Int32(0); // no null elements
        Int32(TextOid);
        if (values.Count > 0)
        {
            Int32(values.Count);
            Int32(1); // lower bound
            foreach (var value in values)
            {
                Utf8(value);
            }
        }

        BinaryPrimitives.WriteInt32BigEndian(buffer.AsSpan(start), length - start - 4);
        fields++;
    }

    public void Dispose()
    {
        var rented = buffer;
        buffer = [];
        length = 0;
        if (rented.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>A text value: its UTF-8 length, then its UTF-8 bytes.</summary>
    private void Utf8(string value)
    {
        Reserve(4 + Encoding.UTF8.GetMaxByteCount(value.Length));
        var bytes = Encoding.UTF8.GetBytes(value, buffer.AsSpan(length + 4));
        Int32(bytes);
        length += bytes;
    }

    private void Int16(short value)
    {
        Reserve(2);
        BinaryPrimitives.WriteInt16BigEndian(buffer.AsSpan(length), value);
        length += 2;
    }

    private void Int32(int value)
    {
        Reserve(4);
        BinaryPrimitives.WriteInt32BigEndian(buffer.AsSpan(length), value);
        length += 4;
    }

    private void Int64(long value)
    {
        Reserve(8);
        BinaryPrimitives.WriteInt64BigEndian(buffer.AsSpan(length), value);
        length += 8;
    }

    private void Reserve(int bytes)
    {
        if (length + bytes <= buffer.Length)
        {
            return;
        }

        var larger = ArrayPool<byte>.Shared.Rent(Math.Max(buffer.Length * 2, length + bytes));
        buffer.AsSpan(0, length).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(buffer);
        buffer = larger;
    }
}
