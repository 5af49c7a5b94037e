namespace Gogobe.Ingest.Messages;

/// <summary>Headers a dead letter carries next to the original payload.</summary>
public static class DeadLetterHeaders
{
    /// <summary>Why the message was given up, in words.</summary>
    public const string Reason = "Gogobe-Reason";

    /// <summary>How many times the broker had delivered it.</summary>
    public const string Deliveries = "Gogobe-Deliveries";

    /// <summary>The subject it was published on.</summary>
    public const string OriginalSubject = "Gogobe-Original-Subject";
}
