namespace Gogobe.Ingest.Files;

/// <summary>A file kept in the file store.</summary>
/// <param name="ImportId">SHA-256 of the content, lower-case hex: the same bytes always get the same id.</param>
/// <param name="FileName">The original file name, sanitised (the feed reader recognises files by name).</param>
/// <param name="StoragePath">Path relative to the store root, with <c>/</c> separators.</param>
/// <param name="Size">Length in bytes.</param>
public sealed record StoredFile(string ImportId, string FileName, string StoragePath, long Size);
