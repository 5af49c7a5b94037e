namespace Gogobe.Feeds.Xml;

// The input buffer: refilled from the stream, keeping the token being read (moved to the front, grown up to the token limit).
internal sealed partial class Utf8FeedXml
{
    private const int InitialBuffer = 64 * 1024;

    /// <summary>The byte <paramref name="offset"/> bytes past <see cref="start"/>, reading more input if needed; -1 at the end of the input.</summary>
    private int At(int offset) => EnsureAvailable(offset + 1) ? buffer[start + offset] : -1;

    /// <summary>Makes at least <paramref name="count"/> bytes from <see cref="start"/> available; false at the end of the input.</summary>
    private bool EnsureAvailable(int count)
    {
        while (end - start < count)
        {
            if (!Fill(start))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Keeps the bytes from <paramref name="keepFrom"/> on (moved to the front of the buffer, which grows when they fill it)
    /// and reads more after them. False when the input has ended and nothing was added.
    /// </summary>
    private bool Fill(int keepFrom)
    {
        if (endOfInput)
        {
            return false;
        }

        if (end - keepFrom >= limits.MaxTokenBytes)
        {
            throw TokenOverLimit(keepFrom);
        }

        if (keepFrom > 0)
        {
            linesBefore += buffer.AsSpan(0, keepFrom).Count((byte)'\n');
            bytesBefore += keepFrom;
            buffer.AsSpan(keepFrom, end - keepFrom).CopyTo(buffer);
            end -= keepFrom;
            start -= keepFrom;
        }

        if (end == buffer.Length)
        {
            Array.Resize(ref buffer, Math.Min(buffer.Length * 2, limits.MaxTokenBytes));
        }

        var read = input.Read(buffer.AsSpan(end));
        if (read == 0)
        {
            endOfInput = true;
            return false;
        }

        end += read;
        Check(end - read, read);
        return true;
    }

    /// <summary>Finds <paramref name="terminator"/> at or after <paramref name="from"/> bytes past <see cref="start"/>, reading more as needed; -1 at the end of the input.</summary>
    private int Find(ReadOnlySpan<byte> terminator, int from)
    {
        var searched = from;
        while (true)
        {
            var window = buffer.AsSpan(start + searched, end - start - searched);
            var found = terminator.Length == 1 ? window.IndexOf(terminator[0]) : window.IndexOf(terminator);
            if (found >= 0)
            {
                return start + searched + found;
            }

            searched = Math.Max(from, end - start - terminator.Length + 1);
            if (!Fill(start))
            {
                return -1;
            }
        }
    }
}
