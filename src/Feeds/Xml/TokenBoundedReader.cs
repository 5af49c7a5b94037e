namespace Gogobe.Feeds.Xml;

/// <summary>
/// Text handed to the framework's XML reader, failing once more than <see cref="FeedReaderOptions.MaxTokenBytes"/>
/// characters pass without a '&lt;': no text, whitespace run or tag can be longer, and the reader, which keeps a whole
/// node in memory, never has to keep more.
/// </summary>
internal sealed class TokenBoundedReader(TextReader inner, FeedReaderOptions limits) : TextReader
{
    private long sinceMarkup;
    private long line = 1;

    public override int Peek() => inner.Peek();

    public override int Read()
    {
        Span<char> one = stackalloc char[1];
        return Read(one) == 0 ? -1 : one[0];
    }

    public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

    public override int Read(Span<char> buffer)
    {
        var n = inner.Read(buffer);
        var read = buffer[..n];
        var first = read.IndexOf('<');
        if (first < 0)
        {
            sinceMarkup += n;
        }
        else
        {
            sinceMarkup += first;
            Check();
            sinceMarkup = n - read.LastIndexOf('<') - 1;
        }

        Check();
        line += read.Count('\n');
        return n;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private void Check()
    {
        if (sinceMarkup > limits.MaxTokenBytes)
        {
            throw FeedLimit.Exceeded("a text, whitespace run or tag", nameof(FeedReaderOptions.MaxTokenBytes), limits.MaxTokenBytes, "characters",
                $"after line {line}");
        }
    }
}
