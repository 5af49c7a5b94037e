using System.Buffers;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace Gogobe.Ingest.Files;

/// <summary>
/// Keeps each content once, at <c>&lt;root&gt;/&lt;first 2 hex&gt;/&lt;sha256&gt;</c>: the same bytes uploaded under many names
/// are stored once, and the name travels with the upload message. The content is hashed while it is copied to a
/// temporary file in the same volume, then renamed into place, so a reader never sees a partial file. Paths of the
/// earlier layout (<c>&lt;first 2 hex&gt;/&lt;sha256&gt;/&lt;file name&gt;</c>) still read.
/// </summary>
public sealed class FileStore : IFileStore
{
    private const string TemporaryFolder = ".incoming";
    private const int BufferBytes = 81920;
    private readonly string root;

    public FileStore(IOptions<FileStoreOptions> options)
        : this(options.Value.Root)
    {
    }

    public FileStore(string root)
    {
        if (string.IsNullOrWhiteSpace(root))
        {
            throw new ArgumentException($"The file store root is empty: set {FileStoreOptions.Section}:Root.", nameof(root));
        }

        this.root = Path.GetFullPath(root);
    }

    public string Root => root;

    public async Task<StoredFile> SaveAsync(Stream content, string fileName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        var name = StoredFileName.Sanitise(fileName);
        var temporaryDirectory = Path.Combine(root, TemporaryFolder);
        Directory.CreateDirectory(temporaryDirectory);
        var temporary = Path.Combine(temporaryDirectory, $"{Guid.NewGuid():N}.part");
        try
        {
            string importId;
            long size;
            using (var target = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferBytes, FileOptions.None))
            {
                (importId, size) = await CopyHashingAsync(content, target, cancellationToken);
            }

            var storagePath = ContentPath(importId);
            var destination = FullPath(storagePath);
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            if (Directory.Exists(destination))
            {
                // The same bytes kept in the earlier layout, a folder named by the hash: that copy serves.
                if (Directory.EnumerateFiles(destination).FirstOrDefault() is { } kept)
                {
                    return new StoredFile(importId, name, $"{storagePath}/{Path.GetFileName(kept)}", size);
                }

                Directory.Delete(destination);
            }

            if (!File.Exists(destination))
            {
                try
                {
                    File.Move(temporary, destination, overwrite: false);
                }
                catch (IOException) when (File.Exists(destination))
                {
                    // Saved concurrently by another upload of the same bytes.
                }
            }

            return new StoredFile(importId, name, storagePath, size);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>Where the content with this SHA-256 (lower-case hex) is kept, relative to the root.</summary>
    public static string ContentPath(string importId) => $"{importId[..2]}/{importId}";

    public Stream OpenRead(string storagePath) =>
        new FileStream(FullPath(storagePath), FileMode.Open, FileAccess.Read, FileShare.Read, BufferBytes, useAsync: true);

    public string FullPath(string storagePath)
    {
        if (string.IsNullOrWhiteSpace(storagePath) || Path.IsPathRooted(storagePath)
            || storagePath.Split('/', '\\').Any(segment => segment is "" or "." or ".."))
        {
            throw new ArgumentException($"Storage path '{storagePath}' is not a relative path inside the file store.", nameof(storagePath));
        }

        var full = Path.GetFullPath(Path.Combine(root, storagePath.Replace('/', Path.DirectorySeparatorChar)));
        if (!full.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new ArgumentException($"Storage path '{storagePath}' leaves the file store root.", nameof(storagePath));
        }

        return full;
    }

    /// <summary>
    /// Reads asynchronously and writes synchronously: a write lands in the page cache within microseconds, where an
    /// asynchronous file write on Linux is a round trip through the thread pool for every chunk.
    /// </summary>
    private static async Task<(string ImportId, long Size)> CopyHashingAsync(Stream source, FileStream target, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = ArrayPool<byte>.Shared.Rent(BufferBytes);
        try
        {
            long size = 0;
            int read;
            while ((read = await source.ReadAsync(buffer.AsMemory(0, BufferBytes), cancellationToken)) > 0)
            {
                hash.AppendData(buffer, 0, read);
                target.Write(buffer, 0, read);
                size += read;
            }

            target.Flush();
            return (Convert.ToHexStringLower(hash.GetHashAndReset()), size);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
