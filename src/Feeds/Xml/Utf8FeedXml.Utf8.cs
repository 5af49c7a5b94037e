using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace Gogobe.Feeds.Xml;

// UTF-8 and character checks: forbidden control bytes as they are read, strict UTF-8 where bytes become text.
internal sealed partial class Utf8FeedXml
{
    /// <summary>Bytes that may not appear anywhere in an XML document: the C0 controls other than tab, line feed and carriage return.</summary>
    private static readonly SearchValues<byte> Forbidden = SearchValues.Create(
        [0, 1, 2, 3, 4, 5, 6, 7, 8, 11, 12, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31]);

    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// Checks freshly read bytes for forbidden control characters. UTF-8 validity is checked where bytes become text:
    /// names and values are decoded strictly, and text nobody asked for is checked before the reader moves on.
    /// </summary>
    private void Check(int from, int count)
    {
        var control = buffer.AsSpan(from, count).IndexOfAny(Forbidden);
        if (control >= 0)
        {
            var at = from + control;
            throw Error(at, $"'\\u{buffer[at]:X4}', hexadecimal value 0x{buffer[at]:X2}, is an invalid character.");
        }
    }

    /// <summary>Throws as a strict decoder does when <paramref name="bytes"/> (at <paramref name="at"/> in the buffer) are not valid UTF-8.</summary>
    private void CheckUtf8(ReadOnlySpan<byte> bytes, int at)
    {
        if (!Utf8.IsValid(bytes))
        {
            var bad = FirstInvalid(bytes);
            throw new DecoderFallbackException(
                $"Unable to translate the byte 0x{bytes[bad]:X2} at line {Position(at + bad).Line} to Unicode: it is not valid UTF-8.", [bytes[bad]], at + bad);
        }
    }

    private static int FirstInvalid(ReadOnlySpan<byte> bytes)
    {
        var at = 0;
        while (at < bytes.Length)
        {
            var status = Rune.DecodeFromUtf8(bytes[at..], out _, out var consumed);
            if (status != OperationStatus.Done)
            {
                return at;
            }

            at += consumed;
        }

        return at;
    }
}
