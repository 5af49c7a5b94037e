using System.Text;
using System.Xml;
using Gogobe.Feeds.Input;
using Gogobe.Feeds.Model;
using Gogobe.Feeds.Naming;
using Gogobe.Feeds.Xml;

namespace Gogobe.Feeds;

/// <summary>
/// One published feed file, read as a stream of normalised records. Reading never throws for bad input:
/// a file-level problem ends the enumeration and is reported in <see cref="Result"/>, whose
/// <see cref="FeedReadResult.Ok"/> must be true before the records are used.
/// </summary>
public sealed class FeedFile : IDisposable
{
    private readonly Stream stream;
    private readonly FeedReaderOptions options;
    private readonly FeedFileName name;
    private readonly DateTimeOffset? fileTime;
    private FeedParser? parser;
    private DecompressedStream? content;
    private FeedReadResult? result;
    private bool started;

    private FeedFile(Stream stream, string fileName, FeedReaderOptions? options, DateTimeOffset? fileTime)
    {
        this.stream = stream;
        this.options = options ?? FeedReaderOptions.Default;
        name = FeedFileName.Parse(fileName);
        this.fileTime = this.options.UseFileTimeWhenUndated ? this.options.ReceivedAt ?? fileTime : null;
    }

    /// <summary>The file's identity; known once the first record was read, or after enumeration. Null if the file failed first.</summary>
    public FeedHeader? Header => parser?.Header;

    public string FileName => name.FileName;

    /// <summary>The outcome; valid once <see cref="ReadRecords"/> has been enumerated to the end.</summary>
    public FeedReadResult Result => result ?? throw new InvalidOperationException("Read the records to the end before asking for the result.");

    public static FeedFile Open(string path, FeedReaderOptions? options = null)
    {
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, FileOptions.SequentialScan);
        return new FeedFile(stream, Path.GetFileName(path), options, new DateTimeOffset(File.GetLastWriteTimeUtc(path), TimeSpan.Zero));
    }

    public static FeedFile Open(Stream stream, string fileName, FeedReaderOptions? options = null) =>
        new(stream, Path.GetFileName(fileName), options, null);

    /// <summary>
    /// The fingerprint of a file's decompressed content, without parsing it: equal to <see cref="FeedReadResult.ContentFingerprint"/>
    /// of a read with <see cref="FeedReaderOptions.FingerprintContent"/>. Null when the file cannot be decompressed to its end
    /// (reading it reports why). The stream is read to its end and disposed.
    /// </summary>
    public static string? TryFingerprint(Stream stream, FeedReaderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        try
        {
            using var content = FeedInput.Decompress(stream, options ?? FeedReaderOptions.Default);
            content.StartFingerprint();
            return content.FinishFingerprint();
        }
        catch (Exception ex) when (ex is FeedFormatException or InvalidDataException or IOException)
        {
            return null;
        }
    }

    /// <summary>Streams the file's records. Call once; check <see cref="Result"/> afterwards.</summary>
    public IEnumerable<FeedRecord> ReadRecords()
    {
        if (started)
        {
            throw new InvalidOperationException("The records of a feed file can be read only once.");
        }

        started = true;
        return Records();
    }

    public void Dispose()
    {
        parser?.Dispose();
        stream.Dispose();
    }

    private IEnumerable<FeedRecord> Records()
    {
        try
        {
            while (Step() is { } record)
            {
                yield return record;
            }
        }
        finally
        {
            parser?.Dispose();
            result ??= Finish(error: "reading stopped before the end of the file");
        }
    }

    private FeedRecord? Step()
    {
        string? error;
        try
        {
            if (parser is null)
            {
                content = FeedInput.Decompress(stream, options);
                if (options.FingerprintContent)
                {
                    content.StartFingerprint();
                }

                parser = new FeedParser(FeedText.OpenXml(content, options), name, () => fileTime, options.MaxRows);
            }

            if (parser.Next() is { } record)
            {
                return record;
            }

            var fingerprint = options.FingerprintContent ? content!.FinishFingerprint() : null;
            result = Finish(error: null) with { ContentFingerprint = fingerprint };
            return null;
        }
        catch (XmlException ex)
        {
            error = $"malformed XML at line {ex.LineNumber}, position {ex.LinePosition}: {ex.Message}";
        }
        catch (FeedFormatException ex)
        {
            error = ex.Message;
        }
        catch (InvalidDataException ex)
        {
            error = $"corrupt compressed data: {ex.Message}";
        }
        catch (DecoderFallbackException ex)
        {
            error = $"text is not valid in its encoding (byte {ex.Index} of a block): {ex.Message}";
        }
        catch (IOException ex)
        {
            error = $"could not read the file: {ex.Message}";
        }
        catch (Exception ex) when (ex is not (OutOfMemoryException or OperationCanceledException))
        {
            error = $"unexpected failure ({ex.GetType().Name}): {ex.Message}";
        }

        result = Finish(error);
        return null;
    }

    private FeedReadResult Finish(string? error)
    {
        var tally = parser?.Tally;
        return new FeedReadResult(
            name.FileName,
            error is null,
            error is null ? null : $"{name.FileName}: {error}",
            parser?.Header,
            tally?.Stores ?? 0,
            tally?.Items ?? 0,
            tally?.Promotions ?? 0,
            tally?.PromotionItems ?? 0,
            tally?.Rejected ?? 0,
            tally?.RejectedByReason ?? new Dictionary<string, int>());
    }
}
