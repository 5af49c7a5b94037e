namespace Gogobe.Ingest.JetStream;

/// <summary>What JetStream did with a published message.</summary>
public enum PublishOutcome
{
    /// <summary>Stored as a new message.</summary>
    Stored,

    /// <summary>
    /// Dropped because a message with the same <c>Nats-Msg-Id</c> is already stored within the duplicate window
    /// (an earlier upload of the same file, or an earlier attempt of this publish whose confirmation was lost).
    /// </summary>
    Duplicate,
}
