using System.Text;
using System.Xml;

namespace Gogobe.Feeds.Xml;

// Errors with their line and position in the file, and the errors of the reader's limits.
internal sealed partial class Utf8FeedXml
{
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
}
