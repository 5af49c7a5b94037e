namespace Gogobe.Ingest.Files;

/// <summary>Turns a client-supplied file name into one safe to use as a single path segment.</summary>
internal static class StoredFileName
{
    private const int MaxLength = 200;

    public static string Sanitise(string fileName)
    {
        var lastSegment = (fileName ?? "").Replace('\\', '/').Split('/').LastOrDefault() ?? "";
        // Characters no common file system or object store accepts in a name, whatever the platform we run on.
        char[] invalid = ['<', '>', ':', '"', '/', '\\', '|', '?', '*'];
        var cleaned = new string(lastSegment.Select(c => char.IsControl(c) || invalid.Contains(c) ? '_' : c).ToArray()).Trim();
        if (cleaned.Length > MaxLength)
        {
            var extension = Path.GetExtension(cleaned);
            cleaned = cleaned[..(MaxLength - extension.Length)] + extension;
        }

        if (cleaned is "" or "." or "..")
        {
            throw new ArgumentException($"File name '{fileName}' has no usable name: send the feed file's original name.", nameof(fileName));
        }

        return cleaned;
    }
}
