using System.Buffers;
using System.Text;
using System.Text.Unicode;
using System.Xml;

namespace Gogobe.Feeds.Xml;

/// <summary>
/// Reads UTF-8 feed XML straight from its bytes. Feeds are elements, attributes and short texts; this reader handles
/// exactly that much of XML (plus comments, processing instructions, CDATA and character and predefined entity
/// references) and turns only the texts the parser asks for into strings. It checks what the framework's reader checks
/// for such documents: valid UTF-8, no control characters, names that are names, quoted attributes, every element closed
/// by its own name, one root, no stray <c>&amp;</c>, <c>&lt;</c> or <c>]]&gt;</c>. A DTD is refused. Errors are
/// <see cref="XmlException"/>s with the line and position, as the framework's reader reports them; invalid UTF-8 is a
/// <see cref="DecoderFallbackException"/>, as from a strict decoder. A prefix must be declared; local names drop it.
/// Feeds repeat one sequence of elements per record, so each name remembers the name that followed it, and a tag is first
/// compared with that one's bytes.
/// </summary>
internal sealed class Utf8FeedXml : FeedXml
{
    private const int InitialBuffer = 64 * 1024;

    /// <summary>The longest text <see cref="SharedValue"/> shares, in bytes.</summary>
    private const int MaxSharedLength = 48;

    /// <summary>How many distinct texts <see cref="SharedValue"/> keeps per file.</summary>
    private const int MaxSharedTexts = 8192;

    /// <summary>Bytes that may not appear anywhere in an XML document: the C0 controls other than tab, line feed and carriage return.</summary>
    private static readonly SearchValues<byte> Forbidden = SearchValues.Create(
        [0, 1, 2, 3, 4, 5, 6, 7, 8, 11, 12, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31]);

    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static readonly SearchValues<byte> TextSpecial = SearchValues.Create("&]\r"u8);

    /// <summary>XML's whitespace.</summary>
    private static ReadOnlySpan<byte> Space => " \t\r\n"u8;

    private static readonly SearchValues<byte> NameEnd = SearchValues.Create(" \t\r\n/>="u8);

    private const byte NameStart = 2;

    /// <summary>Per byte: 2 where a name may start (letters, '_', ':' and the bytes of non-ASCII characters), 1 where it may go on (also digits, '-', '.'), 0 elsewhere.</summary>
    private static readonly byte[] NameBytes = Enumerable.Range(0, 256)
        .Select(b => (byte)(b >= 0x80 || char.IsAsciiLetter((char)b) || b is '_' or ':' ? NameStart : char.IsAsciiDigit((char)b) || b is '-' or '.' ? 1 : 0))
        .ToArray();

    private readonly Stream input;
    private readonly FeedReaderOptions limits;
    private readonly Utf8Table<Atom> names;
    private readonly Utf8Table<string> texts = new(static bytes => Strict.GetString(bytes), MaxSharedTexts);
    private readonly List<Atom> open = [];
    private readonly List<(Atom Name, string Value)> attributes = [];
    private readonly List<(string Prefix, int Depth)> prefixes = [];
    private byte[] buffer = new byte[InitialBuffer];
    private char[] scratch = new char[256];
    private int start;
    private int end;
    private bool endOfInput;
    private long linesBefore;
    private long bytesBefore;

    private XmlNodeType nodeType;
    private Atom element = Atom.None;
    private bool emptyElement;
    private int depth;
    private int valueAt;
    private int valueLength;
    private bool plainText;
    private bool textUnread;
    private string? value;
    private int attributeIndex = -1;
    private bool rootSeen;
    private int distinctNames;

    public Utf8FeedXml(Stream input, FeedReaderOptions? limits = null)
    {
        this.input = input;
        this.limits = limits ?? FeedReaderOptions.Default;
        names = new(NewName, int.MaxValue);
    }

    public override XmlNodeType NodeType => attributeIndex >= 0 ? XmlNodeType.Attribute : nodeType;

    public override string LocalName => attributeIndex >= 0 ? attributes[attributeIndex].Name.Local : element.Local;

    public override string Value => attributeIndex >= 0 ? attributes[attributeIndex].Value : value ??= DecodeValue();

