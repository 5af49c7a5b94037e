namespace Gogobe.Feeds;

/// <summary>The error of a file that goes over one of the limits of <see cref="FeedReaderOptions"/>: which limit, its value, and where.</summary>
internal static class FeedLimit
{
    /// <param name="what">What went over, e.g. "a text".</param>
    /// <param name="setting">The <see cref="FeedReaderOptions"/> property that sets the limit.</param>
    /// <param name="where">Where in the file, e.g. "at line 3, position 7".</param>
    public static FeedFormatException Exceeded(string what, string setting, long limit, string unit, string where) =>
        new($"{what} is over the limit of {limit:N0} {unit} ({FeedReaderOptions.Section}:{setting}) {where}");
}
