using System.Xml;

namespace Gogobe.Feeds.Xml;

// Value sharing: one string per distinct short text of a file, and the field each name stands for.
internal sealed partial class Utf8FeedXml
{
    /// <summary>The longest text <see cref="SharedValue"/> shares, in bytes.</summary>
    private const int MaxSharedLength = 48;

    /// <summary>How many distinct texts <see cref="SharedValue"/> keeps per file.</summary>
    private const int MaxSharedTexts = 8192;

    /// <summary>Short plain texts come from a table of the file's texts, so a value that repeats is one string.</summary>
    public override string SharedValue =>
        attributeIndex < 0 && value is null && nodeType == XmlNodeType.Text && plainText && valueLength <= MaxSharedLength
            ? value = texts.Get(buffer.AsSpan(valueAt, valueLength))
            : Value;

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
}