    /// <summary>Short plain texts come from a table of the file's texts, so a value that repeats is one string.</summary>
    public override string SharedValue =>
        attributeIndex < 0 && value is null && nodeType == XmlNodeType.Text && plainText && valueLength <= MaxSharedLength
            ? value = texts.Get(buffer.AsSpan(valueAt, valueLength))
            : Value;

    public override bool IsEmptyElement => attributeIndex < 0 && emptyElement;

    public override int Depth => attributeIndex >= 0 ? depth + 1 : depth;

    /// <summary>The field of the element's name, remembered with the name.</summary>
    public override FeedField FieldOf(FieldNames names)
    {
        if (attributeIndex >= 0)
        {
            return names.Of(LocalName);
        }

        if (element.Field is not { } field)
        {
            field = names.Of(element.Local);
            element.Field = field;
        }

        return field;
    }

    public override bool MoveToAttribute(string name)
    {
        if (nodeType != XmlNodeType.Element)
        {
            return false;
        }

        for (var i = 0; i < attributes.Count; i++)
        {
            if (attributes[i].Name.Qualified == name)
            {
                attributeIndex = i;
                return true;
            }
        }

        return false;
    }

    public override void MoveToElement() => attributeIndex = -1;

    public override void Dispose() => input.Dispose();

    public override bool Read()
    {
        attributeIndex = -1;
        if (textUnread && value is null)
        {
            CheckUtf8(buffer.AsSpan(valueAt, valueLength), valueAt);
        }

        textUnread = false;
        value = null;

        while (true)
        {
            if (start >= end && !Fill(start))
            {
                if (open.Count > 0)
                {
                    throw Error(start, $"Unexpected end of file: the element <{open[^1].Qualified}> is not closed.");
                }

                if (!rootSeen)
                {
                    throw Error(start, "Root element is missing.");
                }

                nodeType = XmlNodeType.None;
                return false;
            }

            if (buffer[start] != (byte)'<')
            {
                if (ReadText())
                {
                    return true;
                }

                continue;
            }

            var next = At(1);
            if (next == '/')
            {
                ReadEndTag();
                return true;
            }

            if (next == '?')
            {
                SkipProcessingInstruction();
                continue;
            }

            if (next == '!')
            {
                if (ReadMarkup())
                {
                    return true;
                }

                continue;
            }

            ReadStartTag();
            return true;
        }
    }

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

    private void ReadStartTag()
    {
        if (open.Count == 0 && rootSeen)
        {
            throw Error(start, "There are multiple root elements.");
        }

        // Feeds repeat the same sequence of elements record after record: the name that followed this one last time is
        // tried first, by its bytes, and a tag without attributes ends right after its name.
        var after = buffer.AsSpan(start + 1, end - start - 1);
        var guess = nodeType == XmlNodeType.EndElement ? element.NextAfterEnd : element.NextAfterStart;
        if (guess is not null && after.Length > guess.Bytes.Length + 1 && after.StartsWith(guess.Bytes)
            && NameBytes[after[guess.Bytes.Length]] == 0 && guess.Prefix is null)
        {
            var close = after[guess.Bytes.Length];
            if (close == (byte)'>' || (close == (byte)'/' && after[guess.Bytes.Length + 1] == (byte)'>'))
            {
                attributes.Clear();
                StartElement(guess, close == (byte)'/', start + 1 + guess.Bytes.Length + (close == (byte)'/' ? 2 : 1));
                return;
            }
        }

        var gt = FindTagEnd();
        var tag = buffer.AsSpan(start + 1, gt - start - 1);
        var nameLength = NameLength(tag, start + 1);
        var atom = names.Get(tag[..nameLength]);
        var selfClosing = tag.Length > nameLength && tag[^1] == (byte)'/';
        var rest = tag[nameLength..(selfClosing ? tag.Length - 1 : tag.Length)];
        attributes.Clear();
        if (!rest.IsEmpty)
        {
            ReadAttributes(rest, start + 1 + nameLength);
        }

        if (atom.Prefix is not null || attributes.Count > 0)
        {
            CheckNamespaces(atom, open.Count, start + 1);
            if (selfClosing)
            {
                EndPrefixScope(open.Count);
            }
        }

        StartElement(atom, selfClosing, gt + 1);
    }

