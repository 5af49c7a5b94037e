using System.Xml;

namespace Gogobe.Feeds.Xml;

// Start and end tags: the element stack, the guess of the next element from the last record, the end of a tag.
internal sealed partial class Utf8FeedXml
{
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
}
