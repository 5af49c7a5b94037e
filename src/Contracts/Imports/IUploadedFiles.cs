namespace Gogobe.Contracts.Imports;

/// <summary>Where an import reads its file: the store that kept the upload under <see cref="ImportRequest.StoragePath"/>.</summary>
public interface IUploadedFiles
{
    /// <summary>Opens a stored file for reading.</summary>
    /// <exception cref="ArgumentException">The path leaves the store.</exception>
    Stream OpenRead(string storagePath);
}
