using System.Text;

namespace Gogobe.Feeds.Xml;

// The XML declaration, processing instructions, comments, CDATA, and the refused DTD.
internal sealed partial class Utf8FeedXml
{
    private void SkipProcessingInstruction()
    {
        var close = Find("?>"u8, 2);
        if (close < 0)
        {
            throw Error(end, "Unexpected end of file inside a processing instruction.");
        }

        var body = buffer.AsSpan(start + 2, close - start - 2);
        CheckUtf8(body, start + 2);
        var nameLength = NameLength(body, start + 2);
        if (nameLength < body.Length && !Space.Contains(body[nameLength]))
        {
            throw Error(start + 2 + nameLength, "A processing instruction's name must be followed by whitespace or '?>'.");
        }

        var name = body[..nameLength];
        var isDeclaration = name.Length == 3 && (name[0] | 0x20) == 'x' && (name[1] | 0x20) == 'm' && (name[2] | 0x20) == 'l';
        if (isDeclaration)
        {
            if (bytesBefore + start > 0 || rootSeen || !name.SequenceEqual("xml"u8))
            {
                throw Error(start, "Unexpected XML declaration. The XML declaration must be the first node in the document.");
            }

            CheckDeclaration(body[3..], start + 5);
        }

        start = close + 2;
    }

    /// <summary>The pseudo-attributes of the XML declaration: <c>version="1.0"</c>, then optionally <c>encoding</c>, then optionally <c>standalone</c>.</summary>
    private void CheckDeclaration(ReadOnlySpan<byte> text, int at)
    {
        ReadOnlySpan<string> order = ["version", "encoding", "standalone"];
        var next = 0;
        var i = 0;
        while (true)
        {
            var space = SpaceLength(text[i..]);
            if (i + space >= text.Length)
            {
                break;
            }

            if (space == 0)
            {
                throw Error(at + i, "Whitespace is required in the XML declaration.");
            }

            i += space;
            var nameLength = text[i..].IndexOfAny(" \t\r\n="u8);
            if (nameLength <= 0)
            {
                throw Error(at + i, "Syntax error in the XML declaration.");
            }

            var name = Encoding.ASCII.GetString(text.Slice(i, nameLength));
            var index = order.IndexOf(name);
            if (index < next)
            {
                throw Error(at + i, $"'{name}' is not expected here in the XML declaration.");
            }

            next = index + 1;
            i += nameLength;
            i += SpaceLength(text[i..]);
            if (i >= text.Length || text[i] != (byte)'=')
            {
                throw Error(at + i, "Syntax error in the XML declaration: '=' expected.");
            }

            i++;
            i += SpaceLength(text[i..]);
            var quote = i < text.Length ? text[i] : (byte)0;
            var close = quote is (byte)'"' or (byte)'\'' ? text[(i + 1)..].IndexOf(quote) : -1;
            if (close < 0)
            {
                throw Error(at + i, "Syntax error in the XML declaration: a quoted value expected.");
            }

            var value = text.Slice(i + 1, close);
            var valid = index switch
            {
                0 => value.SequenceEqual("1.0"u8),
                1 => value.Length > 0 && (uint)((value[0] | 0x20) - 'a') <= 'z' - 'a' && value.IndexOfAnyExcept("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-"u8) < 0,
                _ => value.SequenceEqual("yes"u8) || value.SequenceEqual("no"u8),
            };
            if (!valid)
            {
                throw Error(at + i, $"The XML declaration's {name} has a value that is not allowed.");
            }

            i += close + 2;
        }

        if (next == 0)
        {
            throw Error(at, "The XML declaration has no version.");
        }
    }

    /// <summary>A comment (skipped, false), CDATA (a text node) or a DTD (refused).</summary>
    private bool ReadMarkup()
    {
        EnsureAvailable(9);

        var head = buffer.AsSpan(start, Math.Min(9, end - start));
        if (head.StartsWith("<!--"u8))
        {
            var close = Find("-->"u8, 4);
            if (close < 0)
            {
                throw Error(end, "Unexpected end of file inside a comment.");
            }

            CheckUtf8(buffer.AsSpan(start + 4, close - start - 4), start + 4);
            var dashes = buffer.AsSpan(start + 4, close - start - 4).IndexOf("--"u8);
            if (dashes >= 0 || buffer[close - 1] == (byte)'-')
            {
                throw Error(dashes >= 0 ? start + 4 + dashes : close - 1, "An XML comment cannot contain '--', and '-' cannot be the last character.");
            }

            start = close + 3;
            return false;
        }

        if (head.StartsWith("<![CDATA["u8))
        {
            if (open.Count == 0)
            {
                throw Error(start, "CDATA is not allowed outside the root element.");
            }

            var close = Find("]]>"u8, 9);
            if (close < 0)
            {
                throw Error(end, "Unexpected end of file inside CDATA.");
            }

            SetText(start + 9, close - start - 9, cdata: true);
            start = close + 3;
            return true;
        }

        if (head.StartsWith("<!DOCTYPE"u8))
        {
            throw Error(start, "For security reasons DTD is prohibited in this XML document.");
        }

        throw Error(start, "Unexpected markup after '<!'.");
    }
}