    private void StartElement(Atom atom, bool selfClosing, int next)
    {
        if (nodeType == XmlNodeType.EndElement)
        {
            element.NextAfterEnd = atom;
        }
        else if (nodeType == XmlNodeType.Element)
        {
            element.NextAfterStart = atom;
        }

        nodeType = XmlNodeType.Element;
        element = atom;
        emptyElement = selfClosing;
        depth = open.Count;
        rootSeen = true;
        if (!selfClosing)
        {
            if (open.Count >= limits.MaxDepth)
            {
                throw OverLimit("the nesting of elements", nameof(FeedReaderOptions.MaxDepth), limits.MaxDepth, "levels", start);
            }

            open.Add(atom);
        }

        start = next;
    }

    /// <summary>The index of the <c>&gt;</c> that ends the tag at <see cref="start"/>, skipping quoted attribute values.</summary>
    private int FindTagEnd()
    {
        var offset = 1;
        byte quote = 0;
        while (true)
        {
            for (var i = start + offset; i < end; i++)
            {
                var b = buffer[i];
                if (quote != 0)
                {
                    if (b == quote)
                    {
                        quote = 0;
                    }
                }
                else if (b == (byte)'>')
                {
                    return i;
                }
                else if (b is (byte)'"' or (byte)'\'')
                {
                    quote = b;
                }
                else if (b == (byte)'<')
                {
                    throw Error(i, "'<' cannot be used in a tag; the tag before it is not closed.");
                }
            }

            offset = end - start;
            if (!Fill(start))
            {
                throw Error(end, "Unexpected end of file inside a tag.");
            }
        }
    }

    /// <summary>The length of the name at the start of <paramref name="tag"/>; a tag that does not start with a name is an error.</summary>
    private int NameLength(ReadOnlySpan<byte> tag, int at)
    {
        if (tag.IsEmpty || NameBytes[tag[0]] != NameStart)
        {
            throw Error(at, $"Name cannot begin with the '{(tag.IsEmpty ? ' ' : (char)tag[0])}' character.");
        }

        var length = 1;
        while (length < tag.Length && NameBytes[tag[length]] != 0)
        {
            length++;
        }

        if (length < tag.Length && !NameEnd.Contains(tag[length]))
        {
            throw Error(at + length, $"The '{(char)tag[length]}' character cannot be included in a name.");
        }

        return length;
    }

    private void ReadAttributes(ReadOnlySpan<byte> rest, int at)
    {
        var i = 0;
        while (true)
        {
            var skipped = rest[i..].IndexOfAnyExcept(Space);
            if (skipped < 0)
            {
                return;
            }

            if (skipped == 0)
            {
                throw Error(at + i, "Whitespace is required between attributes.");
            }

            i += skipped;
            var nameLength = NameLength(rest[i..], at + i);
            var name = names.Get(rest.Slice(i, nameLength));
            i += nameLength;
            i += SpaceLength(rest[i..]);
            if (i >= rest.Length || rest[i] != (byte)'=')
            {
                throw Error(at + i, $"The attribute '{name.Qualified}' has no '=' and value.");
            }

            i++;
            i += SpaceLength(rest[i..]);
            if (i >= rest.Length || rest[i] is not ((byte)'"' or (byte)'\''))
            {
                throw Error(at + i, $"The value of the attribute '{name.Qualified}' is not quoted.");
            }

            var quote = rest[i];
            var close = rest[(i + 1)..].IndexOf(quote);
            if (close < 0)
            {
                throw Error(at + i, $"The value of the attribute '{name.Qualified}' has no closing quote.");
            }

            var raw = rest.Slice(i + 1, close);
            if (raw.IndexOf((byte)'<') is var lt and >= 0)
            {
                throw Error(at + i + 1 + lt, "'<' is not allowed in an attribute value.");
            }

            foreach (var (other, _) in attributes)
            {
                if (ReferenceEquals(other.Qualified, name.Qualified))
                {
                    throw Error(at + i, $"'{name.Qualified}' is a duplicate attribute name.");
                }
            }

            if (attributes.Count >= limits.MaxAttributes)
            {
                throw OverLimit("the number of attributes of an element", nameof(FeedReaderOptions.MaxAttributes), limits.MaxAttributes, "attributes", at + i);
            }

            attributes.Add((name, Decode(raw, at + i + 1, attribute: true)));
            i += close + 2;
        }
    }

