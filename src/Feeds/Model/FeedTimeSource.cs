namespace Gogobe.Feeds.Model;

/// <summary>Where a file's publication time was taken from, best first.</summary>
public enum FeedTimeSource
{
    /// <summary>The XML header's date and time.</summary>
    Header,

    /// <summary>The date and time in the file's name.</summary>
    Name,

    /// <summary>The newest update time of the file's items or promotions.</summary>
    Content,

    /// <summary>A time given with the file: its modification time as the uploading client knew it.</summary>
    Supplied,

    /// <summary>Not known yet: neither the header nor the name has a time, and the file has not been read to its end.</summary>
    Undecided,
}
