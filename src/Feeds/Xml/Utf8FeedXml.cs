using System.Text;
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
/// Its parts, one job each: the buffer (<c>.Buffer</c>), UTF-8 checks (<c>.Utf8</c>), tags (<c>.Tags</c>), attributes
/// (<c>.Attributes</c>), names (<c>.Names</c>), namespaces (<c>.Namespaces</c>), declarations, comments and CDATA
/// (<c>.Declarations</c>), texts with their references and line ends (<c>.Text</c>), value sharing (<c>.Sharing</c>), errors (<c>.Errors</c>).
/// </summary>
internal sealed partial class Utf8FeedXml : FeedXml
{
    /// <summary>XML's whitespace.</summary>
    private static ReadOnlySpan<byte> Space => " \t\r\n"u8;

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

    public override bool IsEmptyElement => attributeIndex < 0 && emptyElement;

    public override int Depth => attributeIndex >= 0 ? depth + 1 : depth;

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

    private static int SpaceLength(ReadOnlySpan<byte> bytes)
    {
        var n = bytes.IndexOfAnyExcept(Space);
        return n < 0 ? bytes.Length : n;
    }
}
