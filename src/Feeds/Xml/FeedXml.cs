using System.Xml;

namespace Gogobe.Feeds.Xml;

/// <summary>
/// The forward-only view of a feed's XML that <see cref="FeedParser"/> walks: the part of <see cref="XmlReader"/> it uses,
/// with whitespace-only text and comments skipped (the parser ignores any other node that is not an element or a text).
/// Two sources implement it: the framework's reader for any encoding, and <see cref="Utf8FeedXml"/> for the UTF-8 files
/// that make up almost every feed.
/// </summary>
internal abstract class FeedXml : IDisposable
{
    public abstract XmlNodeType NodeType { get; }

    /// <summary>The element's name without its prefix, atomized: one string instance per spelling for the whole file.</summary>
    public abstract string LocalName { get; }

    /// <summary>The text of a text or CDATA node, or of the attribute moved to.</summary>
    public abstract string Value { get; }

    /// <summary>As <see cref="Value"/>, for fields whose values repeat from record to record: a source may hand out one string per distinct value.</summary>
    public virtual string SharedValue => Value;

    public abstract bool IsEmptyElement { get; }

    public abstract int Depth { get; }

    public abstract bool Read();

    /// <summary>The field the element's name stands for.</summary>
    public virtual FeedField FieldOf(FieldNames names) => names.Of(LocalName);

    public abstract bool MoveToAttribute(string name);

    public abstract void MoveToElement();

    public abstract void Dispose();

    public static FeedXml Over(TextReader text, FeedReaderOptions? limits = null) => new SystemFeedXml(text, limits ?? FeedReaderOptions.Default);

    /// <summary>
    /// The framework's reader, for text in any encoding. It holds a whole node in memory, so the text it reads is cut off
    /// at <see cref="FeedReaderOptions.MaxTokenBytes"/> characters without a '&lt;' (which bounds every text and tag); depth and
    /// attribute counts are checked as each node is read.
    /// </summary>
    private sealed class SystemFeedXml(TextReader text, FeedReaderOptions limits) : FeedXml
    {
        private readonly XmlReader reader = XmlReader.Create(new TokenBoundedReader(text, limits), new XmlReaderSettings
        {
            MaxCharactersInDocument = limits.MaxDecompressedBytes,
            MaxCharactersFromEntities = limits.MaxTokenBytes,
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            IgnoreWhitespace = true,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
            CloseInput = true,
            NameTable = new CountedNameTable(limits.MaxNames),
        });

        public override XmlNodeType NodeType => reader.NodeType;

        public override string LocalName => reader.LocalName;

        public override string Value => reader.Value;

        public override bool IsEmptyElement => reader.IsEmptyElement;

        public override int Depth => reader.Depth;

        public override bool Read()
        {
            if (!reader.Read())
            {
                return false;
            }

            if (reader.NodeType == XmlNodeType.Element)
            {
                if (reader.Depth >= limits.MaxDepth)
                {
                    throw OverLimit("the nesting of elements", nameof(FeedReaderOptions.MaxDepth), limits.MaxDepth, "levels");
                }

                if (reader.AttributeCount > limits.MaxAttributes)
                {
                    throw OverLimit("the number of attributes of an element", nameof(FeedReaderOptions.MaxAttributes), limits.MaxAttributes, "attributes");
                }
            }

            return true;
        }

        public override bool MoveToAttribute(string name) => reader.MoveToAttribute(name);

        public override void MoveToElement() => reader.MoveToElement();

        public override void Dispose() => reader.Dispose();

        private FeedFormatException OverLimit(string what, string setting, long limit, string unit)
        {
            var line = (IXmlLineInfo)reader;
            return FeedLimit.Exceeded(what, setting, limit, unit, $"at line {line.LineNumber}, position {line.LinePosition}");
        }
    }
}
