using System.Text;
using System.Text.Unicode;
using Gogobe.Feeds.Xml;

namespace Gogobe.Feeds.Input;

/// <summary>
/// Decides how a file's bytes become text: byte-order mark first, then UTF-8 if the start of the file is valid
/// UTF-8, then the encoding the XML declaration names (Hebrew single-byte when none applies). Also rejects HTML pages.
/// </summary>
internal static class FeedText
{
    private static readonly Encoding Utf8Strict = new UTF8Encoding(false, throwOnInvalidBytes: true);

    static FeedText() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>The file's XML: UTF-8 is read from its bytes (<see cref="Utf8FeedXml"/>), other encodings through the framework's reader.</summary>
    public static FeedXml OpenXml(Stream decompressed, FeedReaderOptions options)
    {
        var (content, encoding) = Open(decompressed, options);
        return encoding.CodePage == 65001 && !options.FrameworkXmlReader
            ? new Utf8FeedXml(content, options)
            : FeedXml.Over(new StreamReader(content, encoding, detectEncodingFromByteOrderMarks: false, bufferSize: 64 * 1024), options);
    }

    /// <summary>The content after its byte-order mark, and the encoding it is in.</summary>
    private static (Stream Content, Encoding Encoding) Open(Stream decompressed, FeedReaderOptions options)
    {
        var probe = new byte[Math.Max(options.EncodingProbeBytes, 1024)];
        var length = FeedInput.ReadFully(decompressed, probe);
        var atEnd = length < probe.Length;
        var bytes = probe.AsSpan(0, length);
        if (bytes.Trim((byte)0).IsEmpty || IsOnlyWhitespace(bytes))
        {
            throw new FeedFormatException("empty file: no XML content");
        }

        var (encoding, skip) = Choose(bytes, atEnd);
        var lenient = encoding.CodePage switch
        {
            65001 => Encoding.UTF8,
            1200 => Encoding.Unicode,
            1201 => Encoding.BigEndianUnicode,
            _ => encoding,
        };
        var head = lenient.GetString(probe, skip, Math.Min(length - skip, 1024) & ~1);
        RejectHtml(head);
        return (new ReplayStream(probe, skip, length - skip, decompressed), encoding);
    }

    private static (Encoding Encoding, int Skip) Choose(ReadOnlySpan<byte> bytes, bool atEnd)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            return (Utf8Strict, 3);
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            return (new UnicodeEncoding(bigEndian: false, byteOrderMark: false, throwOnInvalidBytes: true), 2);
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return (new UnicodeEncoding(bigEndian: true, byteOrderMark: false, throwOnInvalidBytes: true), 2);
        }

        if (Utf8.IsValid(atEnd ? bytes : WithoutCutSequence(bytes)))
        {
            return (Utf8Strict, 0);
        }

        return (Declared(bytes) ?? Encoding.GetEncoding(1255), 0);
    }

    private static Encoding? Declared(ReadOnlySpan<byte> bytes)
    {
        var head = Encoding.ASCII.GetString(bytes[..Math.Min(bytes.Length, 200)]);
        var at = head.IndexOf("encoding", StringComparison.OrdinalIgnoreCase);
        if (!head.TrimStart().StartsWith("<?xml", StringComparison.OrdinalIgnoreCase) || at < 0)
        {
            return null;
        }

        var quote = head.IndexOfAny(['"', '\''], at);
        var close = quote < 0 ? -1 : head.IndexOf(head[quote], quote + 1);
        if (close < 0)
        {
            return null;
        }

        var name = head[(quote + 1)..close].Trim();
        if (name.StartsWith("utf", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        try
        {
            return Encoding.GetEncoding(name);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static ReadOnlySpan<byte> WithoutCutSequence(ReadOnlySpan<byte> bytes)
    {
        for (var back = 1; back <= 3 && back <= bytes.Length; back++)
        {
            var b = bytes[^back];
            if ((b & 0xC0) == 0x80)
            {
                continue;
            }

            var needed = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
            return needed > back ? bytes[..^back] : bytes;
        }

        return bytes;
    }

    private static bool IsOnlyWhitespace(ReadOnlySpan<byte> bytes)
    {
        foreach (var b in bytes)
        {
            if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' or 0))
            {
                return false;
            }
        }

        return true;
    }

    private static void RejectHtml(string head)
    {
        var text = head.AsSpan().TrimStart();
        if (text.StartsWith("<!DOCTYPE html", StringComparison.OrdinalIgnoreCase) || text.StartsWith("<html", StringComparison.OrdinalIgnoreCase)
            || (text.StartsWith("<?xml", StringComparison.OrdinalIgnoreCase) && head.Contains("<html", StringComparison.OrdinalIgnoreCase)))
        {
            throw new FeedFormatException("an HTML page instead of a feed file (the portal served a login or error page); download it again");
        }
    }
}
