using System.Buffers;
using System.Text;
using System.Xml;

namespace Gogobe.Feeds.Xml;

// Text nodes: entity and character references resolved, line ends made \n (attribute values too).
internal sealed partial class Utf8FeedXml
{
    private static readonly SearchValues<byte> TextSpecial = SearchValues.Create("&]\r"u8);

    /// <summary>A text run up to the next markup. Whitespace-only runs are skipped (false); elsewhere than inside the root, text is an error.</summary>
    private bool ReadText()
    {
        var lt = Find("<"u8, 0);
        var stop = lt < 0 ? end : lt;
        var text = buffer.AsSpan(start, stop - start);
        if (Space.Contains(text[0]) && text.IndexOfAnyExcept(Space) < 0)
        {
            start = stop;
            return false;
        }

        if (open.Count == 0)
        {
            throw Error(start + text.IndexOfAnyExcept(Space), "Data at the root level is invalid.");
        }

        if (lt < 0)
        {
            throw Error(stop, $"Unexpected end of file: the element <{open[^1].Qualified}> is not closed.");
        }

        SetText(start, stop - start, cdata: false);
        plainText = text.IndexOfAny(TextSpecial) < 0;
        if (!plainText)
        {
            var terminator = text.IndexOf("]]>"u8);
            if (terminator >= 0)
            {
                throw Error(start + terminator, "']]>' is not allowed in character data.");
            }

            if (text.IndexOf((byte)'&') >= 0)
            {
                value = DecodeValue();
            }
        }

        start = stop;
        return true;
    }

    private void SetText(int at, int length, bool cdata)
    {
        nodeType = cdata ? XmlNodeType.CDATA : XmlNodeType.Text;
        textUnread = true;
        valueAt = at;
        valueLength = length;
        depth = open.Count;
        emptyElement = false;
    }

    private string DecodeValue()
    {
        if (nodeType is not (XmlNodeType.Text or XmlNodeType.CDATA))
        {
            return string.Empty;
        }

        var raw = buffer.AsSpan(valueAt, valueLength);
        return nodeType == XmlNodeType.CDATA ? NormalizeLines(raw) : Decode(raw, valueAt, attribute: false);
    }

    private static string NormalizeLines(ReadOnlySpan<byte> raw) =>
        raw.IndexOf((byte)'\r') < 0 ? Strict.GetString(raw) : Strict.GetString(raw).Replace("\r\n", "\n").Replace('\r', '\n');

    /// <summary>
    /// Text with its references resolved and its line ends made <c>\n</c>; in an attribute, tabs and line ends become
    /// spaces. Plain text, the common case, is one UTF-8 decode.
    /// </summary>
    private string Decode(ReadOnlySpan<byte> raw, int at, bool attribute)
    {
        var special = raw.IndexOfAny(attribute ? "&\r\n\t"u8 : "&\r"u8);
        if (special < 0)
        {
            return Strict.GetString(raw);
        }

        if (scratch.Length < raw.Length)
        {
            scratch = new char[Math.Max(raw.Length, scratch.Length * 2)];
        }

        var length = Strict.GetChars(raw[..special], scratch);
        var i = special;
        while (i < raw.Length)
        {
            var b = raw[i];
            if (b == (byte)'&')
            {
                var semicolon = raw[i..].IndexOf((byte)';');
                if (semicolon < 0)
                {
                    throw Error(at + i, "An '&' that does not start a reference; write it as &amp;.");
                }

                length = AppendReference(raw.Slice(i + 1, semicolon - 1), at + i, length);
                i += semicolon + 1;
            }
            else if (b == (byte)'\r')
            {
                scratch[length++] = attribute ? ' ' : '\n';
                i += i + 1 < raw.Length && raw[i + 1] == (byte)'\n' ? 2 : 1;
            }
            else if (attribute && b is (byte)'\n' or (byte)'\t')
            {
                scratch[length++] = ' ';
                i++;
            }
            else
            {
                var next = raw[i..].IndexOfAny(attribute ? "&\r\n\t"u8 : "&\r"u8);
                var run = next < 0 ? raw[i..] : raw.Slice(i, next);
                length += Strict.GetChars(run, scratch.AsSpan(length));
                i += run.Length;
            }
        }

        return new string(scratch, 0, length);
    }

    private int AppendReference(ReadOnlySpan<byte> name, int at, int length)
    {
        char single = name switch
        {
            _ when name.SequenceEqual("lt"u8) => '<',
            _ when name.SequenceEqual("gt"u8) => '>',
            _ when name.SequenceEqual("amp"u8) => '&',
            _ when name.SequenceEqual("apos"u8) => '\'',
            _ when name.SequenceEqual("quot"u8) => '"',
            _ => '\0',
        };
        if (single != '\0')
        {
            scratch[length] = single;
            return length + 1;
        }

        if (name.Length < 2 || name[0] != (byte)'#')
        {
            throw Error(at, $"Reference to undeclared entity '{Encoding.UTF8.GetString(name)}'.");
        }

        var hex = name[1] == (byte)'x';
        var digits = name[(hex ? 2 : 1)..];
        var code = 0;
        foreach (var d in digits)
        {
            var digit = d switch
            {
                >= (byte)'0' and <= (byte)'9' => d - '0',
                >= (byte)'a' and <= (byte)'f' when hex => d - 'a' + 10,
                >= (byte)'A' and <= (byte)'F' when hex => d - 'A' + 10,
                _ => -1,
            };
            if (digit < 0 || code > 0x10FFFF)
            {
                throw Error(at, $"Invalid character reference '&{Encoding.UTF8.GetString(name)};'.");
            }

            code = code * (hex ? 16 : 10) + digit;
        }

        var valid = digits.Length > 0 && code is 0x9 or 0xA or 0xD or (>= 0x20 and <= 0xD7FF) or (>= 0xE000 and <= 0xFFFD) or (>= 0x10000 and <= 0x10FFFF);
        if (!valid)
        {
            throw Error(at, $"Invalid character reference '&{Encoding.UTF8.GetString(name)};': not an XML character.");
        }

        return length + new Rune(code).EncodeToUtf16(scratch.AsSpan(length));
    }
}
