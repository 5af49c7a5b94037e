namespace Gogobe.Feeds;

/// <summary>A file-level problem found while reading; turned into <see cref="FeedReadResult.Error"/>.</summary>
internal sealed class FeedFormatException(string message) : Exception(message);
