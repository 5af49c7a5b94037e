using Gogobe.Ingest.Messages;
using Microsoft.Extensions.Options;

namespace Gogobe.Ingest.JetStream;

/// <summary>Names and limits of the ingest streams. Section <c>Ingest:Streams</c>.</summary>
public sealed class IngestStreamOptions
{
    public const string Section = "Ingest:Streams";

    /// <summary>First token of every subject (<c>Ingest:Streams:SubjectPrefix</c>, default <c>gogobe</c>).</summary>
    public string SubjectPrefix { get; set; } = IngestSubjects.DefaultPrefix;

    /// <summary>Start of every stream name (<c>Ingest:Streams:StreamPrefix</c>, default <c>GOGOBE_</c>).</summary>
    public string StreamPrefix { get; set; } = "GOGOBE_";

    /// <summary>Durable pull consumer shared by every silo's bridge (<c>Ingest:Streams:ImportersConsumer</c>, default <c>importers</c>).</summary>
    public string ImportersConsumer { get; set; } = "importers";

    /// <summary>Durable pull consumer shared by every silo's matcher bridge (<c>Ingest:Streams:MatchersConsumer</c>, default <c>matchers</c>).</summary>
    public string MatchersConsumer { get; set; } = "matchers";

    /// <summary>How long the broker remembers an import id to drop a repeated upload (<c>Ingest:Streams:DuplicateWindow</c>, default 24 h).</summary>
    public TimeSpan DuplicateWindow { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How long change events are kept (<c>Ingest:Streams:EventsMaxAge</c>, default 1 day).</summary>
    public TimeSpan EventsMaxAge { get; set; } = TimeSpan.FromDays(1);

    /// <summary>How long dead letters are kept (<c>Ingest:Streams:DeadLetterMaxAge</c>, default 30 days).</summary>
    public TimeSpan DeadLetterMaxAge { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How long a publish keeps retrying while NATS is unreachable before it fails (<c>Ingest:Streams:PublishTimeout</c>, default 30 s).</summary>
    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(30);

    public string FilesStream => $"{StreamPrefix}FILES";

    public string EventsStream => $"{StreamPrefix}EVENTS";

    public string DeadLetterStream => $"{StreamPrefix}DEADLETTER";

    public string MatchingStream => $"{StreamPrefix}MATCHING";

    public IngestSubjects Subjects => new(SubjectPrefix);
}

internal sealed class IngestStreamOptionsValidator : IValidateOptions<IngestStreamOptions>
{
    public ValidateOptionsResult Validate(string? name, IngestStreamOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.SubjectPrefix) || options.SubjectPrefix.IndexOfAny([' ', '*', '>']) >= 0 || options.SubjectPrefix.EndsWith('.'))
        {
            failures.Add($"{IngestStreamOptions.Section}:SubjectPrefix '{options.SubjectPrefix}' is not a subject prefix: use tokens such as 'gogobe' (no spaces, '*', '>' or trailing '.').");
        }

        if (string.IsNullOrWhiteSpace(options.StreamPrefix) || options.StreamPrefix.IndexOfAny([' ', '.', '*', '>']) >= 0)
        {
            failures.Add($"{IngestStreamOptions.Section}:StreamPrefix '{options.StreamPrefix}' cannot start a stream name: use letters, digits, '_' or '-', e.g. 'GOGOBE_'.");
        }

        if (string.IsNullOrWhiteSpace(options.ImportersConsumer) || options.ImportersConsumer.IndexOfAny([' ', '.', '*', '>']) >= 0)
        {
            failures.Add($"{IngestStreamOptions.Section}:ImportersConsumer '{options.ImportersConsumer}' is not a consumer name: use letters, digits, '_' or '-'.");
        }

        if (string.IsNullOrWhiteSpace(options.MatchersConsumer) || options.MatchersConsumer.IndexOfAny([' ', '.', '*', '>']) >= 0)
        {
            failures.Add($"{IngestStreamOptions.Section}:MatchersConsumer '{options.MatchersConsumer}' is not a consumer name: use letters, digits, '_' or '-'.");
        }

        AddIfNotPositive(failures, nameof(options.DuplicateWindow), options.DuplicateWindow);
        AddIfNotPositive(failures, nameof(options.EventsMaxAge), options.EventsMaxAge);
        AddIfNotPositive(failures, nameof(options.DeadLetterMaxAge), options.DeadLetterMaxAge);
        AddIfNotPositive(failures, nameof(options.PublishTimeout), options.PublishTimeout);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void AddIfNotPositive(List<string> failures, string setting, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            failures.Add($"{IngestStreamOptions.Section}:{setting} must be a positive duration such as 00:00:30, got {value}.");
        }
    }
}
