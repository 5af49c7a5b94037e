using Gogobe.Ingest.Files;
using Gogobe.Ingest.Messages;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NATS.Client.Core;

namespace Gogobe.Ingest.JetStream;

/// <summary>Announces a stored file on <c>gogobe.files.uploaded</c>; the broker drops a second announcement of the same content.</summary>
public sealed class FilePublisher
{
    private readonly JetStreamWriter writer;
    private readonly IngestSubjects subjects;

    public FilePublisher(INatsConnection connection, IOptions<IngestStreamOptions> options, ILogger<FilePublisher> logger)
    {
        writer = new JetStreamWriter(connection, options.Value, logger);
        subjects = options.Value.Subjects;
    }

    /// <summary>Queues <paramref name="file"/> for import.</summary>
    /// <param name="resubmission">
    /// Announce it again even if the same content was announced within the duplicate window (its earlier import failed,
    /// or its record was lost): the message then carries an id of its own instead of the content hash.
    /// </param>
    /// <returns><see cref="PublishOutcome.Duplicate"/> when the same content was announced within the duplicate window.</returns>
    /// <exception cref="IngestPublishException">JetStream did not confirm in time: the file may not be queued.</exception>
    public Task<PublishOutcome> PublishAsync(StoredFile file, DateTimeOffset submittedAt, CancellationToken cancellationToken, bool resubmission = false, DateTimeOffset? modifiedAt = null)
    {
        ArgumentNullException.ThrowIfNull(file);
        var message = FileUploaded.From(file, submittedAt, modifiedAt);
        var messageId = resubmission ? $"{file.ImportId}.{submittedAt.ToUnixTimeMilliseconds()}" : file.ImportId;
        return writer.PublishAsync(subjects.FilesUploaded, MessageCodec.Encode(message), messageId, headers: null, cancellationToken);
    }
}
