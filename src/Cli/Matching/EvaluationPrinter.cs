using System.Globalization;
using Gogobe.Matching.Evaluation;

namespace Gogobe.Cli.Matching;

/// <summary>Prints an evaluation as tab-separated lines: counts, the threshold table, the confusions and the timings.</summary>
internal static class EvaluationPrinter
{
    public static void Print(TextWriter output, FeedCatalogue catalogue, TimeSpan reading, EvaluationReport report)
    {
        output.WriteLine($"files\t{catalogue.Files}\trows\t{catalogue.Rows}\tchains\t{catalogue.Chains}");
        output.WriteLine($"offers (chain, product)\t{report.Offers}\tproduct keys\t{report.Keys}");
        output.WriteLine($"barcodes sold by 2+ chains\t{report.SharedBarcodes}\ttraining\t{report.TrainBarcodes}\theld out\t{report.TestBarcodes}");
        output.WriteLine($"held-out barcodes one chain sells (no right match)\t{report.TestAlone}");
        output.WriteLine($"master products\t{(report.GroupedBarcodes == 0 ? "one barcode each" : $"{report.GroupedBarcodes} barcodes in masters of several (one chain's identical full name, size and maker)")}");
        output.WriteLine($"training pairs\t{report.PositivePairs} same product\t{report.NegativePairs} near neighbours");
        if (report.Reach is { } reach)
        {
            output.WriteLine($"held-out items whose master is among the candidates\t{reach.Found}\tforbidden by a guard rail\t{reach.Forbidden}\tnot proposed\t{reach.NotProposed}");
            output.WriteLine($"held-out items with a candidate of another master named the same\tsold by other chains too\t{reach.SharedTwins}\tsold by one chain\t{reach.AloneTwins}");
        }

        if (report.Names is { } names)
        {
            output.WriteLine($"held-out items matched to a member named the same\tright\t{names.Right}\tanother barcode\t{names.OtherBarcode} ({names.OtherBarcodeAlone} sold by one chain)\tprecision\t{Percent(names.Precision)}");
        }

        output.WriteLine($"pairs of one master in two chains\t{report.SamePairs}\tforbidden by a guard rail\t{string.Join("\t", report.ForbiddenSamePairs.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => $"{f.Key} {f.Value}"))}");
        output.WriteLine();
        output.WriteLine("threshold\tmatched\tcorrect\twrong\tprecision\trecall");
        foreach (var row in report.Thresholds)
        {
            var mark = row.Threshold == report.Chosen ? "\t<- chosen" : "";
            output.WriteLine($"{F(row.Threshold, "0.000")}\t{row.Matched}\t{row.Correct}\t{row.Matched - row.Correct}\t{Percent(row.Precision)}\t{Percent(row.Recall)}{mark}");
        }

        output.WriteLine();
        output.WriteLine(report.Chosen is null
            ? $"no threshold reaches the target precision with {MatchEvaluation.MinMatched}+ matches; confusions at {F(report.ConfusionsAt, "0.000")}\t{report.Confusions.Count}"
            : $"confusions at {F(report.ConfusionsAt, "0.000")}\t{report.Confusions.Count}");
        foreach (var c in report.Confusions.Take(25))
        {
            output.WriteLine($"  {F(c.Confidence, "0.000")}\t{c.QueryChain} '{c.QueryName}'\t-> {c.MatchedChain} '{c.MatchedName}' ({c.MatchedKey})\tright: {c.RightKey ?? "none"}");
        }

        output.WriteLine();
        output.WriteLine($"reading files\t{Ms(reading)}");
        output.WriteLine($"training\t{Ms(report.Training)}");
        output.WriteLine($"matching the whole catalogue\t{Ms(report.WholeCatalogue)}\t{report.CatalogueQueries} offers");
        output.WriteLine($"matching one new product\t{F(report.OneProduct.TotalMilliseconds, "0.00")} ms");
    }

    /// <summary>
    /// Every held-out item, tab-separated: how it ended (right, wrong master while the right one was a candidate,
    /// wrong without it, no match; "alone" for items no other chain sells), the confidence, then the item, its match and
    /// the best candidate of its right master (chain, name, maker, size, price, description), and that candidate's pair score;
    /// then each pair of one master in two chains that a guard rail forbids, with the rail's reason in the last column.
    /// </summary>
    public static void PrintDetails(TextWriter output, EvaluationReport report)
    {
        output.WriteLine("outcome\tconfidence\tquery chain\tquery name\tquery maker\tquery size\tquery price\tquery description\tmatched chain\tmatched name\tmatched maker\tmatched size\tmatched price\tmatched description\tright chain\tright name\tright maker\tright size\tright price\tright description\tright score");
        foreach (var d in report.Details)
        {
            var outcome = d.Match is null ? "none"
                : d.Right is null ? "alone"
                : d.Match.Master == d.Right ? "right"
                : d.RightCandidate is null ? "wrong, not proposed" : "wrong, lost";
            output.WriteLine($"{outcome}\t{F(d.Match?.Confidence ?? 0, "0.000")}\t{Describe(d.Query)}\t{Describe(d.Match?.Member)}\t{Describe(d.RightCandidate)}\t{F(d.RightScore, "0.000")}");
        }

        foreach (var (a, b, reason) in report.ForbiddenPairs)
        {
            output.WriteLine($"forbidden pair\t\t{Describe(a)}\t{Describe(b)}\t{Describe(null)}\t{Clean(reason)}");
        }
    }

    private static string Describe(Gogobe.Matching.Catalogue.OfferProfile? p) => p is null
        ? "\t\t\t\t\t"
        : string.Join('\t', p.Offer.ChainId, Clean(p.Offer.Name), Clean(p.Offer.Manufacturer), p.Size.ToString(), F((double)p.Offer.Price, "0.00"), Clean(p.Offer.Description));

    private static string Clean(string? text) => (text ?? "").Replace('\t', ' ').Replace('\n', ' ');

    private static string Percent(double value) => F(100 * value, "0.00") + "%";

    private static string Ms(TimeSpan elapsed) => F(elapsed.TotalMilliseconds, "0") + " ms";

    private static string F(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
}
