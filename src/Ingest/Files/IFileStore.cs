using Gogobe.Contracts.Imports;

namespace Gogobe.Ingest.Files;

/// <summary>Content-addressed storage for uploaded price files (a local folder today, object storage later).</summary>
public interface IFileStore : IUploadedFiles
{
    /// <summary>Stores <paramref name="content"/> under its SHA-256; saving the same bytes again changes nothing.</summary>
    Task<StoredFile> SaveAsync(Stream content, string fileName, CancellationToken cancellationToken);

    /// <summary>The local path of a stored file.</summary>
    /// <exception cref="ArgumentException">The path leaves the store.</exception>
    string FullPath(string storagePath);
}
