using System.Globalization;

namespace Gogobe.Synthetic;

/// <summary>Writes feed XML straight to a text writer, indented like the portals do, without building a document.</summary>
internal sealed class FeedXmlWriter(TextWriter writer)
{
    private static readonly string[] Indents = [.. Enumerable.Range(0, 12).Select(i => "\r\n" + new string(' ', i * 2))];
    private readonly char[] number = new char[32];
    private int depth;

    public void Declaration(string encoding) => writer.Write($"<?xml version=\"1.0\" encoding=\"{encoding}\"?>");

    public void Open(string name, string? attributes = null)
    {
        writer.Write(Indents[Math.Min(depth, Indents.Length - 1)]);
        writer.Write('<');
        writer.Write(name);
        if (attributes is not null)
        {
            writer.Write(' ');
            writer.Write(attributes);
        }

        writer.Write('>');
        depth++;
    }

    public void Close(string name)
    {
        depth--;
        writer.Write(Indents[Math.Min(depth, Indents.Length - 1)]);
        writer.Write("</");
        writer.Write(name);
        writer.Write('>');
    }

    /// <summary>Writes an element with an end tag but without its closing counterpart: a malformed file on purpose.</summary>
    public void Unclosed() => depth--;

    public void Leaf(string name, string? text)
    {
        writer.Write(Indents[Math.Min(depth, Indents.Length - 1)]);
        if (string.IsNullOrEmpty(text))
        {
            writer.Write('<');
            writer.Write(name);
            writer.Write(" />");
            return;
        }

        writer.Write('<');
        writer.Write(name);
        writer.Write('>');
        Text(text);
        writer.Write("</");
        writer.Write(name);
        writer.Write('>');
    }

    public void Leaf(string name, decimal value, string format = "0.00")
    {
        value.TryFormat(number, out var written, format, CultureInfo.InvariantCulture);
        LeafSpan(name, number.AsSpan(0, written));
    }

    public void Leaf(string name, long value)
    {
        value.TryFormat(number, out var written, default, CultureInfo.InvariantCulture);
        LeafSpan(name, number.AsSpan(0, written));
    }

    public void Leaf(string name, DateTime value, string format)
    {
        value.TryFormat(number, out var written, format, CultureInfo.InvariantCulture);
        LeafSpan(name, number.AsSpan(0, written));
    }

    private void LeafSpan(string name, ReadOnlySpan<char> value)
    {
        writer.Write(Indents[Math.Min(depth, Indents.Length - 1)]);
        writer.Write('<');
        writer.Write(name);
        writer.Write('>');
        writer.Write(value);
        writer.Write("</");
        writer.Write(name);
        writer.Write('>');
    }

    private void Text(string text)
    {
        if (text.AsSpan().IndexOfAny('&', '<', '>') < 0)
        {
            writer.Write(text);
            return;
        }

        foreach (var c in text)
        {
            switch (c)
            {
                case '&':
                    writer.Write("&amp;");
                    break;
                case '<':
                    writer.Write("&lt;");
                    break;
                case '>':
                    writer.Write("&gt;");
                    break;
                default:
                    writer.Write(c);
                    break;
            }
        }
    }
}