    /// <summary>
    /// Declares the element's <c>xmlns:p</c> prefixes for its scope and checks that every prefix it and its attributes use
    /// is declared (<c>xml</c> and <c>xmlns</c> need no declaration).
    /// </summary>
    private void CheckNamespaces(Atom atom, int level, int at)
    {
        foreach (var (name, value) in attributes)
        {
            if (!name.WellFormed)
            {
                throw Error(at, $"The name '{name.Qualified}' is not a valid qualified name.");
            }

            if (name.Prefix == "xmlns")
            {
                if (value.Length == 0)
                {
                    throw Error(at, $"The prefix '{name.Local}' cannot be declared with an empty namespace.");
                }

                prefixes.Add((name.Local, level));
            }
        }

        if (!atom.WellFormed)
        {
            throw Error(at, $"The name '{atom.Qualified}' is not a valid qualified name.");
        }

        CheckDeclared(atom, at);
        foreach (var (name, _) in attributes)
        {
            if (name.Prefix is not ("xmlns" or "xml"))
            {
                CheckDeclared(name, at);
            }
        }
    }

    private void CheckDeclared(Atom name, int at)
    {
        if (name.Prefix is null or "xml")
        {
            return;
        }

        foreach (var (prefix, _) in prefixes)
        {
            if (prefix == name.Prefix)
            {
                return;
            }
        }

        throw Error(at, $"'{name.Prefix}' is an undeclared prefix.");
    }

    private void EndPrefixScope(int level)
    {
        while (prefixes.Count > 0 && prefixes[^1].Depth >= level)
        {
            prefixes.RemoveAt(prefixes.Count - 1);
        }
    }

    private static int SpaceLength(ReadOnlySpan<byte> bytes)
    {
        var n = bytes.IndexOfAnyExcept(Space);
        return n < 0 ? bytes.Length : n;
    }

    private void ReadEndTag()
    {
        if (open.Count > 0)
        {
            var name = open[^1].Bytes;
            var after = buffer.AsSpan(start + 2, end - start - 2);
            if (after.Length > name.Length && after[name.Length] == (byte)'>' && after.StartsWith(name))
            {
                EndElement(open[^1], start + 2 + name.Length + 1);
                return;
            }
        }

        var gt = Find(">"u8, 2);
        if (gt < 0)
        {
            throw Error(end, "Unexpected end of file inside an end tag.");
        }

        var tag = buffer.AsSpan(start + 2, gt - start - 2);
        var nameLength = NameLength(tag, start + 2);
        if (tag[nameLength..].IndexOfAnyExcept(Space) >= 0)
        {
            throw Error(start + 2 + nameLength, "Only whitespace may follow the name in an end tag.");
        }

        if (open.Count == 0)
        {
            throw Error(start, "An end tag without a start tag.");
        }

        var atom = names.Get(tag[..nameLength]);
        var expected = open[^1];
        if (!ReferenceEquals(atom.Qualified, expected.Qualified))
        {
            throw Error(start, $"The '{expected.Qualified}' start tag does not match the end tag of '{atom.Qualified}'.");
        }

        EndElement(expected, gt + 1);
    }

    private void EndElement(Atom atom, int next)
    {
        open.RemoveAt(open.Count - 1);
        if (prefixes.Count > 0)
        {
            EndPrefixScope(open.Count);
        }

        nodeType = XmlNodeType.EndElement;
        element = atom;
        emptyElement = false;
        depth = open.Count;
        start = next;
    }

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

    /// <summary>An error at byte <paramref name="index"/> of the buffer, with its line and position in the file (positions count characters from 1).</summary>
    private XmlException Error(int index, string message)
    {
        var (line, position) = Position(index);
        return new XmlException(message, null, line, position);
    }

