using Microsoft.Extensions.Options;

namespace Gogobe.Ingest.Files;

/// <summary>Where uploaded files are kept. Section <c>FileStore</c>.</summary>
public sealed class FileStoreOptions
{
    public const string Section = "FileStore";

    /// <summary>Folder holding the files (setting <c>FileStore:Root</c>), e.g. <c>&lt;repo&gt;/.data/files</c>. Required.</summary>
    public string Root { get; set; } = "";
}

internal sealed class FileStoreOptionsValidator : IValidateOptions<FileStoreOptions>
{
    public ValidateOptionsResult Validate(string? name, FileStoreOptions options) =>
        string.IsNullOrWhiteSpace(options.Root)
            ? ValidateOptionsResult.Fail(
                $"{FileStoreOptions.Section}:Root is not set (environment variable {FileStoreOptions.Section}__Root): set it to the folder that keeps uploaded files, e.g. <repo>/.data/files.")
            : ValidateOptionsResult.Success;
}
