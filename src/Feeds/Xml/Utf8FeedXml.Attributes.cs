namespace Gogobe.Feeds.Xml;

// The attributes of a start tag, decoded and checked for duplicates, within the attribute limit.
internal sealed partial class Utf8FeedXml
{
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
}
