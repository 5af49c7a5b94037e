using System.Globalization;
using Gogobe.Testing;

namespace Gogobe.Feeds.Tests;

/// <summary>One row of <c>MANIFEST.tsv</c>: the file and the record counts its curator found.</summary>
public sealed record ManifestEntry(string File, string ChainId, string FileType, string CountText, string Notes)
{
    public bool IsKnownBad => CountText.Trim().Equals("n/a", StringComparison.OrdinalIgnoreCase);

    /// <summary>(records, promotion item rows) from "N items", "N stores", "N promotions / M promo-item rows", "0 (empty)" or a bare number.</summary>
    public (int Records, int? PromotionItems)? Counts
    {
        get
        {
            var text = CountText.Trim();
            var first = LeadingNumber(text);
            if (first is null)
            {
                return null;
            }

            var slash = text.IndexOf('/', StringComparison.Ordinal);
            return (first.Value, slash > 0 ? LeadingNumber(text[(slash + 1)..].Trim()) : null);
        }
    }

    public static IReadOnlyList<ManifestEntry> Load() =>
        System.IO.File.ReadLines(SharedFeeds.File("MANIFEST.tsv"))
            .Skip(1)
            .Where(line => line.Length > 0)
            .Select(line => line.Split('\t'))
            .Select(c => new ManifestEntry(c[0], c[4], c[5], c[7], c.Length > 8 ? c[8] : string.Empty))
            .ToList();

    private static int? LeadingNumber(string text)
    {
        var end = 0;
        while (end < text.Length && char.IsAsciiDigit(text[end]))
        {
            end++;
        }

        return end == 0 ? null : int.Parse(text[..end], CultureInfo.InvariantCulture);
    }
}
