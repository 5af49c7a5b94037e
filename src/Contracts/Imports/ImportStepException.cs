namespace Gogobe.Contracts.Imports;

/// <summary>
/// A failure of a grain that an import calls, in a form every silo can deserialise: the original exception's type and
/// message, and whether trying again can help. Thrown in place of exceptions (a database driver's, for one) that would
/// otherwise reach the calling silo as a serialisation error instead of their cause.
/// </summary>
[GenerateSerializer]
public sealed class ImportStepException : Exception
{
    public ImportStepException()
    {
    }

    public ImportStepException(string message)
        : base(message)
    {
    }

    public ImportStepException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ImportStepException(string errorType, string message, bool permanent)
        : base(message)
    {
        ErrorType = errorType;
        Permanent = permanent;
    }

    /// <summary>Full name of the exception type that was thrown.</summary>
    [Id(0)]
    public string ErrorType { get; init; } = "";

    /// <summary>True when the same call would fail the same way again (bad data, not an outage).</summary>
    [Id(1)]
    public bool Permanent { get; init; }
}
