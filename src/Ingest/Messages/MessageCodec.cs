using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Gogobe.Contracts.Events;
using Gogobe.Contracts.Matching;

namespace Gogobe.Ingest.Messages;

/// <summary>
/// Encodes and decodes the pipeline's JSON messages. A reader accepts its own major version only (field <c>v</c>)
/// and ignores fields it does not know.
/// </summary>
public static class MessageCodec
{
    public static byte[] Encode(FileUploaded message) => JsonSerializer.SerializeToUtf8Bytes(message, IngestJsonContext.Default.FileUploaded);

    public static byte[] Encode(PricesChanged message) => JsonSerializer.SerializeToUtf8Bytes(message, IngestJsonContext.Default.PricesChanged);

    public static byte[] Encode(PromotionsChanged message) => JsonSerializer.SerializeToUtf8Bytes(message, IngestJsonContext.Default.PromotionsChanged);

    public static byte[] Encode(StoreChanged message) => JsonSerializer.SerializeToUtf8Bytes(message, IngestJsonContext.Default.StoreChanged);

    public static byte[] Encode(MatchingRequested message) => JsonSerializer.SerializeToUtf8Bytes(message, IngestJsonContext.Default.MatchingRequested);

    /// <summary>Decodes an upload; one whose <c>importId</c> is not a SHA-256 (64 lower-case hex digits) is refused.</summary>
    public static bool TryDecode(ReadOnlyMemory<byte> payload, [NotNullWhen(true)] out FileUploaded? message, [NotNullWhen(false)] out string? problem)
    {
        if (!TryDecode(payload, IngestJsonContext.Default.FileUploaded, FileUploaded.CurrentVersion, out message, out problem))
        {
            return false;
        }

        if (!FileUploaded.IsImportId(message.ImportId))
        {
            problem = $"FileUploaded importId '{Shorten(message.ImportId)}' is not a SHA-256 (64 lower-case hex digits)";
            message = null;
            return false;
        }

        return true;
    }

    public static bool TryDecode(ReadOnlyMemory<byte> payload, [NotNullWhen(true)] out PricesChanged? message, [NotNullWhen(false)] out string? problem) =>
        TryDecode(payload, IngestJsonContext.Default.PricesChanged, PricesChanged.CurrentVersion, out message, out problem);

    public static bool TryDecode(ReadOnlyMemory<byte> payload, [NotNullWhen(true)] out PromotionsChanged? message, [NotNullWhen(false)] out string? problem) =>
        TryDecode(payload, IngestJsonContext.Default.PromotionsChanged, PromotionsChanged.CurrentVersion, out message, out problem);

    public static bool TryDecode(ReadOnlyMemory<byte> payload, [NotNullWhen(true)] out StoreChanged? message, [NotNullWhen(false)] out string? problem) =>
        TryDecode(payload, IngestJsonContext.Default.StoreChanged, StoreChanged.CurrentVersion, out message, out problem);

    public static bool TryDecode(ReadOnlyMemory<byte> payload, [NotNullWhen(true)] out MatchingRequested? message, [NotNullWhen(false)] out string? problem) =>
        TryDecode(payload, IngestJsonContext.Default.MatchingRequested, MatchingRequested.CurrentVersion, out message, out problem);

    private static bool TryDecode<T>(
        ReadOnlyMemory<byte> payload,
        JsonTypeInfo<T> typeInfo,
        int version,
        [NotNullWhen(true)] out T? message,
        [NotNullWhen(false)] out string? problem)
        where T : class
    {
        message = null;
        if (payload.IsEmpty)
        {
            problem = $"empty payload, expected a {typeof(T).Name} JSON object";
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(payload);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                problem = $"expected a {typeof(T).Name} JSON object, got {root.ValueKind}";
                return false;
            }

            if (!root.TryGetProperty("v", out var v) || v.ValueKind != JsonValueKind.Number || !v.TryGetInt32(out var found))
            {
                problem = $"{typeof(T).Name} without a numeric version field 'v'";
                return false;
            }

            if (found != version)
            {
                problem = $"{typeof(T).Name} version {found} is not supported (this reader understands version {version})";
                return false;
            }

            message = root.Deserialize(typeInfo);
            problem = message is null ? $"{typeof(T).Name} is null" : null;
            return message is not null;
        }
        catch (JsonException ex)
        {
            problem = $"{typeof(T).Name} is not valid JSON for this version: {ex.Message}";
            return false;
        }
    }

    private static string Shorten(string? text) => text is null ? "" : text.Length <= 80 ? text : text[..80] + "…";
}
