using System.Text.Json.Serialization;
using Gogobe.Ingest.Files;

namespace Gogobe.Ingest.Messages;

/// <summary>A file waits in the file store for import. Subject <c>gogobe.files.uploaded</c>, <c>Nats-Msg-Id</c> = import id.</summary>
public sealed record FileUploaded(string ImportId, string FileName, string StoragePath, long Size, DateTimeOffset SubmittedAt)
{
    public const int CurrentVersion = 1;

    [JsonPropertyName("v")]
    [JsonPropertyOrder(-1)]
    public int Version { get; init; } = CurrentVersion;

    /// <summary>True for a SHA-256 in lower-case hex, the only form an import id takes.</summary>
    public static bool IsImportId(string? id) => id is { Length: 64 } && id.All(char.IsAsciiHexDigitLower);

    /// <summary>The file's modification time as the uploading client gave it; absent when it gave none.</summary>
    [JsonPropertyName("modifiedAt")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? ModifiedAt { get; init; }

    public static FileUploaded From(StoredFile file, DateTimeOffset submittedAt, DateTimeOffset? modifiedAt = null) =>
        new(file.ImportId, file.FileName, file.StoragePath, file.Size, submittedAt) { ModifiedAt = modifiedAt };
}
