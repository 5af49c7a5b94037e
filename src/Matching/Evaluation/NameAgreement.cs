using Gogobe.Matching.Catalogue;

namespace Gogobe.Matching.Evaluation;

/// <summary>
/// Held-out items matched (at any confidence) to a member named the same as they are (<see cref="OfferProfile.SameName"/>):
/// how many of those matches are the item's own barcode, and how many another barcode. Names that agree word for word
/// and number for number are the strongest evidence the feeds' names can give, so the share of other barcodes among
/// them bounds the precision any matcher reading those names can reach where one barcode is one product.
/// </summary>
/// <param name="Right">Matched to the master product of the item's hidden barcode.</param>
/// <param name="OtherBarcode">Matched to another master although the names agree.</param>
/// <param name="OtherBarcodeAlone">Of <paramref name="OtherBarcode"/>, items no other chain sells (no right answer at all).</param>
public sealed record NameAgreement(int Right, int OtherBarcode, int OtherBarcodeAlone)
{
    /// <summary>The share of same-name matches that are the right master (1 when there are none).</summary>
    public double Precision => Right + OtherBarcode == 0 ? 1 : (double)Right / (Right + OtherBarcode);

    /// <summary>Counts the same-name matches among <paramref name="results"/>, one per query, null where nothing matched.</summary>
    public static NameAgreement Of(IReadOnlyList<(OfferProfile Query, string? Right)> queries, IReadOnlyList<MatchResult?> results)
    {
        ArgumentNullException.ThrowIfNull(queries);
        ArgumentNullException.ThrowIfNull(results);
        if (queries.Count != results.Count)
        {
            throw new ArgumentException($"{queries.Count} queries but {results.Count} results", nameof(results));
        }

        int right = 0, other = 0, alone = 0;
        for (var i = 0; i < queries.Count; i++)
        {
            if (results[i] is not { } match || !queries[i].Query.SameName(match.Member))
            {
                continue;
            }

            if (match.Master == queries[i].Right)
            {
                right++;
            }
            else
            {
                other++;
                alone += queries[i].Right is null ? 1 : 0;
            }
        }

        return new NameAgreement(right, other, alone);
    }
}
