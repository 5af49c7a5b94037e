using System.Text;
using System.Text.Json;

namespace Gogobe.Storage.Imports;

/// <summary>The <c>imports.rejections</c> jsonb object: reason → count.</summary>
internal static class RejectionCounts
{
    public static string? ToJson(IReadOnlyDictionary<string, int>? counts)
    {
        if (counts is null || counts.Count == 0)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (reason, count) in counts.OrderBy(c => c.Key, StringComparer.Ordinal))
            {
                writer.WriteNumber(reason, count);
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    public static IReadOnlyDictionary<string, int> FromJson(string? json)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        if (string.IsNullOrEmpty(json))
        {
            return counts;
        }

        using var document = JsonDocument.Parse(json);
        foreach (var property in document.RootElement.EnumerateObject())
        {
            counts[property.Name] = property.Value.GetInt32();
        }

        return counts;
    }
}
