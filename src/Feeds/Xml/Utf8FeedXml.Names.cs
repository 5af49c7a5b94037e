using System.Buffers;
using System.Text;

namespace Gogobe.Feeds.Xml;

// Names: their syntax, and one atom per distinct spelling, counted against the name limit.
internal sealed partial class Utf8FeedXml
{
    private static readonly SearchValues<byte> NameEnd = SearchValues.Create(" \t\r\n/>="u8);

    private const byte NameStart = 2;

    /// <summary>Per byte: 2 where a name may start (letters, '_', ':' and the bytes of non-ASCII characters), 1 where it may go on (also digits, '-', '.'), 0 elsewhere.</summary>
    private static readonly byte[] NameBytes = Enumerable.Range(0, 256)
        .Select(b => (byte)(b >= 0x80 || char.IsAsciiLetter((char)b) || b is '_' or ':' ? NameStart : char.IsAsciiDigit((char)b) || b is '-' or '.' ? 1 : 0))
        .ToArray();

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