    /// <summary>The line and position (both from 1; positions count characters) of byte <paramref name="index"/> of the buffer in the file.</summary>
    private (int Line, int Position) Position(int index)
    {
        index = Math.Clamp(index, 0, end);
        var before = buffer.AsSpan(0, index);
        var line = linesBefore + before.Count((byte)'\n') + 1;
        var lastNewline = before.LastIndexOf((byte)'\n');
        var lineStart = lastNewline >= 0 ? lastNewline + 1 : 0;
        return ((int)Math.Min(line, int.MaxValue), Encoding.UTF8.GetCharCount(buffer.AsSpan(lineStart, index - lineStart)) + 1);
    }

    /// <summary>The error of a token that does not end within the token limit; what it is comes from how it starts.</summary>
    private FeedFormatException TokenOverLimit(int tokenStart)
    {
        var token = buffer.AsSpan(tokenStart, end - tokenStart);
        var what = token switch
        {
            [(byte)'<', (byte)'/', ..] => "an end tag",
            [(byte)'<', (byte)'?', ..] => "a processing instruction",
            _ when token.StartsWith("<!--"u8) => "a comment",
            _ when token.StartsWith("<![CDATA["u8) => "a CDATA section",
            [(byte)'<', (byte)'!', ..] => "a declaration",
            [(byte)'<', ..] => "a tag",
            _ when token.IndexOfAnyExcept(Space) < 0 => "a whitespace run",
            _ => "a text",
        };
        return OverLimit(what, nameof(FeedReaderOptions.MaxTokenBytes), limits.MaxTokenBytes, "bytes", tokenStart);
    }

    private FeedFormatException OverLimit(string what, string setting, long limit, string unit, int index)
    {
        var (line, _) = Position(index);
        return FeedLimit.Exceeded(what, setting, limit, unit, $"at line {line}, byte {bytesBefore + index:N0}");
    }

    /// <summary>A name seen for the first time in the file, counted against the limit of distinct names.</summary>
    private Atom NewName(ReadOnlySpan<byte> bytes)
    {
        if (++distinctNames > limits.MaxNames)
        {
            throw FeedLimit.Exceeded("the number of distinct names", nameof(FeedReaderOptions.MaxNames), limits.MaxNames, "names",
                $"at the name '{Encoding.UTF8.GetString(bytes[..Math.Min(bytes.Length, 64)])}'");
        }

        return NewAtom(bytes);
    }

    private static Atom NewAtom(ReadOnlySpan<byte> bytes)
    {
        var qualified = Strict.GetString(bytes);
        var colon = qualified.IndexOf(':');
        return colon < 0
            ? new Atom(bytes.ToArray(), qualified, qualified, null, true)
            : new Atom(bytes.ToArray(), qualified, qualified[(colon + 1)..], qualified[..colon],
                colon > 0 && colon < qualified.Length - 1 && qualified.IndexOf(':', colon + 1) < 0);
    }

    /// <summary>One spelling of an element or attribute name.</summary>
    /// <param name="Bytes">The name as it is written.</param>
    /// <param name="Prefix">The namespace prefix, or null.</param>
    /// <param name="WellFormed">False for names with an empty part or more than one colon.</param>
    private sealed class Atom(byte[] Bytes, string Qualified, string Local, string? Prefix, bool WellFormed)
    {
        /// <summary>The name of no element: what the reader is on before its first read.</summary>
        public static readonly Atom None = new([], string.Empty, string.Empty, null, true);

        public byte[] Bytes { get; } = Bytes;
        public string Qualified { get; } = Qualified;
        public string Local { get; } = Local;
        public string? Prefix { get; } = Prefix;
        public bool WellFormed { get; } = WellFormed;

        /// <summary>The field the name stands for, once asked.</summary>
        public FeedField? Field { get; set; }

        /// <summary>The element that last started right after this one started.</summary>
        public Atom? NextAfterStart { get; set; }

        /// <summary>The element that last started right after this one ended.</summary>
        public Atom? NextAfterEnd { get; set; }
    }
}
