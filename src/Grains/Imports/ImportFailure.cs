using Gogobe.Contracts.Imports;
using Npgsql;
using Orleans.Serialization;

namespace Gogobe.Grains.Imports;

/// <summary>
/// Why an import attempt failed, in words for its record and log, and whether another attempt can help: a file that is
/// missing, does not match its id or holds data the database refuses fails at once; an outage (database, broker,
/// timeout, a silo gone) is tried again.
/// </summary>
internal readonly record struct ImportFailure(bool Permanent, string Reason)
{
    public static ImportFailure Of(Exception exception) => exception switch
    {
        ImportStepException step => new(step.Permanent, step.Message),
        AggregateException { InnerExceptions.Count: 1 } aggregate => Of(aggregate.InnerExceptions[0]),
        FileNotFoundException or DirectoryNotFoundException => new(true, $"the stored file is missing: {exception.Message}"),
        PostgresException postgres => new(IsDataError(postgres.SqlState), $"{nameof(PostgresException)} {postgres.SqlState}: {postgres.MessageText}"),
        UnavailableExceptionFallbackException fallback => new(false, $"{fallback.ExceptionType}: {fallback.Message}"),
        StoredContentMismatchException or FeedIdentityException or InvalidDataException or OverflowException or FormatException or ArgumentException =>
            new(true, Describe(exception)),
        _ => new(false, Describe(exception)),
    };

    private static string Describe(Exception exception) => $"{exception.GetType().Name}: {exception.Message}";

    /// <summary>Class 22 (data exception: a value out of range, a bad encoding) and 23 (integrity constraint) never pass by themselves.</summary>
    private static bool IsDataError(string sqlState) => sqlState.StartsWith("22", StringComparison.Ordinal) || sqlState.StartsWith("23", StringComparison.Ordinal);
}
