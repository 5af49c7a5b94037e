namespace Gogobe.Ingest.JetStream;

/// <summary>JetStream did not confirm a publish in time; the message may or may not be stored. Publishing it again is safe.</summary>
public sealed class IngestPublishException(string message, Exception? innerException) : Exception(message, innerException);
